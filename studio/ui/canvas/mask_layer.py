"""The mask (an Alpha8 image at the image's resolution) and its colour overlay cache.

Mask bytes are exactly 0 (keep) or 255 (edit): painting is not antialiased,
so what the overlay shows is exactly what the exported file says.

The overlay cache is a premultiplied ARGB image, the overlay colour clipped by
the mask (``DestinationIn``); the canvas draws it with a single opacity, so
overlapping strokes never darken. Only the touched rectangle is refreshed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPolygonF

from studio.core import masks

DEFAULT_COLOR = QColor(255, 40, 90)


def _opaque(color: QColor) -> QColor:
    c = QColor(color)
    c.setAlpha(255)
    return c


class MaskLayer:
    """A mask and its overlay, with painting primitives that return their dirty rect."""

    def __init__(self, width: int, height: int, color: QColor = DEFAULT_COLOR) -> None:
        self.width = width
        self.height = height
        self.mask = QImage(width, height, QImage.Format.Format_Alpha8)
        self.mask.fill(0)
        self.overlay = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        self.overlay.fill(0)
        self._color = _opaque(color)

    # -- geometry -----------------------------------------------------------------
    @property
    def bounds(self) -> QRect:
        return QRect(0, 0, self.width, self.height)

    def clip(self, rect: QRect) -> QRect:
        return rect.intersected(self.bounds)

    # -- overlay ------------------------------------------------------------------
    @property
    def color(self) -> QColor:
        return QColor(self._color)

    def set_color(self, color: QColor) -> None:
        self._color = _opaque(color)
        self.refresh_overlay(self.bounds)

    def refresh_overlay(self, rect: QRect) -> None:
        """Recompute the overlay inside ``rect``: colour where the mask is set."""
        rect = self.clip(rect)
        if rect.isEmpty():
            return
        p = QPainter(self.overlay)
        try:
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            p.fillRect(rect, self._color)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
            p.drawImage(rect.topLeft(), self.mask, rect)
        finally:
            p.end()

    # -- painting -----------------------------------------------------------------
    def _painter(self, erase: bool) -> QPainter:
        p = QPainter(self.mask)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        mode = (
            QPainter.CompositionMode.CompositionMode_DestinationOut
            if erase
            else QPainter.CompositionMode.CompositionMode_SourceOver
        )
        p.setCompositionMode(mode)
        return p

    @staticmethod
    def segment_rect(p0: QPointF, p1: QPointF, diameter: float) -> QRect:
        """The mask pixels a round-capped segment can touch (a little generous)."""
        r = diameter / 2 + 2
        left = min(p0.x(), p1.x()) - r
        top = min(p0.y(), p1.y()) - r
        right = max(p0.x(), p1.x()) + r
        bottom = max(p0.y(), p1.y()) + r
        return QRectF(left, top, right - left, bottom - top).toAlignedRect()

    def stroke_segment(self, p0: QPointF, p1: QPointF, diameter: float, erase: bool) -> QRect:
        """Paint (or erase) a round-capped line from p0 to p1 in image coordinates."""
        dirty = self.clip(self.segment_rect(p0, p1, diameter))
        if dirty.isEmpty():
            return dirty
        p = self._painter(erase)
        try:
            if p0 == p1 or diameter <= 1:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QBrush(QColor(0, 0, 0, 255)))
                if p0 == p1:
                    rad = max(0.5, diameter / 2)
                    p.drawEllipse(p0, rad, rad)
                else:
                    pen = QPen(QColor(0, 0, 0, 255), 1.0)
                    p.setPen(pen)
                    p.drawLine(p0, p1)
            else:
                pen = QPen(QColor(0, 0, 0, 255), diameter)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                p.setPen(pen)
                p.drawLine(p0, p1)
        finally:
            p.end()
        self.refresh_overlay(dirty)
        return dirty

    def fill_rect(self, rect: QRect, erase: bool) -> QRect:
        rect = self.clip(rect.normalized())
        if rect.isEmpty():
            return rect
        p = self._painter(erase)
        try:
            p.fillRect(rect, QColor(0, 0, 0, 255))
        finally:
            p.end()
        self.refresh_overlay(rect)
        return rect

    def fill_polygon(self, polygon: QPolygonF, erase: bool) -> QRect:
        """Fill a lasso (winding rule, so a loop crossing itself is filled whole)."""
        dirty = self.clip(polygon.boundingRect().toAlignedRect().adjusted(-1, -1, 1, 1))
        if dirty.isEmpty() or polygon.size() < 3:
            return QRect()
        p = self._painter(erase)
        try:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(QColor(0, 0, 0, 255)))
            p.drawPolygon(polygon, Qt.FillRule.WindingFill)
        finally:
            p.end()
        self.refresh_overlay(dirty)
        return dirty

    def invert(self) -> QRect:
        self.mask.invertPixels(QImage.InvertMode.InvertRgba)
        self.refresh_overlay(self.bounds)
        return self.bounds

    def fill(self, edit: bool) -> QRect:
        """Mark everything for editing (``edit=True``) or nothing (clear)."""
        self.mask.fill(255 if edit else 0)
        self.refresh_overlay(self.bounds)
        return self.bounds

    def set_bytes(self, data: bytes) -> QRect:
        """Replace the whole mask with ``width * height`` bytes (255 = edit), no padding."""
        if len(data) != self.width * self.height:
            raise ValueError(f"mask data is {len(data)} bytes, expected {self.width * self.height}")
        src = QImage(data, self.width, self.height, self.width, QImage.Format.Format_Alpha8)
        self.put_rect(self.bounds, src)
        self.refresh_overlay(self.bounds)
        return self.bounds

    # -- reading and restoring ------------------------------------------------------
    def copy_rect(self, rect: QRect) -> QImage:
        return self.mask.copy(rect)

    def put_rect(self, rect: QRect, image: QImage) -> None:
        """Write an Alpha8 image at ``rect``'s top-left, byte for byte."""
        p = QPainter(self.mask)
        try:
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            p.drawImage(rect.topLeft(), image)
        finally:
            p.end()

    def to_bytes(self) -> bytes:
        """The mask as ``width * height`` bytes without row padding."""
        stride = self.mask.bytesPerLine()
        raw = bytes(self.mask.constBits())
        if stride == self.width:
            return raw[: self.width * self.height]
        w = self.width
        return b"".join(raw[y * stride : y * stride + w] for y in range(self.height))

    def raw(self) -> tuple[bytes, int]:
        """The mask buffer and its row stride (cheaper than :meth:`to_bytes`)."""
        return bytes(self.mask.constBits()), self.mask.bytesPerLine()

    def coverage(self) -> float:
        data, stride = self.raw()
        return masks.mask_coverage(data, self.width, self.height, stride)

    def is_empty(self) -> bool:
        data, stride = self.raw()
        return masks.mask_is_empty(data, self.width, self.height, stride)

    def value_at(self, x: int, y: int) -> int:
        """The mask byte at (x, y): 255 = edit, 0 = keep (for tests and the status bar)."""
        return self.mask.pixelColor(x, y).alpha()
