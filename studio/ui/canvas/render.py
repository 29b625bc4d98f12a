"""Drawing the canvas: the image and overlay for a dirty rectangle, and the brush ring.

Only the image pixels under the dirty rectangle are drawn (plus a small margin
that smooth scaling samples), so a brush move repaints a few hundred pixels
even on a 4096×4096 image. Zoomed out under one half, the picture is drawn from a
copy averaged down once (kept while the zoom stays).
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter

from studio.ui.averaged import averaged_down
from studio.ui.canvas.mask_layer import MaskLayer
from studio.ui.canvas.tools.base import ViewMode
from studio.ui.canvas.tools.mask_gesture import outline_pens
from studio.ui.canvas.view import ViewTransform


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
    if mode != ViewMode.MASK_ONLY and image.hasAlphaChannel():
        # what shows through transparent pixels (an expanded picture's new area was the
        # canvas's own dark grey: in Markup mode nothing said where the frame ends)
        shown = QRectF(view.offset_x + src.x() * s, view.offset_y + src.y() * s, 0, 0)
        shown.setSize(QSizeF(src.width() * s, src.height() * s))
        p.fillRect(shown, _checker())
    p.save()
    p.translate(view.offset_x, view.offset_y)
    p.scale(s, s)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, s < 1.0)
    target = QRectF(src)
    if mode == ViewMode.MASK_ONLY:
        p.fillRect(target, QColor(0, 0, 0))
    elif (small := _averaged(image, s * p.device().devicePixelRatioF())) is not None:
        k = small.width() / image.width()
        part = QRectF(target.x() * k, target.y() * k, target.width() * k, target.height() * k)
        p.drawImage(target, small, part)
    else:
        p.drawImage(target, image, target)
    if mode != ViewMode.IMAGE_ONLY:
        p.setOpacity(1.0 if mode == ViewMode.MASK_ONLY else opacity)
        p.drawImage(target, layer.overlay, target)
    p.restore()


@cache
def _checker() -> QBrush:
    from studio.ui.image_view import checker_brush

    return checker_brush()


def _averaged(image: QImage, scale: float) -> QImage | None:
    """``image`` averaged down for ``scale`` (device pixels per image pixel), or None at
    half size and over (see :mod:`studio.ui.averaged`)."""
    w, h = max(1, round(image.width() * scale)), max(1, round(image.height() * scale))
    return averaged_down(image, w, h)


def paint_ring(p: QPainter, ring: tuple[QPointF, float] | None) -> None:
    """The brush ring (centre, radius in widget px)."""
    if ring is not None:
        centre, r = ring
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for pen in outline_pens():
            p.setPen(pen)
            p.drawEllipse(centre, r, r)
