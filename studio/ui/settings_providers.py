"""Settings → Providers: built-ins and custom ones, address, auth style,
extra headers, a Test button listing the models, the default model, and the
API key, which lives only in the OS keyring (or, without one, this session)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.addresses import plain_http_warning
from studio.core.providers import AuthStyle, Provider
from studio.jobs.op import BackgroundOp
from studio.ui.lines_box import LinesBox
from studio.ui.settings_keys import EnterKeepsKey, KeysMixin
from studio.ui.text_lines import lines_height
from studio.ui.theme import style_label, unstyle_label

if TYPE_CHECKING:
    from studio.core.service import Studio


def parse_headers(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        if ":" in line:
            name, value = line.split(":", 1)
            if name.strip():
                out[name.strip()] = value.strip()
    return out


def format_headers(headers: dict[str, str]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in headers.items())


#: the lines kept for Test's answer, shown or not: a longer one scrolls
TEST_RESULT_LINES = 3


class ProvidersPage(KeysMixin, QWidget):
    #: a key was saved or removed (the window's sandbox banner may change)
    keys_changed = Signal()

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.providers: dict[str, Provider] = dict(studio.providers())
        self.default_models: dict[str, str] = dict(studio.settings.default_models)
        #: provider id -> factor on the tables' prices (absent: 1)
        self.price_factors: dict[str, float] = dict(studio.settings.price_factors)
        self.removed: set[str] = set()
        #: the selected provider has a key stored (known once the keyring answered)
        self.has_key = False
        #: provider id -> (keyring key, session key) before this dialog first changed it
        self.keys_before: dict[str, tuple[str | None, str | None]] = {}
        self.key_ops_pending = 0
        # key changes that failed (Save, keeping a typed key first, stays open on one)
        self.key_failures = 0
        self._current: str | None = None
        self._counter = itertools.count(1)
        #: counts Tests and edits of what a Test asks with: an answer is shown only while
        #: it is the answer for the form as it stands
        self._test_ticket = 0

        self.list = QListWidget(self)
        self.list.setObjectName("providerList")
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.name = QLineEdit(self)
        self.base_url = QLineEdit(self)
        self.base_url.setObjectName("baseUrl")
        self.plain_http = QCheckBox(self)
        self.plain_http.setObjectName("allowPlainHttp")
        self.upload_data_url = QCheckBox(self)
        self.upload_data_url.setObjectName("uploadDataUrl")
        # three lines high, empty or not, so nothing below moves when it shows (the English
        # warning wraps to three at the dialog's width; a narrower one scrolls its rest). A
        # wrapped label's height followed the width the form tried first: one line more.
        self.plain_http_warning = LinesBox(3, self)
        self.plain_http_warning.setObjectName("plainHttpWarning")
        self.plain_http_warning.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.base_url.textChanged.connect(self._update_plain_http_warning)
        self.plain_http.toggled.connect(self._update_plain_http_warning)
        self.auth = QComboBox(self)
        for style in AuthStyle:
            self.auth.addItem("", style.value)
        self.headers = QPlainTextEdit(self)
        self.headers.setObjectName("extraHeaders")
        self.headers.setTabChangesFocus(True)  # Tab goes on to the next field
        self.headers.setMaximumHeight(70)
        self.default_model = QComboBox(self)
        self.default_model.setEditable(True)
        self.price_factor = QDoubleSpinBox(self)
        self.price_factor.setObjectName("priceFactor")
        self.price_factor.setRange(0.01, 100.0)
        self.price_factor.setDecimals(2)
        self.price_factor.setSingleStep(0.05)
        self.price_factor.setValue(1.0)
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("testButton")
        # a long answer is all there (it scrolls) and the rows below never move
        self.test_result = LinesBox(TEST_RESULT_LINES, self)
        self.test_result.setObjectName("testResult")
        self.key_state = QLabel(self)
        self.key_state.setObjectName("keyState")
        self.key_state.setTextFormat(Qt.TextFormat.PlainText)
        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_key_button = QPushButton(self)
        self.session_key_button = QPushButton(self)
        self.remove_key_button = QPushButton(self)
        self.remove_all_button = QPushButton(self)
        self.remove_all_button.setObjectName("removeAllKeys")
        self.remove_all_box: QMessageBox | None = None
        self.keyring_note = QLabel(self)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("keyringNote")
        # the form gives a wrapped note one line: two, so "no keyring" reads whole
        self.keyring_note.setMinimumHeight(lines_height(self.keyring_note.font(), 2))
        self.keyring_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.labels = {
            k: QLabel(self) for k in ("name", "url", "auth", "headers", "model", "price", "key")
        }
        form = QFormLayout()
        form.addRow(self.labels["name"], self.name)
        form.addRow(self.labels["url"], self.base_url)
        form.addRow("", self.plain_http_warning)
        form.addRow("", self.plain_http)
        form.addRow("", self.upload_data_url)
        form.addRow(self.labels["auth"], self.auth)
        form.addRow(self.labels["headers"], self.headers)
        model_row = QHBoxLayout()
        model_row.addWidget(self.default_model, 1)
        model_row.addWidget(self.test_button)
        form.addRow(self.labels["model"], model_row)
        form.addRow("", self.test_result)
        form.addRow(self.labels["price"], self.price_factor)
        key_row = QHBoxLayout()
        key_row.addWidget(self.save_key_button)
        key_row.addWidget(self.session_key_button)
        key_row.addWidget(self.remove_key_button)
        key_row.addStretch(1)
        form.addRow(self.labels["key"], self.key_state)
        form.addRow("", self.key_edit)
        form.addRow("", key_row)
        form.addRow("", self.keyring_note)
        for label, w in (
            (self.labels["name"], self.name),
            (self.labels["url"], self.base_url),
            (self.labels["auth"], self.auth),
            (self.labels["headers"], self.headers),
            (self.labels["model"], self.default_model),
            (self.labels["price"], self.price_factor),
            (self.labels["key"], self.key_edit),
        ):
            label.setBuddy(w)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        left.addWidget(self.remove_all_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 1)
        lay.addLayout(right, 2)

        self.list.currentRowChanged.connect(self._on_select)
        self.add_button.clicked.connect(self.add_custom)
        self.remove_button.clicked.connect(self.remove_current)
        self.test_button.clicked.connect(self.test)
        self.save_key_button.clicked.connect(self.save_key)
        self.session_key_button.clicked.connect(self.session_key)
        self.remove_key_button.clicked.connect(self.remove_key)
        self.remove_all_button.clicked.connect(self.ask_remove_all)
        EnterKeepsKey(self.key_edit, (self.save_key_button, self.session_key_button))
        self.key_edit.textChanged.connect(self._update_key_buttons)
        # an answer is about the address, key and headers it was asked with
        self.base_url.textEdited.connect(self._answer_outdated)
        self.key_edit.textEdited.connect(self._answer_outdated)
        self.headers.textChanged.connect(self._answer_outdated)
        self.auth.currentIndexChanged.connect(self._answer_outdated)
        self.plain_http.toggled.connect(self._answer_outdated)
        self.retranslate_ui()
        self._fill_list()
        self._check_keyring()

    # --- list ------------------------------------------------------------------------
    def _fill_list(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.providers.values():
            self.list.addItem(self._display_name(p))
        self.list.blockSignals(False)
        ids = list(self.providers)
        want = select if select in ids else (self._current if self._current in ids else None)
        self._current = None
        self.list.setCurrentRow(ids.index(want) if want else 0)

    def _display_name(self, p: Provider) -> str:
        from studio.ui.labels import provider_name

        return provider_name(p)

    def _typed_name(self, p: Provider) -> str:
        """The name field's text, or the provider's own name while it shows the translation."""
        typed = self.name.text().strip()
        if not typed or typed == self._display_name(p):
            return p.name or p.id
        return typed

    def select_provider(self, pid: str) -> None:
        ids = list(self.providers)
        if pid in ids:
            self.list.setCurrentRow(ids.index(pid))

    def _update_plain_http_warning(self) -> None:
        """Say so when the address sends the key unencrypted (or is refused for it)."""
        url = self.base_url.text().strip()
        if not plain_http_warning(url):
            self.plain_http_warning.clear()
            return
        if self.plain_http.isChecked():
            text = self.tr(
                "Warning: this address uses plain HTTP. The key and your images cross the "
                "network unencrypted."
            )
        else:
            text = self.tr(
                "This address uses plain HTTP: the key would cross the network unencrypted, so "
                "requests are refused unless you allow plain HTTP below."
            )
        self.plain_http_warning.setText(text)

    def removed_keys_text(self, count: int) -> str:
        """The note after Remove all: "Removed 3 keys from the keyring." (the page's own
        ``tr``: the catalogue tool reads a count only there, not in the keys' mixin)"""
        return self.tr("Removed %n key(s) from the keyring.", "", count)

    def current(self) -> Provider | None:
        return self.providers.get(self._current or "")

    def _on_select(self, row: int) -> None:
        self.commit()
        ids = list(self.providers)
        if not 0 <= row < len(ids):
            return
        self._current = ids[row]
        p = self.providers[self._current]
        self.name.setText(self._display_name(p))  # a built-in's name in this language
        self.base_url.setText(p.base_url)
        self.base_url.setReadOnly(p.is_sandbox)
        self.auth.setCurrentIndex(max(0, self.auth.findData(p.auth.value)))
        self.auth.setEnabled(not p.is_sandbox)
        self.headers.setPlainText(format_headers(dict(p.headers)))
        self.plain_http.setChecked(p.allow_plain_http)
        self.upload_data_url.setChecked(p.upload_data_url)
        self._update_plain_http_warning()
        self.default_model.clear()
        self.default_model.addItems(list(p.models))
        self.default_model.setCurrentText(self.default_models.get(p.id) or p.default_model)
        self.price_factor.setValue(self.price_factors.get(p.id, 1.0))
        self.remove_button.setEnabled(not p.builtin)
        self._show_test_result("")
        self.key_edit.clear()
        self._show_key(p)

    def commit(self) -> None:
        """Keep the form's edits of the current provider."""
        p = self.current()
        if p is None:
            return
        updated = replace(
            p,
            name=self._typed_name(p),
            base_url=p.base_url if p.is_sandbox else self.base_url.text().strip().rstrip("/"),
            auth=AuthStyle(str(self.auth.currentData())),
            headers=parse_headers(self.headers.toPlainText()),
            allow_plain_http=self.plain_http.isChecked(),
            upload_data_url=self.upload_data_url.isChecked(),
        )
        self.providers[p.id] = updated
        model = self.default_model.currentText().strip()
        if model:
            self.default_models[p.id] = model
        factor = round(self.price_factor.value(), 2)
        if factor == 1.0:
            self.price_factors.pop(p.id, None)
        else:
            self.price_factors[p.id] = factor
        item = self.list.item(list(self.providers).index(p.id))
        if item is not None:
            item.setText(self._display_name(updated))

    def add_custom(self) -> None:
        self.commit()
        base = self.providers.get("custom")
        n = next(self._counter)
        pid = f"custom-{n}"
        while pid in self.providers:
            pid = f"custom-{next(self._counter)}"
        models = base.models if base else ("gpt-image-1",)
        self.providers[pid] = Provider(
            id=pid,
            name=self.tr("My provider %1").replace("%1", str(n)),
            base_url="https://",
            models=models,
            default_model=models[0],
            builtin=False,
        )
        self._fill_list(select=pid)
        self.base_url.setFocus()

    def remove_current(self) -> None:
        p = self.current()
        if p is None or p.builtin:
            return
        self.providers.pop(p.id, None)
        self.default_models.pop(p.id, None)
        self.removed.add(p.id)
        self._current = None
        self._fill_list()

    # --- test ------------------------------------------------------------------------------
    def test(self) -> None:
        self.commit()
        p = self.current()
        if p is None:
            return
        typed = self.key_edit.text().strip() or None
        studio = self.studio
        self._test_ticket += 1
        ticket = self._test_ticket
        self.test_button.setEnabled(False)
        unstyle_label(self.test_result)
        self._show_test_result(
            self.tr("Asking %1 at %2 for its models…")
            .replace("%1", self._display_name(p))
            .replace("%2", self._address(p))
        )

        def work() -> list[str]:
            with studio.client(p, key=typed) as client:
                return list(client.list_models())

        pid = p.id
        BackgroundOp(self, work, lambda models: self._tested(pid, models, ticket)).failure(
            lambda exc: self._test_failed(exc, ticket)
        ).run()

    def _answer_outdated(self) -> None:
        """The form no longer asks what the answer on show was for: it goes (and so does
        a Test's answer still on its way)."""
        self._test_ticket += 1
        if self.test_result.text():
            unstyle_label(self.test_result)
            self._show_test_result("")

    def _tested(self, pid: str, models: list[str], ticket: int) -> None:
        self.test_button.setEnabled(True)
        if ticket != self._test_ticket:
            return
        known = [m for m in models if m in self.studio.capabilities]
        tested = self.providers.get(pid)
        if known and tested is not None:
            # offer exactly the image models this provider serves (and the tables know)
            self.providers[pid] = replace(tested, models=tuple(known))
        if pid != self._current:
            return
        unstyle_label(self.test_result)
        text = self.tr("Connected: %n model(s).", "", len(models))
        tip = text
        if known:
            text += " " + self.tr("Image models: %1").replace("%1", ", ".join(known))
            tip += "\n" + self.tr("Image models: %1").replace("%1", "\n" + "\n".join(known))
            current = self.default_model.currentText()
            self.default_model.clear()
            self.default_model.addItems(known)
            self.default_model.setCurrentText(current if current in known else known[0])
        self._show_test_result(text, tip)

    def _show_test_result(self, text: str, tip: str | None = None) -> None:
        """Test's answer in its box, from the top; the tooltip is ``tip`` or the text."""
        self.test_result.setText(text)  # from its first line
        self.test_result.setToolTip(text if tip is None else tip)

    def _address(self, p: Provider) -> str:
        if p.is_sandbox:
            try:
                return self.studio.resolve(p).base_url
            except Exception:  # the embedded sandbox could not start: say which one
                return self.tr("the built-in sandbox")
        return p.base_url or self.tr("(no address yet)")

    def _test_failed(self, exc: BaseException, ticket: int) -> None:
        from studio.ui.test_text import test_failure_text

        self.test_button.setEnabled(True)
        if ticket != self._test_ticket:
            return
        p = self.current()
        name = self._display_name(p) if p else ""
        address = self._address(p) if p else ""
        style_label(self.test_result, "error")
        self._show_test_result(test_failure_text(exc, name, address))

    # --- language -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for row, p in enumerate(self.providers.values()):
            item = self.list.item(row)
            if item is not None:
                item.setText(self._display_name(p))
        self.add_button.setText(self.tr("A&dd custom"))
        self.add_button.setToolTip(self.tr("Add an OpenAI-compatible provider or relay"))
        self.remove_button.setText(self.tr("&Remove"))
        self.remove_button.setToolTip(self.tr("Remove this custom provider"))
        self.labels["name"].setText(self.tr("&Name"))
        self.labels["url"].setText(self.tr("Base &URL"))
        self.labels["auth"].setText(self.tr("&Auth style"))
        self.labels["headers"].setText(self.tr("Extra &headers"))
        self.labels["model"].setText(self.tr("Default &model"))
        self.labels["key"].setText(self.tr("API &key"))
        self.labels["price"].setText(self.tr("&Price factor"))
        self.list.setAccessibleName(self.tr("Providers"))
        self.test_result.setAccessibleName(self.tr("Test result"))
        self.price_factor.setToolTip(
            self.tr(
                "Costs are the model tables' prices times this factor: a relay that bills "
                "68 % of OpenAI's list price is 0.68"
            )
        )
        self.name.setToolTip(self.tr("The name shown in the provider list"))
        self.base_url.setToolTip(self.tr("The API address, ending in /v1 (https://HOST/v1)"))
        self.base_url.setPlaceholderText("https://HOST/v1")
        self.plain_http.setText(self.tr("Allow p&lain HTTP (the key travels unencrypted)"))
        self.plain_http.setToolTip(
            self.tr("Only for a relay on a network you trust; https:// is always preferred")
        )
        self.upload_data_url.setText(self.tr("Send local upl&oads as a data URL"))
        self.upload_data_url.setToolTip(
            self.tr(
                "For the paiwo-picture upload of a local file: a remote server cannot read a path "
                "on this computer, so the file's bytes are sent instead"
            )
        )
        self._update_plain_http_warning()
        texts = {
            "bearer": self.tr("Authorization: Bearer KEY"),
            "raw": self.tr("Authorization: KEY (no Bearer)"),
            "none": self.tr("No key"),
        }
        for i in range(self.auth.count()):
            self.auth.setItemText(i, texts.get(str(self.auth.itemData(i)), ""))
        self.auth.setToolTip(self.tr("How the key is sent; DMXAPI documents the raw form"))
        self.headers.setToolTip(self.tr("One “Name: value” per line, sent with every request"))
        self.default_model.setToolTip(self.tr("The model chosen when this provider is selected"))
        self.test_button.setText(self.tr("&Test"))
        self.test_button.setToolTip(self.tr("Connect and list the provider's models"))
        self.key_edit.setPlaceholderText(self.tr("Paste a new key to replace the stored one"))
        self.key_edit.setToolTip(self.tr("The key is never shown again once saved"))
        self.save_key_button.setText(self.tr("Sa&ve in keyring"))
        self.save_key_button.setToolTip(self.tr("Store the key in the system keyring"))
        self.session_key_button.setText(self.tr("Th&is session only"))
        self.session_key_button.setToolTip(self.tr("Keep the key in memory until the app closes"))
        self.remove_key_button.setText(self.tr("R&emove key"))
        self.remove_key_button.setToolTip(self.tr("Forget the stored key"))
        self.list.setToolTip(self.tr("Providers: built-in ones and your own"))
        self.remove_all_button.setText(self.tr("Remove all m&y keys…"))
        self.remove_all_button.setToolTip(
            self.tr("Delete every key Image Studio stored in the system keyring")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
