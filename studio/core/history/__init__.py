"""Job history: SQLite store, schema migrations, search."""

from studio.core.history.models import (
    DeletedJob,
    JobError,
    JobQuery,
    JobRecord,
    JobStatus,
    SpendRow,
    StoredImage,
)
from studio.core.history.store import HistoryStore

__all__ = [
    "DeletedJob",
    "HistoryStore",
    "JobError",
    "JobQuery",
    "JobRecord",
    "JobStatus",
    "SpendRow",
    "StoredImage",
]
