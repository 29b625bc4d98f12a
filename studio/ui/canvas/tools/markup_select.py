"""Markup: select, move and resize annotations (V). Click picks the topmost annotation,
dragging it moves it, dragging a corner handle resizes it, a click on the selected
note edits its text; every move or resize is one undo step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, Qt

from studio.core.markup import Annotation, Kind
from studio.ui.canvas.markup_layer import (
    MarkupEditCommand,
    frame_of,
    handle_at,
    replaced,
    resized,
)
from studio.ui.canvas.tools.base import CanvasTool, Finished, ToolContext, ToolGesture, register
from studio.ui.canvas.tools.markup_gesture import MarkupTool, markup_of


class _Select(ToolGesture):
    def __init__(self, tool: CanvasTool, ctx: ToolContext, pos: QPointF) -> None:
        super().__init__(tool, ctx.size)
        self.layer = layer = markup_of(ctx)
        self.start = pos
        self.before = layer.annotations
        self.handle = handle_at(layer, pos, ctx.view.scale)
        self.moved = False
        was = layer.selected
        if self.handle is None:
            index = layer.hit(pos, 4.0 / max(ctx.view.scale, 1e-6))
            layer.select(index)
        self.index = layer.selected
        #: a click on the note that was already selected edits its text
        self.edit_note = self.handle is None and self.index is not None and self.index == was
        self.original: Annotation | None = layer.selection()

    def move(self, pos: QPointF) -> None:
        a, i = self.original, self.index
        if a is None or i is None:
            return
        d = pos - self.start
        if not self.moved and abs(d.x()) + abs(d.y()) < 1e-9:
            return
        self.moved = True
        if self.handle is None:
            new = a.moved(d.x(), d.y())
        else:
            new = resized(a, frame_of(a), _dragged(frame_of(a), self.handle, pos))
        self.layer.preview(replaced(self.before, i, new))

    def release(self) -> Finished:
        i = self.index
        if i is None:
            return Finished(QRect(), None)
        if not self.moved:
            a = self.layer.selection()
            if self.edit_note and a is not None and a.kind is Kind.TEXT:
                self.layer.request_note(i, self.start)
            return Finished(QRect(), None)
        after = self.layer.annotations
        self.layer.annotations = self.before  # the command puts ``after`` back in redo
        text = (
            QCoreApplication.translate("MarkupCanvas", "Move annotation")
            if self.handle is None
            else QCoreApplication.translate("MarkupCanvas", "Resize annotation")
        )
        return Finished(QRect(), MarkupEditCommand(self.layer, self.before, after, text, i))

    def cancel(self) -> QRect:
        if self.moved:
            self.layer.set_annotations(self.before, self.index)
        return QRect()


def _dragged(frame: QRectF, handle: int, pos: QPointF) -> QRectF:
    """``frame`` with corner ``handle`` (clockwise from the top left) at ``pos``; the
    opposite corner stays, and the box never turns inside out."""
    left, top, right, bottom = frame.left(), frame.top(), frame.right(), frame.bottom()
    x, y = pos.x(), pos.y()
    if handle in (0, 3):
        left = min(x, right - 1)
    else:
        right = max(x, left + 1)
    if handle in (0, 1):
        top = min(y, bottom - 1)
    else:
        bottom = max(y, top + 1)
    return QRectF(left, top, right - left, bottom - top)


class MarkupSelectTool(MarkupTool):
    id = "markup_select"
    shortcut = "V"
    icon = "mouse-pointer-2"
    cursor = Qt.CursorShape.ArrowCursor

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Select")

    def tip(self) -> str:
        return QCoreApplication.translate(
            "MaskEditorPanel",
            "Pick an annotation to move it, drag a corner to resize it, Delete removes it; "
            "click a selected note to change its text",
        )

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return _Select(self, ctx, pos)


MARKUP_SELECT = register(MarkupSelectTool())
