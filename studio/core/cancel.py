"""Cancelling a request in flight from another thread.

Setting a flag is not enough: a worker blocked in ``recv()`` waiting 90 s for a
generation never looks at it. So the client registers a closer (it shuts the
socket down) and :meth:`CancelToken.cancel` calls every closer, which wakes the
blocked read at once.
"""

from __future__ import annotations

import contextlib
import threading
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


class Deadline:
    """A job's overall time limit: when it passes, ``token`` is cancelled (its
    sockets shut down) and :meth:`explain` turns the resulting cancellation into
    a clear deadline error. Use as a context manager around the job."""

    def __init__(self, token: CancelToken, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._token = token
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def _expire(self) -> None:
        self.expired = True
        self._token.cancel()

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

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
