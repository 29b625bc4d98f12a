"""Every keyboard shortcut of the window does one thing: no two actions share a key."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QImage, QKeySequence, QShortcut

from studio.core.result import ImageResult
from studio.ui.result_viewer import load_result_file
from tests.core.history.history_helpers import generate_request, generated

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _bindings(window: MainWindow) -> dict[str, list[str]]:
    """Each key sequence -> the actions and window-wide shortcuts bound to it.

    A ``QShortcut`` bound to one widget only (``WidgetShortcut``) cannot collide with
    an action elsewhere; every action counts, whatever its context."""
    seen: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            if not seq.isEmpty():
                seen[seq.toString()].append(action.objectName() or action.text())
    for sc in window.findChildren(QShortcut):
        if sc.context() is not Qt.ShortcutContext.WidgetShortcut:
            for seq in sc.keys():  # noqa: SIM118 (a QShortcut, not a dict)
                if not seq.isEmpty():
                    seen[seq.toString()].append(sc.objectName() or "QShortcut")
    return seen


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    window.compose.mask_panel  # noqa: B018 (made on first use: its tools' keys count too)
    window.conversation  # noqa: B018
    bindings = _bindings(window)
    assert bindings, "the window has shortcuts"
    shared = {key: names for key, names in bindings.items() if len(names) > 1}
    assert not shared, f"shortcuts bound more than once: {shared}"


def test_copy_image_shortcut_works_while_the_history_has_focus(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    picture = QImage(32, 24, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    path = tmp_path / "red.png"
    assert picture.save(str(path))
    window.viewer.show_file(load_result_file(str(path)))
    # a selected history tile: the gallery's Copy Prompt is live too (it shared the key)
    store = window.studio.history
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request()
    )
    store.finish_job(job, ImageResult(images=[generated((1, 2, 3))]))
    assert window.gallery is not None
    gallery = window.gallery
    gallery.refresh()
    qtbot.waitUntil(lambda: len(gallery.model.rows_of_job(job)) == 1, timeout=10_000)
    target = gallery.view
    target.setCurrentIndex(gallery.model.index(gallery.model.rows_of_job(job).start))
    assert gallery.actions_.copy_prompt.isEnabled()
    QGuiApplication.clipboard().clear()
    window.activateWindow()
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(target, Qt.Key.Key_C, keys)
    copied = QGuiApplication.clipboard().image()
    assert not copied.isNull(), "Ctrl+Shift+C copied nothing"
    assert (copied.width(), copied.height()) == (32, 24)
    assert QKeySequence("Ctrl+Shift+C") in window.act_copy.shortcuts()


def test_ctrl_f_reaches_the_history_search_from_the_prompt(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The history's search is one key away wherever the typing is, not only once a
    tile already has focus (a keyboard user starts in the prompt)."""
    assert window.gallery is not None
    search = window.gallery.filters.search
    prompt = window.compose.prompt.text
    window.activateWindow()
    prompt.setFocus()
    qtbot.waitUntil(prompt.hasFocus)
    qtbot.keyClick(prompt, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus, timeout=2_000)
    qtbot.keyClicks(search, "fox")
    assert search.text() == "fox"
    assert window.compose.prompt.prompt() == ""


def test_the_history_search_shows_its_shortcut(window: MainWindow) -> None:
    assert window.gallery is not None
    search = window.gallery.filters.search
    assert QKeySequence("Ctrl+F").toString(QKeySequence.SequenceFormat.NativeText) in (
        search.toolTip()
    )
