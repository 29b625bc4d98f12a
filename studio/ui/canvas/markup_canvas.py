"""The canvas's markup side: the markup layer, the mode, the note editor and the export.

Kept apart from ``widget.py`` (the mask side and the view) as a mixin of
:class:`~studio.ui.canvas.widget.MaskCanvas`. Both layers share the canvas's view
transform and undo stack; the mode says which one the tools edit and which one a
job sends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QPainter, QUndoStack

from studio.core.markup import MarkupDoc
from studio.ui.canvas import markup_export, markup_paint
from studio.ui.canvas.markup_layer import (
    MarkupEditCommand,
    MarkupLayer,
    paint_selection,
    removed,
    replaced,
)
from studio.ui.canvas.markup_notes import NoteEditor
from studio.ui.canvas.tools.base import CanvasMode
from studio.ui.canvas.view import ViewTransform


class MarkupMixin:
    """Markup methods of the canvas (``self`` is the MaskCanvas widget)."""

    view: ViewTransform
    undo_stack: QUndoStack
    _markup: MarkupLayer | None
    _mode: CanvasMode
    notes: NoteEditor

    if TYPE_CHECKING:  # provided by the widget

        def update(self, *args: Any) -> None: ...
        def image_to_widget(self, p: QPointF) -> QPointF: ...
        def _emit_markup_changed(self) -> None: ...
        def _emit_markup_shown(self) -> None: ...
        def _emit_mode_changed(self) -> None: ...

    def _new_markup(self, width: int, height: int, keep: bool) -> None:
        old = self._markup
        if keep and old is not None and (old.width, old.height) == (width, height):
            return
        self.notes.cancel()
        layer = MarkupLayer(width, height)
        if old is not None:
            layer.style = old.style
        layer.on_edit = self._markup_changed
        layer.on_view = self._markup_shown
        layer.request_note = self._open_note
        self._markup = layer

    def _markup_changed(self) -> None:
        self.update()
        self._emit_markup_changed()
        self._emit_markup_shown()

    def _markup_shown(self) -> None:
        self.update()
        self._emit_markup_shown()

    def _open_note(self, index: int | None, pos: QPointF) -> None:
        if self._markup is not None:
            self.notes.open(self._markup, index, pos)

    # -- mode -------------------------------------------------------------------------
    def mode(self) -> CanvasMode:
        return self._mode

    def set_mode(self, mode: CanvasMode) -> None:
        """Edit the mask or the markup (the other is kept, not shown and not sent)."""
        if mode is self._mode:
            return
        self.notes.commit()
        self._mode = mode
        if self._markup is not None:
            self._markup.selected = None
        self.update()
        self._emit_mode_changed()

    # -- reading ----------------------------------------------------------------------
    @property
    def markup_layer(self) -> MarkupLayer:
        if self._markup is None:
            raise ValueError("No image is loaded.")
        return self._markup

    def markup_is_empty(self) -> bool:
        return self._markup is None or self._markup.is_empty()

    def markup_doc(self) -> MarkupDoc | None:
        """The annotations (None without an image)."""
        return None if self._markup is None else self._markup.doc()

    def paint_markup(self, p: QPainter) -> None:
        """The annotations through the view, then the selection's frame (widget coordinates)."""
        layer = self._markup
        if layer is None:
            return
        editing = self.notes.editing()
        p.save()
        p.translate(self.view.offset_x, self.view.offset_y)
        p.scale(self.view.scale, self.view.scale)
        for i, a in enumerate(layer.annotations):
            if i != editing:
                markup_paint.paint(p, a)
        p.restore()
        if editing is None:
            paint_selection(p, layer, self.image_to_widget)

    # -- changing (each one undo step) ---------------------------------------------------
    def _push_markup(self, command: MarkupEditCommand) -> None:
        self.undo_stack.push(command)

    def _change(self, after: tuple[Any, ...], text: str, selected: int | None = None) -> None:
        layer = self.markup_layer
        if after != layer.annotations:
            self._push_markup(MarkupEditCommand(layer, layer.annotations, after, text, selected))

    def set_markup_doc(self, doc: MarkupDoc) -> None:
        """Put annotations back (a reused job's): one undo step. Raises ValueError when
        they were drawn on an image of another size."""
        layer = self.markup_layer
        if (doc.width, doc.height) != (layer.width, layer.height):
            raise ValueError(
                f"the markup was drawn on a {doc.width}x{doc.height} image, "
                f"not {layer.width}x{layer.height}"
            )
        self._change(doc.annotations, QCoreApplication.translate("MarkupCanvas", "Restore markup"))

    def clear_markup(self) -> None:
        if self._markup is not None:
            self.notes.cancel()
            self._change((), QCoreApplication.translate("MarkupCanvas", "Clear markup"))

    def delete_selected(self) -> bool:
        layer = self._markup
        if layer is None or layer.selection() is None or layer.selected is None:
            return False
        self._change(
            removed(layer.annotations, layer.selected),
            QCoreApplication.translate("MarkupCanvas", "Delete annotation"),
        )
        return True

    def set_markup_style(self, **changes: Any) -> None:
        """Set the style of new annotations, and restyle the selected one (one undo step)."""
        layer = self.markup_layer
        layer.style = replace(layer.style, **changes)
        a, i = layer.selection(), layer.selected
        if a is not None and i is not None:
            restyled = a.with_style(**changes)
            if restyled != a:
                self._change(
                    replaced(layer.annotations, i, restyled),
                    QCoreApplication.translate("MarkupCanvas", "Change annotation style"),
                    i,
                )

    def export_markup_async(
        self,
        callback: Callable[[bytes], None],
        on_error: Callable[[str], None] | None = None,
        orientation: int = 1,
    ) -> None:
        """Encode the markup PNG on a worker; ``callback`` runs on the UI thread.
        ``orientation``: the image file's EXIF orientation (see ``markup_export``)."""
        doc = self.markup_layer.doc()
        markup_export.export_in_background(
            self,  # type: ignore[arg-type]
            doc,
            callback,
            on_error,
            orientation,
        )
