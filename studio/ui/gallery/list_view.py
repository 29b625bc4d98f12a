"""The gallery as a list with columns (picture, prompt, model, size, cost, date, status),
for people who search: the same rows as the grid, read the same way (a page at a time
around what shows), in a table.

:class:`GalleryColumns` presents the gallery's list model as a table (it adds columns,
and passes every change of the list on); :class:`GalleryTable` is the view. Rows come in
the order the history keeps its jobs (by when they were made), so the Date column is the one
the list sorts by (newest or oldest first, a click on its header).
"""

from __future__ import annotations

import enum
import time
from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from studio.ui.cost_text import group_cost_text, record_cost_text
from studio.ui.gallery.model import GalleryModel, Role
from studio.ui.gallery.tile_parts import badges_for, caption, picture_path

_Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 52
PICTURE = 48
PROMPT_MIN = 140  # the prompt's width before the model's column gives up room (px)
PROMPT_LEAST = 100  # narrower than this, the list scrolls sideways instead (px)
# a cell's text keeps this much of its width free, both sides together (the style's own
# text margins take 6)
CELL_MARGINS = 10
SMALL_CACHE = 300


class Column(enum.IntEnum):
    PICTURE = 0
    PROMPT = 1
    MODEL = 2
    SIZE = 3
    COST = 4
    DATE = 5
    STATUS = 6


