"""``MaskCanvas``: the image with a paintable mask, zoom and pan, undo, export.

The mask lives in image pixels (``MaskLayer``); the widget only maps mouse
positions through ``ViewTransform`` and repaints the widget rectangle an edit
dirtied. Keys (when the canvas has focus): ``[`` ``]`` size, Ctrl+wheel size,
wheel zoom at the cursor, Space+drag or middle-drag pan, Ctrl+0 fit, Ctrl+1
100 %, Shift+I / Shift+V invert, each tool's own shortcut (B/E/R/L, Shift+R,
Shift+L for the mask tools; V/P/N/A/X/O/T for the markup tools, Delete removes
the selected annotation), Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo, Esc
cancels a rectangle or lasso. The right mouse button uses the erasing variant of
the current tool. What a tool does is the tool's own (``tools/``); the canvas
hands it the view and its layer, paints its overlay and keeps its undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from studio.core import masks
from studio.ui.canvas import export, render
from studio.ui.canvas.commands import UNDO_LIMIT, InvertCommand, MaskEditCommand, TileRecorder
from studio.ui.canvas.keys import KeyAction, key_action
from studio.ui.canvas.markup_canvas import MarkupMixin
from studio.ui.canvas.markup_layer import MARKUP_LAYER, MarkupLayer
from studio.ui.canvas.markup_notes import NoteEditor
from studio.ui.canvas.mask_layer import MaskLayer
from studio.ui.canvas.tools import (
    MASK_LAYER,
    CanvasMode,
    CanvasTool,
    Tool,
    ToolContext,
    ToolGesture,
    ToolSettings,
    ViewMode,
    clamp_size,
    step_size,
    tool_for_key,
)
from studio.ui.canvas.view import ViewTransform

BACKGROUND = QColor(48, 48, 52)
ZOOM_STEP = 1.25


class MaskCanvas(MarkupMixin, QWidget):
    mask_changed = Signal()
    markup_changed = Signal()  # the annotations changed (what a job sends)
    markup_shown = Signal()  # the selection or a preview changed (a repaint only)
    mode_changed = Signal(CanvasMode)
    zoom_changed = Signal(float)
    size_changed = Signal(int)  # the current tool's size changed
    tool_changed = Signal(CanvasTool)
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
        # what the export copies: straight RGBA8888 for images with alpha; for opaque
        # images the display copy itself (converted in the export worker), saving memory
        self._source = QImage()
        self._display = QImage()  # RGB32 or premultiplied ARGB32: what paintEvent draws
        self._layer: MaskLayer | None = None
        self._tool: CanvasTool = Tool.BRUSH
        self._view_mode = ViewMode.IMAGE_AND_MASK
        self._opacity = 0.5
        self._fit_mode = True
        self._space = False
        self._cursor: QPointF | None = None  # widget coordinates, for the brush ring
        self._pan_last: QPointF | None = None
        self._gesture: ToolGesture | None = None  # the stroke, rectangle or lasso in progress
        self.last_import: masks.ImportedMask | None = None
        self._markup: MarkupLayer | None = None
        self._mode = CanvasMode.MASK
        self.notes = NoteEditor(self, self.view, self._push_markup)

    def _emit_markup_changed(self) -> None:
        self.markup_changed.emit()

    def _emit_markup_shown(self) -> None:
        self.markup_shown.emit()

    def _emit_mode_changed(self) -> None:
        self.mode_changed.emit(self._mode)

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
        self.cancel_gesture()
        same = self._layer is not None and img.size() == self._source.size()
        if img.hasAlphaChannel():
            self._source = img.convertToFormat(QImage.Format.Format_RGBA8888)
            self._display = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        else:
            self._display = img.convertToFormat(QImage.Format.Format_RGB32)
            self._source = self._display
        if not (keep_mask and same):
            color = self._layer.color if self._layer is not None else None
            self._layer = MaskLayer(img.width(), img.height())
            if color is not None:
                self._layer.set_color(color)
            self.undo_stack.clear()
        self._new_markup(img.width(), img.height(), keep_mask and same)
        self.fit_to_view()
        self.image_changed.emit()
        self.mask_changed.emit()
        self.markup_changed.emit()

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
            command = self.undo_stack.command(i)
            if isinstance(command, MaskEditCommand):  # the only command that keeps pixels
                total += command.stored_bytes
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
        """Encode (and optionally write ``save_to``) on a worker; the callbacks run on
        the UI thread. The image copies are taken here, now (implicitly shared, so a
        later stroke detaches the canvas's copy and never races the worker)."""
        export.export_in_background(
            self,
            QImage(self._source),
            QImage(self.layer.mask),
            callback,
            on_error,
            save_to=Path(save_to) if save_to is not None else None,
            compress_level=compress_level,
        )

    # -- tools and overlay -------------------------------------------------------------
    @property
    def tool(self) -> CanvasTool:
        return self._tool

    def set_tool(self, tool: CanvasTool) -> None:
        if tool != self._tool:
            self.cancel_gesture()
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
        self.notes.place()
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
        r = self._ring_size() * self.view.scale / 2 + 3
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
            markup = self._mode is CanvasMode.MARKUP
            # in Markup mode the mask is kept for later, not shown (only one is sent)
            mode = ViewMode.IMAGE_ONLY if markup else self._view_mode
            render.paint_layers(p, clip, self.view, self._display, self._layer, mode, self._opacity)
            if markup:
                self.paint_markup(p)
            if self._gesture is not None:
                self._gesture.paint_overlay(p, self.view)
            render.paint_ring(p, self._ring())
        finally:
            p.end()

    def _ring_size(self) -> int:
        g = self._gesture
        return g.size if g is not None else self.current_size()

    def _ring(self) -> tuple[QPointF, float] | None:
        """Where the brush ring goes (widget centre and radius), or None to hide it."""
        tool = self._gesture.tool if self._gesture is not None else self._tool
        cursor = self._cursor
        if cursor is None or not tool.ring or self._pan_last is not None or self._space:
            return None
        return cursor, self._ring_size() * self.view.scale / 2

    # -- editing -----------------------------------------------------------------------------
    def layers(self) -> dict[str, object]:
        """The layers a tool can work on, by the name a tool gives as its ``layer``."""
        return {MASK_LAYER: self.layer, MARKUP_LAYER: self.markup_layer}

    def _begin(self, tool: CanvasTool, pos: QPointF) -> None:
        target = self.layers().get(tool.layer)
        if target is None or tool.layer != self._mode.value:
            return
        self.notes.commit()
        ctx = ToolContext(self.view, target, self.settings.size_for(tool), self._changed)
        self._gesture = tool.press(ctx, self.widget_to_image(pos))
        self._update_image_rect(self._gesture.begin())
        self.update(self._ring_rect())

    def _move(self, pos: QPointF) -> None:
        assert self._gesture is not None
        dirty = self._gesture.move(self.widget_to_image(pos))
        if dirty is None:
            self.update()  # the overlay (an outline) moved
        else:
            self._update_image_rect(dirty)

    def _finish(self) -> None:
        g, self._gesture = self._gesture, None
        if g is None:
            return
        done = g.release()
        self._update_image_rect(done.dirty)
        self.update()
        if done.command is not None:
            self.undo_stack.push(done.command)
            if g.tool.layer == MASK_LAYER:
                self.mask_changed.emit()

    def cancel_gesture(self) -> None:
        """Abandon the stroke, rectangle or lasso in progress, restoring what it painted."""
        g, self._gesture = self._gesture, None
        if g is not None:
            self._update_image_rect(g.cancel())
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
        if self._layer is None or self._gesture is not None:
            return
        if button == Qt.MouseButton.LeftButton:
            self._begin(self._tool, pos)
        elif button == Qt.MouseButton.RightButton:
            variant = self._tool.erase_variant()
            if variant is not None:
                self._begin(variant, pos)

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
        if self._gesture is not None:
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
        if self._gesture is not None:
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
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            if not event.isAutoRepeat():
                self._space = True
                self.setCursor(Qt.CursorShape.OpenHandCursor)
                self.update(self._ring_rect())
            return
        action = key_action(event)
        handler = self._key_handlers().get(action) if action is not None else None
        if handler is not None:
            handler()
            return
        deleting = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        if deleting and not event.modifiers() and self._mode is CanvasMode.MARKUP:
            self.delete_selected()
            return
        tool = tool_for_key(event)
        if tool is not None:
            self.set_tool(tool)
            return
        super().keyPressEvent(event)

    def _key_handlers(self) -> dict[KeyAction, Callable[[], None]]:
        def undo() -> None:
            self.cancel_gesture()
            self.undo_stack.undo()

        def size(up: bool) -> Callable[[], None]:
            return lambda: self.set_current_size(step_size(self.current_size(), up))

        return {
            KeyAction.UNDO: undo,
            KeyAction.REDO: self.undo_stack.redo,
            KeyAction.FIT: self.fit_to_view,
            KeyAction.ACTUAL_SIZE: self.actual_size,
            KeyAction.SMALLER: size(False),
            KeyAction.LARGER: size(True),
            KeyAction.INVERT: self.invert_mask,
            KeyAction.ZOOM_IN: lambda: self.zoom_by(ZOOM_STEP),
            KeyAction.ZOOM_OUT: lambda: self.zoom_by(1 / ZOOM_STEP),
            KeyAction.CANCEL: self.cancel_gesture,
        }

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if self._pan_last is None:
                self.setCursor(Qt.CursorShape.CrossCursor)
            self.update(self._ring_rect())
            return
        super().keyReleaseEvent(event)
