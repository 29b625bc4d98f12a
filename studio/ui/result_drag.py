"""Dragging the image on show out of the viewer as a real file.

A handle in the viewer's bar starts the drag (the picture itself pans and zooms).
The file is a copy named by the file name pattern and carrying what the settings
say, like a gallery tile dragged out; without a history record it is the stored file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolButton, QWidget


class DragHandle(QToolButton):
    """Press and drag to take the image out; a plain click does nothing."""

    def __init__(self, make_mime: Callable[[], QMimeData | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dragOut")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._make_mime = make_mime
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        press = self._press
        if press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        moved = (event.position().toPoint() - press).manhattanLength()
        if moved < QApplication.startDragDistance():
            return
        self._press = None
        self.setDown(False)
        mime = self._make_mime()
        if mime is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)