class GalleryColumns(QAbstractTableModel):
    """The gallery's rows with a column for each fact about them."""

    def __init__(self, rows: GalleryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        # the small pictures, scaled once each (a row repaints often while scrolling)
        self._small: OrderedDict[str, tuple[int, QPixmap]] = OrderedDict()
        rows.modelAboutToBeReset.connect(self.beginResetModel)
        rows.modelReset.connect(self.endResetModel)
        rows.rowsAboutToBeInserted.connect(
            lambda _p, first, last: self.beginInsertRows(QModelIndex(), first, last)
        )
        rows.rowsInserted.connect(lambda *_a: self.endInsertRows())
        rows.rowsAboutToBeRemoved.connect(
            lambda _p, first, last: self.beginRemoveRows(QModelIndex(), first, last)
        )
        rows.rowsRemoved.connect(lambda *_a: self.endRemoveRows())
        rows.dataChanged.connect(
            lambda top, bottom, *_r: self.dataChanged.emit(
                self.index(top.row(), 0), self.index(bottom.row(), len(Column) - 1)
            )
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows.rowCount()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.PICTURE: self.tr("Picture"),
            Column.PROMPT: self.tr("Prompt"),
            Column.MODEL: self.tr("Model"),
            Column.SIZE: self.tr("Size"),
            Column.COST: self.tr("Cost"),
            Column.DATE: self.tr("Date"),
            Column.STATUS: self.tr("Status"),
        }.get(Column(section))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return (
            self.rows.flags(self.rows.index(index.row()))
            if index.isValid()
            else (Qt.ItemFlag.NoItemFlags)
        )

    def mimeTypes(self) -> list[str]:
        return self.rows.mimeTypes()

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Dragged rows go out as their image files, as tiles do."""
        picked = {i.row() for i in indexes if i.isValid()}
        return self.rows.mimeData([self.rows.index(r) for r in sorted(picked)])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        item = self.rows.loaded_item(row)
        if item is None:
            self.rows.need(row)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.rows.data(self.rows.index(row), role)
        if role in (Role.JOB_ID, Role.JOB, Role.IMAGE_PATH, Role.IMAGE):
            return self.rows.data(self.rows.index(row), role)
        if role == Qt.ItemDataRole.AccessibleTextRole and column is Column.PICTURE:
            return self.rows.data(self.rows.index(row), role)  # the tile's words
        job = item.job
        if role == Qt.ItemDataRole.DecorationRole and column is Column.PICTURE:
            shown = picture_path(item)
            pix = self.rows.thumbs.pixmap(shown) if shown else None
            if shown is None or pix is None or pix.isNull():
                return None
            small = self._small.get(shown)
            if small is None or small[0] != pix.cacheKey():
                scaled = pix.scaled(
                    QSize(PICTURE, PICTURE),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                small = (pix.cacheKey(), scaled)
                self._small[shown] = small
                while len(self._small) > SMALL_CACHE:
                    self._small.popitem(last=False)
            else:
                self._small.move_to_end(shown)
            return small[1]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is Column.PROMPT:
            marks = " ".join(b.text for b in badges_for(item) if b.kind != "status")
            return f"{caption(job)}  {marks}".rstrip() if item.first_of_job else caption(job)
        if column is Column.MODEL:
            return job.model
        if column is Column.SIZE:
            if item.image is not None:
                return f"{item.image.width}×{item.image.height}"
            return str(job.params.get("size", ""))
        if column is Column.COST:
            if not item.first_of_job:
                return ""
            # a comparison's or batch's row: what its members cost together (read with
            # the page, on the worker), not the one member standing for it
            stack = item.stack
            if stack is not None and stack.cost is not None:
                return group_cost_text(stack.cost)
            return record_cost_text(job)
        if column is Column.DATE:
            return time.strftime("%Y-%m-%d %H:%M", time.localtime(job.created_at))
        if column is Column.STATUS:
            return self.rows.status_text(job.status)
        return None


class GalleryTable(QTableView):
    """The list view: a row per picture, fixed height, so a million rows cost nothing."""

    #: the Date column's header was clicked: True for the oldest job first
    sort_requested = Signal(bool)
    oldest_first = False
    _fitting = False  # the columns are being sized: their resizes start no new fit
    _model_width = 0  # the model column's width when there is room (fitted or dragged)
    _model_least = 0  # its header's width: it gives up room down to this

    def __init__(self, rows: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryList")
        #: drawn while there are no rows: what to do next (set by the dock)
        self.empty_text = ""
        self.columns = GalleryColumns(rows, self)
        self.setModel(self.columns)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setIconSize(QSize(PICTURE, PICTURE))
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        rows_header = self.verticalHeader()
        rows_header.hide()
        rows_header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows_header.setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.PICTURE, PICTURE + 8)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long prompt or model
        # the history keeps its jobs in the order they were made: the Date column sorts,
        # newest or oldest first (the other columns would need an index each)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        self.fit_columns()
        # the prompt takes the room the others leave (it is what a search reads)
        header.sectionResized.connect(self._other_resized)

    def set_empty_text(self, text: str) -> None:
        if text != self.empty_text:
            self.empty_text = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.empty_text and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 8, -16, -8)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), self.empty_text)
            painter.end()

    def fit_columns(self) -> None:
        """Each fixed column as wide as what it holds in this language and font (a
        sandbox job's cost says "(simulated)" after it) and never narrower than its
        header; the model's column as wide as a common name (a longer one is elided, its
        tip says it whole); then the prompt takes what is left (:meth:`fit_prompt`)."""
        from studio.ui.cost_text import money, simulated_text
        from studio.ui.gallery.tile_parts import status_label

        metrics = self.fontMetrics()
        samples = {
            Column.MODEL: ("gpt-image-1.5", "seedream-3.0"),
            Column.SIZE: ("3840×2160",),
            Column.COST: (simulated_text("≈ " + money(0.0695, "USD")),),
            Column.DATE: (time.strftime("%Y-%m-%d %H:%M"),),
            Column.STATUS: tuple(
                status_label(s)
                for s in ("running", "succeeded", "failed", "cancelled", "interrupted")
            ),
        }
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for column, texts in samples.items():
                words = max(metrics.horizontalAdvance(t) for t in texts) + CELL_MARGINS
                width = max(words, header.sectionSizeFromContents(column).width())
                header.resizeSection(column, width)
            self._model_width = header.sectionSize(Column.MODEL)
            self._model_least = header.sectionSizeFromContents(Column.MODEL).width()
        finally:
            self._fitting = False
        self.fit_prompt()

    def fit_prompt(self) -> None:
        """The prompt takes the room the other columns leave. When the list is narrow
        (beside the Jobs dock on a 1366×768 screen) the model's column gives up room
        first, down to its header, so the prompt keeps PROMPT_MIN; only a list too
        narrow for even that scrolls sideways (the prompt never under PROMPT_LEAST)."""
        if self._fitting:
            return
        header = self.horizontalHeader()
        flexible = (Column.PROMPT, Column.MODEL)
        left = self.viewport().width() - sum(
            header.sectionSize(c) for c in Column if c not in flexible
        )
        model = max(self._model_least, min(self._model_width, left - PROMPT_MIN))
        prompt = max(PROMPT_LEAST, left - model)
        self._fitting = True
        try:
            if header.sectionSize(Column.MODEL) != model:
                header.resizeSection(Column.MODEL, model)
            if header.sectionSize(Column.PROMPT) != prompt:
                header.resizeSection(Column.PROMPT, prompt)
        finally:
            self._fitting = False

    def _other_resized(self, section: int, _old: int, new: int) -> None:
        if self._fitting or section == Column.PROMPT:
            return
        if section == Column.MODEL:  # dragged wider or narrower: kept as asked
            self._model_width = new
        self.fit_prompt()

    def viewportEvent(self, event: QEvent) -> bool:
        # the viewport also narrows when the vertical scroll bar comes (the view keeps
        # its size): the prompt gives that room back, or the list would scroll sideways
        if event.type() == QEvent.Type.Resize:
            self.fit_prompt()
        return super().viewportEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.fit_columns()
        super().changeEvent(event)

    def _header_clicked(self, section: int) -> None:
        header = self.horizontalHeader()
        oldest = self.oldest_first
        if section == Column.DATE:
            oldest = not oldest
        self.oldest_first = oldest
        order = Qt.SortOrder.AscendingOrder if oldest else Qt.SortOrder.DescendingOrder
        header.setSortIndicator(Column.DATE, order)  # a click elsewhere changes nothing
        self.sort_requested.emit(oldest)

    def shown_rows(self) -> tuple[int, int]:
        """The first and last row in sight (-1 when none)."""
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        if first < 0:
            return -1, -1
        return first, last if last >= 0 else self.columns.rowCount() - 1


def picture_of(table: GalleryTable, row: int) -> QPixmap | None:
    """The small picture the list shows for ``row`` (tests)."""
    value = table.columns.data(
        table.columns.index(row, Column.PICTURE), Qt.ItemDataRole.DecorationRole
    )
    return value if isinstance(value, QPixmap) else None
