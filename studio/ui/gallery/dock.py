"""The history gallery: a dock with a search bar, filters and a virtualized grid of results.

What needs the main window (opening an image, reusing settings, feeding an
image to the editor, retrying, uploading) is emitted as a signal; what needs
only the store and the desktop (favourite, copy, save, export, delete with
undo, reveal) is done here.

The dock never touches the store on the UI thread: every read and write is a
function of :mod:`~studio.ui.gallery.store_ops` run in order on a worker
(:class:`~studio.jobs.op.SerialOps`), its answer applied here. What changed is
announced by the store itself (``history_changed``): a job the window runs, a
delete, a favourite; jobs the command line writes (another process) are found
by polling the database's ``data_version``, also on a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.core.history import DeletedJob, HistoryStore, JobQuery, JobRecord
from studio.core.history.events import ChangeKind, HistoryChanged
from studio.core.history.export import export_jobs
from studio.core.saving import SaveMode, name_for, save_image
from studio.jobs.history_signals import HistorySignals
from studio.jobs.op import BackgroundOp, SerialOps
from studio.ui.gallery import store_ops
from studio.ui.gallery.actions import GalleryActions
from studio.ui.gallery.delegate import MAX_BOX, MIN_BOX, THUMB_BOX, GalleryDelegate
from studio.ui.gallery.empty_view import GalleryView
from studio.ui.gallery.filters import FilterBar
from studio.ui.gallery.hover import HoverPlayer
from studio.ui.gallery.model import GalleryItem, GalleryModel
from studio.ui.gallery.thumbs import ThumbnailLoader
from studio.ui.save_files import ask_folder, ask_save_path, saved_note

log = logging.getLogger(__name__)

NOTICE_MS = 6000  # how long a notice ("Saved x.png") stays
RETRYABLE = frozenset({"failed", "cancelled", "interrupted"})
T = TypeVar("T")


class GalleryDock(QDockWidget):
    open_image = Signal(str)
    reuse_job = Signal(int)
    use_as_input = Signal(str)
    make_variations = Signal(str)
    upload_image = Signal(str)
    retry_job = Signal(int)
    #: an export finished (the folder); mostly for tests and status bars
    exported = Signal(str)

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
        self._undo: list[list[DeletedJob]] = []
        self._changed_ids: set[int] = set()  # announced, not yet read
        self._seen_max_id = 0
        self._data_version: int | None = None  # None until the first overview is in
        self._polling = False
        self._count: int | None = None  # the jobs counted for the query shown

        body = QWidget(self)
        self.filters = FilterBar(body)
        self.view = GalleryView(body)
        self.view.setObjectName("galleryView")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.delegate = GalleryDelegate(self.view)
        self._user_box = THUMB_BOX
        # SinglePass: rows arrive a page at a time anyway; Batched would shrink the
        # scroll range while it lays out, throwing the scroll position back
        self.view.setLayoutMode(QListView.LayoutMode.SinglePass)
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
        self.view.verticalScrollBar().valueChanged.connect(self._prefetch)
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
        layout.addWidget(self.view, 1)
        status = QWidget(body)
        status.setObjectName("galleryStatusLine")
        row = QHBoxLayout(status)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.count_label)
        row.addWidget(self.notice, 1)
        row.addWidget(self.undo_bar)
        # as tall as with the Undo button showing, so nothing moves when it comes and goes
        status.setFixedHeight(max(self.undo_button.sizeHint().height(), 20))
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
        self.undo_button.setText(self.tr("Undo"))
        self.actions_.retranslate_ui()
        if self._count is not None:
            self._show_count(self._count)
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
        self.model.rowsInserted.connect(self._add_choices)
        self.filters.query_changed.connect(self._set_query)

    # -- tile size -------------------------------------------------------------

    def set_tile_size(self, box: int) -> None:
        """The thumbnail box the user wants (Ctrl+wheel); shrunk to fit a short dock."""
        self._user_box = max(MIN_BOX, min(MAX_BOX, box))
        self._fit_tiles()

    def tile_size(self) -> int:
        return self.delegate.box

    def _fit_tiles(self) -> None:
        room = self.delegate.box_for_height(self.view.viewport().height() - 4)
        box = max(MIN_BOX, min(self._user_box, room))
        if box != self.delegate.box:
            self.delegate.box = box
            self.view.setGridSize(self.delegate.tile())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view.viewport():
            if event.type() == QEvent.Type.Resize:
                self._fit_tiles()
            elif (
                event.type() == QEvent.Type.Wheel
                and isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                step = 16 if event.angleDelta().y() > 0 else -16
                self.set_tile_size(self.delegate.box + step)
                return True
        return super().eventFilter(obj, event)

    @Slot(int)
    def _prefetch(self, value: int) -> None:
        bar = self.view.verticalScrollBar()
        if value >= bar.maximum() - 2 * bar.pageStep() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())

    def set_upload_enabled(self, enabled: bool) -> None:
        """Offer "Upload for video" (only when a DMXAPI provider is set up)."""
        self.actions_.upload.setVisible(enabled)
        self._update_actions()

    # -- public slots --------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Reload everything."""
        self.model.reload(first_page=False)
        # the database's version before the first page is read, so that a job another
        # process adds in between is found by the next poll; choices and count after it
        self._read(store_ops.watermark, self._apply_watermark)
        self.model.fetchMore()
        self._read(store_ops.overview, self._apply_overview)

    def busy(self) -> bool:
        """Reads or writes of the store are queued or running (tests, benchmarks)."""
        return self.ops.busy()

    def _read(
        self,
        read: Callable[[HistoryStore, JobQuery], T],
        apply: Callable[[T, int], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """``read(store, query)`` on a worker when its turn comes, then ``apply(answer,
        generation)`` here; a generation other than the model's means a reload came between."""

        def make() -> Callable[[], tuple[T, int]]:
            store, query, generation = self.store, self.model.query, self.model.generation()
            return lambda: (read(store, query), generation)

        self.ops.submit_lazy(make, lambda answer: apply(*answer), failed or self._notify_failure)

    @Slot(QModelIndex, int, int)
    def _add_choices(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Jobs shown offer their provider and model as filter choices, also those a page
        brought that were written after the overview was read."""
        for row in range(first, last + 1):
            item = self.model.item(row)
            if item.first_of_job:
                self.filters.add_choice(item.job.provider_id, item.job.model)

    def _current_answer(self, generation: int) -> bool:
        return generation == self.model.generation()

    def _apply_watermark(self, mark: store_ops.Watermark, _generation: int) -> None:
        self._seen_max_id = max(self._seen_max_id, mark.max_job_id)
        if self._data_version is None:
            self._data_version = mark.data_version

    def _apply_overview(self, ov: store_ops.Overview, generation: int) -> None:
        self.filters.set_choices(ov.providers, ov.models)
        if self._current_answer(generation):
            self._show_count(ov.count)

    @Slot()
    def check_for_changes(self) -> None:
        """Show jobs other connections added, and the new state of shown running jobs."""
        if self._polling or self._data_version is None:
            return
        self._polling = True
        version, seen, running = self._data_version, self._seen_max_id, self.model.running_job_ids()

        def apply(found: store_ops.Changes | None, generation: int) -> None:
            self._polling = False
            if found is None:
                return
            self._data_version = found.data_version
            self._seen_max_id = max(self._seen_max_id, found.max_job_id)
            self._apply_snapshot(found.snapshot, generation)

        def failed(exc: BaseException) -> None:
            self._polling = False
            log.warning("history poll failed: %s", exc)

        self._read(lambda st, q: store_ops.changes(st, version, seen, running, q), apply, failed)

    @Slot(HistoryChanged)
    def _history_changed(self, change: HistoryChanged) -> None:
        """The store changed these jobs: read them (all announced meanwhile in one go)."""
        first = not self._changed_ids
        self._changed_ids |= change.job_ids
        if not first:
            return  # a read is queued already and takes these too

        def make() -> Callable[[], tuple[store_ops.Snapshot, int]]:
            ids, self._changed_ids = self._changed_ids, set()
            store, query, generation = self.store, self.model.query, self.model.generation()
            return lambda: (store_ops.snapshot(store, ids, query), generation)

        self.ops.submit_lazy(
            make, lambda answer: self._apply_snapshot(*answer), self._notify_failure
        )

    @Slot(int)
    def job_added(self, job_id: int) -> None:
        """Show a new job (or the new state of a shown one) without reloading the rest."""
        self._history_changed(HistoryChanged.of(ChangeKind.CHANGED, [job_id]))

    job_updated = job_added

    def _apply_snapshot(self, snap: store_ops.Snapshot, generation: int) -> None:
        for state in snap.jobs:
            self._seen_max_id = max(self._seen_max_id, state.job_id)
            if state.provider_id:
                self.filters.add_choice(state.provider_id, state.model)
        if not self._current_answer(generation):
            return  # the reload's own pages bring these jobs as they are now
        current = self.current_item()
        touched = current is not None and any(s.job_id == current.job.id for s in snap.jobs)

        def apply() -> None:
            for state in snap.jobs:
                self.model.apply_job(state)

        if touched:
            self._reselect_after(apply)
        else:
            apply()
        self._show_count(snap.count)

    def shutdown(self) -> None:
        """Stop polling, store and thumbnail work, and make this session's deletes final.

        Call before the store is closed."""
        self._poll.stop()
        self.history.close()
        self.ops.stop()
        self.thumbs.shutdown()
        for batch in self._undo:
            for deleted in batch:
                self.store.discard_deleted(deleted)
        self._undo.clear()

    # -- selection helpers ---------------------------------------------------

    def current_item(self) -> GalleryItem | None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            selected = self.view.selectionModel().selectedIndexes()
            if not selected:
                return None
            idx = selected[0]
        return self.model.item(idx.row())

    def selected_items(self) -> list[GalleryItem]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows:
            item = self.current_item()
            return [item] if item is not None else []
        return [self.model.item(r) for r in rows]

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
        for action in (a.open, a.use_as_input, a.variations, a.copy_image, a.save_as, a.upload):
            action.setEnabled(has_image)
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
        for action in (a.open, a.reuse, a.use_as_input, a.variations, a.upload):
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
        item = self.current_item()
        if item is not None and item.path is not None:
            self.open_image.emit(item.path)

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

    def _toggle_favourite(self) -> None:
        jobs = self.selected_jobs()
        if not jobs:
            return
        fav = not all(j.favourite for j in jobs)
        ids = [j.id for j in jobs]
        self._read(
            lambda store, query: store_ops.set_favourite(store, ids, fav, query),
            self._apply_snapshot,
        )

    def _reselect_after(self, change: Callable[[], object]) -> None:
        """Run ``change`` (which rebuilds rows) and keep the same job selected."""
        item = self.current_item()
        key = None if item is None else (item.job.id, item.image.id if item.image else None)
        change()
        if key is None:
            return
        for row in self.model.rows_of_job(key[0]):
            it = self.model.item(row)
            if (it.image.id if it.image else None) == key[1]:
                self.view.setCurrentIndex(self.model.index(row, 0))
                break
        self._update_actions()

    def _copy_prompt(self) -> None:
        item = self.current_item()
        if item is not None:
            QGuiApplication.clipboard().setText(item.job.prompt)

    def _copy_image(self) -> None:
        item = self.current_item()
        if item is None or item.path is None:
            return
        from studio.ui.result_formats import clipboard_data
        from studio.ui.result_viewer import load_result_file

        # an SVG is checked before it is drawn (Qt is never handed the file to guess
        # at), and its text, or a GIF's bytes, goes along with the picture
        try:
            result = load_result_file(str(item.path))
        except OSError as exc:
            self._notify_failure(exc)
            return
        if not result.qimage.isNull():
            mime = clipboard_data(result, None)
            mime.setUrls([QUrl.fromLocalFile(str(item.path))])  # the file, for file managers
            QGuiApplication.clipboard().setMimeData(mime)

    @property
    def file_pattern(self) -> str:
        return self.model.file_pattern

    @property
    def save_mode(self) -> SaveMode:
        return self.model.save_mode

    def set_file_options(self, pattern: str, mode: SaveMode) -> None:
        """How saved, exported and dragged files are named and what they carry."""
        self.model.file_pattern = pattern
        self.model.save_mode = mode

    def _save_as(self) -> None:
        item = self.current_item()
        if item is None or item.image is None:
            return
        job, image = item.job, item.image
        asked = ask_save_path(
            self,
            self.tr("Save Image As"),
            name_for(job, image, self.file_pattern),
            image.path.suffix.lstrip(".") or image.format,
        )
        if asked is None:
            return
        target, mode = asked
        BackgroundOp(
            self,
            lambda: save_image(job, image, target, mode),
            lambda saved: self._notify(saved_note(saved)),
        ).failure(self._notify_failure).run()

    def _export(self) -> None:
        items = self.selected_items()
        if not items:
            return
        dest = ask_folder(self, self.tr("Export Selection To"))
        if dest is None:
            return
        image_ids = {it.image.id for it in items if it.image is not None}
        jobs = self.selected_jobs()
        pattern, mode = self.file_pattern, self.save_mode.value

        def done(written: list[Path]) -> None:
            self._notify(
                self.tr("Exported %n file(s) to {folder}", "", len(written)).format(folder=dest)
            )
            self.exported.emit(str(dest))

        BackgroundOp(
            self,
            lambda: export_jobs(jobs, dest, image_ids=image_ids, pattern=pattern, mode=mode),
            done,
        ).failure(self._notify_failure).run()

    def _notify(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setToolTip(text)
        self._notice_timer.start(self.notice_ms)

    def _clear_notice(self) -> None:
        self.notice.clear()
        self.notice.setToolTip("")

    def _notify_failure(self, exc: BaseException) -> None:
        self._notify(self.tr("Failed: {reason}").format(reason=exc))

    def _reveal(self) -> None:
        item = self.current_item()
        if item is None:
            return
        folder = item.job.folder or self.store.images_dir
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _delete(self) -> None:
        jobs = self.selected_jobs()
        if not jobs:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete from History"),
            self.tr(
                "Delete %n job(s) and their images? You can undo this until you quit.",
                "",
                len(jobs),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("galleryDeleteConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        first_row = min(self.model.rows_of_job(jobs[0].id), default=0)
        ids = [j.id for j in jobs]

        def deleted(done: store_ops.Deleted, generation: int) -> None:
            for d in done.batch:
                self.model.remove_job(d.job_id)
            if done.batch:
                self._undo.append(list(done.batch))
                self.undo_label.setText(self.tr("Deleted %n job(s).", "", len(done.batch)))
                self.undo_bar.show()
            if self.model.rowCount():
                self.view.setCurrentIndex(
                    self.model.index(min(first_row, self.model.rowCount() - 1), 0)
                )
            if self._current_answer(generation):
                self._show_count(done.count)
            if done.error is not None:
                self._notify_failure(done.error)
            self._update_actions()

        self._read(lambda store, query: store_ops.delete(store, ids, query), deleted)

    @Slot()
    def undo_delete(self) -> None:
        if not self._undo:
            return
        batch = tuple(self._undo.pop())

        def restored(snap: store_ops.Snapshot, generation: int) -> None:
            self._apply_snapshot(snap, generation)
            rows = self.model.rows_of_job(batch[0].job_id)
            if rows:
                self.view.setCurrentIndex(self.model.index(rows.start, 0))
            if not self._undo:
                self.undo_bar.hide()
            self._update_actions()

        self._read(lambda store, query: store_ops.restore(store, batch, query), restored)

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    # -- queries -------------------------------------------------------------

    def _set_query(self, query: JobQuery) -> None:
        self.model.set_query(query)
        self._update_count()

    def _update_count(self) -> None:
        def counted(n: int, generation: int) -> None:
            if self._current_answer(generation):
                self._show_count(n)

        self._read(lambda store, query: store.count_jobs(query), counted)

    def _show_count(self, n: int) -> None:
        self._count = n
        self.count_label.setText(self.tr("%n job(s)", "", n))
        if n:
            self.view.set_empty_text("")
        elif self.filters.query() == JobQuery():
            self.view.set_empty_text(
                self.tr(
                    "Every image you make is kept here, with its prompt and settings. "
                    "Search the prompts above, filter by model, format or day, and star "
                    "favourites (F) to find them again."
                )
            )
        else:
            self.view.set_empty_text(
                self.tr("No job matches these filters: clear the search or widen the filters.")
            )

    def index_of_job(self, job_id: int) -> QModelIndex:
        rows = self.model.rows_of_job(job_id)
        return self.model.index(rows.start, 0) if rows else QModelIndex()
