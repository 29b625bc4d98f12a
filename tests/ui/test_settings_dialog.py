"""The settings dialog as a person uses it: providers, Test, keys, network."""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from studio.core.providers import AuthStyle
from studio.ui.settings_dialog import SettingsDialog
from studio.ui.settings_providers import format_headers, parse_headers

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer

SENTINEL_KEY = "test-key-sentinel-0000-1111"


@pytest.fixture
def dialog(qtbot: QtBot, studio_ctx: Studio, english: None) -> SettingsDialog:
    d = SettingsDialog(studio_ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_headers_round_trip() -> None:
    headers = {"X-Title": "studio", "HTTP-Referer": "https://example.org"}
    assert parse_headers(format_headers(headers)) == headers
    assert parse_headers("no colon here\n: empty\nA: b: c") == {"A": "b: c"}


def test_add_custom_provider_test_and_save(
    qtbot: QtBot, dialog: SettingsDialog, sandbox: SandboxServer, studio_ctx: Studio
) -> None:
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    added = page.current()
    assert added is not None and not added.builtin
    page.name.clear()
    qtbot.keyClicks(page.name, "Local relay")
    page.base_url.clear()
    qtbot.keyClicks(page.base_url, sandbox.base_url)
    page.auth.setCurrentIndex(page.auth.findData(AuthStyle.NONE.value))
    page.headers.setPlainText("X-Title: studio")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in page.test_result.text(), timeout=20_000)
    assert "gpt-image-1" in page.test_result.text()
    assert any(r.header("X-Title") == "studio" for r in sandbox.requests)
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    saved = json.loads(studio_ctx.paths.settings_file.read_text("utf-8"))
    entry = next(p for p in saved["providers"] if p["id"] == added.id)
    assert entry["name"] == "Local relay"
    assert entry["base_url"] == sandbox.base_url
    assert entry["headers"] == {"X-Title": "studio"}
    assert studio_ctx.providers()[added.id].auth is AuthStyle.NONE
    # the models the sandbox listed (and the tables know) are what the provider offers now
    offered = studio_ctx.providers()[added.id].models
    assert "dall-e-2" in offered and "gpt-image-2" in offered


