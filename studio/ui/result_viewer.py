"""The result viewer: one job's images, zoom/fit/100 %, and what to do with
them (copy, save as, open folder, use as edit input, make variations), with
the revised prompt and the real usage shown under the picture."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.filenames import DEFAULT_PATTERN, NameFields, render_name
from studio.core.history.models import JobRecord, StoredImage
from studio.core.outformats import EXTENSIONS
from studio.core.saving import SavedFile, SaveMode, name_for, save_bytes
from studio.jobs.op import BackgroundOp
from studio.jobs.queue import Job, ResultImage
from studio.ui.animation_bar import NEXT_KEY, PLAY_KEY, PREV_KEY, AnimationBar
from studio.ui.announce import announce
from studio.ui.core_text import phrase_text
from studio.ui.cost_text import record_cost_text, simulated
from studio.ui.icon_row import IconRow
from studio.ui.icons import icon, with_shortcut
from studio.ui.image_view import ImageView
from studio.ui.labels import stored_provider_name
from studio.ui.preview import preview_pixmap
from studio.ui.result_drag import DragHandle
from studio.ui.result_formats import clipboard_data, still_input
from studio.ui.save_files import ask_save_path, drag_copies, saved_note
from studio.ui.welcome import Welcome

if TYPE_CHECKING:  # Qt makes these types on first use: not before the first paint
    from PySide6.QtWidgets import QMessageBox


def load_result_file(path: str) -> ResultImage:
    """Read and decode a saved image (worker thread)."""
    from studio.core.errors import StudioError
    from studio.core.regular import read_regular
    from studio.core.request import sniff_content_type
    from studio.core.responses import image_from_bytes
    from studio.core.result import GeneratedImage
    from studio.jobs.decoding import decode
    from studio.jobs.queue import result_for

    data = read_regular(path)  # a pipe or /dev/zero in its place: an OSError
    try:
        return result_for(image_from_bytes(data), 0, path)
    except StudioError:  # not a picture the core reads: whatever Qt makes of it
        picture = decode(data)
        if picture.isNull():  # nor Qt (a text file in its place): the core's reason
            raise
        fmt = sniff_content_type(data, path).split("/")[-1]
        image = GeneratedImage(data, fmt, picture.width(), picture.height())
        return ResultImage(image, picture, 0, path)


def _dropped_file(mime: QMimeData) -> str | None:
    """The first local file among dropped URLs (None when there is none)."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and Path(url.toLocalFile()).is_file():
            return url.toLocalFile()
    return None


