"""Small previews of big pictures, cheap enough for the UI thread.

A smooth scale reads every source pixel: for a 1536x1024 result that is
several milliseconds per call on the UI thread, paid again on each update. A
nearest-pixel reduction to four times the target first touches only the pixels
it keeps, and the smooth pass over that small copy looks the same at preview
size.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap

from studio.ui.image_view import checker_brush

OVERSAMPLE = 4


def preview_pixmap(image: QImage, width: int, height: int) -> QPixmap:
    """``image`` scaled to fit ``width`` x ``height`` (aspect kept), smoothly."""
    keep = Qt.AspectRatioMode.KeepAspectRatio
    if image.width() > width * OVERSAMPLE or image.height() > height * OVERSAMPLE:
        image = image.scaled(
            width * OVERSAMPLE, height * OVERSAMPLE, keep, Qt.TransformationMode.FastTransformation
        )
    small = image.scaled(width, height, keep, Qt.TransformationMode.SmoothTransformation)
    if small.hasAlphaChannel():  # transparency shows as a checkerboard, as in the viewer
        backed = QImage(small.size(), QImage.Format.Format_RGB32)
        painter = QPainter(backed)
        painter.fillRect(backed.rect(), checker_brush(4))
        painter.drawImage(0, 0, small)
        painter.end()
        small = backed
    return QPixmap.fromImage(small)
