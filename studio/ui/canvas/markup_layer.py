"""The markup layer: annotations as editable objects over the image, and their undo step.

The layer holds an immutable tuple of :class:`~studio.core.markup.Annotation`
(image coordinates), which one is selected, and the style new annotations get.
Every change is one :class:`MarkupEditCommand` holding the tuple before and
after, so undo and redo are exact and cheap (annotations are small and shared).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QUndoCommand

from studio.core.markup import Annotation, Kind, MarkupDoc, Style
from studio.ui.canvas import markup_paint

MARKUP_LAYER = "markup"

Annotations = tuple[Annotation, ...]


class MarkupLayer:
    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.annotations: Annotations = ()
        self.selected: int | None = None
        #: the style the next annotation gets (the panel's colour, width, opacity, font)
        self.style = Style()
        #: called when the annotations changed (each undo step, undo and redo too)
        self.on_edit: Callable[[], None] = lambda: None
        #: called when only what is shown changed (selection, a drag in progress, a note
        #: being typed): a repaint, nothing to export
        self.on_view: Callable[[], None] = lambda: None
        #: open the note editor: on note ``index``, or a new note at the point (the canvas)
        self.request_note: Callable[[int | None, QPointF], None] = lambda _i, _p: None

    # -- reading -----------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self.annotations

    def doc(self) -> MarkupDoc:
        return MarkupDoc(self.width, self.height, self.annotations)

    def selection(self) -> Annotation | None:
        i = self.selected
        return self.annotations[i] if i is not None and i < len(self.annotations) else None

    def hit(self, pos: QPointF, tolerance: float) -> int | None:
        """The topmost annotation at ``pos`` (image coordinates), if any."""
        for i in range(len(self.annotations) - 1, -1, -1):
            if markup_paint.hits(self.annotations[i], pos, tolerance):
                return i
        return None

    def paint(self, p: QPainter) -> None:
        for a in self.annotations:
            markup_paint.paint(p, a)

    # -- changing (through commands, so every change is undoable) --------------------
    def set_annotations(self, items: Annotations, selected: int | None = None) -> None:
        self.annotations = items
        self.selected = selected if selected is not None and selected < len(items) else None
        self.on_edit()

    def select(self, index: int | None) -> None:
        self.selected = index
        self.on_view()

    def preview(self, items: Annotations) -> None:
        """Show ``items`` while a drag is in progress (its end makes the undo step)."""
        self.annotations = items
        self.on_view()

    def load(self, doc: MarkupDoc) -> None:
        """Put stored annotations back (reuse of a job); not an undo step."""
        self.set_annotations(doc.annotations)


class MarkupEditCommand(QUndoCommand):
    """One change to the markup: the whole tuple before and after (shared, not copied)."""

    def __init__(
        self,
        layer: MarkupLayer,
        before: Annotations,
        after: Annotations,
        text: str,
        selected_after: int | None = None,
    ) -> None:
        super().__init__(text)
        self.layer = layer
        self.before = before
        self.after = after
        self.selected_before = layer.selected
        self.selected_after = selected_after

    def redo(self) -> None:
        self.layer.set_annotations(self.after, self.selected_after)

    def undo(self) -> None:
        self.layer.set_annotations(self.before, self.selected_before)


def replaced(items: Annotations, index: int, new: Annotation) -> Annotations:
    return (*items[:index], new, *items[index + 1 :])


def removed(items: Annotations, index: int) -> Annotations:
    return (*items[:index], *items[index + 1 :])


def resized(a: Annotation, old: QRectF, new: QRectF) -> Annotation:
    """``a`` stretched from the box ``old`` to ``new`` (a note scales its font with the
    height and keeps its top-left corner in place)."""
    if a.kind is Kind.TEXT:
        scale = new.height() / old.height() if old.height() > 0 else 1.0
        size = max(4, min(1024, round(a.style.font_size * scale)))
        x, y = a.points[0]
        moved = (x + new.left() - old.left(), y + new.top() - old.top())
        return replace(a, points=(moved,), style=replace(a.style, font_size=size))
    sx = new.width() / old.width() if old.width() > 0 else 1.0
    sy = new.height() / old.height() if old.height() > 0 else 1.0
    points = tuple(
        (new.left() + (x - old.left()) * sx, new.top() + (y - old.top()) * sy) for x, y in a.points
    )
    return replace(a, points=points)


def frame_of(a: Annotation) -> QRectF:
    """The box the resize handles sit on: the points' box (a note: its text box)."""
    if a.kind is Kind.TEXT:
        return markup_paint.note_rect(a)
    left, top, right, bottom = a.bounds()
    return QRectF(left, top, right - left, bottom - top)


#: a resize handle's half size on screen, in widget pixels
HANDLE = 5.0


def handles(frame: QRectF) -> list[QPointF]:
    """The four corner handles, clockwise from the top left."""
    return [frame.topLeft(), frame.topRight(), frame.bottomRight(), frame.bottomLeft()]


def handle_at(layer: MarkupLayer, pos: QPointF, scale: float) -> int | None:
    """The corner handle of the selection under ``pos`` (image coordinates), if any."""
    a = layer.selection()
    if a is None:
        return None
    reach = (HANDLE + 2) / max(scale, 1e-6)
    for i, h in enumerate(handles(frame_of(a))):
        if abs(h.x() - pos.x()) <= reach and abs(h.y() - pos.y()) <= reach:
            return i
    return None


def paint_selection(
    p: QPainter, layer: MarkupLayer, to_widget: Callable[[QPointF], QPointF]
) -> None:
    """A dashed frame and four handles around the selected annotation (widget coordinates)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPen

    a = layer.selection()
    if a is None:
        return
    frame = frame_of(a)
    tl, br = to_widget(frame.topLeft()), to_widget(frame.bottomRight())
    box = QRectF(tl, br).normalized()
    p.save()
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor(0, 0, 0, 200), 1.0))
    p.drawRect(box)
    p.setPen(QPen(QColor(255, 255, 255, 230), 1.0, Qt.PenStyle.DashLine))
    p.drawRect(box)
    p.setPen(QPen(QColor(0, 0, 0), 1.0))
    p.setBrush(QColor(255, 255, 255))
    for h in handles(box):
        p.drawRect(QRectF(h.x() - HANDLE, h.y() - HANDLE, 2 * HANDLE, 2 * HANDLE))
    p.restore()
