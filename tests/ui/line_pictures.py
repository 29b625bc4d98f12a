"""A picture of thin lines: sampled small, it breaks up; averaged down, it goes grey."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter


def thin_lines(size: int = 1024, every: int = 4) -> QImage:
    """Black, with a one-pixel white line every ``every`` columns (a quarter is white)."""
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))
    p = QPainter(image)
    p.setPen(QColor(255, 255, 255))
    for x in range(0, size, every):
        p.drawLine(x, 0, x, size - 1)
    p.end()
    return image
