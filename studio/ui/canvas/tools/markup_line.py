"""Markup: the line tool (N)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF

from studio.core.markup import Kind
from studio.ui.canvas.tools.base import ToolContext, ToolGesture, register
from studio.ui.canvas.tools.markup_gesture import MarkupTool, ShapeGesture


class MarkupLineTool(MarkupTool):
    id = "markup_line"
    kind = Kind.LINE
    shortcut = "N"
    icon = "slash"

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Line")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Drag a straight line")

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        text = QCoreApplication.translate("MarkupCanvas", "Line")
        return ShapeGesture(self, ctx, Kind.LINE, pos, text)


MARKUP_LINE = register(MarkupLineTool())
