"""The menus by keyboard: Alt and a letter opens a menu, and each item's letter is its
own, so one key press picks it (two items on one letter only move between them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _shared_letters(menu: QMenu) -> dict[str, list[str]]:
    letters: dict[str, list[str]] = {}
    for action in menu.actions():
        key = QKeySequence.mnemonic(action.text())
        if not action.isSeparator() and not key.isEmpty():
            letters.setdefault(key.toString(), []).append(action.text())
    return {k: texts for k, texts in letters.items() if len(texts) > 1}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_two_items_of_a_menu_share_a_letter(window: MainWindow, language: str) -> None:
    assert set_language(language) or language == "en"
    menus = [a.menu() for a in window.menuBar().actions()]
    assert len(menus) >= 3
    for menu in menus:
        assert isinstance(menu, QMenu)
        assert _shared_letters(menu) == {}, menu.title()


def test_alt_f_then_b_opens_the_batch_panel(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.compose.prompt.text.setFocus()
    qtbot.waitUntil(window.compose.prompt.text.hasFocus)
    qtbot.keyClick(window.compose.prompt.text, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: getattr(window, "batch_panel", None) is not None, timeout=5_000)
    qtbot.waitExposed(window.batch_panel)
    assert QApplication.activePopupWidget() is None
