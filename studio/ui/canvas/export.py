"""Mask export off the UI thread: a QRunnable that encodes (and optionally writes) the PNG.

The UI thread hands over shallow ``QImage`` copies (implicitly shared, so any
later stroke detaches the canvas's copy and never races the worker); the worker
reads their bytes and calls the Qt-free :func:`studio.core.masks.mask_png_from_alpha`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, Signal, Slot
from PySide6.QtGui import QImage

from studio.core import masks
from studio.core.atomic import write_bytes_atomic


def encode_mask_png(source: QImage, mask: QImage, compress_level: int = 1) -> bytes:
    """Encode the API mask file from the source image and an Alpha8 mask (any thread)."""
    fmt = source.format()
    if fmt == QImage.Format.Format_RGB32 and sys.byteorder == "little":
        mode = "BGRA"  # 0xffRRGGBB words: bytes B, G, R, 0xff (no conversion needed)
    else:
        mode = "RGBA"
        if fmt != QImage.Format.Format_RGBA8888:
            source = source.convertToFormat(QImage.Format.Format_RGBA8888)
    # views, not copies: both QImages stay alive (and unchanged: shared copies) meanwhile
    return masks.mask_png_from_alpha(
        memoryview(source.constBits()),
        memoryview(mask.constBits()),
        source.width(),
        source.height(),
        source_stride=source.bytesPerLine(),
        mask_stride=mask.bytesPerLine(),
        compress_level=compress_level,
        source_mode=mode,
    )


class _Relay(QObject):
    """Lives on the UI thread; the worker's signals reach the callbacks through it."""

    done = Signal(bytes)
    failed = Signal(str)

    def __init__(
        self,
        on_done: Callable[[bytes], None],
        on_error: Callable[[str], None] | None,
        on_finished: Callable[[_Relay], None],
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._on_finished = on_finished
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._fail, Qt.ConnectionType.QueuedConnection)

    @Slot(bytes)
    def _deliver(self, data: bytes) -> None:
        try:
            self._on_done(data)
        finally:
            self._on_finished(self)

    @Slot(str)
    def _fail(self, message: str) -> None:
        try:
            if self._on_error is not None:
                self._on_error(message)
        finally:
            self._on_finished(self)


class ExportJob(QRunnable):
    def __init__(
        self,
        source: QImage,
        mask: QImage,
        relay: _Relay,
        save_to: Path | None,
        compress_level: int,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._source = source
        self._mask = mask
        self._relay = relay
        self._save_to = save_to
        self._level = compress_level

    def run(self) -> None:
        try:
            data = encode_mask_png(self._source, self._mask, self._level)
            if self._save_to is not None:
                write_bytes_atomic(self._save_to, data)
        except Exception as exc:  # reported to the UI, never lost in a worker
            self._relay.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self._relay.done.emit(data)
        finally:
            self._source = QImage()
            self._mask = QImage()


def make_relay(
    on_done: Callable[[bytes], None],
    on_error: Callable[[str], None] | None,
    on_finished: Callable[[_Relay], None],
) -> _Relay:
    return _Relay(on_done, on_error, on_finished)
