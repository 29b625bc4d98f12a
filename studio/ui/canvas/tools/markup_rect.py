"""Markup: the box tool (X)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF

from studio.core.markup import Kind
from studio.ui.canvas.tools.base import ToolContext, ToolGesture, register
from studio.ui.canvas.tools.markup_gesture import MarkupTool, ShapeGesture


class MarkupRectTool(MarkupTool):
    id = "markup_rect"
    kind = Kind.RECT
    shortcut = "X"
    icon = "square"

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Box")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Drag a rectangle around something")

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        text = QCoreApplication.translate("MarkupCanvas", "Rectangle")
        return ShapeGesture(self, ctx, Kind.RECT, pos, text)


MARKUP_RECT = register(MarkupRectTool())
