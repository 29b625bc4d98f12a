"""Keys in the real keyring: Cancel puts them back, "Remove all my keys" leaves none.

Run under ``.ci/with-keyring`` (a throwaway gnome-keyring on a private D-Bus session)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from studio.core import secrets
from studio.core.key_inventory import stored_ids
from studio.ui.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio

pytestmark = pytest.mark.keyring

OLD_KEY = "sk-old-key-kept-0000-aaaa"
NEW_KEY = "sk-new-key-typed-1111-bbbb"


@pytest.fixture
def real_keyring() -> Iterator[str]:
    status = secrets.keyring_status()
    assert status.available and "SecretService" in status.backend, (
        f"needs a Secret Service (run under .ci/with-keyring): {status.message}"
    )
    service = secrets.service_name()
    assert service.startswith("image-studio-test-")  # never the user's real entries
    yield service
    secrets.clear_session_keys()


@pytest.fixture
def dialog(qtbot: QtBot, studio_ctx: Studio, english: None, real_keyring: str) -> SettingsDialog:
    d = SettingsDialog(studio_ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def save_typed_key(qtbot: QtBot, dialog: SettingsDialog, key: str) -> None:
    page = dialog.providers_page
    qtbot.waitUntil(page.save_key_button.isVisible, timeout=10_000)
    qtbot.keyClicks(page.key_edit, key)
    with qtbot.waitSignal(page.keys_changed, timeout=20_000):
        qtbot.mouseClick(page.save_key_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.key_state.text().startswith("Key stored"), timeout=10_000)


def cancel(qtbot: QtBot, dialog: SettingsDialog) -> None:
    button = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)


def test_cancel_after_saving_a_new_providers_key_leaves_no_key(
    qtbot: QtBot, dialog: SettingsDialog, real_keyring: str
) -> None:
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    pid = page.current().id  # type: ignore[union-attr]
    assert pid.startswith("custom-")
    save_typed_key(qtbot, dialog, NEW_KEY)
    assert keyring.get_password(real_keyring, pid) == NEW_KEY
    cancel(qtbot, dialog)
    assert keyring.get_password(real_keyring, pid) is None
    assert pid not in stored_ids()


def test_cancel_puts_a_replaced_key_back(
    qtbot: QtBot, dialog: SettingsDialog, real_keyring: str
) -> None:
    keyring.set_password(real_keyring, "openai", OLD_KEY)
    page = dialog.providers_page
    page.select_provider("openai")
    save_typed_key(qtbot, dialog, NEW_KEY)
    assert keyring.get_password(real_keyring, "openai") == NEW_KEY
    with qtbot.waitSignal(page.keys_changed, timeout=20_000):
        qtbot.mouseClick(page.remove_key_button, Qt.MouseButton.LeftButton)
    assert keyring.get_password(real_keyring, "openai") is None
    cancel(qtbot, dialog)
    assert keyring.get_password(real_keyring, "openai") == OLD_KEY
    secrets.delete_key("openai")


def test_a_removed_custom_provider_takes_its_key_along_on_save(
    qtbot: QtBot, dialog: SettingsDialog, real_keyring: str
) -> None:
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    pid = page.current().id  # type: ignore[union-attr]
    save_typed_key(qtbot, dialog, NEW_KEY)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.settings_saved, timeout=20_000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert keyring.get_password(real_keyring, pid) is None


def test_remove_all_my_keys_removes_custom_and_orphaned_ids(
    qtbot: QtBot, dialog: SettingsDialog, real_keyring: str
) -> None:
    # an orphan from an older version: a key under an id no provider has any more
    keyring.set_password(real_keyring, "custom-3", OLD_KEY)
    keyring.set_password(real_keyring, "openai", OLD_KEY)
    secrets.set_session_key("tuzi", NEW_KEY)
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    pid = page.current().id  # type: ignore[union-attr]
    save_typed_key(qtbot, dialog, NEW_KEY)
    qtbot.mouseClick(page.remove_all_button, Qt.MouseButton.LeftButton)
    box = page.remove_all_box
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    remove = next(
        b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole
    )
    with qtbot.waitSignal(page.keys_changed, timeout=20_000):
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    for gone in ("custom-3", "openai", pid):
        assert keyring.get_password(real_keyring, gone) is None, gone
    assert secrets.session_key("tuzi") is None
    assert "Removed 3 keys" in page.keyring_note.text()
    cancel(qtbot, dialog)  # nothing is put back by Cancel after "remove all"
    assert stored_ids(["openai", pid, "custom-3"]) == []


def test_cli_keys_remove_all(real_keyring: str, capsys: pytest.CaptureFixture[str]) -> None:
    from studio.cli import run_cli

    keyring.set_password(real_keyring, "custom-9", OLD_KEY)
    secrets.set_key("dmxapi", NEW_KEY)
    assert run_cli(["keys", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["ok"] and set(listed["providers"]) == {"custom-9", "dmxapi"}
    assert run_cli(["keys", "--remove-all", "--json"]) == 0
    removed = json.loads(capsys.readouterr().out)
    assert sorted(removed["removed"]) == ["custom-9", "dmxapi"]
    assert keyring.get_password(real_keyring, "custom-9") is None
    assert keyring.get_password(real_keyring, "dmxapi") is None
    assert run_cli(["keys", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["providers"] == []
