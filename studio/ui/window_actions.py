"""The main window's menus and actions, with their icons, shortcuts and texts, and the
dialogs they open (settings, batch, compare, help, about)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from studio.ui.compose_expand import EXPAND_KEY
from studio.ui.icons import icon, with_shortcut
from studio.ui.theme import apply_scheme
from studio.ui.window_state import WindowState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from studio.core.group_inputs import EditInputs
    from studio.jobs.queue import JobQueue
    from studio.ui.notify import JobNotifier
    from studio.ui.result_viewer import ResultViewer
    from studio.ui.settings_dialog import SettingsDialog
    from studio.ui.settings_from_file import SettingsFromFile
    from studio.ui.window_groups import GroupWindows
    from studio.ui.window_models import ModelActions


class WindowActions(WindowState):
    """The window's actions and the dialogs behind them (a part of MainWindow)."""

    queue: JobQueue
    viewer: ResultViewer
    model_actions: ModelActions
    notifier: JobNotifier
    group_windows: GroupWindows
    right_tabs: QTabWidget
    mask_tab: int

    # MainWindow's own, called when a dialog answers
    _open_inputs: Callable[[], None]
    update_banner: Callable[[], None]
    reload_providers: Callable[..., None]
    _apply_output_folder: Callable[[], None]
    open_image: Callable[[str], None]

    def _make_actions(self) -> None:
        self.file_menu = QMenu(self)
        self.view_menu = QMenu(self)
        self.help_menu = QMenu(self)
        for m in (self.file_menu, self.view_menu, self.help_menu):
            self.menuBar().addMenu(m)
        self.act_generate = QAction(self)
        self.act_generate.setShortcut(QKeySequence("Ctrl+Return"))
        self.act_generate.triggered.connect(self.compose.generate)
        self.act_open = QAction(self)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.triggered.connect(self._open_inputs)
        self.act_settings = QAction(self)
        # the platform's Preferences key (Cmd+, on macOS); plain X11 and Windows have none
        self.act_settings.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
            or [QKeySequence("Ctrl+,")]
        )
        self.act_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_settings.triggered.connect(lambda: self.open_settings())
        self.act_cancel_all = QAction(self)
        self.act_cancel_all.triggered.connect(self.queue.cancel_all)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_quit.triggered.connect(self.close)
        self._from_file: SettingsFromFile | None = None  # made on first use
        # the Compare dialog's ticked targets (provider id, model): read from the
        # settings when the dialog first opens, kept there as they change
        self.compare_choice: set[tuple[str, str]] | None = None
        self.viewer.file_dropped.connect(lambda path: self.from_file.open(path))
        self.act_from_file = QAction(self)
        self.act_from_file.setObjectName("useSettingsFromImage")
        self.act_from_file.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.act_from_file.triggered.connect(lambda: self.from_file.choose())
        # Expand… of the first input (its button is on the Mask tab; this works from the
        # prompt or any tab while an edit has a picture)
        self.act_expand = QAction(self)
        self.act_expand.setObjectName("actExpand")
        self.act_expand.setShortcut(QKeySequence(EXPAND_KEY))
        self.act_expand.setEnabled(False)
        self.act_expand.triggered.connect(self.expand_first_input)
        self.act_batch = QAction(self)
        self.act_batch.setObjectName("actBatch")
        self.act_batch.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.act_batch.triggered.connect(self.open_batch)
        self.act_compare = QAction(self)
        self.act_compare.setObjectName("actCompare")
        self.act_compare.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.act_compare.triggered.connect(self.open_compare)
        for a in (
            self.act_generate,
            self.act_open,
            self.act_from_file,
            self.act_expand,
            self.act_batch,
            self.act_compare,
            self.act_settings,
            self.act_cancel_all,
        ):
            self.file_menu.addAction(a)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        self.act_fit = QAction(self)
        self.act_fit.setShortcut(QKeySequence("Ctrl+0"))
        self.act_fit.triggered.connect(self.viewer.view.fit)
        self.act_actual = QAction(self)
        self.act_actual.setShortcut(QKeySequence("Ctrl+1"))
        self.act_actual.triggered.connect(self.viewer.view.actual_size)
        self.act_zoom_in = QAction(self)
        self.act_zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.act_zoom_in.triggered.connect(lambda: self.viewer.view.zoom_by(1.25))
        self.act_zoom_out = QAction(self)
        self.act_zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_out.triggered.connect(lambda: self.viewer.view.zoom_by(0.8))
        self.act_copy = QAction(self)
        self.act_copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.act_copy.triggered.connect(self.viewer.copy_image)
        self.act_save = QAction(self)
        self.act_save.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.act_save.triggered.connect(self.viewer.save_as)
        for a in (
            self.act_fit,
            self.act_actual,
            self.act_zoom_in,
            self.act_zoom_out,
            self.act_copy,
            self.act_save,
        ):
            self.view_menu.addAction(a)
        self.view_menu.addSeparator()
        self.jobs_dock.toggleViewAction().setIcon(icon("list"))
        self.view_menu.addAction(self.jobs_dock.toggleViewAction())
        self.view_menu.addAction(self.gallery_slot.dock().toggleViewAction())
        self.act_help = QAction(self)
        self.act_help.setObjectName("helpAction")
        self.act_help.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.act_help.triggered.connect(self.show_help)
        self.help_menu.addAction(self.act_help)
        self.act_spend = QAction(self)
        self.act_spend.setObjectName("actSpend")
        self.act_spend.triggered.connect(self.model_actions.open_spend)
        self.act_model_dates = QAction(self)
        self.act_model_dates.setObjectName("actModelDates")
        self.act_model_dates.triggered.connect(self.model_actions.check_now)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.act_spend)
        self.view_menu.addAction(self.act_model_dates)
        self.act_about = QAction(self)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.act_about.triggered.connect(self.show_about)
        self.help_menu.addAction(self.act_about)
        for action, name in (
            (self.act_generate, "sparkles"),
            (self.act_open, "folder-open"),
            (self.act_from_file, "file-search"),
            (self.act_expand, "expand"),
            (self.act_batch, "layers"),
            (self.act_compare, "contrast"),
            (self.act_settings, "settings"),
            (self.act_cancel_all, "octagon-x"),
            (self.act_quit, "log-out"),
            (self.act_fit, "shrink"),
            (self.act_actual, "scan"),
            (self.act_zoom_in, "zoom-in"),
            (self.act_zoom_out, "zoom-out"),
            (self.act_copy, "copy"),
            (self.act_save, "save"),
            (self.act_help, "circle-help"),
            (self.act_spend, "chart-column"),
            (self.act_model_dates, "calendar-clock"),
            (self.act_about, "info"),
        ):
            action.setIcon(icon(name))
        self.gallery_slot.dock().toggleViewAction().setIcon(icon("history"))
        # only the window's own actions are window-wide; the gallery's work while it has focus
        for a in self.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly):
            self.addAction(a)

    @property
    def from_file(self) -> SettingsFromFile:
        """ "Use settings from an image" (a file chosen or dropped on the result)."""
        if self._from_file is None:
            from studio.ui.settings_from_file import SettingsFromFile

            self._from_file = SettingsFromFile(
                self, self.compose, self.studio.providers, self.studio.capabilities
            )
        return self._from_file

    def _edit_inputs(self) -> tuple[bool, EditInputs | None] | None:
        """What a group made from the composer edits: (in Edit mode, its input images with
        the mask or markup, None without one); None while they are still being prepared
        (the status bar says so)."""
        from studio.core.group_inputs import EditInputs
        from studio.core.request import Mode

        if self.compose.mode is not Mode.EDIT:
            return False, None
        self.compose.finish_note()  # a note still being typed is part of what is edited
        if self.compose.mask_busy() or self.compose.inputs.busy():
            self.statusBar().showMessage(
                self.tr("The input images are still being prepared: try again in a moment."),
                6000,
            )
            return None
        request = self.compose.build_request()
        if not request.images:
            return True, None
        return True, EditInputs(
            request.images, request.mask, request.markup, request.markup_doc, request.expansion
        )

    def offer_inputs_to_waiting_groups(self) -> None:
        """A Batch panel or Compare dialog opened in Edit mode with no input image waits
        for one: the composer's first input image reaches it (it had said "add an input
        image" and stayed so, Start greyed, until it was closed and opened again)."""
        from studio.core.group_inputs import EditInputs
        from studio.core.request import Mode

        waiting = [
            w
            for w in (getattr(self, "batch_panel", None), getattr(self, "compare_dialog", None))
            if w is not None and w.isVisible() and w.waits_for_inputs()
        ]
        if not waiting or self.compose.mode is not Mode.EDIT:
            return
        if self.compose.mask_busy() or self.compose.inputs.busy():
            QTimer.singleShot(250, self.offer_inputs_to_waiting_groups)  # still loading
            return
        request = self.compose.build_request()
        if not request.images:
            return
        inputs = EditInputs(
            request.images, request.mask, request.markup, request.markup_doc, request.expansion
        )
        for widget in waiting:
            widget.take_inputs(inputs)

    def update_expand(self) -> None:
        """Expand works in an edit whose first input can have a mask (a local picture)."""
        compose = self.compose
        self.act_expand.setEnabled(compose.mask_enabled() and bool(compose.inputs_page.entries()))

    def expand_first_input(self) -> None:
        """Expand… as its button on the Mask tab does, that tab brought forward."""
        if not self.act_expand.isEnabled() or self.mask_tab < 0:
            return
        self.right_tabs.setCurrentIndex(self.mask_tab)
        self.compose.mask_panel.expand_button.click()

    def open_batch(self) -> None:
        """The Batch panel with the composer's provider, model and parameters (and in Edit
        mode its input images, mask and markup: each member edits them)."""
        from studio.ui.batch_panel import BatchPanel

        provider = self.compose.provider()
        edit = self._edit_inputs()
        if provider is None or edit is None:
            return
        # the table typed or pasted last time is kept: closing the panel (Esc) lost it
        previous: BatchPanel | None = getattr(self, "batch_panel", None)
        values = previous.values.toPlainText() if previous is not None else ""
        panel = BatchPanel(
            self.studio,
            provider,
            self.compose.model(),
            self.compose.params.values(),
            self.compose.prompt.prompt(),
            self,
            editing=edit[0],
            inputs=edit[1],
        )
        if values.strip():
            panel.values.setPlainText(values)
        panel.pictures_requested.connect(self.group_windows.show_pictures)
        panel.settings_requested.connect(self.open_settings)
        self.batch_panel = panel
        panel.show()

    def open_compare(self) -> None:
        """The Compare dialog with the composer's prompt and parameters (and in Edit mode
        its input images, mask and markup: each target edits them)."""
        from studio.ui.compare_dialog import CompareDialog
        from studio.ui.compare_targets import load_ticks, save_ticks

        edit = self._edit_inputs()
        if edit is None:
            return
        editing, inputs = edit

        if self.compare_choice is None:
            self.compare_choice = load_ticks(self.qsettings)
        ticks = self.compare_choice
        provider = self.compose.provider()
        current = (provider.id, self.compose.model()) if provider is not None else None
        dialog = CompareDialog(
            self.studio,
            self.compose.prompt.prompt(),
            self.compose.params.values(),
            self.studio.providers(),
            current,
            self,
            editing=editing,
            inputs=inputs,
            remembered=ticks,
        )
        # kept for the next start as well (the dialog was filled: from now on)
        save_ticks(self.qsettings, ticks)
        dialog.targets.ticks_changed.connect(lambda: save_ticks(self.qsettings, ticks))
        dialog.winner_picked.connect(self.open_image)
        dialog.settings_requested.connect(self.open_settings)
        self.compare_dialog = dialog
        dialog.show()

    def open_settings(self, provider_id: str | None = None) -> SettingsDialog:
        from studio.ui.settings_dialog import SettingsDialog

        existing = self.findChild(SettingsDialog)
        if existing is not None and existing.isVisible():
            if provider_id:
                existing.select_provider(provider_id)
            existing.raise_()
            return existing
        dialog = SettingsDialog(self.studio, self, provider_id=provider_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_saved.connect(lambda: self._on_settings_saved(dialog.picked_language))
        dialog.providers_page.keys_changed.connect(self.update_banner)
        dialog.providers_page.keys_changed.connect(self._keys_changed)
        dialog.open()
        return dialog

    def _on_settings_saved(self, picked: str | None = None) -> None:
        """``picked``: the language chosen in the dialog just now (None: left as it was),
        which wins over $IMAGE_STUDIO_LANG; "System language" goes back to the start's."""
        from studio.ui.i18n import choose_language, current_language, normalise, set_language

        current = self.compose.provider()
        self.reload_providers(current=current.id if current else None)
        if picked and picked != "system":
            lang = normalise(picked)
        else:
            lang = choose_language(self.studio.settings.language)
        if lang != current_language():
            set_language(lang)
        self._apply_output_folder()
        self.notifier.enabled = self.studio.settings.notify_when_done
        apply_scheme(self.studio.settings.appearance)
        self.update_banner()
        self._keys_changed()

    def _keys_changed(self) -> None:
        """A key was saved or removed, or Settings were saved: the open Compare dialog's
        targets and Batch panel's target ask their providers' keys again."""
        compare = getattr(self, "compare_dialog", None)
        if compare is not None and compare.isVisible():
            compare.providers_changed(self.studio.providers())
        for panel in (getattr(self, "batch_panel", None), self.group_windows.batch_panel):
            if panel is not None and panel.isVisible():
                panel.providers_changed(self.studio.providers())

    def show_help(self) -> None:
        from studio.ui.help_dialog import HelpDialog

        existing = self.findChild(HelpDialog)
        if existing is not None and existing.isVisible():
            existing.raise_()
            return
        own = self.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
        dialog = HelpDialog(own, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_about(self) -> None:
        from studio.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.studio.paths, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _retranslate_actions(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        acts = (
            (self.act_generate, self.tr("&Generate"), self.tr("Send the job")),
            (self.act_open, self.tr("&Open input images…"), self.tr("Add images to edit")),
            (
                self.act_from_file,
                self.tr("Use settings from an &image…"),
                self.tr("Read the prompt and settings an image carries (or drop it on the viewer)"),
            ),
            (
                self.act_expand,
                self.tr("E&xpand the picture…"),
                self.tr("Make the first input larger; the model fills the new area"),
            ),
            (
                self.act_batch,
                self.tr("&Batch from a template…"),
                self.tr("Run the prompt as a template over a table of values"),
            ),
            (
                self.act_compare,
                self.tr("Co&mpare models…"),
                self.tr("Send the prompt to several models or providers and see them side by side"),
            ),
            (
                self.act_settings,
                self.tr("&Settings…"),
                self.tr("Providers, keys, network, language"),
            ),
            (self.act_cancel_all, self.tr("&Cancel all jobs"), self.tr("Stop every running job")),
            (self.act_quit, self.tr("&Quit"), self.tr("Close the studio")),
            (self.act_fit, self.tr("&Fit image"), self.tr("Fit the image in the view")),
            (self.act_actual, self.tr("&Actual size"), self.tr("Show the image at 100 %")),
            (self.act_zoom_in, self.tr("Zoom &in"), self.tr("Zoom in")),
            (self.act_zoom_out, self.tr("Zoom &out"), self.tr("Zoom out")),
            (self.act_copy, self.tr("&Copy image"), self.tr("Copy the shown image")),
            (self.act_save, self.tr("&Save image as…"), self.tr("Save the shown image")),
            (
                self.act_help,
                self.tr("Image Studio &help"),
                self.tr("Shortcuts, masks, and what costs money"),
            ),
            (
                self.act_spend,
                self.tr("S&pending…"),
                self.tr("What your jobs cost, per provider and per day or month"),
            ),
            (
                self.act_model_dates,
                self.tr("Check models' shut&down dates"),
                self.tr("Ask the provider now which of its models shut down when"),
            ),
            (self.act_about, self.tr("&About Image Studio"), self.tr("Version and data folder")),
        )
        for act, text, tip in acts:
            act.setText(text)
            act.setToolTip(with_shortcut(tip, act.shortcut()))
            act.setStatusTip(tip)
