"""Thumbnails for the gallery, made off the UI thread and kept in a small memory cache.

Workers (a :class:`~studio.jobs.op.ProgressOp` each, on a private two-thread
pool) call :func:`studio.core.thumbnails.thumbnail_for` (which caches on disk)
and decode the result into a ``QImage``; the UI thread turns it into a ``QPixmap``
(which may only be made there) and keeps the most recently used ones.

A few seconds after the first loader of a session is made, the disk cache is
pruned to :data:`~studio.core.thumbnails.DEFAULT_CACHE_BYTES` on a background
worker (once per cache folder and session).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

from studio.core.thumbnails import DEFAULT_CACHE_BYTES, PruneReport, prune_cache, thumbnail_for
from studio.jobs.op import BackgroundOp, ProgressOp
from studio.jobs.pictures import svg_thumbnail

log = logging.getLogger(__name__)

THUMB_SIZE = 160  # logical pixels; rendered at 2x
QUEUE_LIMIT = 96  # requests beyond this (tiles long scrolled past) are dropped
#: thumbnail workers at most; decoding is CPU-bound, so they leave the UI thread a core
#: (one worker on a two-core machine: with two, the UI thread waited for a core and the
#: longest stall per screen while scrolling was 15-16 ms instead of 8-9 ms)
WORKERS = 2


def worker_count() -> int:
    return max(1, min(WORKERS, QThread.idealThreadCount() - 1))


MEMORY_ITEMS = 240  # a screenful several times over; ~400 KB each at 320 px
#: the first screenful of thumbnails is made before the prune's scan competes for the disk
PRUNE_DELAY_MS = 2000

_pruned_dirs: set[Path] = set()  # UI thread only


@dataclass(frozen=True)
class _Made:
    """One queued path's thumbnail, or None when it could not be made."""

    path: str
    image: QImage | None


class _Queue:
    """Paths waiting for a thumbnail, newest first; the oldest fall off when it is full.

    While the user scrolls, tiles fly past faster than thumbnails can be made;
    the ones scrolled away are dropped (and asked for again if they come back
    into view) instead of piling up work and memory.
    """

    def __init__(self, limit: int) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[str, None] = OrderedDict()
        self.limit = limit

    def push(self, path: str) -> list[str]:
        """Queue ``path``; returns the paths dropped to make room."""
        with self._lock:
            self._items[path] = None
            self._items.move_to_end(path)
            dropped = []
            while len(self._items) > self.limit:
                dropped.append(self._items.popitem(last=False)[0])
            return dropped

    def pop(self) -> str | None:
        with self._lock:
            return self._items.popitem(last=True)[0] if self._items else None

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _drain(queue: _Queue, thumbs_dir: Path, size: int, report: Callable[[_Made], None]) -> None:
    """Make thumbnails for queued paths, newest first, until the queue is empty (worker)."""
    while (path := queue.pop()) is not None:
        try:
            render = svg_thumbnail if path.lower().endswith(".svg") else None
            thumb = thumbnail_for(Path(path), thumbs_dir, size, render)
            image = QImage(str(thumb))
            if image.isNull():
                raise ValueError(f"unreadable thumbnail {thumb}")
        except Exception as exc:  # a missing or broken file must not stop the worker
            log.info("no thumbnail for %s: %s", path, exc)
            report(_Made(path, None))
            continue
        report(_Made(path, image))


class ThumbnailLoader(QObject):
    """Ask with :meth:`pixmap`; when it was not ready, :attr:`ready` fires for that path later."""

    ready = Signal(str)
    unavailable = Signal(str)

    def __init__(
        self, thumbs_dir: Path, size: int = THUMB_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.thumbs_dir = thumbs_dir
        self.size = size
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        #: which making of a path's thumbnail is cached (drawn tiles are keyed by it)
        self._versions: dict[str, int] = {}
        self._made = 0
        self._pending: set[str] = set()
        self._broken: set[str] = set()
        self._queue = _Queue(QUEUE_LIMIT)
        self._workers = 0  # started and not yet reported idle
        self._pool = QThreadPool(self)
        self._max_workers = worker_count()
        self._pool.setMaxThreadCount(self._max_workers)
        self._stopped = False
        QTimer.singleShot(PRUNE_DELAY_MS, self, self._prune_disk_cache)

    def pixmap(self, path: str) -> QPixmap | None:
        """The cached thumbnail, or None (and a request to make it) when not ready yet."""
        pix = self._cache.get(path)
        if pix is not None:
            self._cache.move_to_end(path)
            return pix
        if path not in self._pending and path not in self._broken and not self._stopped:
            self._pending.add(path)
            for dropped in self._queue.push(path):
                self._pending.discard(dropped)
            if self._workers < self._max_workers:
                self._start_worker()
        return None

    def _start_worker(self) -> None:
        self._workers += 1
        queue, folder, size = self._queue, self.thumbs_dir, self.size
        ProgressOp[None, _Made](
            self,
            lambda report: _drain(queue, folder, size, report),
            lambda _none: self._on_idle(),
            self._on_made,
            pool=self._pool,
        ).failure(self._worker_failed).run()

    def _worker_failed(self, exc: BaseException) -> None:
        log.error("thumbnail worker failed", exc_info=exc)
        self._on_idle()

    def has(self, path: str) -> bool:
        """``path``'s thumbnail is made and kept (asking does not queue it)."""
        return path in self._cache

    def version(self, path: str) -> int:
        """Changes whenever ``path``'s cached thumbnail does (0: none cached)."""
        return self._versions.get(path, 0)

    def is_broken(self, path: str) -> bool:
        return path in self._broken

    def forget(self, path: str) -> None:
        self._cache.pop(path, None)
        self._versions.pop(path, None)
        self._broken.discard(path)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued thumbnails are made (tests, benchmarks, shutdown)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Drop queued work and wait for the running jobs, so none reports to a dead view."""
        self._stopped = True
        self._queue.clear()
        self._pool.waitForDone()

    @Slot()
    def _prune_disk_cache(self) -> None:
        """Cap the disk cache, once per folder and session, never on the UI thread."""
        folder = self.thumbs_dir
        if self._stopped or folder in _pruned_dirs:
            return
        _pruned_dirs.add(folder)
        BackgroundOp(self, lambda: prune_cache(folder, DEFAULT_CACHE_BYTES), _log_prune).failure(
            lambda exc: log.warning("thumbnail cache prune failed: %s", exc)
        ).run()

    def _on_made(self, made: _Made) -> None:
        if made.image is None:
            self._on_failed(made.path)
        else:
            self._on_done(made.path, made.image)

    def _on_done(self, path: str, image: QImage) -> None:
        self._pending.discard(path)
        if self._stopped:
            return
        pix = QPixmap.fromImage(image)
        self._cache[path] = pix
        self._made += 1
        self._versions[path] = self._made
        while len(self._cache) > MEMORY_ITEMS:
            self._versions.pop(self._cache.popitem(last=False)[0], None)
        self.ready.emit(path)

    def _on_idle(self) -> None:
        self._workers -= 1
        # a path queued after the worker saw an empty queue but before it said so
        if not self._stopped and self._workers == 0 and self._pending:
            self._start_worker()

    def _on_failed(self, path: str) -> None:
        self._pending.discard(path)
        self._broken.add(path)
        if not self._stopped:
            self.unavailable.emit(path)


def _log_prune(report: PruneReport) -> None:
    if report.files_removed:
        log.info(
            "thumbnail cache pruned: %d files (%d bytes) removed, %d bytes kept",
            report.files_removed,
            report.bytes_removed,
            report.bytes_kept,
        )
