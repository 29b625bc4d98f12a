"""The settings dialog: providers and keys, network (timeouts, proxy, CA
bundle), and general things (output folder, language, start provider)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.core.settings import APPEARANCES
from studio.jobs.op import BackgroundOp
from studio.ui.file_options import FileOptions
from studio.ui.i18n import LANGUAGES, language_shown
from studio.ui.labels import provider_name
from studio.ui.settings_providers import ProvidersPage
from studio.ui.theme import style_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from studio.core.service import Studio
    from studio.core.settings import Settings


def _scrolling(page: QWidget) -> QScrollArea:
    """A page that scrolls up and down where the screen is too short for it (a large
    font: Save and Cancel fell below a 768 px screen); never sideways."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; it follows them
    area.setWidget(page)
    bar = area.verticalScrollBar().sizeHint().width()
    area.setMinimumWidth(page.minimumSizeHint().width() + bar)
    return area


class SettingsDialog(QDialog):
    settings_saved = Signal()

    def __init__(
        self, studio: Studio, parent: QWidget | None = None, provider_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.studio = studio
        # the language picked in this dialog when saved (None: left as it was)
        self.picked_language: str | None = None
        s = studio.settings
        self.tabs = QTabWidget(self)
        self.providers_page = ProvidersPage(studio, self)
        self.tabs.addTab(_scrolling(self.providers_page), "")

        net = QWidget()
        self.connect_timeout = self._seconds_box(1, 300, s.connect_timeout)
        self.read_timeout = self._seconds_box(10, 3600, s.read_timeout)
        self.retry_wait = self._seconds_box(0, 600, s.max_retry_wait)
        self.job_deadline = self._seconds_box(60, 7200, s.job_deadline)
        self.job_deadline.setObjectName("jobDeadline")
        self.stream_idle = self._seconds_box(10, 1800, s.stream_idle_timeout)
        self.stream_idle.setObjectName("streamIdle")
        self.proxy = QLineEdit(s.proxy or "")
        self.proxy.setPlaceholderText("http://127.0.0.1:7890")
        self.ca_bundle = QLineEdit(s.ca_bundle or "")
        self.ca_button = QPushButton()
        self.ca_button.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.ca_button)
        self.net_labels = [QLabel() for _ in range(7)]
        nf = QFormLayout(net)
        nf.addRow(self.net_labels[0], self.connect_timeout)
        nf.addRow(self.net_labels[1], self.read_timeout)
        nf.addRow(self.net_labels[2], self.retry_wait)
        nf.addRow(self.net_labels[3], self.proxy)
        nf.addRow(self.net_labels[4], ca_row)
        nf.addRow(self.net_labels[5], self.job_deadline)
        nf.addRow(self.net_labels[6], self.stream_idle)
        for label, w in zip(
            self.net_labels,
            (
                self.connect_timeout,
                self.read_timeout,
                self.retry_wait,
                self.proxy,
                self.ca_bundle,
                self.job_deadline,
                self.stream_idle,
            ),
            strict=True,
        ):
            label.setBuddy(w)
        self.tabs.addTab(_scrolling(net), "")

        general = QWidget()
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("", "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        # with $IMAGE_STUDIO_LANG the list shows the language in use, not the setting
        self._shown_language = language_shown(s.language)
        self.language.setCurrentIndex(max(0, self.language.findData(self._shown_language)))
        self.output_dir = QLineEdit(s.output_dir or "")
        self.output_dir.setPlaceholderText(str(studio.paths.images_dir))
        self.output_button = QPushButton()
        self.output_button.clicked.connect(self._choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output_dir, 1)
        out_row.addWidget(self.output_button)
        self.start_provider = QComboBox()
        self.appearance = QComboBox()
        self.appearance.setObjectName("appearance")
        for value in APPEARANCES:
            self.appearance.addItem("", value)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(s.appearance)))
        self.notify = QCheckBox()
        self.notify.setObjectName("notifyWhenDone")
        self.notify.setChecked(s.notify_when_done)
        self.gen_labels = [QLabel() for _ in range(4)]
        self.files = FileOptions(s)
        self.files_labels = [QLabel(), QLabel()]
        self.files_labels[0].setBuddy(self.files.pattern)
        self.files_labels[1].setBuddy(self.files.mode)
        gf = QFormLayout(general)
        gf.addRow(self.gen_labels[0], self.language)
        gf.addRow(self.gen_labels[3], self.appearance)
        gf.addRow(self.gen_labels[1], out_row)
        gf.addRow(self.gen_labels[2], self.start_provider)
        gf.addRow(self.files_labels[0], self.files)
        gf.addRow(self.files_labels[1], self.files.mode)
        gf.addRow("", self.notify)
        for label, w in zip(
            self.gen_labels,
            (self.language, self.output_dir, self.start_provider, self.appearance),
            strict=True,
        ):
            label.setBuddy(w)
        self.tabs.addTab(_scrolling(general), "")

        self.error = QLabel(self)
        style_label(self.error, "error")
        self.error.setWordWrap(True)
        self._pattern_error = ""  # the file-name problem Save last showed
        self.files.pattern.textChanged.connect(self._pattern_edited)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        # Cancel drops the edits as asked; Esc and the title bar's close ask first
        self.buttons.rejected.connect(self.discard)
        # "Save changes to Settings?", while it is on screen
        self.save_box: QMessageBox | None = None
        # the key failures counted when Save started keeping a typed key (None: it is not)
        self._failures_before_save: int | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.resize(820, 600)  # room for every row of a provider, wrapped notes too
        self.retranslate_ui()
        self._fill_start_provider()
        if provider_id:
            self.select_provider(provider_id)
        # what Save would write as the dialog opens: an edit is a difference from it
        self._saved_as_opened = self._would_save()

    def _seconds_box(self, lo: float, hi: float, value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(lo, hi)
        box.setDecimals(0)
        box.setValue(float(value))
        return box

    def _fill_start_provider(self) -> None:
        current = self.studio.settings.default_provider or ""
        self.start_provider.clear()
        self.start_provider.addItem(self.tr("Automatic"), "")
        for pid, p in self.providers_page.providers.items():
            self.start_provider.addItem(provider_name(p), pid)
        self.start_provider.setCurrentIndex(max(0, self.start_provider.findData(current)))

    def select_provider(self, pid: str) -> None:
        self.tabs.setCurrentWidget(self.providers_page)
        self.providers_page.select_provider(pid)

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA bundle"), self.ca_bundle.text() or str(Path.home()), "*.pem *.crt"
        )
        if path:
            self.ca_bundle.setText(path)

    def _choose_output(self) -> None:
        from studio.ui.save_files import MEMORY

        path = QFileDialog.getExistingDirectory(
            self, self.tr("Output folder"), self.output_dir.text() or str(MEMORY.start("export"))
        )
        if path:
            self.output_dir.setText(path)

    def apply(self) -> None:
        """Copy the dialog's values into the studio's settings object."""
        self.picked_language = self._apply_to(self.studio.settings)

    def _apply_to(self, s: Settings) -> str | None:
        """Copy the dialog's values into ``s``; returns the language picked here (None:
        left as it was)."""
        page = self.providers_page
        page.commit()
        for pid in page.removed:
            s.remove_provider(pid)
        for p in page.providers.values():
            s.upsert_provider(p)
        s.default_models = dict(page.default_models)
        s.price_factors = dict(page.price_factors)
        s.connect_timeout = self.connect_timeout.value()
        s.read_timeout = self.read_timeout.value()
        s.max_retry_wait = self.retry_wait.value()
        s.job_deadline = self.job_deadline.value()
        s.stream_idle_timeout = self.stream_idle.value()
        s.proxy = self.proxy.text().strip() or None
        s.ca_bundle = self.ca_bundle.text().strip() or None
        s.output_dir = self.output_dir.text().strip() or None
        self.files.apply(s)
        language = str(self.language.currentData())
        # a language picked here applies at once, even over $IMAGE_STUDIO_LANG (which
        # chose the start's language); left as shown, the setting is kept as it was
        picked = language if language != self._shown_language else None
        if picked is not None:
            s.language = language
        s.appearance = str(self.appearance.currentData())
        s.notify_when_done = self.notify.isChecked()
        s.default_provider = str(self.start_provider.currentData() or "") or None
        return picked

    def _would_save(self) -> dict[str, Any]:
        """What Save would write now (the studio's settings are left as they are), in a
        form where only a real edit differs: providers by id, and a provider's default
        model left out while it is the provider's own."""
        s = copy.deepcopy(self.studio.settings)
        self._apply_to(s)
        data = s.to_dict()
        data["providers"] = {str(e.get("id")): e for e in s.providers}
        providers = self.providers_page.providers
        data["default_models"] = {
            pid: model
            for pid, model in s.default_models.items()
            if pid not in providers or model != providers[pid].default_model
        }
        data["file_pattern_typed"] = self.files.pattern.text()  # kept even when unusable
        return data

    def has_changes(self) -> bool:
        """Whether closing now would drop something: an edit Save would keep, a key typed
        and not yet kept, or a key saved or removed here (which closing puts back)."""
        page = self.providers_page
        if page.keys_before or page.key_ops_pending or page.key_edit.text().strip():
            return True
        return self._would_save() != self._saved_as_opened

    def problem(self) -> str | None:
        """Why the settings cannot be saved as they stand (None: they can); the page with
        the problem is brought forward."""
        problem = self.files.problem()
        if problem is not None:
            self.tabs.setCurrentIndex(2)
            self.files.pattern.setFocus()
            return self.tr("Check the file names: %1").replace("%1", problem)
        return None

    def _pattern_edited(self) -> None:
        """The pattern Save refused is usable now: its error goes."""
        shown = self._pattern_error and self.error.text() == self._pattern_error
        if shown and self.files.problem() is None:
            self.error.clear()
            self._pattern_error = ""

    def save(self) -> None:
        """Save (the button, Enter, or Save when closing asks): a key typed and not yet
        kept is kept first, as Enter in its field does; on a problem the dialog stays."""
        from studio.core.settings import save_settings

        problem = self.problem()
        if problem is not None:
            self.error.setText(problem)
            self._pattern_error = problem
            return
        page = self.providers_page
        keeping = self._failures_before_save is not None  # this Save is keeping a key
        if not keeping and page.key_edit.text().strip() and page.key_edit.isEnabled():
            keep = next(
                (
                    b
                    for b in (page.save_key_button, page.session_key_button)
                    if not b.isHidden() and b.isEnabled()
                ),
                None,
            )
            if keep is not None:
                self._failures_before_save = page.key_failures
                keep.click()
        if page.key_ops_pending:  # the key is being kept: save once it is
            self.buttons.setEnabled(False)
            QTimer.singleShot(50, self.save)
            return
        before, self._failures_before_save = self._failures_before_save, None
        if before is not None and page.key_failures != before:
            self.buttons.setEnabled(True)
            self.error.setText(self.tr("The API key could not be kept, so nothing was saved."))
            return
        self.apply()
        paths, settings = self.studio.paths, self.studio.settings
        self.buttons.setEnabled(False)

        def done(_r: object) -> None:
            self.settings_saved.emit()
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.error.setText(self.tr("Could not save the settings: %1").replace("%1", str(exc)))

        remove_keys = self.providers_page.key_remover()

        def work() -> None:
            save_settings(paths, settings)
            remove_keys()  # a removed provider leaves no key behind

        BackgroundOp(self, work, done).failure(failed).run()

    def reject(self) -> None:
        """Esc or the title bar's close: with nothing changed the dialog closes; with
        changes it asks whether to save them first."""
        if self.save_box is not None:
            self.save_box.raise_()
            return
        if not self.buttons.isEnabled():  # saving, or putting keys back: that decides
            return
        if self.has_changes():
            self._ask_to_save()
        else:
            self.discard()

    def _ask_to_save(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # made on a close, not before the paint

        box = QMessageBox(self)
        box.setObjectName("saveSettingsBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Settings"))
        box.setText(self.tr("Save changes to Settings?"))
        box.setInformativeText(self.tr("Your changes are lost if you do not save them."))
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        box.finished.connect(lambda _r: self._answered(box))
        self.save_box = box
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.save_box = None
        clicked = box.clickedButton()
        answer = box.standardButton(clicked) if clicked is not None else None
        box.deleteLater()
        if answer == QMessageBox.StandardButton.Save:
            self.save()
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard()

    def discard(self) -> None:
        """Cancel: every key saved, replaced or removed in this dialog is put back first."""
        page = self.providers_page
        if page.key_ops_pending:  # a key change still under way: undo it once it is done
            self.buttons.setEnabled(False)
            QTimer.singleShot(50, self.discard)
            return
        if not page.keys_before:
            super().reject()
            return
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Putting the keys back as they were…"))

        def done(_r: object) -> None:
            page.keys_before.clear()
            page.keys_changed.emit()
            super(SettingsDialog, self).reject()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.error.setText(self.tr("Could not put the keys back: %1").replace("%1", str(exc)))

        BackgroundOp(self, page.key_restorer(), done).failure(failed).run()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(0, self.tr("Providers"))
        self.tabs.setTabText(1, self.tr("Network"))
        self.tabs.setTabText(2, self.tr("General"))
        texts = (
            (self.tr("&Connect timeout (s)"), self.tr("Seconds to wait for a connection")),
            (
                self.tr("&Read timeout (s)"),
                self.tr("Seconds to wait for an answer; image models can take minutes"),
            ),
            (
                self.tr("Automatic retry &wait up to (s)"),
                self.tr("Longest Retry-After the app waits by itself before retrying"),
            ),
            (self.tr("&Proxy"), self.tr("HTTP(S) proxy for all requests; empty for none")),
            (self.tr("C&A bundle"), self.tr("A PEM file of extra trusted certificates")),
            (
                self.tr("Job &deadline (s)"),
                self.tr("A job (every request, retry and download) is stopped after this long"),
            ),
            (
                self.tr("Stream &idle limit (s)"),
                self.tr("A stream that sends only keep-alives for this long is stopped"),
            ),
        )
        widgets = (
            self.connect_timeout,
            self.read_timeout,
            self.retry_wait,
            self.proxy,
            self.ca_bundle,
            self.job_deadline,
            self.stream_idle,
        )
        for label, w, (text, tip) in zip(self.net_labels, widgets, texts, strict=True):
            label.setText(text)
            w.setToolTip(tip)
        self.ca_button.setText(self.tr("&Browse…"))
        self.ca_button.setToolTip(self.tr("Choose a certificate file"))
        self.gen_labels[0].setText(self.tr("&Language"))
        self.gen_labels[1].setText(self.tr("&Output folder"))
        self.gen_labels[2].setText(self.tr("&Start with provider"))
        self.gen_labels[3].setText(self.tr("&Appearance"))
        self.files_labels[0].setText(self.tr("File &names"))
        self.files_labels[1].setText(self.tr("Exported &files"))
        for i, text in enumerate((self.tr("Follow the system"), self.tr("Light"), self.tr("Dark"))):
            self.appearance.setItemText(i, text)
        self.appearance.setToolTip(self.tr("Light or dark colours; it changes when you save"))
        self.language.setItemText(0, self.tr("System language"))
        self.language.setToolTip(self.tr("The interface language; it changes at once"))
        self.output_dir.setToolTip(self.tr("Where finished images are saved"))
        self.output_button.setText(self.tr("&Browse…"))
        self.output_button.setToolTip(self.tr("Choose the output folder"))
        self.start_provider.setToolTip(self.tr("The provider selected when the app starts"))
        self.notify.setText(self.tr("No&tify me when a long job ends while I am in another window"))
        self.notify.setToolTip(
            self.tr("A desktop notification (or a flashing task bar entry) for jobs over 15 s")
        )
        if self.start_provider.count():
            self.start_provider.setItemText(0, self.tr("Automatic"))
        providers = self.providers_page.providers
        for i in range(1, self.start_provider.count()):
            p = providers.get(str(self.start_provider.itemData(i)))
            if p is not None:
                self.start_provider.setItemText(i, provider_name(p))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
