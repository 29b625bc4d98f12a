"""Lasso and lasso erase: draw a closed shape (its outline shows), filled on release."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRect
from PySide6.QtGui import QPainter, QPolygonF

from studio.ui.canvas.tools.base import CanvasTool, ToolContext, ToolGesture, register
from studio.ui.canvas.tools.mask_gesture import MaskGesture, outline_pens, to_widget
from studio.ui.canvas.view import ViewTransform


class _Lasso(MaskGesture):
    def __init__(self, tool: CanvasTool, ctx: ToolContext, start: QPointF, text: str) -> None:
        super().__init__(tool, ctx, text)
        self.points = QPolygonF([start])

    def move(self, pos: QPointF) -> None:
        self.points.append(pos)

    def apply(self) -> QRect:
        if self.points.size() < 3:
            return QRect()
        self.recorder.touch(self.points.boundingRect().toAlignedRect().adjusted(-1, -1, 1, 1))
        return self.layer.fill_polygon(self.points, self.tool.erases)

    def paint_overlay(self, p: QPainter, view: ViewTransform) -> None:
        if self.points.size() <= 1:
            return
        poly = QPolygonF([to_widget(view, self.points.at(i)) for i in range(self.points.size())])
        for pen in outline_pens():
            p.setPen(pen)
            p.drawPolygon(poly)


class LassoFillTool(CanvasTool):
    id = "lasso_fill"
    shortcut = "L"
    icon = "lasso"

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Lasso")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Draw a closed shape to mark")

    def erase_variant(self) -> CanvasTool:
        return LASSO_ERASE

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return _Lasso(self, ctx, pos, QCoreApplication.translate("MaskCanvas", "Lasso fill"))


class LassoEraseTool(CanvasTool):
    id = "lasso_erase"
    shortcut = "Shift+L"
    icon = "lasso-select"
    erases = True

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Lasso erase")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Draw a closed shape to unmark")

    def erase_variant(self) -> CanvasTool:
        return LASSO_ERASE

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return _Lasso(self, ctx, pos, QCoreApplication.translate("MaskCanvas", "Lasso erase"))


LASSO_FILL = register(LassoFillTool())
LASSO_ERASE = register(LassoEraseTool())
