"""The look the Jobs panel's rows share: a thumbnail, a title over a status line, and
the row's buttons at its end (an image job's and a conversation turn's alike)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studio.ui.elided_label import ElidedLabel


class RowFrame(QWidget):
    """A row's parts, laid out; subclasses add their buttons with :meth:`add_button`."""

    def __init__(self, thumb: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumb = QLabel(self)
        self.thumb.setFixedSize(thumb, thumb)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = ElidedLabel(self)  # a long model id or prompt is elided, never scrolled
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("jobStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.title)
        text.addWidget(self.status)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(4, 2, 4, 2)
        self._row.addWidget(self.thumb)
        self._row.addLayout(text, 1)

    def add_button(self, button: QPushButton) -> None:
        self._row.addWidget(button)
