"""In the window, a gallery tile of a comparison reopens its grid and a conversation tile
opens the Conversation tab on that thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.core.history.threads import add_turn
from tests.ui.gallery.test_gallery import add_job
from tests.ui.test_compare_grid import _compare

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.gallery import GalleryDock
    from studio.ui.main_window import MainWindow


def _activate(qtbot: QtBot, gallery: GalleryDock, job_id: int) -> None:
    """Pick the job's tile and press Return, as a person would."""
    qtbot.waitUntil(lambda: bool(gallery.model.rows_of_job(job_id)), timeout=10_000)
    index = gallery.index_of_job(job_id)
    gallery.view.scrollTo(index)
    rect = gallery.view.visualRect(index)
    gallery.window().activateWindow()  # back to the window (a dialog was in front)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is gallery.window())
    qtbot.mouseClick(gallery.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(gallery.view, Qt.Key.Key_Return)


def test_a_conversation_tile_opens_its_thread_in_the_conversation_tab(
    qtbot: QtBot, window: MainWindow
) -> None:
    history = window.studio.history
    first = add_job(history, "a paper boat", seed=1)
    turn = add_turn(history, first, parent=None, text_model="gpt-5")
    second = add_job(history, "now at night", seed=2)
    add_turn(history, second, parent=turn, text_model="gpt-5")
    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()
    _activate(qtbot, gallery, second)
    qtbot.waitUntil(lambda: window.conversation.thread_id == first, timeout=10_000)
    assert window.right_tabs.currentIndex() == window.conversation_tab


def test_a_comparison_tile_reopens_its_grid(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    first = _compare(qtbot, window, sandbox_provider, {"gpt-image-1", "dall-e-3"})
    group = first.group
    assert group is not None
    first.close()
    gallery = window.gallery
    assert gallery is not None
    newest = max(m.job_id or 0 for m in group.members)
    qtbot.waitUntil(
        lambda: any(
            (it := gallery.model.loaded_item(r)) is not None and it.stack is not None
            for r in range(gallery.model.rowCount())
        ),
        timeout=10_000,
    )
    tile = next(
        it.job.id
        for r in range(gallery.model.rowCount())
        if (it := gallery.model.loaded_item(r)) is not None and it.stack is not None
    )
    assert tile <= newest
    _activate(qtbot, gallery, tile)
    qtbot.waitUntil(lambda: window.group_windows.compare_dialog is not None, timeout=10_000)
    dialog = window.group_windows.compare_dialog
    assert dialog is not None and dialog is not first
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=10_000)
