"""Parts of the main window kept apart to keep files small: the error bar,
and what the window does with results and history entries (use as an edit
input, make variations, reuse or rerun a history job, upload for video)."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from studio.core.errors import StudioError
from studio.core.providers import Provider
from studio.core.request import ImageRequest, InputImage, Mode
from studio.jobs.op import BackgroundOp
from studio.jobs.queue import Job, JobQueue, ResultImage
from studio.ui.compose_panel import ComposePanel
from studio.ui.error_text import Action, advise
from studio.ui.result_viewer import ResultViewer, load_result_file
from studio.ui.retired import Switch, retired_switch

if TYPE_CHECKING:
    from studio.core.service import Studio

log = logging.getLogger(__name__)


def gallery_class() -> Any:
    try:
        return importlib.import_module("studio.ui.gallery").GalleryDock
    except (ImportError, AttributeError):
        return None


class ErrorBar(QFrame):
    """The last failure in plain words, with the action that fixes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#errorBar { background: rgba(220, 50, 50, 40); }")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.retry_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.action_button)
        lay.addWidget(self.retry_button)
        lay.addWidget(self.close_button)
        self.job: Job | None = None
        self.action = Action.NONE
        # a retired model's job and where to run it on the replacement (Action.SWITCH_MODEL)
        self.switch: tuple[Provider, Switch] | None = None
        self.hide()


class HistoryActions(QMainWindow):
    """Result and history actions of the main window (a base class of it)."""

    studio: Studio
    compose: ComposePanel
    viewer: ResultViewer
    right_tabs: QTabWidget
    queue: JobQueue
    gallery: QDockWidget | None

    def offer_switch(self, provider: Provider, switch: Switch, job: Job | None = None) -> None:
        raise NotImplementedError  # the main window shows the offer in its error bar

    def _connect_gallery(self) -> None:
        g = self.gallery
        if g is None:
            return
        for name, slot in (
            ("use_as_input", lambda path: self.use_file(path, Mode.EDIT)),
            ("make_variations", lambda path: self.use_file(path, Mode.VARIATIONS)),
            ("open_image", self.open_image),
            ("reuse_job", lambda job_id: self.reuse_history_job(job_id, run=False)),
            ("retry_job", lambda job_id: self.reuse_history_job(job_id, run=True)),
            ("upload_image", self.upload_for_video),
        ):
            signal = getattr(g, name, None)
            if signal is not None:
                signal.connect(slot)

    def use_result(self, result: ResultImage, mode: Mode) -> None:
        """Make ``result`` the input of an edit or a variation, in one action."""
        compose = self.compose
        self._switch_for(mode)
        if mode is Mode.VARIATIONS:
            compose.inputs.clear()
        name = f"result-{result.position + 1}.{result.image.format or 'png'}"
        compose.inputs.add_image(InputImage(name, result.image.data), result.qimage)

    def use_file(self, path: str, mode: Mode) -> None:
        """A saved image (from the history) as an edit input or a variation source."""
        self._switch_for(mode)
        if mode is Mode.VARIATIONS:
            self.compose.inputs.clear()
        self.compose.inputs.add_files([Path(path)])

    def open_image(self, path: str) -> None:
        """Show a saved image in the viewer, bringing the Result tab forward."""

        def show(result: ResultImage) -> None:
            self.viewer.show_file(result)
            self.right_tabs.setCurrentWidget(self.viewer)  # the Mask tab may be in front

        BackgroundOp(self, lambda: load_result_file(path), show).failure(
            lambda exc: self.statusBar().showMessage(str(exc), 8000)
        ).run()

    def reuse_history_job(self, job_id: int, run: bool) -> None:
        """Put a history job's prompt, model, parameters and inputs back (and rerun it)."""
        history = self.studio.history

        def work() -> tuple[Any, ImageRequest]:
            return history.get_job(job_id), history.request_for(job_id)

        def done(found: tuple[Any, ImageRequest]) -> None:
            record, request = found
            providers = self.studio.providers()
            pid = getattr(record, "provider_id", "")
            if pid in providers:
                self.compose.set_provider(pid)
            self.compose.set_model(request.model)
            self.compose.set_mode(request.mode)
            self.compose.prompt.set_prompt(request.prompt)
            self.compose.params.set_values(dict(request.params))
            self.compose.inputs.clear()
            self.compose.restore_mask(request.mask.data if request.mask else None)
            for img in request.images:
                self.compose.inputs.add_image(img)
            provider = providers.get(pid)
            switch = None
            if provider is not None:
                switch = retired_switch(request, provider, self.studio.capabilities)
            if switch is not None and provider is not None:
                # nothing is sent: the provider would refuse the old model
                self.offer_switch(provider, switch)
            elif run and provider is not None:
                self.queue.submit(provider, request)

        BackgroundOp(self, work, done).failure(
            lambda exc: self.statusBar().showMessage(str(exc), 8000)
        ).run()

    def _upload_provider(self) -> Provider | None:
        """The current provider when it offers uploads (an upload model in the tables)."""
        provider = self.compose.provider()
        return provider if provider is not None and self.studio.offers_upload(provider) else None

    def _update_upload(self) -> None:
        enable = getattr(self.gallery, "set_upload_enabled", None)
        if callable(enable):
            enable(self._upload_provider() is not None)

    def upload_for_video(self, path: str) -> None:
        """Upload a saved image to DMXAPI for image-to-video; show the id to use."""
        provider = self._upload_provider()
        if provider is None:
            return
        studio = self.studio
        self.statusBar().showMessage(self.tr("Uploading %1…").replace("%1", Path(path).name))

        def done(result: Any) -> None:
            text = self.tr("Uploaded: image id %1").replace("%1", str(result.img_id))
            if getattr(result, "img_url", None):
                text += f"\n{result.img_url}"
            self.statusBar().clearMessage()
            QMessageBox.information(self, self.tr("Upload for video"), text)

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            if isinstance(exc, StudioError):
                advice = advise(exc, provider.name)
                QMessageBox.warning(self, advice.title, advice.text)
            else:
                QMessageBox.warning(self, self.tr("Upload for video"), str(exc))

        BackgroundOp(self, lambda: studio.upload(provider, file=Path(path)), done).failure(
            failed
        ).run()

    def _switch_for(self, mode: Mode) -> None:
        """Select ``mode``, choosing a model of this provider that offers it if needed."""
        compose = self.compose
        caps, provider = compose.caps, compose.provider()
        if caps is not None and not caps.supports(mode) and provider is not None:
            for mid in provider.models:
                other = self.studio.capabilities.get(mid)
                if other is not None and other.supports(mode):
                    compose.set_model(mid)
                    break
        compose.set_mode(mode)
