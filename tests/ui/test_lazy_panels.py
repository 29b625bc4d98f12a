"""Panels hidden at start (the mask editor, the Conversation tab, the Upload panel) are
made when first shown, by mouse or keyboard, translated and wired as if made at start;
the window's first paint imports none of their modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow

_PROBE = """
import json, sys
from studio.core.service import Studio
from studio.app import create_application
studio = Studio.open(sys.argv[1], recover=False)
app = create_application([])
from studio.ui.main_window import MainWindow
window = MainWindow(studio)
window.show()
app.processEvents()
shown = [window.isVisible(), window.compose.isVisible()]
print(json.dumps({"shown": shown, "modules": sorted(sys.modules)}))
window.close()
studio.close()
"""


def test_hidden_panels_are_not_made_before_they_are_shown(window: MainWindow) -> None:
    assert not window.compose.mask_page.built()
    assert not window.conversation_page.built()
    assert not window.upload_page.built()


def test_the_conversation_tab_is_made_when_reached_by_keyboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    tabs = window.right_tabs
    tabs.setFocus()
    qtbot.waitUntil(tabs.tabBar().hasFocus)
    while tabs.currentIndex() != window.conversation_tab:  # Ctrl+Tab, as a person would
        before = tabs.currentIndex()
        qtbot.keyClick(tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert tabs.currentIndex() != before
    assert window.conversation_page.built()
    panel = window.conversation
    qtbot.waitUntil(panel.isVisible)
    assert panel.send_button.text()  # translated, as the rest of the window
    # wired to the window: a history image used as input goes with the next turn
    assert window.history_actions.attach_to_conversation.__name__ == "attach"


def test_a_panel_made_after_a_language_change_speaks_the_new_language(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert set_language("zh_CN")
    try:
        window.right_tabs.setCurrentIndex(window.conversation_tab)
        panel = window.conversation
        qtbot.waitUntil(panel.isVisible)
        found = [*panel.findChildren(QLabel), *panel.findChildren(QPushButton)]
        words = [w.text() for w in found if w.text()]
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in words), words
    finally:
        set_language("en")


def test_the_first_paint_imports_no_hidden_panel(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("IMAGE_STUDIO_API_KEY", None)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path / "home")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["shown"] == [True, True]
    loaded = set(report["modules"])
    assert "studio.ui.main_window" in loaded  # the probe did build the window
    for name in (
        "studio.ui.canvas.panel",
        "studio.ui.conversation_panel",
        "studio.ui.upload_panel",
    ):
        assert name not in loaded, f"{name} is imported before the first paint"
