"""Image jobs running side by side, each on its own worker thread.

The worker calls the core's blocking ``run_job`` and decodes every image it
receives (partials and finals) into a :class:`QImage` right there, so the UI
thread only ever gets ready-to-paint pictures. Each job is a
:class:`~studio.jobs.op.ProgressOp` on the job pool: everything it learns reaches
the UI thread in order, where the :class:`Job` is updated and re-announced to
the widgets.
"""

from __future__ import annotations

import enum
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, assert_never

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from studio.core.cancel import CancelToken
from studio.core.errors import ErrorKind, StudioError, Text
from studio.core.history.models import JobRecord
from studio.core.providers import Provider
from studio.core.request import ImageRequest
from studio.jobs.decoding import decode, decode_partial
from studio.jobs.op import ProgressOp, job_pool

if TYPE_CHECKING:
    # what running a job needs loads with the first job (or the window's warm-up after
    # its first paint), not before the window can paint
    from studio.core.events import JobEvent, JobEventSink, JobOutcome, JobStarted, Retrying
    from studio.core.result import GeneratedImage
    from studio.core.validated import ValidatedRequest

log = logging.getLogger(__name__)

#: one frame at 60 Hz: partials of a job are announced at most this often
FRAME_MS = 16


class JobRunner(Protocol):
    """What the queue needs from the core (``studio.core.service.Studio``)."""

    def run_job(
        self,
        provider: Provider,
        request: ImageRequest | ValidatedRequest,
        *,
        cancel: CancelToken,
        on_event: JobEventSink,
        source: str = ...,
    ) -> JobOutcome: ...


