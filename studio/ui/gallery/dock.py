"""The history gallery: a dock with a search bar, filters and a virtualized grid of results.

What needs the main window (opening an image, reusing settings, feeding an
image to the editor, retrying, uploading) is emitted as a signal; what needs
only the store and the desktop (favourite, copy, save, export, delete with
undo, reveal) is done here, in :mod:`~studio.ui.gallery.job_edits`.

The dock never touches the store on the UI thread: every read and write is a
function of :mod:`~studio.ui.gallery.store_ops` run in order on a worker
(:class:`~studio.jobs.op.SerialOps`), its answer applied here. What changed is
announced by the store itself (``history_changed``): a job the window runs, a
delete, a favourite; jobs the command line writes (another process) are found
by polling the database's ``data_version``, also on a worker
(:mod:`~studio.ui.gallery.store_sync`).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.core.history import DeletedJob, HistoryStore, JobRecord
from studio.jobs.history_signals import HistorySignals
from studio.jobs.op import SerialOps
from studio.ui.gallery import store_ops
from studio.ui.gallery.actions import GalleryActions
from studio.ui.gallery.delegate import MAX_BOX, MIN_BOX, THUMB_BOX, GalleryDelegate
from studio.ui.gallery.filters import FilterBar
from studio.ui.gallery.grid_view import GalleryView
from studio.ui.gallery.hover import HoverPlayer
from studio.ui.gallery.job_edits import JobEditsMixin
from studio.ui.gallery.list_view import GalleryTable
from studio.ui.gallery.model import GalleryItem, GalleryModel
from studio.ui.gallery.store_sync import CHANGES_SPACING_S, StoreSyncMixin
from studio.ui.gallery.thumbs import ThumbnailLoader
from studio.ui.gallery.tile_parts import open_stack_text
from studio.ui.gallery.view_options import ViewOptions

log = logging.getLogger(__name__)

NOTICE_MS = 6000  # how long a notice ("Saved x.png") stays
RECOUNT_MS = 1500  # a count past the bound is read again this long after the last change
# how long the closing window waits for its deletes to be made final
DISCARD_WAIT_S = 10.0
RETRYABLE = frozenset({"failed", "cancelled", "interrupted"})
T = TypeVar("T")


class GalleryDock(StoreSyncMixin, JobEditsMixin, QDockWidget):
    open_image = Signal(str)
    reuse_job = Signal(int)
    use_as_input = Signal(str)
    make_variations = Signal(str)
    upload_image = Signal(str)
    retry_job = Signal(int)
    #: a job that made no picture (failed, cancelled) was opened: its JobRecord
    failure_opened = Signal(object)
    #: a compare or batch tile was opened: (group id, kind: "compare" or "batch")
    group_opened = Signal(int, str)
    #: a conversation tile was opened: the thread id (its first turn's job id)
    thread_opened = Signal(int)
    #: an export finished (the folder); mostly for tests and status bars
    exported = Signal(str)
    #: the whole history (no filter) was counted: whether it holds a job
    holds_jobs = Signal(bool)

    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        thumbs_dir: Path | None = None,
        page_jobs: int = 60,
        poll_ms: int = 2000,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("galleryDock")
        self.setWindowTitle(self.tr("History"))
        self.store = store
        self.ops = SerialOps(self)
        self.thumbs = ThumbnailLoader(thumbs_dir or store.paths.thumbnails_dir, parent=self)
        self.model = GalleryModel(store, self.thumbs, self, page_jobs=page_jobs, ops=self.ops)
        self.model.count_bound = self._count_bound
        self._undo: list[list[DeletedJob]] = []
        self._changed_ids: set[int] = set()  # announced, not yet read
        self._seen_max_id = 0
        self._data_version: int | None = None  # None until the first overview is in
        self._polling = False
        self._count: int | None = None  # the jobs counted for the query shown
        self._count_more = False  # ... at least (the exact count is on its way)
        self.oldest_first = False  # the list's Date column clicked: the oldest job first
        self._recount = QTimer(self)  # the exact count, once changes settle
        self._recount.setSingleShot(True)
        self._recount.setInterval(RECOUNT_MS)
        self._recount.timeout.connect(self._count_exactly)
        # changes announced soon after a read started wait for this (see store_sync)
        self._changes_due = QTimer(self)
        self._changes_due.setSingleShot(True)
        self._changes_due.timeout.connect(self._read_changes)
        self._changes_read_at = -CHANGES_SPACING_S

        body = QWidget(self)
        self.filters = FilterBar(body)
        self.view = GalleryView(body)
        self.view.setObjectName("galleryView")
        self.delegate = GalleryDelegate(self.view)
        self._user_box = THUMB_BOX
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # tiles drag out as their image files (a file manager, another app, the edit inputs)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setItemDelegate(self.delegate)
        self.hover = HoverPlayer(self.view)
        self.delegate.hover = self.hover
        self.view.setGridSize(self.delegate.tile())
        self.view.viewport().installEventFilter(self)
        self.view.setModel(self.model)
        # ask for the next page two screens before the end: it is read on a worker, so
        # it is there by the time the user scrolls to it
        self.view.verticalScrollBar().valueChanged.connect(self._view_moved)
        # rows counted or read, a reset, a resize: which rows show is known after the
        # view's own (delayed) layout, so look then
        self._look = QTimer(self)
        self._look.setSingleShot(True)
        self._look.setInterval(0)
        self._look.timeout.connect(self._view_moved)
        self.model.rowsInserted.connect(self._look.start)
        self.model.rowsRemoved.connect(self._look.start)
        self.model.modelReset.connect(self._look.start)
        self.view.setAccessibleName(self.tr("History images"))
        self.count_label = QLabel(body)
        self.count_label.setObjectName("galleryCount")
        # a notice shares the count's line and clears itself after a few seconds, so it
        # never moves the tiles (the full text is its tooltip when the line is short)
        self.notice = QLabel(body)
        self.notice.setObjectName("galleryNotice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.notice.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.notice_ms = NOTICE_MS
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._clear_notice)
        self.undo_bar = QWidget(body)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_button = QPushButton(self.tr("Undo"), self.undo_bar)
        self.undo_button.setObjectName("galleryUndo")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(0, 0, 0, 0)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()

        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filters)
        # the grid, or the list with columns (the same rows and selection)
        self.pages = QStackedWidget(body)
        self.pages.addWidget(self.view)
        self.table = GalleryTable(self.model, self.pages)
        self.pages.addWidget(self.table)
        self.table.setAccessibleName(self.tr("History list"))
        layout.addWidget(self.pages, 1)
        status = QWidget(body)
        status.setObjectName("galleryStatusLine")
        row = QHBoxLayout(status)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.count_label)
        row.addWidget(self.notice, 1)
        row.addWidget(self.undo_bar)
        self.view_options = ViewOptions(self, status)
        row.addWidget(self.view_options.size_button)
        row.addWidget(self.view_options.list_button)
        # as tall as with the Undo button showing, so nothing moves when it comes and goes
        status.setFixedHeight(
            max(
                self.undo_button.sizeHint().height(),
                self.view_options.list_button.sizeHint().height(),
                20,
            )
        )
        layout.addWidget(status)
        self.setWidget(body)

        self.actions_ = GalleryActions(body)
        self._connect()
        self.history = HistorySignals(store, self)
        self.history.history_changed.connect(self._history_changed)
        self.refresh()
        self._update_actions()
        # jobs written by the CLI (another process) appear on their own
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.check_for_changes)
        self._poll.start()

    def retranslate_ui(self) -> None:
        """The dock's words in the current language (on a live language change)."""
        self.setWindowTitle(self.tr("History"))
        self.view.setAccessibleName(self.tr("History images"))
        self.table.setAccessibleName(self.tr("History list"))
        self.undo_button.setText(self.tr("Undo"))
        self.actions_.retranslate_ui()
        self.view_options.retranslate_ui()
        self._update_actions()  # "Open Comparison" / "Open Conversation" in the new words
        columns = self.table.columns
        columns.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns.columnCount() - 1)
        if self._count is not None:
            self._show_count(self._count, more=self._count_more)
        self.delegate.forget_tiles()  # captions and placeholders are drawn in words
        self.view.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- wiring ------------------------------------------------------------

    def _connect(self) -> None:
        a = self.actions_
        a.open.triggered.connect(self._open)
        a.open_stack.triggered.connect(self._open_stack)
        a.show_members.triggered.connect(self._show_members)
        a.reuse.triggered.connect(self._reuse)
        a.use_as_input.triggered.connect(lambda: self._emit_path(self.use_as_input))
        a.variations.triggered.connect(lambda: self._emit_path(self.make_variations))
        a.upload.triggered.connect(lambda: self._emit_path(self.upload_image))
        a.retry.triggered.connect(self._retry)
        a.favourite.triggered.connect(self._toggle_favourite)
        a.copy_prompt.triggered.connect(self._copy_prompt)
        a.copy_image.triggered.connect(self._copy_image)
        a.save_as.triggered.connect(self._save_as)
        a.export.triggered.connect(self._export)
        a.reveal.triggered.connect(self._reveal)
        a.delete.triggered.connect(self._delete)
        a.undo_delete.triggered.connect(self.undo_delete)
        a.refresh.triggered.connect(self.refresh)
        a.find.triggered.connect(self._focus_search)
        self.undo_button.clicked.connect(self.undo_delete)
        self.view.doubleClicked.connect(lambda _idx: self._open())
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.view.selectionModel().currentChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.model.counted.connect(self._first_counted)
        self.model.rowsInserted.connect(self._add_choices)
        self.filters.query_changed.connect(self._set_query)

    # -- tile size -------------------------------------------------------------

    def set_tile_size(self, box: int) -> None:
        """The thumbnail box the user wants (Ctrl+wheel); shrunk to fit a short dock."""
        self._user_box = max(MIN_BOX, min(MAX_BOX, box))
        self._fit_tiles()
        if hasattr(self, "view_options"):
            self.view_options.size_changed(self._user_box)

    def set_oldest_first(self, oldest: bool) -> None:
        """List the oldest job first (or the newest, the default)."""
        if oldest != self.oldest_first:
            self.oldest_first = oldest
            self._set_query(self.filters.query())

    def use_settings(self, settings: QSettings) -> None:
        """Remember the tile size and the list view in the window's settings."""
        self.view_options.use_settings(settings)

    def tile_size(self) -> int:
        return self.delegate.box

    def _fit_tiles(self) -> None:
        box = self._user_box
        if self.view.isVisible():  # the grid shown: no taller than the dock has room for
            room = self.delegate.box_for_height(self.view.viewport().height() - 4)
            box = max(MIN_BOX, min(self._user_box, room))
        self.delegate.box = box
        pages = getattr(self, "pages", None)  # made after the grid
        if pages is not None and pages.currentWidget() is not self.view:
            # the list shown: the hidden grid keeps its row (its least height, which the
            # pages share: taken at the user's size, the dock grew taller and squeezed
            # the picture above); it is laid out again when the grid comes back
            return
        if self.view.gridSize() != self.delegate.tile():
            self.view.setGridSize(self.delegate.tile())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view.viewport():
            if event.type() == QEvent.Type.Resize:
                self._fit_tiles()
                self._look.start()
            elif (
                event.type() == QEvent.Type.Wheel
                and isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                step = 16 if event.angleDelta().y() > 0 else -16
                self.set_tile_size(self.delegate.box + step)
                return True
        return super().eventFilter(obj, event)

    @Slot()
    def _view_moved(self, *_args: object) -> None:
        """Tell the model which rows show (it reads them and lets far ones go); near the
        end before the rest is counted, ask for the next page."""
        if self.view_options.listing():
            first, last = self.table.shown_rows()
            if first >= 0:
                self.model.want(first, last)
            return
        viewport = self.view.viewport().rect()
        rows = self.model.rowCount()
        if not rows:
            return
        first = self.view.indexAt(viewport.topLeft() + QPoint(2, 2)).row()
        last = self.view.indexAt(viewport.bottomRight() - QPoint(2, 2)).row()
        if first < 0:
            first = 0
        if last < 0:
            per_line = max(1, viewport.width() // max(1, self.delegate.tile().width()))
            lines = viewport.height() // max(1, self.delegate.tile().height()) + 1
            last = min(rows - 1, first + per_line * lines)
        self.model.want(first, last)
        bar = self.view.verticalScrollBar()
        if bar.value() >= bar.maximum() - 2 * bar.pageStep() and self.model.canFetchMore(
            QModelIndex()
        ):
            self.model.fetchMore(QModelIndex())

    def set_upload_enabled(self, enabled: bool) -> None:
        """Offer "Upload for video" (only when a DMXAPI provider is set up)."""
        self.actions_.upload.setVisible(enabled)
        self._update_actions()

    def shutdown(self) -> None:
        """Stop polling, store and thumbnail work, and make this session's deletes final.

        Call before the store is closed."""
        self._poll.stop()
        self.history.close()
        self.ops.stop()
        self.thumbs.shutdown()
        final = [deleted for batch in self._undo for deleted in batch]
        self._undo.clear()
        if final:
            # on a worker (a busy database must not hang the closing window for long):
            # the trash emptied, and the groups left with no job go with their pictures
            worker = threading.Thread(
                target=store_ops.discard, args=(self.store, final), name="discard", daemon=True
            )
            worker.start()
            worker.join(DISCARD_WAIT_S)

    # -- selection helpers ---------------------------------------------------

    def current_item(self) -> GalleryItem | None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            selected = self.view.selectionModel().selectedIndexes()
            if not selected:
                return None
            idx = selected[0]
        return self.model.loaded_item(idx.row())

    def selected_items(self) -> list[GalleryItem]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows:
            item = self.current_item()
            return [item] if item is not None else []
        return [it for it in map(self.model.loaded_item, rows) if it is not None]

    def selected_jobs(self) -> list[JobRecord]:
        seen: dict[int, JobRecord] = {}
        for item in self.selected_items():
            seen.setdefault(item.job.id, item.job)
        return list(seen.values())

    @Slot()
    def _update_actions(self, *_args: object) -> None:
        a = self.actions_
        item = self.current_item()
        has_image = item is not None and item.image is not None
        for action in (a.use_as_input, a.variations, a.copy_image, a.save_as, a.upload):
            action.setEnabled(has_image)
        stack = None if item is None else item.stack
        failure = not has_image and stack is None and item is not None
        failure = failure and item is not None and item.job.status in RETRYABLE
        a.open_failure(failure)
        a.open.setEnabled(has_image or stack is not None or failure)
        a.open_stack.setEnabled(stack is not None)
        a.open_stack.setText(open_stack_text(stack))
        a.show_members.setEnabled(stack is not None and not stack.is_thread)
        for action in (a.reuse, a.copy_prompt, a.favourite, a.delete, a.export, a.reveal):
            action.setEnabled(item is not None)
        a.retry.setEnabled(item is not None and item.job.status in RETRYABLE)
        a.favourite.setChecked(item is not None and item.job.favourite)
        a.undo_delete.setEnabled(bool(self._undo))

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.view.indexAt(pos)
        if idx.isValid() and not self.view.selectionModel().isSelected(idx):
            self.view.setCurrentIndex(idx)
        elif idx.isValid():
            self.view.selectionModel().setCurrentIndex(
                idx, self.view.selectionModel().SelectionFlag.NoUpdate
            )
        self._update_actions()
        menu = self.build_menu()
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def build_menu(self) -> QMenu:
        a = self.actions_
        menu = QMenu(self)
        menu.setObjectName("galleryMenu")
        item = self.current_item()
        if item is not None and item.job.status in RETRYABLE:
            menu.addAction(a.retry)
        stacked = item is not None and item.stack is not None
        for action in (a.open_stack if stacked else a.open, a.reuse, a.use_as_input):
            menu.addAction(action)
            if action is a.open_stack and a.show_members.isEnabled():
                menu.addAction(a.show_members)
        for action in (a.variations, a.upload):
            menu.addAction(action)
        menu.addSeparator()
        for action in (a.favourite, a.copy_prompt, a.copy_image, a.save_as, a.export, a.reveal):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(a.delete)
        if self._undo:
            menu.addAction(a.undo_delete)
        return menu

    # -- actions -------------------------------------------------------------

    def _open(self) -> None:
        """Open the tile: a group or thread where it lives, an image in the viewer, a
        job that made nothing as its reason."""
        item = self.current_item()
        if item is not None and item.stack is not None:
            self._open_stack()
        elif item is not None and item.path is not None:
            self.open_image.emit(item.path)
        elif item is not None and item.job.status in RETRYABLE:
            self.failure_opened.emit(item.job)  # why it made nothing, and what to do

    def _open_stack(self) -> None:
        item = self.current_item()
        stack = None if item is None else item.stack
        if stack is None:
            return
        if stack.is_thread:
            self.thread_opened.emit(stack.id)
        else:
            self.group_opened.emit(stack.id, stack.kind)

    def _show_members(self) -> None:
        item = self.current_item()
        stack = None if item is None else item.stack
        if stack is not None and not stack.is_thread:
            self.show_group(stack.id, stack.kind)

    def show_group(self, group_id: int, kind: str) -> None:
        """Only the jobs of the comparison or batch ``group_id``, each with its pictures
        (the chip above them shows every job again)."""
        self.setVisible(True)
        self.raise_()
        self.filters.show_group(group_id, kind)

    def _emit_path(self, signal: SignalInstance) -> None:
        item = self.current_item()
        if item is not None and item.path is not None:
            signal.emit(item.path)

    def _reuse(self) -> None:
        item = self.current_item()
        if item is not None:
            self.reuse_job.emit(item.job.id)

    def _retry(self) -> None:
        item = self.current_item()
        if item is not None and item.job.status in RETRYABLE:
            self.retry_job.emit(item.job.id)

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    # -- words with a count (here: the catalogue tool reads plurals only from self.tr) --

    def _count_text(self, n: int, *, more: bool = False) -> str:
        if more:
            return self.tr("%n+ job(s)", "", n)
        return self.tr("%n job(s)", "", n)

    def _plural_text(self, which: str, n: int) -> str:
        if which == "exported":
            return self.tr("Exported %n file(s) to {folder}", "", n)
        if which == "deleted":
            return self.tr("Deleted %n job(s).", "", n)
        if which == "delete compare?":
            return self.tr(
                "Delete this comparison: its %n job(s) and their images? You can undo this"
                " until you quit.",
                "",
                n,
            )
        if which == "delete batch?":
            return self.tr(
                "Delete this batch: its %n job(s) and their images? You can undo this until"
                " you quit.",
                "",
                n,
            )
        return self.tr(
            "Delete %n job(s) and their images? You can undo this until you quit.", "", n
        )

    def index_of_job(self, job_id: int) -> QModelIndex:
        rows = self.model.rows_of_job(job_id)
        return self.model.index(rows.start, 0) if rows else QModelIndex()
