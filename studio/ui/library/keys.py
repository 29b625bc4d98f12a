"""Keys that act on one widget while it has focus, ahead of any window shortcut.

A ``QShortcut`` on the widget loses to (or is made ambiguous by) an application
shortcut on the same key; this filter claims the key for the widget instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


class WidgetKeys(QObject):
    def __init__(
        self, widget: QWidget, keys: list[tuple[QKeySequence.StandardKey | str, Callable[[], None]]]
    ) -> None:
        super().__init__(widget)
        self._keys = [(QKeySequence(k), slot) for k, slot in keys]
        widget.installEventFilter(self)

    def _slot(self, event: QKeyEvent) -> Callable[[], None] | None:
        pressed = QKeySequence(event.keyCombination())
        for seq, slot in self._keys:
            if pressed.matches(seq) == QKeySequence.SequenceMatch.ExactMatch:
                return slot
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            slot = self._slot(event)
            if slot is not None:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    slot()
                return True
        return super().eventFilter(watched, event)
