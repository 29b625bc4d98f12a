"""Panels hidden at start (the mask editor, the Conversation tab, the Upload panel, the
composer's input images) are
made when first shown, by mouse or keyboard, translated and wired as if made at start;
the window's first paint imports none of their modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from studio.core.request import Mode
from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow

_PROBE = """
import json, sys
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject
from studio.core.service import Studio
from studio.app import create_application
studio = Studio.open(sys.argv[1], recover=False)
app = create_application([])
from studio.ui.main_window import MainWindow
window = MainWindow(studio)
seen = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen["modules"] = sorted(sys.modules)
            # the Qt classes PySide has made so far (it makes one, and every enum of it,
            # when a module first names it)
            seen["qt"] = sorted(
                name for mod in (QtCore, QtGui, QtWidgets) for name in vars(mod)
            )
            seen["shown"] = [window.isVisible(), window.compose.isVisible()]
        return False

watch = Watch()
window.installEventFilter(watch)
window.show()
while not seen:
    app.processEvents()
print(json.dumps(seen))
window.close()
studio.close()
"""


def test_the_gallery_takes_its_placeholder_s_place_as_it_was_left(
    qtbot: QtBot, studio_ctx: Studio
) -> None:
    from studio.ui.main_window import MainWindow

    first = MainWindow(studio_ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.gallery_slot.gallery is not None, timeout=10_000)
    folded = first.gallery
    assert folded is not None
    folded.toggleViewAction().trigger()  # History folded away from the View menu
    qtbot.waitUntil(folded.isHidden)
    first.save_state()  # as closing the window does

    window = MainWindow(studio_ctx)  # the next start
    qtbot.addWidget(window)
    slot = window.gallery_slot
    placeholder = slot.placeholder
    assert placeholder is not None and slot.gallery is None  # not made before a paint
    assert placeholder.windowTitle() == "History"
    assert placeholder.isHidden()  # the remembered layout placed it
    window.show()
    qtbot.waitUntil(lambda: slot.gallery is not None, timeout=10_000)  # made after the paint
    gallery = window.gallery
    assert gallery is slot.gallery and slot.placeholder is None
    assert gallery.objectName() == "galleryDock"
    assert window.dockWidgetArea(gallery) is Qt.DockWidgetArea.BottomDockWidgetArea
    assert gallery.isHidden()  # still folded, as the person left it
    entry = gallery.toggleViewAction()
    assert entry in window.view_menu.actions()  # the View menu's History entry is its own
    entry.trigger()
    qtbot.waitUntil(gallery.isVisible)
    assert gallery.view.isVisible()  # type: ignore[attr-defined]
    for w in (first, window):
        w.close()


def test_the_prompt_library_is_read_after_the_first_paint(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio
) -> None:
    from studio.ui.main_window import MainWindow

    window.compose.prompt.remember("a lighthouse at dusk")  # kept in the prompt library
    again = MainWindow(studio_ctx)  # the next start
    qtbot.addWidget(again)
    assert again.compose.prompt.recent() == []  # no database read before the first paint
    again.show()
    qtbot.waitUntil(lambda: again.compose.prompt.recent() == ["a lighthouse at dusk"])
    assert again.library.act_open.isEnabled()
    again.close()


def test_hidden_panels_are_not_made_before_they_are_shown(window: MainWindow) -> None:
    assert not window.compose.mask_page.built()
    assert not window.conversation_page.built()
    assert not window.upload_page.built()
    assert not window.compose.inputs_page.built()  # hidden in Generate mode


def _focus_chain(start: QWidget) -> list[QWidget]:
    chain, w = [start], start.nextInFocusChain()
    while w is not start:
        chain.append(w)
        w = w.nextInFocusChain()
    return chain


def test_the_inputs_panel_is_made_when_edit_is_chosen_by_keyboard(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    compose = window.compose
    caps = compose.caps
    assert caps is not None and caps.supports(Mode.EDIT)
    assert set_language("zh_CN")  # made after a language change: speaks the new language
    try:
        compose.modes.setFocus()
        qtbot.waitUntil(compose.modes.hasFocus)
        while compose.mode is not Mode.EDIT:  # arrow keys on the mode tabs, as a person would
            qtbot.keyClick(compose.modes, Qt.Key.Key_Right)
        assert compose.inputs_page.built()
        panel = compose.inputs
        qtbot.waitUntil(panel.isVisible)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in panel.add_button.text())
    finally:
        set_language("en")
    assert panel.limit == caps.inputs.max_images  # the model's cap, told before it existed
    # in the Tab order where it is laid out: after the prompt, before the options
    chain = _focus_chain(compose.prompt)
    options = [
        w
        for w in chain
        if compose.params_group.isAncestorOf(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert options and chain.index(panel.add_button) < chain.index(options[0])
    # wired as if made at start: an image added shows the mask editor, ready to paint
    photo = tmp_path / "photo.png"
    Image.new("RGB", (64, 48), "teal").save(photo)
    panel.add_files([photo])
    qtbot.waitUntil(lambda: compose.inputs_page.entries() != [])
    qtbot.waitUntil(lambda: window.right_tabs.currentIndex() == window.mask_tab)


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
        "studio.ui.inputs_panel",
        "studio.core.history.groups",  # unfinished batches are looked for after the paint
        "studio.core.prompt_library",  # read once the window has painted
        "studio.ui.gallery.dock",
        "studio.core.events",  # a job's own types: loaded by the warm-up after the paint
        "studio.core.result",
        "studio.jobs.pictures",
    ):
        assert name not in loaded, f"{name} is imported before the first paint"
    assert "_hashlib" not in loaded  # OpenSSL's library: hashes are made after the paint
    made = set(report["qt"])
    assert "QMainWindow" in made  # the probe does see what was made
    # dialogs and services a start does not show: each costs its enums when named
    for name in ("QMessageBox", "QFileDialog", "QInputDialog", "QSystemTrayIcon", "QUrl"):
        assert name not in made, f"{name} is made before the first paint"
