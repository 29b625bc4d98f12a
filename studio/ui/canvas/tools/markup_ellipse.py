"""Markup: the ellipse tool (O)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF

from studio.core.markup import Kind
from studio.ui.canvas.tools.base import ToolContext, ToolGesture, register
from studio.ui.canvas.tools.markup_gesture import MarkupTool, ShapeGesture


class MarkupEllipseTool(MarkupTool):
    id = "markup_ellipse"
    kind = Kind.ELLIPSE
    shortcut = "O"
    icon = "circle"

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Ellipse")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Drag an ellipse around something")

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        text = QCoreApplication.translate("MarkupCanvas", "Ellipse")
        return ShapeGesture(self, ctx, Kind.ELLIPSE, pos, text)


MARKUP_ELLIPSE = register(MarkupEllipseTool())
