"""Rectangle and rectangle erase: drag a rectangle (its outline shows), filled on release."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF
from PySide6.QtGui import QPainter

from studio.ui.canvas.tools.base import CanvasTool, ToolContext, ToolGesture, register
from studio.ui.canvas.tools.mask_gesture import MaskGesture, outline_rect, to_widget
from studio.ui.canvas.view import ViewTransform


def snapped_rect(a: QPointF, b: QPointF) -> QRect:
    """The pixels between two corner points, each corner rounded to the nearest pixel edge."""
    r = QRectF(a, b).normalized()
    left, top = math.floor(r.left() + 0.5), math.floor(r.top() + 0.5)
    right, bottom = math.floor(r.right() + 0.5), math.floor(r.bottom() + 0.5)
    return QRect(left, top, max(0, right - left), max(0, bottom - top))


class _Rect(MaskGesture):
    def __init__(self, tool: CanvasTool, ctx: ToolContext, start: QPointF, text: str) -> None:
        super().__init__(tool, ctx, text)
        self.start = start
        self.end = start

    def move(self, pos: QPointF) -> None:
        self.end = pos

    def apply(self) -> QRect:
        rect = snapped_rect(self.start, self.end)
        self.recorder.touch(rect)
        return self.layer.fill_rect(rect, self.tool.erases)

    def paint_overlay(self, p: QPainter, view: ViewTransform) -> None:
        outline_rect(p, QRectF(to_widget(view, self.start), to_widget(view, self.end)).normalized())


class RectFillTool(CanvasTool):
    id = "rect_fill"
    shortcut = "R"
    icon = "square-dashed"

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Rectangle")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Drag a rectangle to mark")

    def erase_variant(self) -> CanvasTool:
        return RECT_ERASE

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return _Rect(self, ctx, pos, QCoreApplication.translate("MaskCanvas", "Rectangle fill"))


class RectEraseTool(CanvasTool):
    id = "rect_erase"
    shortcut = "Shift+R"
    icon = "square-x"
    erases = True

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Rect erase")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Drag a rectangle to unmark")

    def erase_variant(self) -> CanvasTool:
        return RECT_ERASE

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return _Rect(self, ctx, pos, QCoreApplication.translate("MaskCanvas", "Rectangle erase"))


RECT_FILL = register(RectFillTool())
RECT_ERASE = register(RectEraseTool())
