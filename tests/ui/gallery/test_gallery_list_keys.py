"""The history's list with columns by keyboard: Tab leaves it for the next control (it
went from cell to cell, round and round), the arrows go along it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.gallery.test_gallery import add_job, dock, settle, store

__all__ = ["dock", "store"]  # the shared fixtures

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.history import HistoryStore
    from studio.ui.gallery import GalleryDock


def test_tab_leaves_the_history_list(qtbot: QtBot, store: HistoryStore, dock: GalleryDock) -> None:
    add_job(store, "a listed otter")
    add_job(store, "a listed heron")
    dock.refresh()
    settle(qtbot, dock)
    qtbot.mouseClick(dock.view_options.list_button, Qt.MouseButton.LeftButton)
    table = dock.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is not table
