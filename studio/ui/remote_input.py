"""Inputs given by address or file id: the dialog that asks for one, and the tile a file id
shows (the studio never sees its pixels)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QInputDialog, QWidget

_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def looks_like_url(text: str) -> bool:
    return bool(_URL.match(text.strip()))


def ask_reference(parent: QWidget) -> str | None:
    """An http(s) address or a file id typed or pasted by the user (None when cancelled)."""
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("RemoteInput", "Add an image by address or file id"),
        QCoreApplication.translate(
            "RemoteInput",
            "An http(s) address the provider fetches, or the file id of an upload "
            "(file-…). The edit is then sent as JSON.",
        ),
    )
    text = text.strip()
    return text if ok and text else None


def file_id_tile(file_id: str, side: int = 144) -> QImage:
    """A tile naming the file id, for the inputs list."""
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(225, 232, 245))
    painter = QPainter(image)
    painter.setPen(QColor(40, 60, 110))
    font = painter.font()
    font.setPixelSize(side // 9)
    painter.setFont(font)
    painter.drawText(
        QRectF(6, 6, side - 12, side - 12),
        Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWrapAnywhere,
        file_id[:60],
    )
    painter.end()
    return image
