"""Markup: the pen tool (P)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF

from studio.core.markup import Kind
from studio.ui.canvas.tools.base import ToolContext, ToolGesture, register
from studio.ui.canvas.tools.markup_gesture import MarkupTool, PenGesture


class MarkupPenTool(MarkupTool):
    id = "markup_pen"
    kind = Kind.PEN
    shortcut = "P"
    icon = "pen-line"

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Pen")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Draw freely")

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return PenGesture(self, ctx, pos, QCoreApplication.translate("MarkupCanvas", "Pen stroke"))


MARKUP_PEN = register(MarkupPenTool())
