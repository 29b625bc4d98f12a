"""A page whose widget is made the first time it is shown or asked for.

The window's hidden tabs (the mask editor) cost imports and construction that the
first paint does not need. :class:`LazyPage` stands in their place at once and makes
the real widget when the page is first shown (a click or Ctrl+Tab on its tab) or when
code asks for it (:meth:`LazyPage.widget`), whichever comes first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyPage(QWidget, Generic[W]):
    #: the widget was just made (and laid out in the page)
    made = Signal(QWidget)

    def __init__(self, make: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make = make
        self._widget: W | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def built(self) -> bool:
        return self._widget is not None

    def widget(self) -> W:
        """The page's widget, made now if it was not yet."""
        if self._widget is None:
            widget = self._make()
            self._widget = widget
            self._layout.addWidget(widget)
            self._take_tab_place(widget)
            self.setFocusProxy(widget)
            if self.isVisible():  # now, not from the queued show a layout would post
                widget.show()
            self.made.emit(widget)
        return self._widget

    def _take_tab_place(self, widget: QWidget) -> None:
        """Move the new widget's focusable parts to the page's place in the Tab order
        (Qt puts a widget made late at the end of its window's chain)."""
        parts: list[QWidget] = []
        w = widget.nextInFocusChain()
        while w is not None and w is not widget and widget.isAncestorOf(w):
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                parts.append(w)
            w = w.nextInFocusChain()
        # Qt orders focusable widgets only: chain after the last one before the page
        before = self.previousInFocusChain()
        while before is not None and before is not self:
            if before.focusPolicy() & Qt.FocusPolicy.TabFocus:
                break
            before = before.previousInFocusChain()
        if before is None or before is self or widget.isAncestorOf(before):
            return
        for part in parts:
            QWidget.setTabOrder(before, part)
            before = part

    def showEvent(self, event: QShowEvent) -> None:
        self.widget()
        super().showEvent(event)
