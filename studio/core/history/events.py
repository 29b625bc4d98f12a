"""What the history store announces after it changed: one typed notification.

In the style of Anki's ``CollectionOp``: whoever writes (a job's worker, the
gallery's delete, the command line in this process) goes through the store,
and the store tells its listeners which jobs changed, so no caller has to tell
the views by hand. Listeners run on the thread that wrote; a GUI bridges them
onto its UI thread (``studio.jobs.history_signals``). Writes by another process
are not announced here (the gallery polls ``data_version`` for those).
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)


class ChangeKind(enum.StrEnum):
    ADDED = "added"  # new jobs (or deleted ones restored)
    CHANGED = "changed"  # images arrived, a job finished or failed, a favourite flipped
    REMOVED = "removed"


@dataclass(frozen=True)
class HistoryChanged:
    """Which jobs of the history changed, and how (sent to the history's listeners)."""

    job_ids: frozenset[int]
    kind: ChangeKind

    @classmethod
    def of(cls, kind: ChangeKind, job_ids: Iterable[int]) -> HistoryChanged:
        return cls(frozenset(job_ids), kind)


HistoryListener = Callable[[HistoryChanged], None]


class HistoryListeners:
    """A small, thread-safe registry; a failing listener never fails the write."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[HistoryListener] = []

    def add(self, listener: HistoryListener) -> Callable[[], None]:
        """Listen from now on; call the returned function to stop."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def emit(self, kind: ChangeKind, job_ids: Iterable[int]) -> None:
        change = HistoryChanged.of(kind, job_ids)
        if not change.job_ids:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:
                log.exception("history listener failed")
