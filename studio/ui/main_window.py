"""The studio's main window: compose on the left, the result and the jobs on
the right, the history gallery as a dock, a banner while on the sandbox."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.core import collector
from studio.core.providers import SANDBOX_ID, Provider
from studio.core.request import ImageRequest, Mode
from studio.core.warm import warm_up
from studio.jobs.op import BackgroundOp
from studio.jobs.queue import Job, JobQueue, JobState
from studio.ui.close_guard import CloseGuard
from studio.ui.compose_panel import ComposePanel
from studio.ui.core_text import problem_text
from studio.ui.error_bar import ErrorBar
from studio.ui.first_paint import after_first_paint
from studio.ui.history_actions import HistoryActions
from studio.ui.icons import icon
from studio.ui.jobs_panel import JobsPanel
from studio.ui.lazy_page import LazyPage
from studio.ui.notify import JobNotifier
from studio.ui.recovery_banner import RecoveryBanner
from studio.ui.result_viewer import ResultViewer
from studio.ui.welcome import history_remembered, remember_history
from studio.ui.window_errors import WindowErrors
from studio.ui.window_gallery import GallerySlot
from studio.ui.window_groups import GroupWindows
from studio.ui.window_models import ModelActions
from studio.ui.window_notices import WindowNotices

if TYPE_CHECKING:
    from studio.core.service import Studio
    from studio.core.validated import ValidatedRequest
    from studio.ui.conversation_panel import ConversationPanel
    from studio.ui.gallery import GalleryDock
    from studio.ui.inputs_list import InputEntry
    from studio.ui.upload_panel import UploadPanel

log = logging.getLogger(__name__)

# what a result on show needs beside the core's (pictures: a drawing's rendering)
WINDOW_JOB_MODULES = ("studio.jobs.pictures",)


class MainWindow(WindowErrors):
    # a comparison's or batch's member started or ended (emitted on a worker thread)
    group_jobs_changed = Signal()

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keyed_provider_wanted = False
        # what a job needs is imported (see studio.core.warm); tests and benchmarks wait
        self.warmed = False
        self.studio = studio
        self.setObjectName("mainWindow")
        self.qsettings = QSettings(
            str(studio.paths.config_dir / "window.ini"), QSettings.Format.IniFormat
        )
        self.queue = JobQueue(studio, self)
        self._mask_for: int | None = None  # the input last shown in the mask editor
        self.compose = ComposePanel(studio.capabilities)
        self.viewer = ResultViewer()
        # a returning user's window opens without the welcome, the history not asked
        self.viewer.set_welcome_wanted(not history_remembered(self.qsettings))
        self.jobs = JobsPanel(self.queue)
        self.error_bar = ErrorBar()
        self.notices = WindowNotices(
            self.error_bar, self.save_settings_async, lambda: self.open_settings(), self
        )
        self._banner_checks = 0
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet("#banner { background: rgba(60, 130, 230, 40); }")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.banner_button = QPushButton(icon("settings"), "", self.banner)
        self.banner_button.clicked.connect(lambda: self.open_settings())
        bl = QHBoxLayout(self.banner)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.banner_button)

        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_tabs = QTabWidget()
        self.right_tabs.setObjectName("rightTabs")
        self.right_tabs.addTab(self.viewer, "")
        self.mask_tab = -1
        if self.compose.mask_page is not None:
            self.mask_tab = self.right_tabs.addTab(self.compose.mask_page, "")
            self.right_tabs.setTabEnabled(self.mask_tab, False)
        # made when the tab is first shown (or code asks for it), not before the first paint
        self.conversation_page: LazyPage[ConversationPanel] = LazyPage(self._make_conversation)
        self.conversation_tab = self.right_tabs.addTab(self.conversation_page, "")
        self.right_split.addWidget(self.right_tabs)
        # the composer is a fixed dock on the left that owns both left corners, so it runs
        # the window's full height and the history dock sits under the result only: a
        # 1366x768 screen shows the prompt and a model's options without scrolling
        self.compose_dock = QDockWidget(self)
        self.compose_dock.setObjectName("composeDock")
        self.compose.setContentsMargins(6, 2, 0, 4)  # off the window's edge
        self.compose_dock.setWidget(self.compose)
        self.compose_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.compose_dock.setTitleBarWidget(QWidget(self.compose_dock))
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.compose_dock)
        self.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(4, 4, 4, 4)
        cl.addWidget(self.banner)
        self.recovery_banner = RecoveryBanner(studio)
        cl.addWidget(self.recovery_banner)
        self.group_windows = GroupWindows(self, studio, self.notices, self.open_image)
        cl.addWidget(self.group_windows.banner)
        cl.addWidget(self.error_bar)
        cl.addWidget(self.right_split, 1)
        self.setCentralWidget(central)

        # the history's place: the gallery itself is made right after the first paint
        self.gallery_slot = GallerySlot(self)
        # the picture first: the jobs and the history share one strip under the result,
        # side by side; either folds away from the View menu
        self.jobs_dock = QDockWidget(self)
        self.jobs_dock.setObjectName("jobsDock")
        self.jobs_dock.setWidget(self.jobs)
        self.jobs_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.jobs_dock)
        history_dock = self.gallery_slot.dock()
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, history_dock)
        self.splitDockWidget(self.jobs_dock, history_dock, Qt.Orientation.Horizontal)

        self.model_actions = ModelActions(self)
        self.history_actions = HistoryActions(
            self,
            studio,
            compose=self.compose,
            viewer=self.viewer,
            right_tabs=self.right_tabs,
            queue=self.queue,
            gallery=None,  # attached when the gallery is made
            offer_switch=self.model_actions.offer_switch,
            failed=self.notices.failed,
            notice=self.error_bar.show_notice,
        )
        acts = self.history_actions
        acts.retry_turn = self._retry_turn
        acts.retry_member = self.group_windows.retry_member
        self._make_actions()
        self.compose.generate_requested.connect(self.run_job)
        self.compose.mask_available.connect(self._on_mask_available)
        self.compose.inputs_page.changed.connect(self._show_mask_for_new_input)
        self.compose.inputs_page.changed.connect(self.offer_inputs_to_waiting_groups)
        self.compose.provider_changed.connect(lambda _pid: acts.update_upload())
        self.compose.provider_changed.connect(self.model_actions.read_signals)
        self.compose.provider_chosen.connect(lambda pid: self.model_actions.read_signals(pid, True))
        self.queue.job_added.connect(self._on_job_added)
        self.queue.job_changed.connect(self._on_job_changed)
        self.queue.job_finished.connect(self._on_job_finished)
        self.jobs.job_selected.connect(self.viewer.show_job)
        self.jobs.retry_requested.connect(self.retry_job)
        self.viewer.use_as_input.connect(lambda r: acts.use_result(r, Mode.EDIT))
        self.viewer.make_variation.connect(lambda r: acts.use_result(r, Mode.VARIATIONS))
        self.viewer.try_example.connect(self.try_example)
        self.viewer.saved.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.compose.inputs_page.open_requested.connect(self._open_input)
        self.compose.inputs_page.notice.connect(self.notices.inputs)
        self.compose.inputs_page.info.connect(lambda t: self.statusBar().showMessage(t, 8000))
        from studio.ui.library.link import LibraryLink

        # the prompt library feeds the composer's Recent and Snippets menus
        self.library = LibraryLink(
            self, studio, self.compose.prompt, self.file_menu, self.act_batch
        )
        self.compose.params.more_toggled.connect(lambda _shown: self.save_settings_async())
        self.error_bar.action_button.clicked.connect(self._error_action)
        self.error_bar.retry_button.clicked.connect(self._error_retry)

        # shown instead of the prompt for an upload model: made when first shown
        self.upload_page: LazyPage[UploadPanel] = LazyPage(self._make_upload_panel)
        self.compose.set_upload_panel(self.upload_page)
        self.notifier = JobNotifier(self)
        self.notifier.enabled = studio.settings.notify_when_done
        self.queue.job_finished.connect(self.notifier.job_finished)
        self.close_guard = CloseGuard(
            self,
            self.queue,
            lambda t: self.statusBar().showMessage(t),
            # a conversation's turn in flight is asked about as a job is (it may be billed)
            others=lambda: int(self.conversation_page.built() and self.conversation.turn_running()),
            cancel_others=self._stop_turn,
        )
        # the draft is written a moment after typing stops, so even a crash keeps it
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(1500)
        self._draft_timer.timeout.connect(self.save_draft)
        self.compose.prompt.changed.connect(self._draft_timer.start)
        self.status_jobs = QLabel()
        self.status_jobs.setObjectName("statusJobs")
        self.statusBar().addPermanentWidget(self.status_jobs)
        self.group_jobs_changed.connect(self._update_status)
        studio.group_jobs.listener = self._group_jobs_changed
        self.load_from_settings()
        self._apply_output_folder()
        self.history_actions.update_upload()
        self.retranslate_ui()
        self.restore_state()
        # the keyring is asked once the window is on screen, never before its first paint
        after_first_paint(self, self._once_painted)
        self.notices.settings_problems([str(p) for p in studio.problems])
        for notice in studio.notices:  # core's own sentence, in the window's language
            self.statusBar().showMessage(problem_text(notice), 15000)
        # a person opens the studio to write a prompt: the cursor starts there
        self.compose.prompt.text.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def conversation(self) -> ConversationPanel:
        """The Conversation tab's panel (made now if it was not yet)."""
        return self.conversation_page.widget()

    def _retry_turn(self, thread_id: int, parent: int | None, instruction: str) -> None:
        self.right_tabs.setCurrentIndex(self.conversation_tab)
        self.conversation.prepare_retry(thread_id, parent, instruction)

    def _stop_turn(self) -> None:
        if self.conversation_page.built():
            self.conversation.stop()

    def _make_conversation(self) -> ConversationPanel:
        from studio.ui.conversation_panel import ConversationPanel
        from studio.ui.conversation_wiring import wire_conversation

        panel = ConversationPanel(
            self.studio, lambda: (self.compose.provider(), self.compose.model())
        )
        panel.options = lambda: dict(self.compose.params.values())
        wire_conversation(self, panel)
        return panel

    @property
    def upload_panel(self) -> UploadPanel:
        """The composer's Upload panel (made now if it was not yet)."""
        return self.upload_page.widget()

    def _make_upload_panel(self) -> UploadPanel:
        from studio.ui.upload_panel import UploadPanel

        return UploadPanel(self.studio, self.compose.provider, self.qsettings)

    # --- results and history entries (the work is HistoryActions') --------------------
    def use_file(self, path: str, mode: Mode) -> None:
        self.history_actions.use_file(path, mode)

    def open_image(self, path: str) -> None:
        self.history_actions.open_image(path)

    def reuse_history_job(self, job_id: int, run: bool) -> None:
        self.history_actions.reuse_history_job(job_id, run)

    # --- setup ------------------------------------------------------------------
    def load_from_settings(self) -> None:
        s = self.studio.settings
        self.compose.set_last_params(dict(s.last_params))
        self.compose.params.set_more_shown(s.more_options)
        self.reload_providers()

    def reload_providers(self, current: str | None = None) -> None:
        providers = self.studio.providers()
        self.compose.default_models = dict(self.studio.settings.default_models)
        self.compose.price_factors = dict(self.studio.settings.price_factors)
        if current is None:
            # the "start with" setting, else the last one used, else one with a key
            chosen = self.studio.settings.default_provider or ""
            saved = str(self.qsettings.value("compose/provider", "") or "")
            if chosen in providers:
                current = chosen
            elif saved in providers:
                current = saved
            else:
                # a first start: the sandbox now, a provider with a key once the keyring
                # has answered (asked after the first paint, off the UI thread)
                current = SANDBOX_ID
                self._keyed_provider_wanted = True
        self.compose.set_providers(providers, current)

    @property
    def gallery(self) -> GalleryDock | None:
        """The history gallery (made now if it was not yet; None if it could not be)."""
        return self.gallery_slot.make()

    def _once_painted(self) -> None:
        self.library.refresh_composer()  # the prompt library opened: Recent and Snippets
        warm = partial(warm_up, WINDOW_JOB_MODULES)
        BackgroundOp(self, warm, self._warmed).failure(self._warm_failed).run()
        self.gallery_slot.make()
        self.group_windows.banner.start()
        if self.studio.last_recovery is None:  # not recovered at open: in the background
            self.recovery_banner.start()
        if not self._keyed_provider_wanted:
            self.update_banner()
            return
        self._keyed_provider_wanted = False
        # one pass over the keys answers both questions: which provider to start on, and
        # whether any has a key (the banner); the keyring is asked once per provider
        self._banner_checks += 1
        ticket = self._banner_checks

        def switch(pid: str | None) -> None:
            if ticket == self._banner_checks:
                self.banner.setVisible(pid is None)
            current = self.compose.provider()
            # only while the person has not picked a provider themselves meanwhile
            if pid and current is not None and current.id == SANDBOX_ID:
                self.compose.set_provider(pid)

        BackgroundOp(self, self.studio.first_keyed_provider, switch).run()

    def _warmed(self, _modules: int) -> None:
        self.warmed = True
        collector.freeze_once()  # start-up's objects out of full passes

    def _warm_failed(self, exc: BaseException) -> None:
        # the first job imports what it needs itself (and reports what is missing)
        log.warning("loading the job modules ahead failed: %s", exc)
        self.warmed = True

    # --- jobs -----------------------------------------------------------------------
    def run_job(self, provider: Provider, request: ImageRequest | ValidatedRequest) -> Job:
        self.error_bar.hide()
        job = self.queue.submit(provider, request)
        self.save_settings_async()
        return job

    def retry_job(self, job: Job) -> None:
        self.error_bar.hide()
        self.queue.retry(job)

    def _on_mask_available(self, available: bool) -> None:
        if self.mask_tab < 0:
            return
        on_mask = self.right_tabs.currentIndex() == self.mask_tab
        self.right_tabs.setTabEnabled(self.mask_tab, available)
        self.update_expand()
        if not available and on_mask:  # leave the disabled Mask tab, no other
            self.right_tabs.setCurrentWidget(self.viewer)

    def _show_mask_for_new_input(self) -> None:
        """A first input in an edit: show the mask editor, ready to paint."""
        self.update_expand()
        entries = self.compose.inputs_page.entries()
        fresh = bool(entries) and entries[0].key != self._mask_for
        if self.mask_tab >= 0 and self.compose.mask_enabled() and fresh:
            self._mask_for = entries[0].key
            self.right_tabs.setCurrentIndex(self.mask_tab)

    def history_known(self, has_jobs: bool) -> None:
        """Whether the history holds a job (a job was added, or the gallery counted them):
        remembered for the next start, which shows the welcome only for an empty history."""
        if has_jobs != self.viewer.welcome_wanted:
            return  # known already (a running batch is counted again and again)
        remember_history(self.qsettings, has_jobs)
        self.viewer.set_welcome_wanted(not has_jobs)

    def _on_job_added(self, job: Job) -> None:
        self.history_known(True)
        self.right_tabs.setCurrentWidget(self.viewer)
        self.jobs.select(job)
        self.viewer.show_job(job)
        self._update_status()

    def _on_job_changed(self, job: Job) -> None:
        # the gallery hears of the job from the history store itself (history_changed)
        if self.viewer.job is job:
            self.viewer.show_job(job)

    def _on_job_finished(self, job: Job) -> None:
        self._update_status()
        if self.viewer.job is job:
            self.viewer.show_job(job)  # the images are saved now: Open folder applies
        if job.state is JobState.FAILED and job.error is not None:
            self.show_error(job, job.error)
        elif job.state is JobState.DONE and job.errors:
            self.show_error(job, job.errors[0])

    def _group_jobs_changed(self) -> None:
        """A member's job started or ended (any thread): the status is read again."""
        try:
            self.group_jobs_changed.emit()
        except RuntimeError:  # the window is gone; nothing shows the counts
            self.studio.group_jobs.listener = None

    def update_status(self) -> None:
        self._update_status()

    def _update_status(self) -> None:
        """Every job this window ran: its own, and the members of its comparisons and
        batches that were sent (a refused or skipped member is no job)."""
        jobs = self.queue.jobs
        grouped = self.studio.group_jobs.counts()
        running = sum(1 for j in jobs if j.running) + grouped.running
        done = sum(1 for j in jobs if j.state is JobState.DONE) + grouped.finished
        failed = sum(1 for j in jobs if j.state is JobState.FAILED) + grouped.failed
        cancelled = sum(1 for j in jobs if j.state is JobState.CANCELLED)
        if self.conversation_page.built():  # a conversation's turns are jobs too
            talk = self.conversation
            running += int(talk.turn_running())
            done += talk.ended["finished"]
            failed += talk.ended["failed"]
            cancelled += talk.ended["cancelled"]
        text = (
            self.tr("Jobs: %1 running · %2 finished · %3 failed")
            .replace("%1", str(running))
            .replace("%2", str(done))
            .replace("%3", str(failed))
        )
        if cancelled:
            text += " · " + self.tr("%1 cancelled").replace("%1", str(cancelled))
        self.status_jobs.setText(text)
        self.status_jobs.setToolTip(
            self.tr(
                "Every job sent from this window: single jobs, conversation turns and the"
                " members of comparisons and batches (refused or skipped members are not"
                " sent, so not counted)"
            )
        )

    # --- dialogs -----------------------------------------------------------------------
    def _open_input(self, entry: InputEntry) -> None:
        """An input's "Open": show it large in the Result tab."""
        from studio.core.result import GeneratedImage
        from studio.jobs.queue import ResultImage

        picture = entry.picture
        fmt = entry.image.content_type.split("/")[-1]
        image = GeneratedImage(entry.image.data, fmt, picture.width(), picture.height())
        self.viewer.show_file(ResultImage(image, picture, 0, None))
        self.right_tabs.setCurrentWidget(self.viewer)

    def _open_inputs(self) -> None:
        if self.compose.mode is Mode.GENERATE:
            self.compose.set_mode(Mode.EDIT)
        self.compose.inputs.choose_files()

    def _apply_output_folder(self) -> None:
        chosen = self.studio.settings.output_dir
        self.viewer.default_folder = Path(chosen) if chosen else self.studio.paths.images_dir
        self._apply_file_options()

    def _apply_file_options(self) -> None:
        """Saved, exported and dragged files: the settings' name pattern and metadata."""
        from studio.core.saving import SaveMode, stored_image_of
        from studio.ui import save_files

        save_files.MEMORY.settings = self.qsettings
        pattern = self.studio.settings.file_pattern
        mode = SaveMode(self.studio.settings.save_metadata)
        self.viewer.file_pattern, self.viewer.save_mode = pattern, mode
        history = self.studio.history
        self.viewer.record_lookup = lambda path: stored_image_of(history, path)
        if self.gallery_slot.gallery is not None:
            self.gallery_slot.gallery.set_file_options(pattern, mode)

    def update_banner(self) -> None:
        """Show the sandbox banner while no provider has a key (the keyring is asked off-thread).

        Checks can overlap (the one at start may still be waiting on the keyring when a key is
        added), so only the newest one's answer is applied: an older "no key" must not bring
        the banner back.
        """
        studio = self.studio
        self._banner_checks += 1
        ticket = self._banner_checks

        def apply(has_key: bool) -> None:
            if ticket == self._banner_checks:
                self.banner.setVisible(not has_key)

        BackgroundOp(self, studio.any_key_configured, apply).run()

    # --- persistence ------------------------------------------------------------------
    def try_example(self) -> None:
        """The welcome's one click: an example prompt, generated with the chosen provider."""
        self.compose.set_mode(Mode.GENERATE)
        self.compose.prompt.set_prompt(self.viewer.welcome.example_prompt())
        self.compose.generate()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_draft()  # whatever happens next, the prompt is back on the next start
        if not self.close_guard.may_close():
            event.ignore()
            return
        self.save_state()
        self.queue.cancel_all()
        self.group_windows.hold()
        if self.gallery_slot.gallery is not None:
            self.gallery_slot.gallery.shutdown()
        from studio.core.settings import save_settings

        try:
            save_settings(self.studio.paths, self._collect_settings())
        except Exception:
            log.exception("saving settings on close failed")
        super().closeEvent(event)

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        from studio import APP_NAME

        self.setWindowTitle(
            self.tr("%1 — images from OpenAI-compatible APIs").replace("%1", APP_NAME)
        )
        self._retranslate_actions()
        self.library.retranslate()
        self.banner_text.setText(
            self.tr(
                "You are using the offline sandbox: images are made locally for trying things out. "
                "Add a real provider and its API key in Settings to generate for real."
            )
        )
        self.jobs_dock.setWindowTitle(self.tr("Jobs"))
        self.gallery_slot.retranslate()
        self.right_tabs.setTabText(0, self.tr("Result"))
        self.right_tabs.setTabToolTip(0, self.tr("The selected job's images"))
        if self.mask_tab >= 0:
            self.right_tabs.setTabText(self.mask_tab, self.tr("Mask"))
            self.right_tabs.setTabToolTip(
                self.mask_tab, self.tr("Paint where the first input image may change (edits)")
            )
        self.right_tabs.setTabText(self.conversation_tab, self.tr("Conversation"))
        self.right_tabs.setTabToolTip(
            self.conversation_tab,
            self.tr("Edit in a conversation: one instruction per turn, with branches"),
        )
        if self.conversation_page.built():
            self.conversation.retranslate_ui()
        self.banner_button.setText(self.tr("Add a provider…"))
        self.banner_button.setToolTip(self.tr("Open Settings → Providers"))
        self._retranslate_error_action()
        self.error_bar.retry_button.setText(self.tr("Retry"))
        self.error_bar.retry_button.setToolTip(self.tr("Run the same job again"))
        self.error_bar.close_button.setText(self.tr("Dismiss"))
        self.error_bar.close_button.setToolTip(self.tr("Hide this message"))
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
