"""Brush and eraser: paint or erase round dabs along the mouse path, as it moves."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRect

from studio.ui.canvas.tools.base import CanvasTool, ToolContext, ToolGesture, register
from studio.ui.canvas.tools.mask_gesture import MaskGesture


class _Stroke(MaskGesture):
    def __init__(self, tool: CanvasTool, ctx: ToolContext, start: QPointF, text: str) -> None:
        super().__init__(tool, ctx, text)
        self._last = start

    def begin(self) -> QRect:
        return self._segment(self._last)

    def move(self, pos: QPointF) -> QRect:
        return self._segment(pos)

    def _segment(self, ip: QPointF) -> QRect:
        layer = self.layer
        self.recorder.touch(layer.segment_rect(self._last, ip, self.size))
        dirty = layer.stroke_segment(self._last, ip, self.size, self.tool.erases)
        self._last = ip
        return dirty


class BrushTool(CanvasTool):
    id = "brush"
    shortcut = "B"
    icon = "brush"
    ring = True

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Brush")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Paint the area to edit")

    def erase_variant(self) -> CanvasTool:
        return ERASER

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return _Stroke(self, ctx, pos, QCoreApplication.translate("MaskCanvas", "Brush stroke"))


class EraserTool(CanvasTool):
    id = "eraser"
    shortcut = "E"
    icon = "eraser"
    ring = True
    erases = True

    def label(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Eraser")

    def tip(self) -> str:
        return QCoreApplication.translate("MaskEditorPanel", "Erase painted areas")

    def erase_variant(self) -> CanvasTool:
        return ERASER

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        return _Stroke(self, ctx, pos, QCoreApplication.translate("MaskCanvas", "Eraser stroke"))


BRUSH = register(BrushTool())
ERASER = register(EraserTool())
