"""The bridge between the Qt-free core and the widgets: work runs on worker
threads, answers come back to the UI thread by signals."""

from studio.jobs.op import BackgroundOp, job_pool, wait_for_workers, worker_pool
from studio.jobs.queue import Job, JobQueue, JobState, ResultImage

__all__ = [
    "BackgroundOp",
    "Job",
    "JobQueue",
    "JobState",
    "ResultImage",
    "job_pool",
    "wait_for_workers",
    "worker_pool",
]
