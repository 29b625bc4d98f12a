"""Job history: SQLite store, schema migrations, search.

The listing filters (``JobQuery``), spend rows and the undo token of a delete are
loaded when first asked for: running a job needs none of them.
"""

from typing import TYPE_CHECKING, Any

from studio.core.history.models import JobError, JobRecord, JobStatus, StoredImage
from studio.core.history.store import HistoryStore

if TYPE_CHECKING:
    from studio.core.history.queries import JobQuery, SpendRow
    from studio.core.history.undo import DeletedJob

_LATER = {
    "JobQuery": "studio.core.history.queries",
    "SpendRow": "studio.core.history.queries",
    "DeletedJob": "studio.core.history.undo",
}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(_LATER[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
