"""Closing Settings with edits not saved: Esc or the title bar's close asks "Save changes
to Settings?" (Save, Discard, Cancel), as a person meets it; with nothing changed the
dialog closes at once, and Cancel (the button) drops the edits as it always did."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from studio.ui.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio

Button = QMessageBox.StandardButton
BoxButton = QDialogButtonBox.StandardButton


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No system keyring: a key is kept for this session (and forgotten after the test)."""
    from studio.core import secrets

    monkeypatch.setattr(
        secrets, "keyring_status", lambda: secrets.KeyringStatus(False, "none", "no keyring")
    )
    yield
    secrets.clear_session_keys()


@pytest.fixture
def dialog(qtbot: QtBot, studio_ctx: Studio, english: None, no_keyring: None) -> SettingsDialog:
    d = SettingsDialog(studio_ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    # the keyring has answered: the key buttons are as they stay
    qtbot.waitUntil(lambda: bool(d.providers_page.keyring_note.text()), timeout=10_000)
    return d


def _boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


class Seen:
    """A question as it was on screen."""

    def __init__(self, box: QMessageBox) -> None:
        self.text = box.text()
        self.informative = box.informativeText()
        self.buttons = {box.standardButton(b): b.text() for b in box.buttons()}


def _close_and_answer(
    qtbot: QtBot, dialog: SettingsDialog, answer: Button | None, by_title_bar: bool = False
) -> list[Seen]:
    """Press Esc in the dialog (or close it as its title bar's button does); a timer
    answers the question with ``answer`` once it shows. Returns the questions seen."""
    seen: list[Seen] = []
    tries = [100]  # up to 2 s for the question to show

    def look() -> None:
        boxes = _boxes()
        if boxes:
            seen.append(Seen(boxes[0]))
            if answer is not None:
                qtbot.mouseClick(boxes[0].button(answer), Qt.MouseButton.LeftButton)
        elif dialog.isVisible() and tries[0] > 0:
            tries[0] -= 1
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    if by_title_bar:
        dialog.close()
    else:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(seen) or not dialog.isVisible() or not tries[0], timeout=5_000)
    qtbot.wait(50)
    return seen


def _saved(studio: Studio) -> dict[str, object]:
    path = studio.paths.settings_file
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def _type_proxy(qtbot: QtBot, dialog: SettingsDialog, text: str) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.proxy.setFocus()
    qtbot.keyClicks(dialog.proxy, text)


