"""One edit in progress (a stroke, a rectangle or a lasso), in image coordinates.

A stroke paints as the mouse moves; a rectangle or lasso only shows its outline
and fills on release. Every pixel is recorded by a :class:`TileRecorder` before
it changes, so :meth:`Gesture.finish` yields exactly one undo step and
:meth:`Gesture.cancel` (Esc) puts a half-drawn stroke back.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QPolygonF

from studio.ui.canvas.commands import TileRecorder, _Tile
from studio.ui.canvas.mask_layer import MaskLayer
from studio.ui.canvas.tools import Tool


def snapped_rect(a: QPointF, b: QPointF) -> QRect:
    """The pixels between two corner points, each corner rounded to the nearest pixel edge."""
    r = QRectF(a, b).normalized()
    left, top = math.floor(r.left() + 0.5), math.floor(r.top() + 0.5)
    right, bottom = math.floor(r.right() + 0.5), math.floor(r.bottom() + 0.5)
    return QRect(left, top, max(0, right - left), max(0, bottom - top))


class Gesture:
    def __init__(self, tool: Tool, layer: MaskLayer, size: int, start: QPointF) -> None:
        self.tool = tool
        self.size = size
        self._layer = layer
        self._recorder = TileRecorder(layer)
        self._last = start
        self.rect_start: QPointF | None = start if tool.is_rect else None
        self.rect_end: QPointF | None = start if tool.is_rect else None
        self.lasso = QPolygonF([start]) if tool.is_lasso else QPolygonF()

    def begin(self) -> QRect:
        """Paint the stroke's first dab; returns the dirty image rect (empty for shapes)."""
        if self.tool.is_stroke:
            return self._segment(self._last)
        return QRect()

    def _segment(self, ip: QPointF) -> QRect:
        layer = self._layer
        self._recorder.touch(layer.segment_rect(self._last, ip, self.size))
        dirty = layer.stroke_segment(self._last, ip, self.size, self.tool.erases)
        self._last = ip
        return dirty

    def move(self, ip: QPointF) -> QRect:
        """Extend the gesture; returns the image rect that changed (empty for shapes)."""
        if self.tool.is_stroke:
            return self._segment(ip)
        if self.tool.is_rect:
            self.rect_end = ip
        else:
            self.lasso.append(ip)
        return QRect()

    def finish(self) -> tuple[list[_Tile], QRect]:
        """Apply a rectangle or lasso; return the changed tiles and the dirty image rect."""
        layer = self._layer
        dirty = QRect()
        if self.tool.is_rect and self.rect_start is not None and self.rect_end is not None:
            rect = snapped_rect(self.rect_start, self.rect_end)
            self._recorder.touch(rect)
            dirty = layer.fill_rect(rect, self.tool.erases)
        elif self.tool.is_lasso and self.lasso.size() >= 3:
            self._recorder.touch(self.lasso.boundingRect().toAlignedRect().adjusted(-1, -1, 1, 1))
            dirty = layer.fill_polygon(self.lasso, self.tool.erases)
        return self._recorder.finish(), dirty

    def cancel(self) -> QRect:
        """Undo whatever this gesture already painted; returns the rect to repaint."""
        return self._recorder.revert()
