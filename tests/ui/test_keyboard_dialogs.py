"""The Compare dialog, the Batch panel and Settings by keyboard alone: Tab leaves every
text box for the next field, and Enter never sends (and pays for) anything by accident."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from studio.ui.settings_dialog import SettingsDialog
from tests.ui.compare_steps import tick_second_target

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _tab(qtbot: QtBot, field: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> QWidget | None:
    """Put the focus in ``field`` (as Tab would), press ``key`` there: the focus after."""
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, key)
    return QApplication.focusWidget()


def test_tab_leaves_the_batch_values_for_the_next_field(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    qtbot.keyClick(window, Qt.Key.Key_B, SHIFT_CTRL)
    panel = window.batch_panel
    qtbot.waitExposed(panel)
    qtbot.keyClicks(panel.values, "animal")
    assert _tab(qtbot, panel.values) is panel.concurrency
    assert _tab(qtbot, panel.values, Qt.Key.Key_Backtab) is panel.template
    assert panel.values.toPlainText() == "animal"  # no tab typed into the table


def test_tab_leaves_a_providers_extra_headers(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    dialog = SettingsDialog(studio_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.headers, "X-Title: studio")
    assert _tab(qtbot, page.headers) is page.default_model
    assert _tab(qtbot, page.headers, Qt.Key.Key_Backtab) is page.auth
    assert page.headers.toPlainText() == "X-Title: studio"


def test_enter_in_the_compare_targets_sends_nothing(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    window.compose.prompt.set_prompt("a lighthouse at dusk")
    qtbot.keyClick(window, Qt.Key.Key_K, SHIFT_CTRL)
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    # a second target ticked by keyboard: the comparison could be sent now
    tick_second_target(qtbot, dialog)
    assert len(dialog.checked_targets()) == 2
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(dialog.targets, key)
    qtbot.wait(300)
    assert not dialog.cells and dialog.group is None and dialog.isVisible()
    assert sandbox.requests == []
    # the button's own key sends it
    qtbot.keyClick(dialog.targets, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=20_000)
    assert len(dialog.cells) == 2


def test_enter_in_the_key_field_keeps_the_key_and_the_dialog(
    qtbot: QtBot, studio_ctx: Studio, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter after typing a key keeps it (here for the session: no keyring) and leaves
    the dialog open; it used to press Save, which closed it and dropped the key."""
    from studio.core import secrets

    monkeypatch.setattr(
        secrets, "keyring_status", lambda: secrets.KeyringStatus(False, "none", "no keyring")
    )
    dialog = SettingsDialog(studio_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
    qtbot.waitUntil(lambda: bool(page.keyring_note.text()), timeout=10_000)
    page.key_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(page.key_edit, "sk-typed-then-enter-2222")
    try:
        with qtbot.waitSignal(page.keys_changed, timeout=10_000):
            qtbot.keyClick(page.key_edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.result() == 0
        assert secrets.get_key("openai") == "sk-typed-then-enter-2222"
        assert page.key_edit.text() == ""
        # with nothing typed, Enter is the dialog's Save again
        with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
            qtbot.keyClick(page.key_edit, Qt.Key.Key_Return)
    finally:
        secrets.clear_session_keys()


def test_tab_leaves_the_conversation_composer_for_send(qtbot: QtBot, window: MainWindow) -> None:
    window.right_tabs.setCurrentIndex(window.conversation_tab)
    panel = window.conversation
    qtbot.waitUntil(panel.isVisible)
    qtbot.keyClicks(panel.composer, "a boat")
    assert _tab(qtbot, panel.composer) is panel.send_button
    assert panel.composer.toPlainText() == "a boat"


def _mnemonics(dialog: QWidget) -> tuple[dict[str, list[str]], list[str]]:
    """The Alt keys of what ``dialog`` shows now (letter → texts), and the buttons it
    shows with none."""
    keys: dict[str, list[str]] = {}
    bare: list[str] = []
    for w in dialog.findChildren(QWidget):
        if not w.isVisibleTo(dialog) or not isinstance(w, (QLabel, QAbstractButton)):
            continue
        text = w.text()
        key = QKeySequence.mnemonic(text)
        if not key.isEmpty():
            keys.setdefault(key.toString(), []).append(text)
        elif isinstance(w, QAbstractButton) and text and w.parent() is not dialog.buttons:
            bare.append(text)  # Save and Cancel: Enter and Esc
    return keys, bare


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_settings_button_has_its_own_alt_key_on_every_page(
    qtbot: QtBot, studio_ctx: Studio, english: None, language: str
) -> None:
    from studio.ui.i18n import set_language

    dialog = SettingsDialog(studio_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)  # Remove shows too
    page.auth.setCurrentIndex(page.auth.findData("bearer"))  # and the key's buttons
    page.save_key_button.show()  # as with a keyring
    assert set_language(language) or language == "en"
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        keys, bare = _mnemonics(dialog)
        assert bare == [], (dialog.tabs.tabText(index), bare)
        clashes = {k: texts for k, texts in keys.items() if len(texts) > 1}
        assert clashes == {}, dialog.tabs.tabText(index)
    # a hidden page's keys are not in the way: Alt+T on General ticks its box, not Test
    general = dialog.tabs.count() - 1
    dialog.tabs.setCurrentIndex(general)
    dialog.language.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(dialog.language.hasFocus)
    before = dialog.notify.isChecked()
    qtbot.keyClick(dialog.language, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.notify.isChecked() != before)
    assert page.test_result.text() == ""


def test_tab_goes_from_the_targets_through_the_cells_to_the_buttons(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    """The cells sit between the list and the buttons: Tab visits them in that order
    (they came after Compare and Close, as they are made after them)."""
    window.reload_providers(current=sandbox_provider.id)
    window.compose.prompt.set_prompt("a lighthouse at dusk")
    qtbot.keyClick(window, Qt.Key.Key_K, SHIFT_CTRL)
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    targets = dialog.targets
    targets.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(targets.hasFocus)
    qtbot.keyClick(targets, Qt.Key.Key_Down)
    qtbot.keyClick(targets, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.targets, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=20_000)
    qtbot.waitUntil(targets.isEnabled)
    targets.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(targets.hasFocus)
    visited: list[QWidget] = []
    for _ in range(20):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        visited.append(now)
        if now is dialog.close_button:
            break
    cells = [
        b
        for c in dialog.cells.values()
        for b in (c.zoom_button, c.ab_button, c.retry_button, c.winner_button)
        if b.isVisible()
    ]
    assert len(cells) >= 6
    assert [w for w in visited if w in cells] == cells
    assert visited.index(cells[-1]) < visited.index(dialog.compare_button)
    # and back: Shift+Tab from Compare lands in the last cell
    assert _tab(qtbot, dialog.compare_button, Qt.Key.Key_Backtab) is cells[-1]