def test_esc_with_nothing_changed_closes_at_once(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    page = dialog.providers_page
    page.select_provider("openai")  # looking around is not a change
    dialog.tabs.setCurrentIndex(2)
    dialog.tabs.setCurrentIndex(1)
    seen = _close_and_answer(qtbot, dialog, None)
    assert seen == []
    assert not dialog.isVisible()
    assert not studio_ctx.paths.settings_file.exists()  # nothing written


def test_esc_after_an_edit_asks_and_cancel_keeps_the_dialog_and_the_edit(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    _type_proxy(qtbot, dialog, "http://127.0.0.1:7890")
    (box,) = _close_and_answer(qtbot, dialog, Button.Cancel)
    assert box.text == "Save changes to Settings?"
    assert box.buttons == {Button.Save: "Save", Button.Discard: "Discard", Button.Cancel: "Cancel"}
    qtbot.waitUntil(lambda: not _boxes())
    assert dialog.isVisible()
    assert dialog.proxy.text() == "http://127.0.0.1:7890"
    assert not studio_ctx.paths.settings_file.exists()


def test_save_in_the_question_saves_as_the_save_button_does(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    _type_proxy(qtbot, dialog, "http://127.0.0.1:7890")
    dialog.notify.setChecked(not dialog.notify.isChecked())
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        assert len(_close_and_answer(qtbot, dialog, Button.Save)) == 1
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = _saved(studio_ctx)
    assert saved["proxy"] == "http://127.0.0.1:7890"
    assert saved["notify_when_done"] is dialog.notify.isChecked()
    assert studio_ctx.settings.proxy == "http://127.0.0.1:7890"


def test_discard_in_the_question_closes_without_saving(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    page = dialog.providers_page
    page.select_provider("openai")
    page.price_factor.setValue(0.68)
    seen = _close_and_answer(qtbot, dialog, Button.Discard, by_title_bar=True)
    assert len(seen) == 1  # the title bar's close asks too
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not studio_ctx.paths.settings_file.exists()
    assert studio_ctx.settings.price_factors == {}


def test_a_typed_key_counts_as_a_change_and_save_keeps_it(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    from studio.core.secrets import get_key

    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
    page.key_edit.setFocus()
    qtbot.keyClicks(page.key_edit, "sk-typed-not-kept-3333")
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        assert len(_close_and_answer(qtbot, dialog, Button.Save)) == 1
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_key("openai") == "sk-typed-not-kept-3333"  # no keyring: for this session


def test_the_save_button_keeps_a_typed_key_too(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    from studio.core.secrets import get_key

    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
    qtbot.keyClicks(page.key_edit, "sk-typed-then-saved-4444")
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.button(BoxButton.Save), Qt.MouseButton.LeftButton)
    assert get_key("openai") == "sk-typed-then-saved-4444"


def test_save_stays_open_when_the_typed_key_cannot_be_kept(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.core import secrets

    def refuse(_pid: str, _key: str) -> None:
        raise RuntimeError("the session store is full")

    monkeypatch.setattr(secrets, "set_session_key", refuse)
    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
    qtbot.keyClicks(page.key_edit, "sk-typed-not-keepable-5555")
    assert len(_close_and_answer(qtbot, dialog, Button.Save)) == 1
    qtbot.waitUntil(lambda: "could not be kept" in dialog.error.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert page.key_state.text() == "the session store is full"
    assert page.key_edit.text() == "sk-typed-not-keepable-5555"  # still there to try again
    qtbot.wait(300)
    assert page.key_failures == 1  # tried once, not again and again
    assert not studio_ctx.paths.settings_file.exists()


def test_save_in_the_question_stays_open_on_a_problem(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    """Save checks what the Save button checks: an unusable file name pattern is not
    saved (it was dropped silently), and the dialog stays open saying why."""
    dialog.tabs.setCurrentIndex(2)
    dialog.files.pattern.clear()
    qtbot.keyClicks(dialog.files.pattern, "{colour}")
    dialog.tabs.setCurrentIndex(0)
    assert len(_close_and_answer(qtbot, dialog, Button.Save)) == 1
    qtbot.waitUntil(lambda: not _boxes())
    qtbot.wait(200)
    assert dialog.isVisible()
    assert "{colour} is not a field" in dialog.error.text()
    assert dialog.tabs.currentIndex() == 2  # the page with the problem is shown
    assert not studio_ctx.paths.settings_file.exists()
    # the same with the Save button
    dialog.error.clear()
    qtbot.mouseClick(dialog.buttons.button(BoxButton.Save), Qt.MouseButton.LeftButton)
    assert "{colour} is not a field" in dialog.error.text() and dialog.isVisible()
    # mended, the error goes at once (it stayed until the next Save); half-mended, it stays
    qtbot.keyClick(dialog.files.pattern, Qt.Key.Key_Backspace)
    assert dialog.error.text()
    dialog.files.pattern.clear()
    qtbot.keyClicks(dialog.files.pattern, "{date}-{n}")
    assert dialog.error.text() == ""


def test_the_cancel_button_drops_the_edits_without_asking(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    _type_proxy(qtbot, dialog, "http://127.0.0.1:7890")
    seen: list[QMessageBox] = []
    QTimer.singleShot(100, lambda: seen.extend(_boxes()))  # a question would show by then
    qtbot.mouseClick(dialog.buttons.button(BoxButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.wait(200)
    assert seen == []
    assert not studio_ctx.paths.settings_file.exists()


def test_the_question_is_asked_in_chinese(
    qtbot: QtBot, dialog: SettingsDialog, studio_ctx: Studio
) -> None:
    from studio.ui.i18n import set_language

    assert set_language("zh_CN")
    try:
        _type_proxy(qtbot, dialog, "http://127.0.0.1:7890")
        (box,) = _close_and_answer(qtbot, dialog, None)
        texts = [box.text, box.informative, *box.buttons.values()]
        (shown,) = _boxes()
        qtbot.mouseClick(shown.button(Button.Cancel), Qt.MouseButton.LeftButton)
    finally:
        set_language("en")
    assert texts[0] == "要保存对设置的更改吗？"
    english = [t for t in texts if any("a" <= c.lower() <= "z" for c in t.replace("&", ""))]
    assert english == [], texts