def test_remove_custom_provider_but_not_builtins(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    page = dialog.providers_page
    page.select_provider("openai")
    assert not page.remove_button.isEnabled()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    added = page.current()
    assert added is not None and page.remove_button.isEnabled()
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert added.id not in page.providers
    assert "openai" in page.providers


def test_test_button_explains_a_rejected_key(
    qtbot: QtBot, dialog: SettingsDialog, sandbox: SandboxServer
) -> None:
    from studio.sandbox.faults import Fault

    sandbox.inject(
        Fault(status=401, body={"error": {"message": "bad key", "code": "invalid_api_key"}})
    )
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.base_url.setText(sandbox.base_url)
    page.key_edit.setText(SENTINEL_KEY)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused the key" in page.test_result.text(), timeout=20_000)
    assert SENTINEL_KEY not in page.test_result.text()


def test_session_key_flow(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Without relying on a keyring: keep a key for this session, see it masked, remove it."""
    from studio.core.secrets import clear_session_keys, get_key

    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
    assert not page.session_key_button.isEnabled()
    qtbot.keyClicks(page.key_edit, SENTINEL_KEY)
    assert page.session_key_button.isEnabled()
    try:
        with qtbot.waitSignal(page.keys_changed, timeout=10_000):
            qtbot.mouseClick(page.session_key_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: page.key_state.text().startswith("Key for this session only"), timeout=10_000
        )
        assert SENTINEL_KEY not in page.key_state.text()
        assert "…1111" in page.key_state.text()
        assert page.key_edit.text() == ""
        assert get_key("openai") == SENTINEL_KEY
        with qtbot.waitSignal(page.keys_changed, timeout=10_000):
            qtbot.mouseClick(page.remove_key_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
        assert get_key("openai") is None
    finally:
        clear_session_keys()


def test_sandbox_needs_no_key(qtbot: QtBot, dialog: SettingsDialog) -> None:
    page = dialog.providers_page
    page.select_provider("sandbox")
    assert page.key_state.text() == "This provider needs no key."
    assert not page.key_edit.isEnabled()
    assert page.base_url.isReadOnly()


def test_network_and_general_settings_are_saved(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    dialog.read_timeout.setValue(900)
    assert dialog.job_deadline.value() == 900  # the generous default
    dialog.job_deadline.setValue(1800)
    dialog.stream_idle.setValue(60)
    dialog.proxy.setText("http://127.0.0.1:7890")
    dialog.output_dir.setText("/tmp/studio-out")
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        dialog.save()
    saved = json.loads(studio_ctx.paths.settings_file.read_text("utf-8"))
    assert saved["read_timeout"] == 900
    assert saved["job_deadline"] == 1800 and saved["stream_idle_timeout"] == 60
    assert saved["proxy"] == "http://127.0.0.1:7890"
    assert saved["output_dir"] == "/tmp/studio-out"


def test_keyring_status_is_stated_plainly(qtbot: QtBot, dialog: SettingsDialog) -> None:
    page = dialog.providers_page
    qtbot.waitUntil(lambda: bool(page.keyring_note.text()), timeout=10_000)
    text = page.keyring_note.text()
    assert "keyring" in text.lower()
    if "No system keyring" in text:
        assert page.save_key_button.isHidden()
        assert "This session only" in text


@pytest.mark.keyring
def test_keyring_key_flow(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """With a real Secret Service: save in the keyring, see it masked, replace, remove."""
    from studio.core.secrets import get_key, keyring_status

    if not keyring_status().available:
        reason = "no usable keyring on this machine: run under .ci/with-keyring"
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI never passes without the keyring tests
        pytest.skip(reason)
    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.waitUntil(lambda: page.save_key_button.isVisible(), timeout=10_000)
    qtbot.keyClicks(page.key_edit, SENTINEL_KEY)
    with qtbot.waitSignal(page.keys_changed, timeout=20_000):
        qtbot.mouseClick(page.save_key_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.key_state.text().startswith("Key stored"), timeout=10_000)
    assert get_key("openai") == SENTINEL_KEY
    with qtbot.waitSignal(page.keys_changed, timeout=20_000):
        qtbot.mouseClick(page.remove_key_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
    assert get_key("openai") is None


def test_plain_http_is_warned_about_and_allowed_per_provider(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    added = page.current()
    assert added is not None
    assert page.plain_http_warning.text() == ""
    page.base_url.clear()
    qtbot.keyClicks(page.base_url, "http://192.168.1.20:3000/v1")
    assert page.plain_http_warning.isVisible()
    assert "refused" in page.plain_http_warning.text()
    qtbot.mouseClick(page.plain_http, Qt.MouseButton.LeftButton)
    assert "unencrypted" in page.plain_http_warning.text()
    assert "refused" not in page.plain_http_warning.text()
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert studio_ctx.providers()[added.id].allow_plain_http is True
    assert studio_ctx.providers()["openai"].allow_plain_http is False


def _mnemonic(text: str) -> str | None:
    """The letter after a single "&" (a "&&" is a plain ampersand), or None."""
    found = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_every_mnemonic_leads_somewhere_and_none_is_taken_twice(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        page = dialog.tabs.widget(tab)
        qtbot.waitExposed(page)
        letters: dict[str, str] = {}
        for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
            if not widget.isVisible() or not (letter := _mnemonic(widget.text())):
                continue
            # a label's "&" shows as a stray ampersand unless it has a field to focus
            assert not isinstance(widget, QLabel) or widget.buddy() is not None, widget.text()
            assert letter not in letters, f"Alt+{letter}: {letters[letter]!r}, {widget.text()!r}"
            letters[letter] = widget.text()


def test_alt_p_focuses_the_price_factor(qtbot: QtBot, dialog: SettingsDialog) -> None:
    page = dialog.providers_page
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    page.name.setFocus()
    qtbot.waitUntil(page.name.hasFocus)
    qtbot.keyClick(page.name, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.price_factor.hasFocus)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_plain_http_warning_moves_nothing(
    qtbot: QtBot, dialog: SettingsDialog, lang: str
) -> None:
    """The warning's place is kept while it is empty: the Test button, the answer under
    it and the key's rows stay where they are when it shows and when its text changes."""
    from studio.ui.i18n import set_language

    set_language(lang)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.providers_page
    dialog.tabs.setCurrentWidget(page)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.base_url.setText("https://relay.example.com/v1")

    def read() -> list[tuple[int, int, int, int]]:
        out = []
        for w in (page.test_button, page.test_result, page.key_edit, page.plain_http):
            at = w.mapTo(dialog, QPoint(0, 0))
            out.append((at.x(), at.y(), w.width(), w.height()))
        return out

    def places() -> list[tuple[int, int, int, int]]:
        """Where they are once the layout has settled (a language change relays the
        dialog out over several passes of the event loop)."""
        last = None
        for _ in range(50):
            QApplication.processEvents()
            now = read()
            if now == last:
                return now
            last = now
        raise AssertionError("the dialog's layout did not settle")

    before = places()
    assert page.plain_http_warning.text() == ""
    page.base_url.setText("http://192.168.1.20:3000/v1")
    assert page.plain_http_warning.text()
    assert places() == before
    qtbot.mouseClick(page.plain_http, Qt.MouseButton.LeftButton)  # the other wording
    assert places() == before
    page.base_url.setText("https://relay.example.com/v1")
    assert page.plain_http_warning.text() == "" and places() == before
    set_language("en")
