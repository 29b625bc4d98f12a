"""A read-only text box a whole number of lines high that scrolls the rest, line by line.

Chinese glyphs come from a fallback font whose lines are taller than the interface
font's own, so in a wrapped text that mixes Chinese and Latin the lines differ in
height: a box sized for three of the tall ones showed the top of a fourth under
three short ones. Here every line is laid out at one height, that of a line with
Chinese in it (:func:`studio.ui.text_lines.lines_height`); the box is a whole number
of them high and scrolls by whole lines, so its bottom edge never cuts a line.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from studio.ui.text_lines import lines_height


class LinesBox(QTextEdit):
    """Plain text, ``lines`` lines high, on the page's own colour (no frame, no field)."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = max(1, lines)
        self._line = 0
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)  # the page's colour, as a label's
        self.document().setDocumentMargin(0)
        self.document().setUndoRedoEnabled(False)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._snap)
        bar.rangeChanged.connect(lambda _lo, _hi: bar.setSingleStep(self._line))
        self._measure()

    def line_height(self) -> int:
        """The height of every line (pixels)."""
        return self._line

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Show ``text`` (plain) from its first line."""
        self.setPlainText(text)
        self._apply_line_height()
        self.verticalScrollBar().setValue(0)

    def _measure(self) -> None:
        self._line = lines_height(self.font(), 1)
        self.setFixedHeight(self._lines * self._line + 2 * self.frameWidth())
        self.verticalScrollBar().setSingleStep(self._line)
        self._apply_line_height()

    def _apply_line_height(self) -> None:
        form = QTextBlockFormat()
        form.setLineHeight(self._line, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(form)

    def _snap(self, value: int) -> None:
        """Scrolled (a wheel, a drag of the bar): to the nearest whole line."""
        bar = self.verticalScrollBar()
        snapped = min(bar.maximum(), round(value / self._line) * self._line)
        if snapped != value:
            bar.setValue(snapped)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measure()
