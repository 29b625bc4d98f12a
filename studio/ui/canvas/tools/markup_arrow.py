"""Markup: the arrow tool (A)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF

from studio.core.markup import Kind
from studio.ui.canvas.tools.base import ToolContext, ToolGesture, register
from studio.ui.canvas.tools.markup_gesture import MarkupTool, ShapeGesture


class MarkupArrowTool(MarkupTool):
    id = "markup_arrow"
    kind = Kind.ARROW
    shortcut = "A"
    icon = "move-up-right"

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Arrow")

    def tip(self) -> str:
        return QCoreApplication.translate(
            "MaskEditorPanel", "Drag an arrow: it points where you let go"
        )

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        text = QCoreApplication.translate("MarkupCanvas", "Arrow")
        return ShapeGesture(self, ctx, Kind.ARROW, pos, text)


MARKUP_ARROW = register(MarkupArrowTool())
