"""Buttons whose action has a key name that key in their tip, the one way tips name
keys (``with_shortcut``), and the key named is the one bound: pressing it does what the
button does."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from studio.core.request import Mode
from studio.ui.animation_bar import NEXT_KEY, PLAY_KEY, PREV_KEY
from studio.ui.i18n import set_language
from studio.ui.icons import shortcut_text, with_shortcut
from studio.ui.inputs_panel import PASTE_KEY, REMOVE_KEY
from studio.ui.prompt_editor import RUN_KEY

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _bound(owner: QWidget, keys: QKeySequence) -> list[QShortcut]:
    return [s for s in owner.findChildren(QShortcut) if s.key() == keys]


def _names(button: QAbstractButton, keys: QKeySequence) -> bool:
    return shortcut_text(keys) in button.toolTip()


def test_the_viewer_and_inputs_buttons_name_the_keys_bound_to_them(window: MainWindow) -> None:
    bar = window.viewer.animation
    for button, key in (
        (bar.play_button, PLAY_KEY),
        (bar.prev_button, PREV_KEY),
        (bar.next_button, NEXT_KEY),
    ):
        keys = QKeySequence(key)
        assert _names(button, keys), button.toolTip()
        assert _bound(window.viewer, keys), key  # the viewer answers to it
    inputs = window.compose.inputs
    for button, standard in ((inputs.paste_button, PASTE_KEY), (inputs.remove_button, REMOVE_KEY)):
        keys = QKeySequence(standard)
        assert _names(button, keys), button.toolTip()
        assert _bound(inputs.list, keys)
    assert _names(window.compose.generate_button, QKeySequence(RUN_KEY))


def test_the_keys_named_do_what_the_buttons_do(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    compose = window.compose
    compose.set_mode(Mode.EDIT)
    inputs = compose.inputs
    qtbot.waitUntil(inputs.list.isVisible)
    # Ctrl+V in the inputs pastes, as the Paste button does
    QGuiApplication.clipboard().setMimeData(QMimeData())
    QGuiApplication.clipboard().setImage(QImage(str(_png(tmp_path / "c.png"))))
    inputs.list.setFocus()
    qtbot.keyClick(inputs.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(inputs.entries()) == 1, timeout=10_000)
    # Delete removes the selected input, as Remove does
    inputs.list.setCurrentRow(0)
    inputs.list.setFocus()
    qtbot.keyClick(inputs.list, Qt.Key.Key_Delete)
    assert inputs.entries() == []
    # Ctrl+Return in the prompt sends, as Generate does
    compose.set_mode(Mode.GENERATE)
    compose.prompt.set_prompt("a paper crane")
    compose.prompt.text.setFocus()
    with qtbot.waitSignal(compose.generate_requested, timeout=5_000):
        qtbot.keyClick(compose.prompt.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_in_chinese_the_key_follows_in_full_width_brackets(window: MainWindow) -> None:
    assert set_language("zh_CN")
    try:
        tip = window.viewer.animation.play_button.toolTip()
        assert tip == with_shortcut("播放或暂停动画", PLAY_KEY)
        assert "（" in tip and tip.endswith("）")
    finally:
        set_language("en")


def _png(path: Path) -> Path:
    Image.new("RGB", (32, 24), "navy").save(path)
    return path


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_run_key_has_one_name_wherever_it_is_named(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    from studio.ui.help_dialog import HelpDialog

    assert set_language(language)
    try:
        name = shortcut_text(QKeySequence(RUN_KEY))
        assert name == ("Ctrl+Return" if language == "en" else "Ctrl+回车")
        compose, conversation = window.compose, window.conversation
        window.show_help()  # F1, as a person opens it
        shown = window.findChild(HelpDialog)
        assert shown is not None
        help_page = shown.browser.toHtml()
        shown.close()
        texts = {
            "generate tip": compose.generate_button.toolTip(),
            "prompt placeholder": compose.prompt.text.placeholderText(),
            "prompt tip": compose.prompt.text.toolTip(),
            "send tip": conversation.send_button.toolTip(),
            "turn placeholder": conversation.composer.placeholderText(),
            "welcome": window.viewer.welcome.body.text(),
            "help": help_page,
        }
        for where, text in texts.items():
            assert name in text, (where, text)
            assert "Ctrl+Enter" not in text, (where, text)
        assert help_page.count(name) == 1  # one row for Generate, not two names for it
    finally:
        set_language("en")
