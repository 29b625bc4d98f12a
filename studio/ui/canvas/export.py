"""Mask export off the UI thread: a BackgroundOp that encodes (and optionally writes) the PNG.

The UI thread hands over shallow ``QImage`` copies (implicitly shared, so any
later stroke detaches the canvas's copy and never races the worker); the worker
reads their bytes and calls the Qt-free :func:`studio.core.masks.mask_png_from_alpha`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage

from studio.core import masks
from studio.core.atomic import write_bytes_atomic
from studio.jobs.op import BackgroundOp


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


def encode_and_save(
    source: QImage, mask: QImage, save_to: Path | None, compress_level: int
) -> bytes:
    """The worker's part of an export: encode, and write ``save_to`` when given."""
    data = encode_mask_png(source, mask, compress_level)
    if save_to is not None:
        write_bytes_atomic(save_to, data, public=True)  # a file for the user: usual mode
    return data


def export_in_background(
    owner: QObject,
    source: QImage,
    mask: QImage,
    on_done: Callable[[bytes], None],
    on_error: Callable[[str], None] | None,
    *,
    save_to: Path | None = None,
    compress_level: int = 1,
) -> None:
    """Encode (and write) on a worker; the callbacks run on the UI thread while ``owner``
    lives. Errors reach ``on_error`` as "Kind: message", never lost in a worker."""

    def failed(exc: BaseException) -> None:
        if on_error is not None:
            on_error(f"{type(exc).__name__}: {exc}")

    BackgroundOp(
        owner, lambda: encode_and_save(source, mask, save_to, compress_level), on_done
    ).failure(failed).run()
