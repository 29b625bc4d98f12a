"""What the mask tools share: a gesture that records every mask tile it touches, so it
ends in exactly one undo step and Esc puts a half-drawn stroke back."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from studio.ui.canvas.commands import MaskEditCommand, TileRecorder
from studio.ui.canvas.mask_layer import MaskLayer
from studio.ui.canvas.tools.base import CanvasTool, Finished, ToolContext, ToolGesture
from studio.ui.canvas.view import ViewTransform

_DARK = QColor(0, 0, 0, 200)
_LIGHT = QColor(255, 255, 255, 230)


def outline_pens() -> tuple[QPen, QPen]:
    """A dark line under a light dashed one: visible on any image."""
    return QPen(_DARK, 1.0), QPen(_LIGHT, 1.0, Qt.PenStyle.DashLine)


def to_widget(view: ViewTransform, q: QPointF) -> QPointF:
    return QPointF(*view.to_widget(q.x(), q.y()))


def mask_of(ctx: ToolContext) -> MaskLayer:
    if not isinstance(ctx.layer, MaskLayer):
        raise TypeError("a mask tool needs the mask layer")
    return ctx.layer


class MaskGesture(ToolGesture):
    """A gesture on the mask layer; subclasses paint through :attr:`recorder`."""

    def __init__(self, tool: CanvasTool, ctx: ToolContext, undo_text: str) -> None:
        super().__init__(tool, ctx.size)
        self.layer = mask_of(ctx)
        self.recorder = TileRecorder(self.layer)
        self._changed = ctx.changed
        self._undo_text = undo_text

    def apply(self) -> QRect:
        """Paint what the release paints (shapes); the dirty image rect."""
        return QRect()

    def release(self) -> Finished:
        dirty = self.apply()
        tiles = self.recorder.finish()
        command = (
            MaskEditCommand(self.layer, tiles, self._undo_text, self._changed) if tiles else None
        )
        return Finished(dirty, command)

    def cancel(self) -> QRect:
        return self.recorder.revert()


def outline_rect(p: QPainter, rect: QRectF) -> None:
    for pen in outline_pens():
        p.setPen(pen)
        p.drawRect(rect)
