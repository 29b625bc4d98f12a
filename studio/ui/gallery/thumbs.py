"""Thumbnails for the gallery, made off the UI thread and kept in a small memory cache.

Workers (``QRunnable`` on a private ``QThreadPool``) call
:func:`studio.core.thumbnails.thumbnail_for` (which caches on disk) and decode
the result into a ``QImage``; the UI thread turns it into a ``QPixmap`` (which
may only be made there) and keeps the most recently used ones.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

from studio.core.thumbnails import thumbnail_for

log = logging.getLogger(__name__)

THUMB_SIZE = 160  # logical pixels; rendered at 2x
MEMORY_ITEMS = 600


class _Relay(QObject):
    """Lives on the UI thread; a worker's emit is queued to it."""

    done = Signal(str, QImage)
    failed = Signal(str)


class _ThumbJob(QRunnable):
    def __init__(self, path: str, thumbs_dir: Path, size: int, relay: _Relay) -> None:
        super().__init__()
        self._path = path
        self._thumbs_dir = thumbs_dir
        self._size = size
        self._relay = relay

    def run(self) -> None:
        try:
            thumb = thumbnail_for(Path(self._path), self._thumbs_dir, self._size)
            image = QImage(str(thumb))
            if image.isNull():
                raise ValueError(f"unreadable thumbnail {thumb}")
        except Exception as exc:  # a missing or broken file must not kill the worker
            log.info("no thumbnail for %s: %s", self._path, exc)
            self._relay.failed.emit(self._path)
            return
        self._relay.done.emit(self._path, image)


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
        self._pending: set[str] = set()
        self._broken: set[str] = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)  # decoding is CPU-bound; leave the UI a core
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._stopped = False

    def pixmap(self, path: str) -> QPixmap | None:
        """The cached thumbnail, or None (and a request to make it) when not ready yet."""
        pix = self._cache.get(path)
        if pix is not None:
            self._cache.move_to_end(path)
            return pix
        if path not in self._pending and path not in self._broken and not self._stopped:
            self._pending.add(path)
            self._pool.start(_ThumbJob(path, self.thumbs_dir, self.size, self._relay))
        return None

    def is_broken(self, path: str) -> bool:
        return path in self._broken

    def forget(self, path: str) -> None:
        self._cache.pop(path, None)
        self._broken.discard(path)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued thumbnails are made (tests, benchmarks, shutdown)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Drop queued work and wait for the running jobs, so none reports to a dead view."""
        self._stopped = True
        self._pool.clear()
        self._pool.waitForDone()

    @Slot(str, QImage)
    def _on_done(self, path: str, image: QImage) -> None:
        self._pending.discard(path)
        if self._stopped:
            return
        pix = QPixmap.fromImage(image)
        self._cache[path] = pix
        while len(self._cache) > MEMORY_ITEMS:
            self._cache.popitem(last=False)
        self.ready.emit(path)

    @Slot(str)
    def _on_failed(self, path: str) -> None:
        self._pending.discard(path)
        self._broken.add(path)
        if not self._stopped:
            self.unavailable.emit(path)
