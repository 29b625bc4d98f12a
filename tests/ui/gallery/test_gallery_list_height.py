"""History at 1366×768: switching the dock from its tiles to the list (and back) keeps
its height, so the picture above keeps its room. The hidden grid used to take its
tiles at the user's size while the list showed, its row became the pages' least
height, and the dock grew by a third, squeezing the result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio.ui.i18n import set_language
from tests.ui.test_window_layout import first_start_at_1366

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def test_the_list_and_the_tiles_keep_the_docks_height(qtbot: QtBot, window: MainWindow) -> None:
    window.reload_providers(current="sandbox")
    assert set_language("zh_CN")
    first_start_at_1366(qtbot, window)
    qtbot.waitUntil(lambda: window.gallery is not None, timeout=10_000)
    dock = window.gallery
    assert dock is not None
    qtbot.wait(50)
    height, picture = dock.height(), window.viewer.view.height()
    button = dock.view_options.list_button
    for listing in (True, False, True):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert button.isChecked() is listing
        QApplication.processEvents()
        qtbot.wait(50)
        assert dock.height() == height, (listing, dock.height(), height)
        assert window.viewer.view.height() == picture, (listing, picture)
