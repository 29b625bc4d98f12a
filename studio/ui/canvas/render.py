"""Drawing the canvas: the image and overlay for a dirty rectangle, and the tool outlines.

Only the image pixels under the dirty rectangle are drawn (plus a small margin
that smooth scaling samples), so a brush move repaints a few hundred pixels
even on a 4096×4096 image.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from studio.ui.canvas.gesture import Gesture
from studio.ui.canvas.mask_layer import MaskLayer
from studio.ui.canvas.tools import ViewMode
from studio.ui.canvas.view import ViewTransform

_DARK = QColor(0, 0, 0, 200)
_LIGHT = QColor(255, 255, 255, 230)


def paint_layers(
    p: QPainter,
    clip: QRect,
    view: ViewTransform,
    image: QImage,
    layer: MaskLayer,
    mode: ViewMode,
    opacity: float,
) -> None:
    """Image (or black, mask-only) then the overlay at one opacity; smooth only when zoomed out."""
    s = view.scale
    ix, iy, iw, ih = view.rect_to_image(clip.x(), clip.y(), clip.width(), clip.height())
    pad = max(2, math.ceil(3 / s))  # smooth scaling samples a little beyond the edge
    src = QRectF(ix, iy, iw, ih).toAlignedRect().adjusted(-pad, -pad, pad, pad)
    src = src.intersected(layer.bounds)
    if src.isEmpty():
        return
    p.save()
    p.translate(view.offset_x, view.offset_y)
    p.scale(s, s)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, s < 1.0)
    target = QRectF(src)
    if mode == ViewMode.MASK_ONLY:
        p.fillRect(target, QColor(0, 0, 0))
    else:
        p.drawImage(target, image, target)
    if mode != ViewMode.IMAGE_ONLY:
        p.setOpacity(1.0 if mode == ViewMode.MASK_ONLY else opacity)
        p.drawImage(target, layer.overlay, target)
    p.restore()


def paint_outlines(
    p: QPainter, view: ViewTransform, gesture: Gesture | None, ring: tuple[QPointF, float] | None
) -> None:
    """The rectangle or lasso being drawn, and the brush ring (centre, radius in widget px)."""
    pens = (QPen(_DARK, 1.0), QPen(_LIGHT, 1.0, Qt.PenStyle.DashLine))

    def w(q: QPointF) -> QPointF:
        return QPointF(*view.to_widget(q.x(), q.y()))

    g = gesture
    if g is not None and g.rect_start is not None and g.rect_end is not None:
        for pen in pens:
            p.setPen(pen)
            p.drawRect(QRectF(w(g.rect_start), w(g.rect_end)).normalized())
    if g is not None and g.lasso.size() > 1:
        poly = QPolygonF([w(g.lasso.at(i)) for i in range(g.lasso.size())])
        for pen in pens:
            p.setPen(pen)
            p.drawPolygon(poly)
    if ring is not None:
        centre, r = ring
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for pen in pens:
            p.setPen(pen)
            p.drawEllipse(centre, r, r)
