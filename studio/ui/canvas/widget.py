"""``MaskCanvas``: the image with a paintable mask, zoom and pan, undo, export.

The mask lives in image pixels (``MaskLayer``); the widget only maps mouse
positions through ``ViewTransform`` and repaints the widget rectangle an edit
dirtied. Keys (when the canvas has focus): ``[`` ``]`` size, Ctrl+wheel size,
wheel zoom at the cursor, Space+drag or middle-drag pan, Ctrl+0 fit, Ctrl+1
100 %, Shift+I / Shift+V invert, B/E/R/L tools (Shift+R, Shift+L erase),
Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo, Esc cancels a rectangle or lasso.
The right mouse button uses the erasing variant of the current tool.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from studio.core import masks
from studio.ui.canvas import export
from studio.ui.canvas.commands import UNDO_LIMIT, InvertCommand, MaskEditCommand, TileRecorder
from studio.ui.canvas.mask_layer import MaskLayer
from studio.ui.canvas.tools import Tool, ToolSettings, ViewMode, clamp_size, step_size
from studio.ui.canvas.view import ViewTransform

BACKGROUND = QColor(48, 48, 52)
ZOOM_STEP = 1.25


class MaskCanvas(QWidget):
    mask_changed = Signal()
    zoom_changed = Signal(float)
    size_changed = Signal(int)  # the current tool's size changed
    tool_changed = Signal(object)  # Tool
    image_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(120, 120)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.view = ViewTransform()
        self.settings = ToolSettings()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._source = QImage()  # straight RGBA8888, what the export copies
        self._display = QImage()  # premultiplied, what paintEvent draws
        self._layer: MaskLayer | None = None
        self._tool = Tool.BRUSH
        self._view_mode = ViewMode.IMAGE_AND_MASK
        self._opacity = 0.5
        self._fit_mode = True
        self._space = False
        self._cursor: QPointF | None = None  # widget coordinates, for the brush ring
        self._pan_last: QPointF | None = None
        self._active: Tool | None = None  # tool of the edit in progress
        self._recorder: TileRecorder | None = None
        self._last: QPointF | None = None  # last stroke point, image coordinates
        self._rect_start: QPointF | None = None
        self._rect_end: QPointF | None = None
        self._lasso = QPolygonF()
        self._pending_exports: set[export._Relay] = set()
        self.last_import: masks.ImportedMask | None = None

    # -- image ---------------------------------------------------------------------
    def load_image(self, image: QImage | str | Path, *, keep_mask: bool = False) -> None:
        """Show ``image`` (a QImage or a file path); a fresh empty mask unless ``keep_mask``
        and the size is unchanged. Raises ValueError when the file cannot be read."""
        if isinstance(image, QImage):
            img = QImage(image)
        else:
            reader = QImageReader(str(image))
            reader.setAutoTransform(False)  # the mask follows the file's pixel grid
            img = reader.read()
            if img.isNull():
                raise ValueError(f"{image}: cannot read the image ({reader.errorString()}).")
        if img.isNull():
            raise ValueError("The image is empty.")
        same = self._layer is not None and img.size() == self._source.size()
        self._source = img.convertToFormat(QImage.Format.Format_RGBA8888)
        self._display = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        if not (keep_mask and same):
            color = self._layer.color if self._layer is not None else None
            self._layer = MaskLayer(img.width(), img.height())
            if color is not None:
                self._layer.set_color(color)
            self.undo_stack.clear()
        self.fit_to_view()
        self.image_changed.emit()
        self.mask_changed.emit()

    def has_image(self) -> bool:
        return self._layer is not None

    def image_size(self) -> QSize:
        return self._source.size()

    def source_image(self) -> QImage:
        return QImage(self._source)

    @property
    def layer(self) -> MaskLayer:
        if self._layer is None:
            raise ValueError("No image is loaded.")
        return self._layer

    # -- mask ------------------------------------------------------------------------
    def mask_image(self) -> QImage:
        """A copy of the mask (Alpha8, image size, 255 = edit)."""
        return self.layer.mask.copy()

    def mask_bytes(self) -> bytes:
        return self.layer.to_bytes()

    def mask_is_empty(self) -> bool:
        return self._layer is None or self._layer.is_empty()

    def mask_coverage(self) -> float:
        return 0.0 if self._layer is None else self._layer.coverage()

    def undo_stored_bytes(self) -> int:
        """Bytes the undo stack holds for mask history (for tests and the memory budget)."""
        total = 0
        for i in range(self.undo_stack.count()):
            total += int(getattr(self.undo_stack.command(i), "stored_bytes", 0))
        return total

    def _changed(self, image_rect: QRect) -> None:
        self._update_image_rect(image_rect)
        self.mask_changed.emit()

    def _whole_edit(self, text: str, edit: Callable[[MaskLayer], QRect]) -> None:
        layer = self.layer
        rec = TileRecorder(layer)
        rec.touch(layer.bounds)
        edit(layer)
        tiles = rec.finish()
        self._changed(layer.bounds)
        if tiles:
            self.undo_stack.push(MaskEditCommand(layer, tiles, text, self._changed))

    def clear_mask(self) -> None:
        if self._layer is not None:
            self._whole_edit(self.tr("Clear mask"), lambda lay: lay.fill(False))

    def fill_mask(self) -> None:
        if self._layer is not None:
            self._whole_edit(self.tr("Fill mask"), lambda lay: lay.fill(True))

    def invert_mask(self) -> None:
        if self._layer is not None:
            self.undo_stack.push(InvertCommand(self._layer, self.tr("Invert mask"), self._changed))

    def set_mask_bytes(self, data: bytes, text: str = "") -> None:
        """Replace the mask with ``width*height`` bytes (255 = edit) as one undo step."""
        self._whole_edit(text or self.tr("Set mask"), lambda lay: lay.set_bytes(data))

    def set_mask_from_png(self, data: bytes, name: str = "mask") -> None:
        """Import a mask file (transparent = edit, or black = edit in an opaque image).

        Raises ValueError with a readable message (naming both sizes when they differ)."""
        if self._layer is None:
            raise ValueError(self.tr("Open an image before importing a mask."))
        size = (self._source.width(), self._source.height())
        imported = masks.mask_from_png(data, size, name=name)
        self.set_mask_bytes(imported.data, self.tr("Import mask"))
        self.last_import = imported

    # -- export ----------------------------------------------------------------------
    def export_mask_png(self, compress_level: int = 1) -> bytes:
        """The API's mask file: image size, opaque source colours, alpha 0 where the mask is set."""
        return export.encode_mask_png(self._source, self.layer.mask, compress_level)

    def export_async(
        self,
        callback: Callable[[bytes], None],
        on_error: Callable[[str], None] | None = None,
        *,
        save_to: str | Path | None = None,
        compress_level: int = 1,
    ) -> None:
        """Encode (and optionally write ``save_to``) in a QThreadPool worker; the
        callbacks run on the UI thread. The image copies are taken here, now."""
        layer = self.layer
        relay = export.make_relay(callback, on_error, self._pending_exports.discard)
        self._pending_exports.add(relay)
        job = export.ExportJob(
            QImage(self._source),
            QImage(layer.mask),
            relay,
            Path(save_to) if save_to is not None else None,
            compress_level,
        )
        QThreadPool.globalInstance().start(job)

    # -- tools and overlay -------------------------------------------------------------
    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool) -> None:
        if tool != self._tool:
            self._cancel_shape()
            self._tool = tool
            self.tool_changed.emit(tool)
            self.size_changed.emit(self.current_size())
            self.update()

    def current_size(self) -> int:
        return self.settings.size_for(self._tool)

    def set_brush_size(self, size: int) -> None:
        self.settings.brush_size = clamp_size(size)
        self._size_updated()

    def set_eraser_size(self, size: int) -> None:
        self.settings.eraser_size = clamp_size(size)
        self._size_updated()

    def set_current_size(self, size: int) -> None:
        self.settings.set_size_for(self._tool, size)
        self._size_updated()

    def _size_updated(self) -> None:
        self.size_changed.emit(self.current_size())
        self.update()

    def overlay_color(self) -> QColor:
        return self.layer.color if self._layer is not None else QColor()

    def set_overlay_color(self, color: QColor) -> None:
        if self._layer is not None:
            self._layer.set_color(color)
            self.update()

    def overlay_opacity(self) -> float:
        return self._opacity

    def set_overlay_opacity(self, opacity: float) -> None:
        self._opacity = max(0.0, min(1.0, opacity))
        self.update()

    def view_mode(self) -> ViewMode:
        return self._view_mode

    def set_view_mode(self, mode: ViewMode) -> None:
        self._view_mode = mode
        self.update()

    # -- view --------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.view.scale

    def image_to_widget(self, p: QPointF) -> QPointF:
        return QPointF(*self.view.to_widget(p.x(), p.y()))

    def widget_to_image(self, p: QPointF) -> QPointF:
        return QPointF(*self.view.to_image(p.x(), p.y()))

    def _view_changed(self) -> None:
        self.update()
        self.zoom_changed.emit(self.view.scale)

    def fit_to_view(self) -> None:
        self._fit_mode = True
        self.view.fit(self._source.width(), self._source.height(), self.width(), self.height())
        self._view_changed()

    def actual_size(self) -> None:
        self._fit_mode = False
        self.view.actual_size(
            self._source.width(), self._source.height(), self.width(), self.height()
        )
        self._view_changed()

    def set_zoom(self, scale: float, anchor: QPointF | None = None) -> None:
        """Set the scale keeping ``anchor`` (widget coordinates; default: centre) in place."""
        self._fit_mode = False
        a = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        self.view.set_scale_at(scale, a.x(), a.y())
        self._view_changed()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.view.scale * factor, anchor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_mode:
            self.fit_to_view()

    # -- repainting ------------------------------------------------------------------------
    def _image_rect_to_widget(self, r: QRect) -> QRect:
        x, y, w, h = self.view.rect_to_widget(r.x(), r.y(), r.width(), r.height())
        return QRectF(x, y, w, h).toAlignedRect().adjusted(-2, -2, 2, 2)

    def _update_image_rect(self, r: QRect) -> None:
        if not r.isEmpty():
            self.update(self._image_rect_to_widget(r))

    def _ring_rect(self) -> QRect:
        if self._cursor is None:
            return QRect()
        r = self.settings.size_for(self._active or self._tool) * self.view.scale / 2 + 3
        c = self._cursor
        return QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r).toAlignedRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            clip = event.rect()
            p.fillRect(clip, BACKGROUND)
            if self._layer is None:
                p.setPen(QColor(200, 200, 200))
                p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No image"))
                return
            self._paint_layers(p, clip)
            self._paint_shapes(p)
        finally:
            p.end()

    def _paint_layers(self, p: QPainter, clip: QRect) -> None:
        assert self._layer is not None
        s = self.view.scale
        ix, iy, iw, ih = self.view.rect_to_image(clip.x(), clip.y(), clip.width(), clip.height())
        pad = max(2, math.ceil(3 / s))  # smooth scaling samples a little beyond the edge
        src = QRectF(ix, iy, iw, ih).toAlignedRect().adjusted(-pad, -pad, pad, pad)
        src = src.intersected(self._layer.bounds)
        if src.isEmpty():
            return
        p.save()
        p.translate(self.view.offset_x, self.view.offset_y)
        p.scale(s, s)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, s < 1.0)
        target = QRectF(src)
        if self._view_mode == ViewMode.MASK_ONLY:
            p.fillRect(target, QColor(0, 0, 0))
        else:
            p.drawImage(target, self._display, target)
        if self._view_mode != ViewMode.IMAGE_ONLY:
            p.setOpacity(1.0 if self._view_mode == ViewMode.MASK_ONLY else self._opacity)
            p.drawImage(target, self._layer.overlay, target)
        p.restore()

    def _paint_shapes(self, p: QPainter) -> None:
        dark = QPen(QColor(0, 0, 0, 200), 1.0)
        light = QPen(QColor(255, 255, 255, 230), 1.0, Qt.PenStyle.DashLine)
        if self._rect_start is not None and self._rect_end is not None:
            a = self.image_to_widget(self._rect_start)
            b = self.image_to_widget(self._rect_end)
            for pen in (dark, light):
                p.setPen(pen)
                p.drawRect(QRectF(a, b).normalized())
        if self._lasso.size() > 1:
            poly = QPolygonF(
                [self.image_to_widget(self._lasso.at(i)) for i in range(self._lasso.size())]
            )
            for pen in (dark, light):
                p.setPen(pen)
                p.drawPolygon(poly)
        tool = self._active or self._tool
        cursor = self._cursor
        if cursor is not None and tool.is_stroke and self._pan_last is None and not self._space:
            r = self.settings.size_for(tool) * self.view.scale / 2
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setBrush(Qt.BrushStyle.NoBrush)
            for pen in (dark, light):
                p.setPen(pen)
                p.drawEllipse(cursor, r, r)

    # -- editing -----------------------------------------------------------------------------
    def _begin(self, tool: Tool, pos: QPointF) -> None:
        layer = self.layer
        self._active = tool
        self._recorder = TileRecorder(layer)
        ip = self.widget_to_image(pos)
        if tool.is_stroke:
            self._last = ip
            self._stroke_to(ip)
        elif tool.is_rect:
            self._rect_start = self._rect_end = ip
        else:
            self._lasso = QPolygonF([ip])

    def _stroke_to(self, ip: QPointF) -> None:
        assert self._recorder is not None and self._active is not None and self._last is not None
        size = self.settings.size_for(self._active)
        layer = self.layer
        self._recorder.touch(layer.segment_rect(self._last, ip, size))
        dirty = layer.stroke_segment(self._last, ip, size, self._active.erases)
        self._last = ip
        self._update_image_rect(dirty)

    def _move(self, pos: QPointF) -> None:
        assert self._active is not None
        ip = self.widget_to_image(pos)
        if self._active.is_stroke:
            self._stroke_to(ip)
        elif self._active.is_rect:
            self._rect_end = ip
            self.update()
        else:
            self._lasso.append(ip)
            self.update()

    def _finish(self) -> None:
        tool, rec = self._active, self._recorder
        if tool is None or rec is None:
            return
        layer = self.layer
        if tool.is_rect and self._rect_start is not None and self._rect_end is not None:
            r = QRectF(self._rect_start, self._rect_end).normalized()
            rect = QRect(
                math.floor(r.left() + 0.5),
                math.floor(r.top() + 0.5),
                max(0, math.floor(r.right() + 0.5) - math.floor(r.left() + 0.5)),
                max(0, math.floor(r.bottom() + 0.5) - math.floor(r.top() + 0.5)),
            )
            rec.touch(rect)
            self._update_image_rect(layer.fill_rect(rect, tool.erases))
        elif tool.is_lasso and self._lasso.size() >= 3:
            rec.touch(self._lasso.boundingRect().toAlignedRect().adjusted(-1, -1, 1, 1))
            self._update_image_rect(layer.fill_polygon(self._lasso, tool.erases))
        self._cancel_shape()
        tiles = rec.finish()
        if tiles:
            names = {
                Tool.BRUSH: self.tr("Brush stroke"),
                Tool.ERASER: self.tr("Eraser stroke"),
                Tool.RECT_FILL: self.tr("Rectangle fill"),
                Tool.RECT_ERASE: self.tr("Rectangle erase"),
                Tool.LASSO_FILL: self.tr("Lasso fill"),
                Tool.LASSO_ERASE: self.tr("Lasso erase"),
            }
            self.undo_stack.push(MaskEditCommand(layer, tiles, names[tool], self._changed))
            self.mask_changed.emit()

    def _cancel_shape(self) -> None:
        self._active = None
        self._recorder = None
        self._last = None
        self._rect_start = self._rect_end = None
        self._lasso = QPolygonF()
        self.update()

    # -- mouse --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        button = event.button()
        pos = event.position()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self._space
        ):
            self._pan_last = pos
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if self._layer is None or self._active is not None:
            return
        if button == Qt.MouseButton.LeftButton:
            self._begin(self._tool, pos)
        elif button == Qt.MouseButton.RightButton:
            self._begin(self._tool.erase_variant(), pos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        old_ring = self._ring_rect()
        self._cursor = pos
        if self._pan_last is not None:
            d = pos - self._pan_last
            self._pan_last = pos
            self._fit_mode = False
            self.view.pan(d.x(), d.y())
            self.update()
            return
        if self._active is not None:
            self._move(pos)
        self.update(old_ring.united(self._ring_rect()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_last is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._pan_last = None
            self.setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.CrossCursor
            )
            return
        if self._active is not None:
            self._finish()

    def leaveEvent(self, event: QEvent) -> None:
        ring = self._ring_rect()
        self._cursor = None
        self.update(ring)
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if not steps:
            event.ignore()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            size = self.current_size()
            for _ in range(int(abs(steps)) or 1):
                size = step_size(size, steps > 0)
            self.set_current_size(size)
        elif self._layer is not None:
            self.zoom_by(ZOOM_STEP**steps, event.position())
        event.accept()

    # -- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Space and not ctrl:
            if not event.isAutoRepeat():
                self._space = True
                self.setCursor(Qt.CursorShape.OpenHandCursor)
                self.update(self._ring_rect())
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self._cancel_shape()
            self.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (ctrl and key == Qt.Key.Key_Y):
            self.undo_stack.redo()
        elif ctrl and key in (Qt.Key.Key_0, Qt.Key.Key_ParenRight):
            self.fit_to_view()
        elif ctrl and key in (Qt.Key.Key_1, Qt.Key.Key_Exclam):
            self.actual_size()
        elif ctrl:
            super().keyPressEvent(event)
        elif key == Qt.Key.Key_BracketLeft:
            self.set_current_size(step_size(self.current_size(), False))
        elif key == Qt.Key.Key_BracketRight:
            self.set_current_size(step_size(self.current_size(), True))
        elif shift and key in (Qt.Key.Key_I, Qt.Key.Key_V):
            self.invert_mask()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Escape and self._active is not None:
            self._cancel_shape()
        elif key == Qt.Key.Key_B:
            self.set_tool(Tool.BRUSH)
        elif key == Qt.Key.Key_E:
            self.set_tool(Tool.ERASER)
        elif key == Qt.Key.Key_R:
            self.set_tool(Tool.RECT_ERASE if shift else Tool.RECT_FILL)
        elif key == Qt.Key.Key_L:
            self.set_tool(Tool.LASSO_ERASE if shift else Tool.LASSO_FILL)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if self._pan_last is None:
                self.setCursor(Qt.CursorShape.CrossCursor)
            self.update(self._ring_rect())
            return
        super().keyReleaseEvent(event)
