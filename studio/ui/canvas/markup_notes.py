"""Typing a note in place: a line editor laid over the canvas where the note goes.

A real ``QLineEdit`` takes the typing, so every language and input method (pinyin,
kana, ...) works as in any text field. Enter, Esc or clicking elsewhere ends the
typing and keeps the text as one undo step (Esc too, as in drawing tools: a note
typed and then dropped by Esc was gone with no undo); an emptied note is removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QLineEdit, QWidget

from studio.core.markup import MAX_TEXT, Annotation, Kind
from studio.ui.canvas import markup_paint
from studio.ui.canvas.markup_layer import MarkupEditCommand, MarkupLayer, removed, replaced
from studio.ui.canvas.view import ViewTransform


class _Field(QLineEdit):
    """Esc ends the typing, keeping the text (a plain QLineEdit ignores it)."""

    def __init__(self, parent: QWidget, finish: Callable[[], None]) -> None:
        super().__init__(parent)
        self._finish = finish

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._finish()
            return
        super().keyPressEvent(event)


class NoteEditor(QObject):
    """Opens, places and closes the note field of one canvas."""

    def __init__(
        self,
        canvas: QWidget,
        view: ViewTransform,
        push: Callable[[MarkupEditCommand], None],
    ) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self._view = view
        self._push = push
        self._layer: MarkupLayer | None = None
        self._index: int | None = None  # the note edited (None: a new one)
        self._note: Annotation | None = None
        self.field: _Field | None = None

    def is_open(self) -> bool:
        return self.field is not None

    def editing(self) -> int | None:
        """The index of the note being edited (hidden on the canvas meanwhile)."""
        return self._index if self.field is not None else None

    def open(self, layer: MarkupLayer, index: int | None, pos: QPointF) -> None:
        self.commit()
        if index is not None:
            note = layer.annotations[index]
        else:
            note = Annotation(Kind.TEXT, ((pos.x(), pos.y()),), layer.style, "")
        self._layer, self._index, self._note = layer, index, note
        field = _Field(self._canvas, self.commit)
        field.setObjectName("markup-note")
        field.setAccessibleName(QCoreApplication.translate("MarkupCanvas", "Note text"))
        field.setPlaceholderText(QCoreApplication.translate("MarkupCanvas", "Type a note…"))
        field.setMaxLength(MAX_TEXT)
        field.setFrame(False)
        field.setText(note.text)
        field.returnPressed.connect(self.commit)
        field.editingFinished.connect(self.commit)
        self.field = field
        self.place()
        field.show()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        layer.on_view()

    def place(self) -> None:
        """Put the field over the note at the current zoom."""
        field, note = self.field, self._note
        if field is None or note is None:
            return
        font = markup_paint.note_font(note)
        font.setPixelSize(max(6, round(note.style.font_size * self._view.scale)))
        field.setFont(font)
        pal = field.palette()
        pal.setColor(QPalette.ColorRole.Text, QColor(note.style.colour))
        pal.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255, 200))
        field.setPalette(pal)
        x, y = self._view.to_widget(*note.points[0])
        width = max(160, field.fontMetrics().horizontalAdvance(field.text() + "MM") + 8)
        field.setGeometry(round(x), round(y), width, field.fontMetrics().height() + 6)

    def commit(self) -> None:
        """Keep the typed text as one undo step (an emptied note is removed)."""
        field, layer, note = self.field, self._layer, self._note
        if field is None or layer is None or note is None:
            return
        text = field.text().strip()
        index = self._index
        self._close()
        before = layer.annotations
        if index is None:
            if text:
                label = QCoreApplication.translate("MarkupCanvas", "Add note")
                after = (*before, replace(note, text=text))
                self._push(MarkupEditCommand(layer, before, after, label))
        elif index < len(before) and text != before[index].text:
            if text:
                label = QCoreApplication.translate("MarkupCanvas", "Edit note")
                after = replaced(before, index, replace(before[index], text=text))
                self._push(MarkupEditCommand(layer, before, after, label, index))
            else:
                label = QCoreApplication.translate("MarkupCanvas", "Delete annotation")
                self._push(MarkupEditCommand(layer, before, removed(before, index), label))
        layer.on_view()

    def cancel(self) -> None:
        layer = self._layer
        self._close()
        if layer is not None:
            layer.on_view()

    def _close(self) -> None:
        field, self.field = self.field, None
        if field is not None:
            field.returnPressed.disconnect(self.commit)
            field.editingFinished.disconnect(self.commit)
            field.setObjectName("")  # gone at once for anyone looking it up
            # Enter or Esc hands the keys back to the canvas; a click on the prompt (or
            # anywhere else) that ended the typing keeps the focus it gave, so what is
            # typed next goes there and not to the canvas's tool keys (E, M, ...).
            # (a window put in the background still has the field as its focus: the
            # canvas takes it, so the keys come back there when the window does)
            if self._canvas.window().focusWidget() in (None, field):
                self._canvas.setFocus(Qt.FocusReason.OtherFocusReason)
            field.hide()
            field.deleteLater()
