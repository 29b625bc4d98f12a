"""Small previews of big pictures, cheap enough for the UI thread.

A smooth scale reads every source pixel: for a 1536x1024 result that is
several milliseconds per call on the UI thread, paid again on each update. A
nearest-pixel reduction to four times the target first touches only the pixels
it keeps, and the smooth pass over that small copy looks the same at preview
size.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

OVERSAMPLE = 4


def preview_pixmap(image: QImage, width: int, height: int) -> QPixmap:
    """``image`` scaled to fit ``width`` x ``height`` (aspect kept), smoothly."""
    keep = Qt.AspectRatioMode.KeepAspectRatio
    if image.width() > width * OVERSAMPLE or image.height() > height * OVERSAMPLE:
        image = image.scaled(
            width * OVERSAMPLE, height * OVERSAMPLE, keep, Qt.TransformationMode.FastTransformation
        )
    small = image.scaled(width, height, keep, Qt.TransformationMode.SmoothTransformation)
    return QPixmap.fromImage(small)
