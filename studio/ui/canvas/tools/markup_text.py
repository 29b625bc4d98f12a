"""Markup: the text note tool (T). A click opens a note there, typed in place (any
language, input methods included); a click on a note edits its text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRect

from studio.core.markup import Kind
from studio.ui.canvas.tools.base import CanvasTool, Finished, ToolContext, ToolGesture, register
from studio.ui.canvas.tools.markup_gesture import MarkupTool, markup_of


class _Click(ToolGesture):
    def __init__(self, tool: CanvasTool, ctx: ToolContext, pos: QPointF) -> None:
        super().__init__(tool, ctx.size)
        self.layer = markup_of(ctx)
        self.pos = pos
        self.tolerance = 3.0 / max(ctx.view.scale, 1e-6)

    def move(self, pos: QPointF) -> None:
        self.pos = pos

    def release(self) -> Finished:
        index = self.layer.hit(self.pos, self.tolerance)
        if index is not None and self.layer.annotations[index].kind is not Kind.TEXT:
            index = None
        self.layer.request_note(index, self.pos)
        return Finished(QRect(), None)

    def cancel(self) -> QRect:
        return QRect()


class MarkupTextTool(MarkupTool):
    id = "markup_text"
    kind = Kind.TEXT
    shortcut = "T"
    icon = "type"

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Note")

    def tip(self) -> str:
        return QCoreApplication.translate(
            "MaskEditorPanel", "Click to write a note there; click a note to change its text"
        )

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return _Click(self, ctx, pos)


MARKUP_TEXT = register(MarkupTextTool())
