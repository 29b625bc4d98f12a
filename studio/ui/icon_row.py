"""A row of tool buttons that keeps its words while they fit and shows only the icons
when they do not (a large font, a narrow window), so the row never makes the window
wider than the screen. A button without its words keeps its text as its accessible
name and its tip, so it is still named to a screen reader and under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

WORDS = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICONS = Qt.ToolButtonStyle.ToolButtonIconOnly


class IconRow(QWidget):
    """The buttons of ``left`` and ``right`` with a stretch between them."""

    def __init__(
        self, left: list[QToolButton], right: list[QToolButton], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.buttons = [*left, *right]
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        for b in left:
            self._row.addWidget(b)
        self._row.addStretch(1)
        for b in right:
            self._row.addWidget(b)
        # measures a button's width in either style without touching the button (a
        # change there asks this row for a new layout, which would measure again); kept
        # hidden, out of the layout, so its own changes ask for none
        self._probe = QToolButton(self)
        self._probe.hide()

    def words_shown(self) -> bool:
        return all(b.toolButtonStyle() is WORDS for b in self.buttons)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the icons alone (the words go when there is no room for them)."""
        height = max((b.sizeHint().height() for b in self._shown()), default=0)
        return QSize(self._width(ICONS), height)

    def fit(self) -> None:
        """Words when the row has room for them, the icons alone otherwise."""
        style = WORDS if self._width(WORDS) <= self.width() else ICONS
        for b in self.buttons:
            if b.toolButtonStyle() is not style:
                b.setToolButtonStyle(style)

    def _shown(self) -> list[QToolButton]:
        return [b for b in self.buttons if not b.isHidden()]

    def _width(self, style: Qt.ToolButtonStyle) -> int:
        probe, shown = self._probe, self._shown()
        probe.setToolButtonStyle(style)
        total = self._row.spacing() * max(0, len(shown) - 1)
        for b in shown:
            probe.setFont(b.font())
            probe.setIconSize(b.iconSize())
            probe.setIcon(b.icon())
            probe.setText(b.text())
            total += probe.sizeHint().width()
        return total

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # a button's new words (another language), a new font, a button shown or hidden
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange):
            self.fit()
        return handled
