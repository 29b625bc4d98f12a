"""Work that can wait until the window is on screen.

Asking the keyring at start costs its import and back-end discovery (100-300 ms, with
the GIL held): done before the first paint, a person waits that long for the window.
:func:`after_first_paint` queues a callback behind the widget's first paint event.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        self._widget = widget

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            # queued: the rest of this frame (every child widget) paints first
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` once, from the event loop, after ``widget`` first paints."""
    widget.installEventFilter(_FirstPaint(widget, callback))
