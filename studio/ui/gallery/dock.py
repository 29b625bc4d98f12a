"""The history gallery: a dock with a search bar, filters and a virtualized grid of results.

What needs the main window (opening an image, reusing settings, feeding an
image to the editor, retrying, uploading) is emitted as a signal; what needs
only the store and the desktop (favourite, copy, save, export, delete with
undo, reveal) is done here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.atomic import write_bytes_atomic
from studio.core.history import DeletedJob, HistoryStore, JobQuery, JobRecord
from studio.core.history.export import export_jobs
from studio.jobs.op import BackgroundOp
from studio.ui.gallery.actions import GalleryActions
from studio.ui.gallery.delegate import MAX_BOX, MIN_BOX, THUMB_BOX, GalleryDelegate
from studio.ui.gallery.filters import FilterBar
from studio.ui.gallery.model import GalleryItem, GalleryModel
from studio.ui.gallery.thumbs import ThumbnailLoader

RETRYABLE = frozenset({"failed", "cancelled", "interrupted"})


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
        self.thumbs = ThumbnailLoader(thumbs_dir or store.paths.thumbnails_dir, parent=self)
        self.model = GalleryModel(store, self.thumbs, self, page_jobs=page_jobs)
        self._undo: list[list[DeletedJob]] = []

        body = QWidget(self)
        self.filters = FilterBar(body)
        self.view = QListView(body)
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
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setItemDelegate(self.delegate)
        self.view.setGridSize(self.delegate.tile())
        self.view.viewport().installEventFilter(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("History images"))
        self.count_label = QLabel(body)
        self.count_label.setObjectName("galleryCount")
        self.notice = QLabel(body)
        self.notice.setObjectName("galleryNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
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
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.count_label)
        self.setWidget(body)

        self.actions_ = GalleryActions(body)
        self._connect()
        self._refresh_choices()
        self._seen_max_id = store.max_job_id()
        self._data_version = store.data_version()
        self.model.reload()
        self._update_count()
        self._update_actions()
        # jobs written by the CLI (another process) or by worker threads appear on their own
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.check_for_changes)
        self._poll.start()

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

    def set_upload_enabled(self, enabled: bool) -> None:
        """Offer "Upload for video" (only when a DMXAPI provider is set up)."""
        self.actions_.upload.setVisible(enabled)
        self._update_actions()

    # -- public slots --------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Reload everything."""
        self._refresh_choices()
        self._seen_max_id = self.store.max_job_id()
        self.model.reload()
        self._update_count()

    @Slot()
    def check_for_changes(self) -> None:
        """Show jobs other connections added, and the new state of shown running jobs."""
        version = self.store.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        changed = set(self.store.job_ids_after(self._seen_max_id))
        changed.update(self.model.running_job_ids())
        if changed:
            self._seen_max_id = max(self._seen_max_id, *changed)
        for job_id in sorted(changed):
            self.job_added(job_id)

    @Slot(int)
    def job_added(self, job_id: int) -> None:
        """Show a new job (or the new state of a shown one) without reloading the rest."""
        self._seen_max_id = max(self._seen_max_id, job_id)
        job = self.store.get_job(job_id)
        if job is not None:
            self.filters.add_choice(job.provider_id, job.model)
        self.model.upsert_job(job_id)
        self._update_count()

    job_updated = job_added

    def shutdown(self) -> None:
        """Stop polling and thumbnail work, and make this session's deletes final.

        Call before the store is closed."""
        self._poll.stop()
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
        for job in jobs:
            self.store.set_favourite(job.id, fav)
        self._reselect_after(lambda: [self.model.upsert_job(j.id) for j in jobs])
        self._update_count()

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
        image = QImage(item.path)
        if not image.isNull():
            QGuiApplication.clipboard().setImage(image)

    def _save_as(self) -> None:
        item = self.current_item()
        if item is None or item.image is None:
            return
        suffix = item.image.path.suffix
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save Image As"),
            str(Path.home() / f"image-studio-{item.job.id}-{item.image.id}{suffix}"),
            self.tr("Images (*{suffix})").format(suffix=suffix),
        )
        if not name:
            return
        target = Path(name)
        if not target.suffix:
            target = target.with_suffix(suffix)
        source = item.image.path
        BackgroundOp(
            self,
            lambda: write_bytes_atomic(target, source.read_bytes()),
            lambda path: self._notify(self.tr("Saved {name}").format(name=path.name)),
        ).failure(self._notify_failure).run()

    def _export(self) -> None:
        items = self.selected_items()
        if not items:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export Selection To"))
        if not folder:
            return
        image_ids = {it.image.id for it in items if it.image is not None}
        jobs = self.selected_jobs()
        dest = Path(folder)

        def done(written: list[Path]) -> None:
            self._notify(
                self.tr("Exported %n file(s) to {folder}", "", len(written)).format(folder=dest)
            )
            self.exported.emit(str(dest))

        BackgroundOp(self, lambda: export_jobs(jobs, dest, image_ids=image_ids), done).failure(
            self._notify_failure
        ).run()

    def _notify(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

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
        batch = []
        for job in jobs:
            batch.append(self.store.delete_job(job.id))
            self.model.remove_job(job.id)
        self._undo.append(batch)
        self.undo_label.setText(self.tr("Deleted %n job(s).", "", len(batch)))
        self.undo_bar.show()
        if self.model.rowCount():
            self.view.setCurrentIndex(
                self.model.index(min(first_row, self.model.rowCount() - 1), 0)
            )
        self._update_count()
        self._update_actions()

    @Slot()
    def undo_delete(self) -> None:
        if not self._undo:
            return
        batch = self._undo.pop()
        for deleted in batch:
            self.store.restore_job(deleted)
            self.model.upsert_job(deleted.job_id)
        rows = self.model.rows_of_job(batch[0].job_id)
        if rows:
            self.view.setCurrentIndex(self.model.index(rows.start, 0))
        if not self._undo:
            self.undo_bar.hide()
        self._update_count()
        self._update_actions()

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    # -- queries -------------------------------------------------------------

    def _set_query(self, query: JobQuery) -> None:
        self.model.set_query(query)
        self._update_count()

    def _refresh_choices(self) -> None:
        facets = self.store.facets()
        self.filters.set_choices(facets["provider_id"], facets["model"])

    def _update_count(self) -> None:
        n = self.store.count_jobs(self.model.query)
        self.count_label.setText(self.tr("%n job(s)", "", n))

    def index_of_job(self, job_id: int) -> QModelIndex:
        rows = self.model.rows_of_job(job_id)
        return self.model.index(rows.start, 0) if rows else QModelIndex()