class JobState(enum.StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass
class ResultImage:
    """One finished image: the bytes as received, the decoded picture, where it was saved."""

    image: GeneratedImage
    qimage: QImage
    position: int = 0
    path: str | None = None
    #: an SVG that passed the safety check: the clean copy the viewer draws as a vector
    vector: bytes | None = None
    #: an SVG refused by the safety check: why (``qimage`` is then a placeholder)
    refusal: Text | None = None


def result_for(image: GeneratedImage, position: int = 0, path: str | None = None) -> ResultImage:
    """The ready-to-paint form of a result (call on a worker thread)."""
    if image.format == "svg":
        from studio.jobs.pictures import prepare_svg

        drawing = prepare_svg(image.data)
        return ResultImage(
            image, drawing.raster, position, path, vector=drawing.clean, refusal=drawing.refusal
        )
    return ResultImage(image, decode(image.data), position, path)


@dataclass(eq=False)
class Job:
    number: int
    provider: Provider
    request: ImageRequest
    #: the request as the compose panel checked it (None: the core checks it)
    validated: ValidatedRequest | None = None
    token: CancelToken = field(default_factory=CancelToken)
    state: JobState = JobState.RUNNING
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    history_id: str | None = None
    images: list[ResultImage] = field(default_factory=list)
    partial: QImage | None = None
    #: the newest partial's number (from 0): "partial 2 of 3"
    partial_index: int = -1
    retrying: str | None = None
    retry_wait: float = 0.0
    error: StudioError | None = None
    usage: dict[str, object] | None = None
    #: partly failed jobs (n split over several requests) keep their images and these errors
    errors: list[StudioError] = field(default_factory=list)
    #: the job's history record once it has ended (its estimate and real cost)
    record: JobRecord | None = None

    @property
    def elapsed(self) -> float:
        end = self.finished if self.finished is not None else time.monotonic()
        return max(0.0, end - self.started)

    @property
    def running(self) -> bool:
        return self.state is JobState.RUNNING


@dataclass(frozen=True)
class _Done:
    """How a job's worker ended: the core's outcome (None when the core raised)
    and the error to show (the outcome's, or what was raised)."""

    outcome: JobOutcome | None
    error: StudioError | None


@dataclass(frozen=True)
class _Partial:
    """A partial image, decoded on the worker; ``index`` counts from 0."""

    image: QImage
    index: int = 0


if TYPE_CHECKING:
    #: what a job's worker reports on its way, in the order it happened
    _Update = JobStarted | Retrying | ResultImage | _Partial


class JobQueue(QObject):
    """Runs image jobs in workers; every signal arrives on the UI thread."""

    job_added = Signal(Job)
    job_changed = Signal(Job)  # state, partial, retry note, new image
    image_arrived = Signal(Job, ResultImage)
    job_finished = Signal(Job)

    def __init__(self, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._numbers = itertools.count(1)
        self._jobs: list[Job] = []
        #: jobs whose newest partial waits for the next frame to be announced
        self._partial_due: set[Job] = set()

    @property
    def jobs(self) -> list[Job]:
        return list(self._jobs)

    def running(self) -> list[Job]:
        return [j for j in self._jobs if j.running]

    def submit(self, provider: Provider, request: ImageRequest | ValidatedRequest) -> Job:
        """Run ``request``; one the compose panel validated is not validated again."""
        from studio.core.validated import ValidatedRequest

        if isinstance(request, ValidatedRequest):
            job = Job(next(self._numbers), provider, request.request, validated=request)
        else:
            job = Job(next(self._numbers), provider, request)
        self._jobs.append(job)
        self.job_added.emit(job)
        op: ProgressOp[_Done, _Update] = ProgressOp(
            self,
            lambda report: self._work(job, report),
            lambda done: self._on_done(job, done),
            lambda update: self._on_update(job, update),
            pool=job_pool(),
        )
        op.run()
        return job

    def retry(self, job: Job) -> Job:
        """Run the same request again as a new job."""
        return self.submit(job.provider, job.validated or job.request)

    def cancel(self, job: Job) -> None:
        job.token.cancel()

    def cancel_all(self) -> None:
        for job in self.running():
            job.token.cancel()

    # --- worker thread -------------------------------------------------
    def _work(self, job: Job, report: Callable[[_Update], None]) -> _Done:
        from studio.core.events import ImageArrived, JobStarted, PartialImage, Retrying

        delivered: set[int] = set()

        def on_event(event: JobEvent) -> None:
            match event:
                case ImageArrived(image=image, position=pos):
                    delivered.add(pos)
                    report(result_for(image, pos))
                case PartialImage(data=data, index=index):
                    report(_Partial(decode_partial(data), index))
                case Retrying() | JobStarted():
                    report(event)
                case _:
                    assert_never(event)

        outcome: JobOutcome | None = None
        error: StudioError | None = None
        try:
            outcome = self._runner.run_job(
                job.provider,
                job.validated or job.request,
                cancel=job.token,
                on_event=on_event,
                source="gui",
            )
            error = outcome.error
            if outcome.result is not None:
                for pos, img in enumerate(outcome.result.images):
                    if pos not in delivered:
                        report(result_for(img, pos))
        except StudioError as exc:
            error = exc
        except Exception as exc:  # a bug in the core must not kill the worker silently
            log.exception("job %s crashed", job.number)
            error = StudioError(ErrorKind.NETWORK, f"Unexpected error: {exc}")
        return _Done(outcome, error)

    # --- UI thread -------------------------------------------------------
    def _on_update(self, job: Job, update: _Update) -> None:
        from studio.core.events import JobStarted, Retrying

        match update:
            case JobStarted():
                self._on_started(job, update)
            case _Partial(image=image, index=index):
                self._on_partial(job, image, index)
            case ResultImage():
                self._on_image(job, update)
            case Retrying():
                self._on_retrying(job, update)
            case _:
                assert_never(update)

    def _on_started(self, job: Job, event: JobStarted) -> None:
        job.history_id = str(event.job_id)
        self.job_changed.emit(job)

    def _on_partial(self, job: Job, image: QImage, index: int = 0) -> None:
        """Keep the newest partial; announce at most one per job per frame (partials can
        come faster than a screen shows them, and each announcement repaints)."""
        job.partial = image
        job.partial_index = index
        job.retrying = None
        if job in self._partial_due:
            return  # the frame's announcement will show this newer one
        self._partial_due.add(job)
        self.job_changed.emit(job)
        QTimer.singleShot(FRAME_MS, self, lambda: self._partial_frame_over(job, index))

    def _partial_frame_over(self, job: Job, announced: int) -> None:
        if job.running and not job.images and job.partial_index != announced:
            shown = job.partial_index  # a newer partial came within the frame
            self.job_changed.emit(job)
            QTimer.singleShot(FRAME_MS, self, lambda: self._partial_frame_over(job, shown))
            return
        self._partial_due.discard(job)

    def _on_image(self, job: Job, result: ResultImage) -> None:
        job.images.append(result)
        job.images.sort(key=lambda r: r.position)
        job.retrying = None
        self.image_arrived.emit(job, result)
        self.job_changed.emit(job)

    def _on_retrying(self, job: Job, event: Retrying) -> None:
        job.retrying = event.reason
        job.retry_wait = event.wait
        self.job_changed.emit(job)

    def _on_done(self, job: Job, done: _Done) -> None:
        outcome, error = done.outcome, done.error
        job.finished = time.monotonic()
        if outcome is not None:
            if outcome.job_id is not None:
                job.history_id = str(outcome.job_id)
            job.record = outcome.record
            if outcome.result is not None:
                job.usage = outcome.result.usage
                job.errors = list(outcome.result.errors)
            for img, path in zip(job.images, outcome.image_paths, strict=False):
                img.path = path
        job.error = error
        if error is not None and error.kind is ErrorKind.CANCELLED:
            job.state = JobState.CANCELLED
        elif error is not None and not job.images:
            job.state = JobState.FAILED
        elif job.token.cancelled and not job.images:
            job.state = JobState.CANCELLED
        else:
            job.state = JobState.DONE
        self.job_changed.emit(job)
        self.job_finished.emit(job)
