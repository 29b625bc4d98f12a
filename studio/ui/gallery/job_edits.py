"""What the gallery does to the jobs picked: favourite, copy, save, export, reveal,
delete with undo, and the short notices that report it.

A mixin of :class:`~studio.ui.gallery.dock.GalleryDock` (kept apart so each file
stays small); store writes run on the dock's worker, and its strings keep the
dock's translation context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from studio.core.errors import StudioError
from studio.core.history import DeletedJob, HistoryStore, JobQuery, JobRecord
from studio.core.history.export import export_jobs
from studio.core.saving import SaveMode, name_for, save_image
from studio.jobs.op import BackgroundOp
from studio.ui.announce import announce
from studio.ui.gallery import store_ops
from studio.ui.gallery.grid_view import GalleryView
from studio.ui.gallery.model import GalleryItem, GalleryModel
from studio.ui.save_files import ask_folder, ask_save_path, saved_note

T = TypeVar("T")


class JobEditsMixin:
    """The dock's actions on picked jobs that need only the store and the desktop."""

    store: HistoryStore
    model: GalleryModel
    view: GalleryView
    notice: QLabel
    notice_ms: int
    _notice_timer: QTimer
    undo_label: QLabel
    undo_bar: QWidget
    _undo: list[list[DeletedJob]]
    #: the last "could not open the folder" box (None: none open)
    folder_box: QMessageBox | None = None

    if TYPE_CHECKING:  # provided by the dock and its other mixin
        from PySide6.QtCore import SignalInstance

        exported: SignalInstance

        def current_item(self) -> GalleryItem | None: ...
        def selected_items(self) -> list[GalleryItem]: ...
        def selected_jobs(self) -> list[JobRecord]: ...
        def _update_actions(self, *_args: object) -> None: ...
        def _read(
            self,
            read: Callable[[HistoryStore, JobQuery], T],
            apply: Callable[[T, int], None],
            failed: Callable[[BaseException], None] | None = None,
        ) -> None: ...
        def _apply_snapshot(self, snap: store_ops.Snapshot, generation: int) -> None: ...
        def _current_answer(self, generation: int) -> bool: ...
        def _show_count(self, n: int, *, more: bool = False) -> None: ...
        def _show_changed_count(self, n: int) -> None: ...
        def _count_bound(self) -> int: ...
        def _plural_text(self, which: str, n: int) -> str: ...
        def refresh(self) -> None: ...

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def _toggle_favourite(self) -> None:
        jobs = self.selected_jobs()
        if not jobs:
            return
        fav = not all(j.favourite for j in jobs)
        ids, bound = [j.id for j in jobs], self._count_bound()
        self._read(
            lambda store, query: store_ops.set_favourite(store, ids, fav, query, bound),
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
        except (OSError, StudioError) as exc:
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
            self._widget(),
            QCoreApplication.translate("GalleryDock", "Save Image As"),
            name_for(job, image, self.file_pattern),
            image.path.suffix.lstrip(".") or image.format,
        )
        if asked is None:
            return
        target, mode = asked
        BackgroundOp(
            self._widget(),
            lambda: save_image(job, image, target, mode),
            lambda saved: self._notify(saved_note(saved)),
        ).failure(self._notify_failure).run()

    def _export(self) -> None:
        items = self.selected_items()
        if not items:
            return
        if not any(job.images for job in self.selected_jobs()):  # failed, cancelled
            self._notify(
                QCoreApplication.translate(
                    "GalleryDock", "Nothing to export: the jobs picked made no pictures."
                )
            )
            return
        dest = ask_folder(
            self._widget(), QCoreApplication.translate("GalleryDock", "Export Selection To")
        )
        if dest is None:
            return
        image_ids = {it.image.id for it in items if it.image is not None}
        jobs = self.selected_jobs()
        pattern, mode = self.file_pattern, self.save_mode.value

        def done(written: list[Path]) -> None:
            self._notify(self._plural_text("exported", len(written)).format(folder=dest))
            self.exported.emit(str(dest))

        BackgroundOp(
            self._widget(),
            lambda: export_jobs(jobs, dest, image_ids=image_ids, pattern=pattern, mode=mode),
            done,
        ).failure(self._notify_failure).run()

    def _notify(self, text: str) -> None:
        announce(self.notice, text)  # a save, an export or why they failed
        self.notice.setText(text)
        self.notice.setToolTip(text)
        self._notice_timer.start(self.notice_ms)

    def _clear_notice(self) -> None:
        self.notice.clear()
        self.notice.setToolTip("")

    def _notify_failure(self, exc: BaseException) -> None:
        from studio.ui.window_notices import reason_text  # the studio's words, translated

        self._notify(
            QCoreApplication.translate("GalleryDock", "Failed: {reason}").format(
                reason=reason_text(exc)
            )
        )

    def _reveal(self) -> None:
        item = self.current_item()
        if item is None:
            return
        folder = item.job.folder or self.store.images_dir
        while not folder.is_dir() and folder.parent != folder:  # removed since: its parent
            folder = folder.parent
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return
        # no file manager to hand the folder to: say where it is, so it can be found
        box = QMessageBox(self._widget())
        box.setObjectName("folderNotOpened")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("GalleryDock", "Could not open the folder"))
        box.setText(
            QCoreApplication.translate(
                "GalleryDock", "No file manager could be started. The job's files are in:"
            )
        )
        box.setInformativeText(str(folder))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = box.addButton(
            QCoreApplication.translate("GalleryDock", "Copy path"),
            QMessageBox.ButtonRole.ActionRole,
        )
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(str(folder)))
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda _o=None: setattr(self, "folder_box", None))
        self.folder_box = box
        box.open()

    def _delete(self) -> None:
        """Delete the jobs picked, after asking. A comparison's or a batch's tile stands
        for the whole group: all its jobs go (their ids are read on the worker first); a
        conversation's tile, for its newest turn: the thread keeps its tile."""
        items = self.selected_items()
        jobs = self.selected_jobs()
        if not jobs:
            return
        ids = [j.id for j in jobs]
        # a conversation keeps its tile: another of its turns takes it (the view is read again)
        threads = any(it.stack is not None and it.stack.is_thread for it in items)
        stacks = [it.stack for it in items if it.stack is not None and not it.stack.is_thread]
        if not stacks:
            self._confirm_delete(ids, None, threads, [])
            return
        group_ids = sorted({stack.id for stack in stacks})
        # one group on its own is named as what it is; else the jobs are counted
        kind = stacks[0].kind if len(group_ids) == 1 and len(items) == 1 else None

        def read(store: HistoryStore, _query: JobQuery) -> list[int]:
            members = store_ops.group_jobs(store, group_ids)
            return members + [i for i in ids if i not in members]

        self._read(
            read, lambda all_ids, _gen: self._confirm_delete(all_ids, kind, threads, group_ids)
        )

    def _confirm_delete(
        self, ids: list[int], group_kind: str | None, threads: bool, group_ids: list[int]
    ) -> None:
        if not ids:
            return
        n = len(ids)
        question = self._plural_text(f"delete {group_kind}?" if group_kind else "delete?", n)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("GalleryDock", "Delete from History"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._widget(),
        )
        box.setObjectName("galleryDeleteConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        first_row = min((r for i in ids for r in self.model.rows_of_job(i)), default=0)

        def deleted(done: store_ops.Deleted, generation: int) -> None:
            for d in done.batch:
                self.model.remove_job(d.job_id)
            if done.batch:
                self._undo.append(list(done.batch))
                self.undo_label.setText(self._plural_text("deleted", len(done.batch)))
                self.undo_bar.show()
            if threads:
                self.refresh()
            elif self.model.rowCount():
                self.view.setCurrentIndex(
                    self.model.index(min(first_row, self.model.rowCount() - 1), 0)
                )
            if self._current_answer(generation):
                self._show_changed_count(done.count)
            if done.error is not None:
                self._notify_failure(done.error)
            self._update_actions()

        bound = self._count_bound()
        self._read(
            lambda store, query: store_ops.delete(store, ids, query, bound, group_ids), deleted
        )

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

        bound = self._count_bound()
        self._read(lambda store, query: store_ops.restore(store, batch, query, bound), restored)
