"""One idiom for every call that must not run on the UI thread.

In the style of Anki's ``QueryOp``::

    BackgroundOp(parent, lambda: studio.list_models(provider), on_models).failure(on_error).run()

``op`` runs on a worker of :func:`worker_pool` (or the pool given); ``success`` /
``failure`` are called back on the UI thread (a queued signal), and only while
``parent`` is still alive, so a closed dialog never receives a late answer.
:class:`ProgressOp` also carries what the work reports on its way (a job's partial
images, thumbnails made one by one), and :class:`SerialOps` runs ops one after
another for a view that must see its answers in order. No other way of handing
work to a thread is used by the UI.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
P = TypeVar("P")

_pool: QThreadPool | None = None
_job_pool: QThreadPool | None = None
_pool_lock = threading.Lock()
#: ops in flight, so their relay objects are not collected before they report
_active: set[BackgroundOp[object]] = set()
#: the UI-thread parent of every relay (see :class:`_Relay`)
_relay_host: QObject | None = None


def worker_pool() -> QThreadPool:
    """The pool all background work of the GUI runs on (network-bound, so roomy)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = QThreadPool()
            _pool.setMaxThreadCount(max(8, QThreadPool.globalInstance().maxThreadCount()))
        return _pool


def job_pool() -> QThreadPool:
    """The pool image jobs run on: separate, so minutes-long generations never hold up
    the short calls (loading an input, saving settings) queued on :func:`worker_pool`."""
    global _job_pool
    with _pool_lock:
        if _job_pool is None:
            _job_pool = QThreadPool()
            _job_pool.setMaxThreadCount(32)
        return _job_pool


def wait_for_workers(msecs: int = 30_000) -> bool:
    """Block until every worker is done (shutdown and tests only)."""
    jobs_done = job_pool().waitForDone(msecs)
    return worker_pool().waitForDone(msecs) and jobs_done


class _Relay(QObject):
    """Lives on the UI thread; its signals carry the worker's answer back there.

    Its slots are its own methods, and it is a child of one long-lived UI-thread object
    until it has delivered, then deleted with ``deleteLater``. So no Qt object or
    connection of an op is ever destroyed on a worker thread, whichever thread drops the
    op's last Python reference. That matters: PySide disconnects a Python callable's
    connection when the callable's owner dies, under Qt's connection lock, and then waits
    for the GIL; the UI thread connecting a new op holds the GIL and waits for that lock.
    A batch of a few hundred members hung the window that way.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(self, op: BackgroundOp[Any]) -> None:
        global _relay_host
        if _relay_host is None:
            _relay_host = QObject()
        super().__init__(_relay_host)
        self._op: BackgroundOp[Any] | None = op
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)
        self.progressed.connect(self._deliver_progress)

    def _retire(self) -> BackgroundOp[Any] | None:
        op, self._op = self._op, None
        self.deleteLater()
        return op

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        op = self._retire()
        if op is not None:
            op._on_success(result)

    @Slot(object)
    def _deliver_failure(self, exc: object) -> None:
        op = self._retire()
        if op is not None:
            op._on_failure(exc)  # type: ignore[arg-type]

    @Slot(object)
    def _deliver_progress(self, item: object) -> None:
        if self._op is not None:
            self._op._on_progress_item(item)


class BackgroundOp(Generic[T]):
    def __init__(
        self,
        parent: QObject | None,
        op: Callable[[], T],
        success: Callable[[T], None],
        *,
        pool: QThreadPool | None = None,
    ):
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._pool = pool
        self._relay = _Relay(self)

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        self._failure = callback
        return self

    def run(self) -> BackgroundOp[T]:
        _active.add(self)  # type: ignore[arg-type]
        (self._pool or worker_pool()).start(self._work)
        return self

    # worker thread
    def _work(self) -> None:
        try:
            try:
                result = self._op()
            except BaseException as exc:
                self._relay.failed.emit(exc)
            else:
                self._relay.succeeded.emit(result)
        except RuntimeError:  # the app is shutting down and the relay is gone
            log.debug("background result dropped at shutdown")

    # UI thread
    def _on_progress_item(self, item: object) -> None:
        """Only a :class:`ProgressOp` reports progress."""

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _on_success(self, result: T) -> None:
        _active.discard(self)
        if self._parent_alive():
            self._success(result)

    def _on_failure(self, exc: BaseException) -> None:
        _active.discard(self)
        if not self._parent_alive():
            return
        if self._failure is not None:
            self._failure(exc)
        else:
            log.error("background operation failed", exc_info=exc)


class ProgressOp(BackgroundOp[T], Generic[T, P]):
    """A :class:`BackgroundOp` whose work reports as it goes: ``op(report)`` calls
    ``report(item)`` on the worker, ``on_progress(item)`` runs on the UI thread, every
    item in order and before ``success``."""

    def __init__(
        self,
        parent: QObject | None,
        op: Callable[[Callable[[P], None]], T],
        success: Callable[[T], None],
        on_progress: Callable[[P], None],
        *,
        pool: QThreadPool | None = None,
    ):
        super().__init__(parent, lambda: op(self._report), success, pool=pool)
        self._on_progress = on_progress

    # worker thread
    def _report(self, item: P) -> None:
        try:
            self._relay.progressed.emit(item)
        except RuntimeError:  # the app is shutting down and the relay is gone
            log.debug("background progress dropped at shutdown")

    # UI thread
    def _on_progress_item(self, item: object) -> None:
        if self._parent_alive():
            self._on_progress(item)  # type: ignore[arg-type]


class SerialOps(QObject):
    """Background ops that must not overtake each other, for one owner (a view).

    Each op runs on a worker only after the one before it has been applied on the
    UI thread, so a view that reads and writes the same rows (the gallery) sees
    every answer in the order it asked. :attr:`idle` fires when nothing is left.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: deque[Callable[[], None]] = deque()
        self._running = False
        self._stopped = False
        self._work_done = threading.Event()
        self._work_done.set()

    def submit(
        self,
        work: Callable[[], T],
        apply: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Queue ``work`` (worker thread) and then ``apply`` its answer (UI thread)."""
        self.submit_lazy(lambda: work, apply, failed)

    def submit_lazy(
        self,
        make_work: Callable[[], Callable[[], T]],
        apply: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Like :meth:`submit`, with the work made (on the UI thread) only when its turn
        comes, so it can read state that the answers before it changed."""
        if self._stopped:
            return

        def start() -> None:
            work = make_work()

            def worker() -> T:
                try:
                    return work()
                finally:
                    self._work_done.set()

            self._work_done.clear()
            BackgroundOp(self, worker, ok).failure(bad).run()

        def ok(result: T) -> None:
            try:
                apply(result)
            finally:
                self._finished()

        def bad(exc: BaseException) -> None:
            try:
                if failed is not None:
                    failed(exc)
                else:
                    log.error("background operation failed", exc_info=exc)
            finally:
                self._finished()

        self._waiting.append(start)
        self._pump()

    def busy(self) -> bool:
        return self._running or bool(self._waiting)

    def stop(self, msecs: int = 10_000) -> bool:
        """Drop what has not started and wait for the op running now (shutdown)."""
        self._stopped = True
        self._waiting.clear()
        return self._work_done.wait(msecs / 1000)

    def _pump(self) -> None:
        if self._running:
            return
        if not self._waiting or self._stopped:
            self.idle.emit()
            return
        self._running = True
        self._waiting.popleft()()

    def _finished(self) -> None:
        self._running = False
        self._pump()
