"""Cancelling a request in flight from another thread.

Setting a flag is not enough: a worker blocked in ``recv()`` waiting 90 s for a
generation never looks at it. So the client registers a closer (it shuts the
socket down) and :meth:`CancelToken.cancel` calls every closer, which wakes the
blocked read at once.
"""

from __future__ import annotations

import contextlib
import heapq
import threading
import time
from collections.abc import Callable

from studio.core.errors import ErrorKind, StudioError


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._closers: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            closers = list(self._closers)
        for close in closers:
            with contextlib.suppress(Exception):
                close()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise StudioError.cancelled()

    def add_closer(self, close: Callable[[], None]) -> Callable[[], None]:
        """Register ``close``; if already cancelled it runs at once. Returns a remover."""
        with self._lock:
            run_now = self._event.is_set()
            if not run_now:
                self._closers.append(close)
        if run_now:
            with contextlib.suppress(Exception):
                close()

        def remove() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._closers.remove(close)

        return remove

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds; True if cancelled meanwhile."""
        return self._event.wait(timeout)


class _Watch:
    """One daemon thread for every deadline of the process: a job starts no thread of its
    own (on a busy machine a new thread can take milliseconds to be scheduled)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._count = 0
        self._thread: threading.Thread | None = None

    def add(self, deadline: Deadline, at: float) -> None:
        with self._cond:
            self._count += 1
            heapq.heappush(self._heap, (at, self._count, deadline))
            if self._thread is None or not self._thread.is_alive():  # first, or forked
                self._thread = threading.Thread(target=self._run, name="deadlines", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is deadline:
                self._cond.notify()  # sooner than what the thread waits for

    def remove(self, deadline: Deadline) -> None:
        """Forget a deadline whose job ended (only the few running jobs are kept)."""
        with self._cond:
            kept = [entry for entry in self._heap if entry[2] is not deadline]
            if len(kept) != len(self._heap):
                heapq.heapify(kept)
                self._heap = kept

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap:
                    self._cond.wait()
                at, _, deadline = self._heap[0]
                wait = at - time.monotonic()
                if wait > 0:
                    # a deadline years away would overflow the timer and end this thread
                    self._cond.wait(min(wait, 3600.0))
                    continue
                heapq.heappop(self._heap)
            deadline.expire()


_watch = _Watch()


class Deadline:
    """A job's overall time limit: when it passes, ``token`` is cancelled (its
    sockets shut down) and :meth:`explain` turns the resulting cancellation into
    a clear deadline error. Use as a context manager around the job."""

    def __init__(self, token: CancelToken, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        #: the job left the block (a deadline passing afterwards does nothing)
        self.done = False
        self._token = token
        self._lock = threading.Lock()

    def expire(self) -> None:
        with self._lock:
            if self.done:
                return
            self.expired = True
        self._token.cancel()

    def __enter__(self) -> Deadline:
        _watch.add(self, time.monotonic() + self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.done = True
        _watch.remove(self)

    def explain(self, err: StudioError) -> StudioError:
        if not self.expired or err.kind is not ErrorKind.CANCELLED:
            return err
        return StudioError.of(
            ErrorKind.NETWORK,
            "The job did not finish within its deadline of {seconds} s and was stopped. "
            "The provider may still be working on it (and charge for it); the deadline is "
            "in the network settings.",
            code="job_deadline",
            seconds=round(self.seconds),
        )
