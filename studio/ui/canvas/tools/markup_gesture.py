"""What the markup tools share: gestures that preview an annotation while dragging and
end in one undo step adding it (or nothing, for a click that drew nothing)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QPainter

from studio.core.markup import MAX_POINTS, Annotation, Kind
from studio.ui.canvas import markup_paint
from studio.ui.canvas.markup_layer import MARKUP_LAYER, MarkupEditCommand, MarkupLayer
from studio.ui.canvas.tools.base import CanvasTool, Finished, ToolContext, ToolGesture
from studio.ui.canvas.view import ViewTransform

__all__ = ["MARKUP_LAYER", "MarkupTool", "PenGesture", "ShapeGesture", "markup_of"]


def markup_of(ctx: ToolContext) -> MarkupLayer:
    if not isinstance(ctx.layer, MarkupLayer):
        raise TypeError("a markup tool needs the markup layer")
    return ctx.layer


def in_image(view: ViewTransform, p: QPainter) -> None:
    """Make ``p`` draw in image coordinates through the view."""
    p.translate(view.offset_x, view.offset_y)
    p.scale(view.scale, view.scale)


class MarkupTool(CanvasTool):
    """A tool of the markup layer (no brush ring, no erasing variant)."""

    layer = MARKUP_LAYER


class _AddGesture(ToolGesture):
    """Builds one annotation; release adds it as one undo step."""

    undo_text = ""

    def __init__(self, tool: CanvasTool, ctx: ToolContext) -> None:
        super().__init__(tool, ctx.size)
        self.layer = markup_of(ctx)
        self.min_length = 2.0 / max(ctx.view.scale, 1e-6)  # two screen pixels

    def annotation(self) -> Annotation | None:
        """What the gesture would add now (None: nothing yet)."""
        raise NotImplementedError

    def release(self) -> Finished:
        a = self.annotation()
        if a is None:
            return Finished(QRect(), None)
        before = self.layer.annotations
        command = MarkupEditCommand(self.layer, before, (*before, a), self.undo_text)
        return Finished(markup_paint.bounds(a).toAlignedRect(), command)

    def cancel(self) -> QRect:
        return QRect()

    def paint_overlay(self, p: QPainter, view: ViewTransform) -> None:
        a = self.annotation()
        if a is not None:
            p.save()
            in_image(view, p)
            markup_paint.paint(p, a)
            p.restore()


class ShapeGesture(_AddGesture):
    """Line, arrow, rectangle or ellipse: from the press to the mouse."""

    def __init__(
        self, tool: CanvasTool, ctx: ToolContext, kind: Kind, start: QPointF, undo_text: str
    ) -> None:
        super().__init__(tool, ctx)
        self.kind = kind
        self.start = start
        self.end = start
        self.undo_text = undo_text

    def move(self, pos: QPointF) -> None:
        self.end = pos

    def annotation(self) -> Annotation | None:
        d = self.end - self.start
        if math.hypot(d.x(), d.y()) < self.min_length:
            return None
        points = ((self.start.x(), self.start.y()), (self.end.x(), self.end.y()))
        return Annotation(self.kind, points, self.layer.style)


class PenGesture(_AddGesture):
    """A freehand path through every mouse position (a click leaves a dot)."""

    def __init__(self, tool: CanvasTool, ctx: ToolContext, start: QPointF, undo_text: str) -> None:
        super().__init__(tool, ctx)
        self.points: list[tuple[float, float]] = [(start.x(), start.y())]
        self.undo_text = undo_text

    def move(self, pos: QPointF) -> None:
        last = self.points[-1]
        if (
            len(self.points) < MAX_POINTS
            and math.hypot(pos.x() - last[0], pos.y() - last[1]) >= self.min_length / 2
        ):
            self.points.append((pos.x(), pos.y()))

    def annotation(self) -> Annotation:
        return Annotation(Kind.PEN, tuple(self.points), self.layer.style)
