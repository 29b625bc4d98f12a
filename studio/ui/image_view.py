"""A zoomable, pannable picture: fit, 100 %, wheel zoom anchored at the cursor,
drag to pan. A plain widget with a tiny view transform (scale + offset).

Pictures are drawn on a checkerboard, so transparency shows as transparency.
A vector drawing (an SVG that passed the safety check) is drawn by its renderer
at the current zoom, so it stays sharp; its raster only sets the size."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from studio.ui.averaged import averaged_down

MIN_SCALE = 0.02
MAX_SCALE = 32.0
CHECKER = 8  # logical pixels per checkerboard square


def checker_brush(square: int = CHECKER) -> QBrush:
    """Light and mid grey squares: what shows through transparent pixels."""
    tile = QImage(square * 2, square * 2, QImage.Format.Format_RGB32)  # not a pixmap: any thread
    tile.fill(QColor(255, 255, 255))
    p = QPainter(tile)
    grey = QColor(204, 204, 204)
    p.fillRect(0, 0, square, square, grey)
    p.fillRect(square, square, square, square, grey)
    p.end()
    return QBrush(tile)


class ImageView(QWidget):
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._scale = 1.0
        self._offset = QPointF(0, 0)
        self._fit = True
        self._drag_from: QPointF | None = None
        #: shown while there is no image
        self.placeholder = ""
        #: shown over the picture (why a drawing is not rendered)
        self.note = ""
        self._vector: QSvgRenderer | None = None
        #: made when a picture is first drawn (QBrush's first use costs ~2 ms at start)
        self._checker: QBrush | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)

    def sizeHint(self) -> QSize:
        return QSize(520, 420)

    # --- public -------------------------------------------------------------
    def image(self) -> QImage:
        return self._image

    def set_image(
        self, image: QImage | None, keep_view: bool = False, vector: QSvgRenderer | None = None
    ) -> None:
        """Show ``image``; with ``vector``, that renderer draws it (``image`` sets the size)."""
        self._image = image if image is not None else QImage()
        self._vector = vector
        if not keep_view or self._fit:
            self.fit()
        self.update()

    @property
    def vector(self) -> QSvgRenderer | None:
        return self._vector

    @property
    def scale(self) -> float:
        return self._scale

    @property
    def fitted(self) -> bool:
        return self._fit

    def fit(self) -> None:
        self._fit = True
        if self._image.isNull():
            return
        dpr = self.devicePixelRatioF() * self._image.devicePixelRatio()
        w, h = self._image.width() / dpr, self._image.height() / dpr
        s = min(self.width() / max(w, 1), self.height() / max(h, 1))
        self._set_scale(min(s, 1.0 * 8), centre=True)

    def actual_size(self) -> None:
        """One image pixel per device pixel (100 %)."""
        self._fit = False
        self._set_scale(1.0, centre=True)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self._fit = False
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        old = self._scale
        new = max(MIN_SCALE, min(MAX_SCALE, old * factor))
        # keep the image point under the anchor where it is
        self._offset = anchor - (anchor - self._offset) * (new / old)
        self._scale = new
        self.zoom_changed.emit(new)
        self.update()

    # --- internals ------------------------------------------------------------
    def _set_scale(self, scale: float, centre: bool) -> None:
        self._scale = max(MIN_SCALE, min(MAX_SCALE, scale))
        if centre:
            r = self._target_rect(QPointF(0, 0))
            self._offset = QPointF((self.width() - r.width()) / 2, (self.height() - r.height()) / 2)
        self.zoom_changed.emit(self._scale)
        self.update()

    def _target_rect(self, offset: QPointF) -> QRectF:
        # a partial decoded at a reduced size carries a ratio below 1: it measures the full size
        dpr = self.devicePixelRatioF() * self._image.devicePixelRatio()
        w = self._image.width() * self._scale / dpr
        h = self._image.height() * self._scale / dpr
        return QRectF(offset.x(), offset.y(), w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        if not self._image.isNull():
            target = self._target_rect(self._offset)
            p.setBrushOrigin(target.topLeft())
            if self._checker is None:
                self._checker = checker_brush()
            p.fillRect(target, self._checker)
            if self._vector is not None:
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                self._paint_vector(p, target)
            else:
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._scale < 2)
                dpr = self.devicePixelRatioF()
                w, h = round(target.width() * dpr), round(target.height() * dpr)
                # well under its size, averaged down once (see studio.ui.averaged)
                p.drawImage(target, averaged_down(self._image, w, h) or self._image)
            if self.note:
                p.setPen(QColor(40, 40, 40))
                box = target.intersected(QRectF(self.rect())).adjusted(16, 16, -16, -16)
                p.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.note)
        elif self.placeholder:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        p.end()

    def _paint_vector(self, p: QPainter, target: QRectF) -> None:
        """Draw only the visible part of the drawing, at the current zoom.

        The renderer is pointed at the part of the viewBox on screen, so whatever it
        draws offscreen (filters, masks) is never larger than the widget, however far
        the view is zoomed in."""
        renderer = self._vector
        if renderer is None:
            return
        visible = target.intersected(QRectF(self.rect()))
        if visible.isEmpty() or target.width() <= 0 or target.height() <= 0:
            return
        full = renderer.viewBoxF()
        sx, sy = full.width() / target.width(), full.height() / target.height()
        part = QRectF(
            full.x() + (visible.x() - target.x()) * sx,
            full.y() + (visible.y() - target.y()) * sy,
            visible.width() * sx,
            visible.height() * sy,
        )
        mode = renderer.aspectRatioMode()
        renderer.setAspectRatioMode(Qt.AspectRatioMode.IgnoreAspectRatio)
        renderer.setViewBox(part)
        try:
            renderer.render(p, visible)
        finally:
            renderer.setViewBox(full)
            renderer.setAspectRatioMode(mode)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._fit:
            self.fit()
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.25**steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            self._drag_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._fit = False
            self._offset += event.position() - self._drag_from
            self._drag_from = event.position()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        self.unsetCursor()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._fit:
            self.actual_size()
        else:
            self.fit()
