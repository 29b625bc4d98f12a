"""The history's tile view: a grid of equal tiles laid out by arithmetic.

Every tile has the grid's size, so where a row's tile is follows from its number
(``row // columns`` lines down, ``row % columns`` across). The view asks the model
only about the rows on screen: a job arriving, a page read or a count coming in
costs the same at ten thousand jobs as at a million. (``QListView`` in icon mode
lays out every row again on each insertion, asking the model about each one.)

While it has no rows it draws ``empty_text`` (what to do next) in its middle.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPalette, QRegion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QRubberBand,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

from studio.ui.gallery.delegate import GalleryDelegate
from studio.ui.gallery.model import GalleryModel

_Index = QModelIndex | QPersistentModelIndex
_Move = QAbstractItemView.CursorAction
_Hint = QAbstractItemView.ScrollHint


#: the most the view insists on showing (a row of the default tiles fits well under it)
MIN_HEIGHT_CAP = 240


class GalleryView(QAbstractItemView):
    """Equal tiles left to right, line after line; only visible rows are asked about."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""
        self._grid = QSize(176, 196)
        self._band: QRubberBand | None = None
        self._band_from = QPoint()  # where a rubber band started, in contents coordinates
        self._again = QTimer(self)  # paint once more: tiles were left for the next frame
        self._again.setSingleShot(True)
        self._again.setInterval(0)
        self._again.timeout.connect(self.viewport().update)
        self._unfinished_from: GalleryDelegate | None = None
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    # -- what the dock sets ------------------------------------------------------

    def set_empty_text(self, text: str) -> None:
        if text != self.empty_text:
            self.empty_text = text
            self.viewport().update()

    def gridSize(self) -> QSize:  # the name QListView gives it
        return QSize(self._grid)

    def setGridSize(self, size: QSize) -> None:
        if size != self._grid and size.width() > 0 and size.height() > 0:
            self._grid = QSize(size)
            # a whole row of tiles, whatever the window gives the history's strip (up to
            # a cap: big tiles zoomed in must not squeeze the picture above)
            row = min(size.height(), MIN_HEIGHT_CAP)
            self.setMinimumHeight(row + 2 * self.frameWidth())
            self.updateGeometries()
            self.viewport().update()

    # -- the arithmetic ----------------------------------------------------------

    def _rows(self) -> int:
        model = self.model()
        return 0 if model is None else model.rowCount(self.rootIndex())

    def drawing_pending(self) -> bool:
        """A paint left tiles for the next frame, which has not come yet."""
        return self._again.isActive()

    def columns(self) -> int:
        return max(1, self.viewport().width() // self._grid.width())

    def _cell(self, row: int) -> QRect:
        """``row``'s tile in contents coordinates (the top of the first line is 0)."""
        cols = self.columns()
        w, h = self._grid.width(), self._grid.height()
        return QRect((row % cols) * w, (row // cols) * h, w, h)

    def _row_at(self, point: QPoint, *, clamp: bool = False) -> int:
        """The row whose tile holds ``point`` (viewport coordinates), or -1. ``clamp``:
        a point beside or past the tiles counts as the nearest tile."""
        rows = self._rows()
        cols = self.columns()
        x, y = point.x(), point.y() + self.verticalOffset()
        col, line = x // self._grid.width(), y // self._grid.height()
        if clamp:
            col = min(max(col, 0), cols - 1)
            line = max(line, 0)
            return min(line * cols + col, rows - 1)
        if x < 0 or y < 0 or col >= cols:
            return -1
        row = line * cols + col
        return row if row < rows else -1

    def visible_rows(self) -> range:
        """The rows whose tiles the viewport shows (wholly or in part)."""
        return self._rows_in(self.viewport().rect())

    def _rows_in(self, rect: QRect) -> range:
        rows = self._rows()
        if rows == 0 or rect.isEmpty():
            return range(0)
        cols, h = self.columns(), self._grid.height()
        top = max(0, rect.top() + self.verticalOffset()) // h
        bottom = max(0, rect.bottom() + self.verticalOffset()) // h
        return range(min(rows, top * cols), min(rows, (bottom + 1) * cols))

    # -- QAbstractItemView -------------------------------------------------------

    def visualRect(self, index: _Index) -> QRect:
        if not index.isValid() or index.row() >= self._rows():
            return QRect()
        return self._cell(index.row()).translated(0, -self.verticalOffset())

    def indexAt(self, point: QPoint) -> QModelIndex:
        row = self._row_at(point)
        model = self.model()
        if row < 0 or model is None:
            return QModelIndex()
        return model.index(row, 0, self.rootIndex())

    def scrollTo(self, index: _Index, hint: _Hint = _Hint.EnsureVisible) -> None:
        if not index.isValid():
            return
        cell = self._cell(index.row())
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        if hint == _Hint.PositionAtTop:
            bar.setValue(cell.top())
        elif hint == _Hint.PositionAtBottom:
            bar.setValue(cell.bottom() + 1 - height)
        elif hint == _Hint.PositionAtCenter:
            bar.setValue(cell.center().y() - height // 2)
        elif cell.top() < bar.value():
            bar.setValue(cell.top())
        elif cell.bottom() + 1 > bar.value() + height:
            bar.setValue(min(cell.top(), cell.bottom() + 1 - height))

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: _Index) -> bool:
        return False

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        rows = self._rows()
        model = self.model()
        if rows == 0 or model is None:
            return QModelIndex()
        current = self.currentIndex()
        if not current.isValid():
            return model.index(0, 0, self.rootIndex())
        row, cols = current.row(), self.columns()
        page = cols * max(1, self.viewport().height() // self._grid.height())
        if action in (_Move.MoveLeft, _Move.MovePrevious):
            row -= 1
        elif action in (_Move.MoveRight, _Move.MoveNext):
            row += 1
        elif action == _Move.MoveUp:
            row = row - cols if row >= cols else row
        elif action == _Move.MoveDown:
            last_line = (rows - 1) // cols
            row = min(row + cols, rows - 1) if row // cols < last_line else row
        elif action == _Move.MovePageUp:
            row = row - page if row >= page else row % cols
        elif action == _Move.MovePageDown:
            row = min(row + page, rows - 1)
        elif action == _Move.MoveHome:
            row = 0
        elif action == _Move.MoveEnd:
            row = rows - 1
        return model.index(min(max(row, 0), rows - 1), 0, self.rootIndex())

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        """A click selects its tile; a rubber band the tiles it touches; Shift+click and
        Shift+arrows every row from one corner's tile to the other's (as in a list)."""
        selection_model, model = self.selectionModel(), self.model()
        if selection_model is None or model is None:
            return
        selection = QItemSelection()
        root = self.rootIndex()
        if rect.width() == 1 and rect.height() == 1:
            row = self._row_at(rect.topLeft())
            if row >= 0:
                selection.select(model.index(row, 0, root), model.index(row, 0, root))
        elif self.state() == QAbstractItemView.State.DragSelectingState:
            for first, last in self._rows_touched(rect.normalized()):
                selection.select(model.index(first, 0, root), model.index(last, 0, root))
        elif self._rows():
            a = self._row_at(rect.topLeft(), clamp=True)
            b = self._row_at(QPoint(rect.right(), rect.bottom()), clamp=True)
            first, last = min(a, b), max(a, b)
            selection.select(model.index(first, 0, root), model.index(last, 0, root))
        selection_model.select(selection, command)

    def _rows_touched(self, rect: QRect) -> list[tuple[int, int]]:
        """Row ranges (one per line, or one for whole lines) of tiles ``rect`` touches."""
        rows, cols = self._rows(), self.columns()
        w, h = self._grid.width(), self._grid.height()
        offset = self.verticalOffset()
        left, right = max(0, rect.left() // w), min(cols - 1, rect.right() // w)
        top, bottom = max(0, (rect.top() + offset) // h), (rect.bottom() + offset) // h
        if rows == 0 or left > right or top > bottom or rect.right() < 0:
            return []
        bottom = min(bottom, (rows - 1) // cols)
        if left == 0 and right == cols - 1:
            return [(top * cols, min(rows, (bottom + 1) * cols) - 1)]
        out = []
        for line in range(top, bottom + 1):
            first, last = line * cols + left, min(rows - 1, line * cols + right)
            if first <= last:
                out.append((first, last))
        return out

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        region = QRegion()
        shown = self.visible_rows()
        for k in range(selection.count()):
            span = selection.at(k)
            first, last = max(span.top(), shown.start), min(span.bottom(), shown.stop - 1)
            for row in range(first, last + 1):
                region += self._cell(row).translated(0, -self.verticalOffset())
        return region

    def updateGeometries(self) -> None:
        """The scroll range from the row count: lines times the tile's height."""
        cols, h = self.columns(), self._grid.height()
        lines = -(-self._rows() // cols)
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bar.setRange(0, max(0, lines * h - page))
        bar.setPageStep(page)
        bar.setSingleStep(max(1, h // 3))  # a wheel notch (three steps): about one line
        super().updateGeometries()

    def keyboardSearch(self, search: str) -> None:
        """Typing does not search the tiles: that would read every job's page (the
        search field finds them, Ctrl+F)."""

    # -- keeping the geometry in step with the model -------------------------------

    def setModel(self, model: object) -> None:
        old = self.model()
        if old is not None:
            for signal in (old.rowsInserted, old.rowsRemoved, old.modelReset, old.layoutChanged):
                signal.disconnect(self._rows_changed)
        super().setModel(model)  # type: ignore[arg-type]
        new = self.model()
        if new is not None:
            for signal in (new.rowsInserted, new.rowsRemoved, new.modelReset, new.layoutChanged):
                signal.connect(self._rows_changed)
        self._rows_changed()

    def _rows_changed(self, *_args: object) -> None:
        self.updateGeometries()
        self.viewport().update()

    # -- painting -----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        model, delegate = self.model(), self.itemDelegate()
        painter = QPainter(self.viewport())
        rows = self._rows_in(event.rect())
        if model is not None and delegate is not None and rows:
            base = QStyleOptionViewItem()
            self.initViewItemOption(base)
            base.rect = QRect(QPoint(0, 0), self._grid)
            picked = self._selected_spans(rows)
            cols, w, h = self.columns(), self._grid.width(), self._grid.height()
            top = -self.verticalOffset()
            tiles = [
                (row, (row % cols) * w, top + (row // cols) * h, _within(row, picked))
                for row in rows
            ]
            if isinstance(delegate, GalleryDelegate) and isinstance(model, GalleryModel):
                if delegate is not self._unfinished_from:  # tiles it left for the next frame
                    delegate.unfinished.connect(self._again.start)
                    self._unfinished_from = delegate
                delegate.paint_tiles(painter, base, model, tiles)
            else:
                root = self.rootIndex()
                for row, x, y, selected in tiles:
                    option = QStyleOptionViewItem(base)
                    option.rect = QRect(x, y, w, h)
                    if selected:
                        option.state |= QStyle.StateFlag.State_Selected
                    delegate.paint(painter, option, model.index(row, 0, root))
        if self.empty_text and self._rows() == 0:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 8, -16, -8)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), self.empty_text)
        painter.end()

    def _selected_spans(self, rows: range) -> list[tuple[int, int]]:
        """The selected stretches of rows that reach into ``rows``."""
        selected = self.selectionModel()
        if selected is None or not selected.hasSelection():
            return []
        spans = []
        selection = selected.selection()
        for k in range(selection.count()):
            span = selection.at(k)
            first, last = span.top(), span.bottom()
            if first < rows.stop and last >= rows.start:
                spans.append((first, last))
        return spans

    # -- the rubber band (dragging from empty space selects the tiles it touches) ----

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self._band_from = event.position().toPoint() + QPoint(0, self.verticalOffset())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.state() == QAbstractItemView.State.DragSelectingState:
            if self._band is None:
                self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
            start = self._band_from - QPoint(0, self.verticalOffset())
            self._band.setGeometry(QRect(start, event.position().toPoint()).normalized())
            self._band.show()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._band is not None:
            self._band.hide()


def _within(row: int, spans: list[tuple[int, int]]) -> bool:
    return any(first <= row <= last for first, last in spans)
