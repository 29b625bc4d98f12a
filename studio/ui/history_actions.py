"""What the window does with results and history entries: use one as an edit input
or a variation source, show a saved image, reuse or rerun a history job, upload one
for video. The main window owns one and hands it the widgets it works on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QTabWidget

from studio.core.errors import StudioError
from studio.core.providers import Provider
from studio.core.request import ImageRequest, InputImage, Mode
from studio.jobs.op import BackgroundOp
from studio.jobs.queue import JobQueue, ResultImage
from studio.ui.compose_panel import ComposePanel
from studio.ui.error_text import advise
from studio.ui.labels import provider_name
from studio.ui.result_viewer import ResultViewer, load_result_file
from studio.ui.retired import Switch, retired_switch

if TYPE_CHECKING:
    from studio.core.history.models import JobRecord
    from studio.core.history.threads import TurnRow
    from studio.core.responses import UploadResult
    from studio.core.service import Studio
    from studio.ui.gallery import GalleryDock

# how the window offers a retired model's job on its replacement (in its error bar)
OfferSwitch = Callable[[Provider, Switch], None]
# the error bar's notice: a title, a sentence, an optional (button, tip, what it does)
Notice = Callable[[str, str, "tuple[str, str, Callable[[], None]] | None"], None]
# a history job as read for reuse or a retry: its record and request, its conversation
# turn, or (a retry) the comparison or batch member it is: (group, member index)
Found: TypeAlias = (
    "tuple[JobRecord | None, ImageRequest | None, TurnRow | None, tuple[int, int] | None]"
)


class HistoryActions(QObject):
    """Result and history actions of the main window."""

    def __init__(
        self,
        window: QMainWindow,
        studio: Studio,
        *,
        compose: ComposePanel,
        viewer: ResultViewer,
        right_tabs: QTabWidget,
        queue: JobQueue,
        gallery: GalleryDock | None,
        offer_switch: OfferSwitch,
        failed: Callable[[str, BaseException], None] | None = None,
        notice: Notice | None = None,
    ) -> None:
        super().__init__(window)
        #: says what could not be done, and why (the window's error bar)
        self.failed: Callable[[str, BaseException], None] = failed or (
            lambda what, exc: self._status(f"{what}: {exc}")
        )
        #: shows a title, a sentence and an action in the window's error bar
        self.notice: Notice = notice or (lambda title, text, _action: self._status(text))
        self.window = window
        self.studio = studio
        self.compose = compose
        self.viewer = viewer
        self.right_tabs = right_tabs
        self.queue = queue
        self.gallery = gallery
        self.offer_switch = offer_switch
        #: takes an image "used as input" when the Conversation tab is in front (True: taken)
        self.attach_to_conversation: Callable[[str], bool] = lambda _path: False
        #: a conversation's turn retried from the history: (thread, the turn it continued
        #: or None, its instruction) go back to the Conversation tab (set by the window)
        self.retry_turn: Callable[[int, int | None, str], None] = lambda _t, _p, _i: None
        # a comparison's or batch's member retried from the history: (group, member
        # index) go back to its grid or Batch panel, to be sent again there (set by the window)
        self.retry_member: Callable[[int, int], None] = lambda _g, _i: None
        if gallery is not None:
            self.attach_gallery(gallery)

    def attach_gallery(self, gallery: GalleryDock) -> None:
        """What the gallery asks of the window (it may be made after the window)."""
        self.gallery = gallery
        gallery.use_as_input.connect(lambda path: self.use_file(path, Mode.EDIT))
        gallery.make_variations.connect(lambda path: self.use_file(path, Mode.VARIATIONS))
        gallery.open_image.connect(self.open_image)
        gallery.reuse_job.connect(lambda job_id: self.reuse_history_job(job_id, run=False))
        gallery.retry_job.connect(lambda job_id: self.reuse_history_job(job_id, run=True))
        gallery.upload_image.connect(self.upload_for_video)
        gallery.failure_opened.connect(self.show_failure)

    def _status(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def use_result(self, result: ResultImage, mode: Mode) -> None:
        """Make ``result`` the input of an edit or a variation, in one action."""
        compose = self.compose
        self._switch_for(mode)
        if mode is Mode.VARIATIONS:
            compose.inputs.clear()
        # first: the mask applies to the first input, and this is the image to change;
        # a stored result is named as when taken from the history: its job and file
        origin = Path(result.path) if result.path else None
        if origin is not None and result.qimage.devicePixelRatio() < 1:
            # shown reduced (more pixels than the viewer decodes): the input is read from
            # its file, as any picked file is, never from the reduced picture
            compose.inputs.add_files([origin], first=True, stills=True)
            return
        fresh = f"result-{result.position + 1}.{result.image.format or 'png'}"
        name = origin.name if origin else fresh
        compose.inputs.add_image(
            InputImage(name, result.image.data), result.qimage, first=True, origin=origin
        )

    def use_file(self, path: str, mode: Mode) -> None:
        """A saved image (from the history) as an edit input or a variation source; with
        the Conversation tab in front, an edit input goes with its next turn instead."""
        if mode is Mode.EDIT and self.attach_to_conversation(path):
            return
        self._switch_for(mode)
        if mode is Mode.VARIATIONS:
            self.compose.inputs.clear()
        # a GIF or SVG result goes in as a still PNG (edits take still rasters)
        self.compose.inputs.add_files([Path(path)], first=True, stills=True)

    def show_failure(self, job: JobRecord) -> None:
        """Why a history job made nothing and what to do, with Retry (the error bar)."""
        from studio.core.errors import ErrorKind
        from studio.ui.labels import stored_provider_name

        stored = job.error
        if stored is None or job.status == "cancelled":
            err = StudioError.cancelled() if job.status == "cancelled" else None
        else:
            kind = stored.kind if stored.kind in set(ErrorKind) else ErrorKind.PROVIDER
            phrase = stored.text  # the studio's own sentence, translated in the advice
            err = StudioError(
                ErrorKind(kind),
                stored.message,
                status=stored.status,
                code=stored.code,
                template=phrase.template if phrase is not None else "",
                values=dict(phrase.args) if phrase is not None else {},
            )
        if err is None:  # interrupted: the studio closed while it ran
            title = self.tr("Interrupted")
            text = self.tr("The studio closed while this job ran. Retry runs it again.")
        else:
            advice = advise(err, stored_provider_name(job.provider_id, job.provider_name))
            title, text = advice.title, advice.text
        retry = (
            self.tr("Retry"),
            self.tr("Run this job again"),
            lambda: self.reuse_history_job(job.id, run=True),
        )
        self.notice(title, text, retry)

    def open_image(self, path: str) -> None:
        """Show a saved image in the viewer, bringing the Result tab forward."""

        def show(result: ResultImage) -> None:
            self.viewer.show_file(result)
            self.right_tabs.setCurrentWidget(self.viewer)  # the Mask tab may be in front

        BackgroundOp(self, lambda: load_result_file(path), show).failure(
            lambda exc: self.failed(self.tr("The image could not be opened"), exc)
        ).run()

    def reuse_history_job(self, job_id: int, run: bool) -> None:
        """Put a history job's prompt, model, parameters and inputs back (and rerun it)."""
        history = self.studio.history

        def work() -> Found:
            from studio.core.history.groups import GroupStore
            from studio.core.history.threads import get_turn

            if run:
                member = GroupStore(history).group_of_job(job_id)
                if member is not None:  # its group sends it again, nothing else to read
                    return None, None, None, member
            turn = get_turn(history, job_id) if run else None
            return history.get_job(job_id), history.request_for(job_id), turn, None

        def done(found: Found) -> None:
            record, request, turn, member = found
            if member is not None:
                # a comparison's or batch's member is sent again as a new member of its
                # group (its grid or panel counts it); rerun as a job it went outside it
                self.retry_member(*member)
                return
            assert request is not None
            if turn is not None:
                # a turn is sent again in its thread, from the turn it continued; rerun
                # as a job it went to the Images API as an unrelated edit, outside it
                self.retry_turn(turn.thread_id, turn.parent_job_id, request.prompt)
                return
            providers = self.studio.providers()
            pid = record.provider_id if record is not None else ""
            if pid in providers:
                self.compose.set_provider(pid)
            self.compose.set_model(request.model)
            self.compose.set_mode(request.mode)
            self.compose.prompt.set_prompt(request.prompt)
            self.compose.params.set_values(dict(request.params))
            self.compose.inputs.clear()
            self.compose.restore_mask(
                request.mask.data if request.mask else None,
                request.markup_doc,
                request.expansion,
            )
            for img in request.images:
                self.compose.inputs.add_image(img)
            provider = providers.get(pid)
            switch = None
            if provider is not None:
                tables = self.compose.registry_for(provider)
                switch = retired_switch(request, provider, tables)
            if switch is not None and provider is not None:
                # nothing is sent: the provider would refuse the old model
                self.offer_switch(provider, switch)
            elif run and provider is not None:
                self.queue.submit(provider, request)

        BackgroundOp(self, work, done).failure(
            lambda exc: self.failed(self.tr("The job could not be read from the history"), exc)
        ).run()

    def upload_provider(self) -> Provider | None:
        """The current provider when it offers uploads (an upload model in the tables)."""
        provider = self.compose.provider()
        return provider if provider is not None and self.studio.offers_upload(provider) else None

    def update_upload(self) -> None:
        """Offer "Upload for video" in the gallery only while the provider can take it."""
        if self.gallery is not None:
            self.gallery.set_upload_enabled(self.upload_provider() is not None)

    def upload_for_video(self, path: str) -> None:
        """Upload a saved image to DMXAPI for image-to-video; show the id to use."""
        provider = self.upload_provider()
        if provider is None:
            return
        studio, window = self.studio, self.window
        self._status(self.tr("Uploading %1…").replace("%1", Path(path).name), 0)

        from PySide6.QtWidgets import QMessageBox  # not needed before the first paint

        def done(result: UploadResult) -> None:
            text = self.tr("Uploaded: image id %1").replace("%1", str(result.img_id))
            if result.img_url:
                text += f"\n{result.img_url}"
            window.statusBar().clearMessage()
            QMessageBox.information(window, self.tr("Upload for video"), text)

        def failed(exc: BaseException) -> None:
            window.statusBar().clearMessage()
            if isinstance(exc, StudioError):
                advice = advise(exc, provider_name(provider))
                QMessageBox.warning(window, advice.title, advice.text)
            else:
                QMessageBox.warning(window, self.tr("Upload for video"), str(exc))

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