class ResultViewer(QWidget):
    use_as_input = Signal(ResultImage)
    make_variation = Signal(ResultImage)
    #: a copy was saved: what to tell (where, and whether credentials were dropped)
    saved = Signal(str)
    #: an image file was dropped on the viewer: offer the settings it carries
    file_dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._job: Job | None = None
        #: the images the strip was last filled with (their ids), so it is filled once each
        self._stripped: list[int] = []
        self._current: ResultImage | None = None
        #: the result the view and the animation bar show now
        self._shown: ResultImage | None = None
        self.default_folder: Path | None = None
        #: the history's job and image behind a stored file (called off the UI thread)
        self.record_lookup: Callable[[str], tuple[JobRecord, StoredImage] | None] | None = None
        #: how saved copies are named, and the way to save the dialog offers first
        self.file_pattern = DEFAULT_PATTERN
        self.save_mode = SaveMode.PARAMETERS
        self.saved_note = ""
        #: the history job found for the file on show: (its path, job and image)
        self.looked_up: tuple[str, tuple[JobRecord, StoredImage]] | None = None
        self.setAcceptDrops(True)  # an image dropped here offers the settings it carries
        self.folder_box: QMessageBox | None = None  # "could not open the folder", when shown

        self.view = ImageView(self)
        self.view.setObjectName("resultView")
        #: the welcome is for an empty history (see set_welcome_wanted)
        self._welcome_wanted = True
        self.welcome = Welcome(self.view)
        self.try_example = self.welcome.try_example
        self.strip = QListWidget(self)
        self.strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.strip.setFlow(QListWidget.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(QSize(64, 64))
        self.strip.setFixedHeight(88)
        self.strip.currentRowChanged.connect(self._select)
        self.strip.hide()
        self.animation = AnimationBar(self)
        self.animation.frame.connect(self._show_frame)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setObjectName("resultInfo")
        self.info.setTextFormat(Qt.TextFormat.PlainText)

        self.fit_button = self._button(self.view.fit, "shrink")
        self.actual_button = self._button(self.view.actual_size, "scan")
        self.copy_button = self._button(self.copy_image, "copy")
        self.save_button = self._button(self.save_as, "save")
        self.folder_button = self._button(self.open_folder, "folder-open")
        self.edit_button = self._button(lambda: self._emit(self.use_as_input), "square-pen")
        self.variation_button = self._button(lambda: self._emit(self.make_variation), "shuffle")
        self.drag_button = DragHandle(self.drag_mime, self)
        self.drag_button.setIcon(icon("grab"))
        self.drag_button.setIconSize(QSize(16, 16))
        self.drag_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # the buttons show their icons alone when their words do not fit (a large font)
        right = [self.drag_button, self.copy_button, self.save_button, self.folder_button]
        right += [self.edit_button, self.variation_button]
        self.bar = IconRow([self.fit_button, self.actual_button], right, self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.animation)
        lay.addWidget(self.strip)
        lay.addWidget(self.info)
        # Space plays on the picture only: on a focused button it presses the button
        for key, slot, owner in (
            (PLAY_KEY, self.animation.toggle_play, self.view),
            (PREV_KEY, lambda: self.animation.step(-1), self),
            (NEXT_KEY, lambda: self.animation.step(1), self),
        ):
            # set apart: given to the constructor with the slot, the context was dropped
            # (Space played the animation from anywhere in the window, pressing no button)
            shortcut = QShortcut(QKeySequence(key), owner, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate_ui()
        self._update_enabled()

    def _button(self, slot: object, icon_name: str) -> QToolButton:
        b = QToolButton(self)
        b.setIcon(icon(icon_name))
        b.setIconSize(QSize(16, 16))
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        b.clicked.connect(slot)
        return b

    # --- public ---------------------------------------------------------------
    @property
    def current(self) -> ResultImage | None:
        return self._current

    @property
    def job(self) -> Job | None:
        return self._job

    @property
    def welcome_wanted(self) -> bool:
        return self._welcome_wanted

    def set_welcome_wanted(self, wanted: bool) -> None:
        """Whether the empty view shows the welcome: a first start's, not a returning user's."""
        self._welcome_wanted = wanted
        self._update_enabled()

    def show_job(self, job: Job) -> None:
        """Show ``job``: its images, or its latest partial while it streams."""
        same = self._job is job
        self._job = job
        row = self.strip.currentRow() if same else 0
        stripped = [id(r) for r in job.images]
        if not same or stripped != self._stripped:  # a job changes often; its images rarely
            self._stripped = stripped
            self.strip.blockSignals(True)
            self.strip.clear()
            for r in job.images:
                pix = preview_pixmap(r.qimage, 128, 128)
                QListWidgetItem(QIcon(pix), f"{r.image.width}×{r.image.height}", self.strip)
            self.strip.blockSignals(False)
        self.strip.setVisible(len(job.images) > 1)
        if job.images:
            self.strip.setCurrentRow(max(0, min(row, len(job.images) - 1)))
            self._select(self.strip.currentRow())
        else:
            self._current = self._shown = None
            self.animation.set_gif(None)
            self.view.note = ""
            self.view.set_image(job.partial, keep_view=same)
        self._update_info()
        self._update_enabled()

    def show_file(self, result: ResultImage) -> None:
        """Show one saved image (opened from the history)."""
        self._job = None
        self.strip.clear()
        self.strip.hide()
        self._current = result
        self._show_current()
        self._update_info()
        self._update_enabled()
        self._look_up(result)

    def clear(self) -> None:
        self._job = None
        self._current = self._shown = None
        self.strip.clear()
        self.animation.set_gif(None)
        self.view.note = ""
        self.view.set_image(None)
        self.info.clear()
        self._update_enabled()

    def copy_image(self) -> None:
        """The picture on show; an SVG's text and a GIF's bytes go along with it."""
        if self._current is not None:
            frame = self.animation.current_image() if self.animation.movie else None
            mime = clipboard_data(self._current, frame)
            if self._current.path:  # the file too, for file managers and chat apps
                from PySide6.QtCore import QUrl

                mime.setUrls([QUrl.fromLocalFile(self._current.path)])
            QGuiApplication.clipboard().setMimeData(mime)

    def save_as(self) -> None:
        """Save a copy named by the pattern, with its parameters unless another way is
        picked in the dialog; an image from the history is looked up off the UI thread."""
        cur = self._current
        if cur is None:
            return
        known = self._stored_pair(cur)
        lookup = self.record_lookup
        if known is None and cur.path and lookup is not None:
            path = cur.path
            BackgroundOp(
                self, lambda: lookup(path), lambda pair: self._ask_save(cur, pair)
            ).failure(self._save_failed).run()
            return
        self._ask_save(cur, known)

    def _look_up(self, result: ResultImage) -> None:
        """Find the history job behind a shown file in the background (for drags)."""
        lookup, path = self.record_lookup, result.path
        if lookup is None or not path:
            return

        def found(pair: tuple[JobRecord, StoredImage] | None) -> None:
            if pair is not None and self._current is result:
                self.looked_up = (path, pair)
                self._update_info()  # its job's model, usage and cost, as a fresh result's

        BackgroundOp(self, lambda: lookup(path), found).run()

    def drag_mime(self) -> QMimeData | None:
        """The shown image as a file for a drag: a copy named by the pattern (the stored
        file when its job is not known)."""
        cur = self._current
        if cur is None:
            return None
        pair = self._known_pair(cur)
        paths: list[Path] = []
        if pair is not None:
            try:
                paths = drag_copies([pair], self.file_pattern, self.save_mode)
            except OSError:
                paths = []
        if not paths and cur.path:
            paths = [Path(cur.path)]
        if not paths:
            return None
        from PySide6.QtCore import QUrl

        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        return mime

    def _known_pair(self, cur: ResultImage) -> tuple[JobRecord, StoredImage] | None:
        """The job record and stored image behind ``cur``: its job's, or the one looked up
        for a file from the history (None while unknown)."""
        pair = self._stored_pair(cur)
        if pair is None and self.looked_up is not None and self.looked_up[0] == cur.path:
            pair = self.looked_up[1]
        return pair

    def _stored_pair(self, cur: ResultImage) -> tuple[JobRecord, StoredImage] | None:
        record = self._job.record if self._job is not None else None
        if record is None:
            return None
        for image in record.images:
            if cur.path and str(image.path) == cur.path:
                return record, image
        if 0 <= cur.position < len(record.images):
            return record, record.images[cur.position]
        return None

    def shown_name(self) -> str | None:
        """The file name of the picture on show (None: none is), as Save as and a drag
        name it: by the settings' pattern (its date, job, prompt words) when its job is
        known, a file's own name otherwise."""
        cur = self._current
        if cur is None:
            return None
        pair = self._known_pair(cur)
        return self._name_of(cur, pair)

    def _name_of(self, cur: ResultImage, pair: tuple[JobRecord, StoredImage] | None) -> str:
        ext = EXTENSIONS.get(cur.image.format, cur.image.format or "png")
        if pair is not None:
            return name_for(pair[0], pair[1], self.file_pattern)
        if cur.path:
            return Path(cur.path).name
        job = self._job
        if job is None:
            return f"image.{ext}"
        # a job's image not in its history record yet: what the job itself knows
        fields = NameFields(
            created_at=time.time(),
            job_id=int(job.history_id) if job.history_id else None,
            prompt=job.request.prompt,
            ext=ext,
            index=cur.position + 1,
            count=max(len(job.images), cur.position + 1),
            model=job.request.model,
            provider=job.provider.id,
            seed=job.request.params.get("seed"),
        )
        return render_name(self.file_pattern, fields)

    def _ask_save(self, cur: ResultImage, pair: tuple[JobRecord, StoredImage] | None) -> None:
        ext = EXTENSIONS.get(cur.image.format, cur.image.format or "png")
        name = self._name_of(cur, pair)
        default = self.save_mode if pair is not None else SaveMode.ORIGINAL
        asked = ask_save_path(self, self.tr("Save image as"), name, ext, default)
        if asked is None:
            return
        target, mode = asked
        data = cur.image.data
        from studio.core.metadata_write import ImageStory  # with the first save, not at start

        story = ImageStory.of(pair[0], cur.image.width, cur.image.height) if pair else None
        BackgroundOp(self, lambda: save_bytes(data, story, target, mode), self._saved).failure(
            self._save_failed
        ).run()

    def _saved(self, saved: SavedFile) -> None:
        self.saved_note = saved_note(saved)
        announce(self, self.saved_note)
        self.saved.emit(self.saved_note)

    def _save_failed(self, exc: BaseException) -> None:
        text = self.tr("Saving failed: %1").replace("%1", str(exc))
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.tr("Could not save"), text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.file_dropped.emit(path)

    def folder(self) -> Path | None:
        """The folder the shown image is saved in (None before it is saved)."""
        if self._current is not None and self._current.path:
            return Path(self._current.path).parent
        return None

    def open_folder(self) -> None:
        folder = self.folder()
        if folder is None:
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return
        # no file manager to hand the folder to: say where it is, so it can be found
        box = QMessageBox(self)
        box.setObjectName("folderNotOpened")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Could not open the folder"))
        box.setText(self.tr("No file manager could be started. The image is saved in:"))
        box.setInformativeText(str(folder))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = box.addButton(self.tr("Copy path"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(str(folder)))
        box.addButton(QMessageBox.StandardButton.Close)
        self.folder_box = box
        box.open()

    # --- internals ---------------------------------------------------------------
    def shown_still(self) -> ResultImage | None:
        """The picture on show as an edit takes it: a GIF's frame on show or an SVG
        rasterised at its job's size, as a PNG; other formats as they are."""
        if self._current is None:
            return None
        frame = self.animation.current_image() if self.animation.movie else None
        size = self._job.request.params.get("size") if self._job is not None else None
        return still_input(self._current, frame, size)

    def _emit(self, signal: SignalInstance) -> None:
        """Hand on a still (:meth:`shown_still`)."""
        still = self.shown_still()
        if still is not None:
            signal.emit(still)

    def _select(self, row: int) -> None:
        if self._job is None or not (0 <= row < len(self._job.images)):
            return
        self._current = self._job.images[row]
        self._show_current()
        self._update_info()
        self._update_enabled()

    def _show_current(self) -> None:
        cur = self._current
        if cur is None or cur is self._shown:  # already on show: a GIF keeps playing
            return
        self._shown = cur
        self.view.note = phrase_text(cur.refusal) if cur.refusal is not None else ""
        vector = None
        if cur.vector is not None:
            from studio.jobs.pictures import renderer_for  # a drawing's: not before the paint

            vector = renderer_for(cur.vector)
        self.view.set_image(cur.qimage, vector=vector)
        self.animation.set_gif(cur.image.data if cur.image.format == "gif" else None)

    def _show_frame(self, frame: QImage) -> None:
        if not frame.isNull():
            self.view.set_image(frame, keep_view=True)

    def _update_enabled(self) -> None:
        has = self._current is not None
        for b in (
            self.drag_button,
            self.copy_button,
            self.save_button,
            self.edit_button,
            self.variation_button,
        ):
            b.setEnabled(has)
        self.folder_button.setEnabled(self.folder() is not None)  # saved images only
        self.welcome.setVisible(
            self._welcome_wanted and self._job is None and self._current is None
        )

    def _update_info(self) -> None:
        parts: list[str] = []
        cur, job = self._current, self._job
        if cur is not None:
            parts.append(
                self.tr("%1 × %2, %3")
                .replace("%1", str(cur.image.width))
                .replace("%2", str(cur.image.height))
                .replace("%3", cur.image.format.upper())
            )
            if cur.refusal is not None:
                parts.append(
                    self.tr("The drawing is not shown: %1").replace("%1", phrase_text(cur.refusal))
                )
            if cur.image.revised_prompt:
                parts.append(self.tr("Revised prompt: %1").replace("%1", cur.image.revised_prompt))
            from studio.core.provenance import has_content_credentials  # with a picture

            if has_content_credentials(cur.image.data):
                parts.append(
                    self.tr(
                        "Carries content credentials (C2PA) from the provider: present, not "
                        "verified here. Saving as original keeps them."
                    )
                )
        record = job.record if job is not None else None
        known = self._known_pair(cur) if job is None and cur is not None else None
        if known is not None:
            record = known[0]  # a file from the history: what its job recorded
            parts.append(
                self.tr("Job #%1 · %2 on %3")
                .replace("%1", str(record.id))
                .replace("%2", record.model)
                .replace("%3", stored_provider_name(record.provider_id, record.provider_name))
            )
        usage = job.usage if job is not None else (record.usage if record is not None else None)
        if usage:
            u = usage
            parts.append(
                self.tr("Usage: %1 input tokens, %2 output tokens")
                .replace("%1", str(u.get("input_tokens", "?")))
                .replace("%2", str(u.get("output_tokens", "?")))
            )
            svg = u.get("svg_usage")
            if isinstance(svg, dict):
                parts.append(
                    self.tr("SVG written by %1: %2 tokens")
                    .replace("%1", str(svg.get("model", "?")))
                    .replace("%2", str(svg.get("total_tokens", "?")))
                )
        cost = record_cost_text(record) if record is not None else ""
        if cost:
            parts.append(self.tr("Cost: %1").replace("%1", cost))
            if record is not None and simulated(record.provider_id):
                parts.append(
                    self.tr(
                        "The offline sandbox charges nothing: this is what the job "
                        "would cost at the model's rates."
                    )
                )
        self.info.setText("\n".join(parts))

    def retranslate_ui(self) -> None:
        save_keys = QKeySequence(QKeySequence.StandardKey.SaveAs)
        pairs = (
            (self.fit_button, self.tr("Fit"), self.tr("Fit the image in the view"), "Ctrl+0"),
            (self.actual_button, self.tr("100 %"), self.tr("Show at actual size"), "Ctrl+1"),
            (
                self.drag_button,
                self.tr("Drag out"),
                self.tr("Drag from here to a folder or another app: the image as a file"),
                None,
            ),
            (
                self.copy_button,
                self.tr("Copy"),
                self.tr("Copy the image to the clipboard"),
                "Ctrl+Shift+C",
            ),
            (self.save_button, self.tr("Save as…"), self.tr("Save a copy of the image"), save_keys),
            (
                self.folder_button,
                self.tr("Open folder"),
                self.tr("Show the folder it is saved in"),
                None,
            ),
            (
                self.edit_button,
                self.tr("Edit this"),
                self.tr("Use this image as an edit input"),
                None,
            ),
            (
                self.variation_button,
                self.tr("Variations"),
                self.tr("Make variations of this image"),
                None,
            ),
        )
        for button, text, tip, keys in pairs:
            button.setText(text)
            button.setToolTip(with_shortcut(tip, keys))
        self.view.setToolTip(self.tr("Wheel zooms, drag pans, double-click toggles fit / 100 %"))
        self.view.setAccessibleName(self.tr("Result"))
        self.view.placeholder = self.tr("Results appear here. Write a prompt and press Generate.")
        self.view.update()
        self.strip.setToolTip(self.tr("All images of this job"))
        self._update_info()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
