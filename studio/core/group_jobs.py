"""How many jobs the members of comparisons and batches this process sent are: in
flight, finished, failed (Qt-free; counted from the runners' threads).

A member counts once it is handed to the job path; a refused member (nothing sent) or
one a cap or a cancel skipped is no job and is not counted. A listener (a window's
status bar) is told of a change at most once until it reads the counts again, so a
thousand members finishing are not a thousand hand-overs to the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class GroupJobCounts:
    running: int = 0
    finished: int = 0
    failed: int = 0


class GroupJobs:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._finished = 0
        self._failed = 0
        self._pending = False
        #: called (on any thread) when the counts changed since they were last read
        self.listener: Callable[[], None] | None = None

    def started(self) -> None:
        with self._lock:
            self._running += 1
        self._changed()

    def ended(self, *, succeeded: bool) -> None:
        with self._lock:
            self._running = max(0, self._running - 1)
            if succeeded:
                self._finished += 1
            else:
                self._failed += 1
        self._changed()

    def counts(self) -> GroupJobCounts:
        """The counts now (a listener is told of the next change again)."""
        with self._lock:
            self._pending = False
            return GroupJobCounts(self._running, self._finished, self._failed)

    def _changed(self) -> None:
        with self._lock:
            if self._pending:
                return
            self._pending = True
            listener = self.listener
        if listener is not None:
            listener()
