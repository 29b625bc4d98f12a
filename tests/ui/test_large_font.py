"""The window at 1366×768 with a large font (15 pt, as a person who needs larger text
sets it): it still fits the screen, nothing in the composer is cut off at its right edge,
the result's buttons keep their names when only their icons fit, and the welcome shows
its button."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.accessible import name_of

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow

SCREEN = (1366, 768 - 32)  # less a panel


@pytest.fixture
def large_window(qtbot: QtBot, studio_ctx: Studio, english: None) -> Iterator[MainWindow]:
    from studio.jobs.op import wait_for_workers
    from studio.ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    usual = app.font()
    large = QFont(usual)
    large.setPointSizeF(15)
    app.setFont(large)
    win = MainWindow(studio_ctx)
    try:
        qtbot.addWidget(win)
        win.resize(*SCREEN)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: win.gallery_slot.placeholder is None, timeout=10_000)
        yield win
        win.queue.cancel_all()
        wait_for_workers(30_000)
        qtbot.wait(10)
    finally:
        app.setFont(usual)


def test_the_window_fits_the_screen_and_the_composer_is_not_cut(
    qtbot: QtBot, large_window: MainWindow
) -> None:
    window = large_window
    # it was 1500 px and more: the result's buttons and the history's filters in a row
    assert window.minimumSizeHint().width() <= SCREEN[0], window.minimumSizeHint()
    qtbot.waitUntil(lambda: window.width() == SCREEN[0])
    compose = window.compose
    form = compose.form_scroll
    body = form.widget()
    assert body is not None
    # the form is no wider than what shows of it (it scrolls up and down, never sideways)
    assert body.width() <= form.viewport().width(), (body.width(), form.viewport().width())
    filters = window.gallery.filters
    for combo in (filters.provider, filters.model, filters.status, filters.format):
        right = combo.mapTo(window, QPoint(combo.width(), 0)).x()
        assert right <= window.width(), combo.objectName()


def test_the_result_buttons_drop_their_words_not_their_names(
    qtbot: QtBot, large_window: MainWindow
) -> None:
    viewer = large_window.viewer
    bar = viewer.bar
    assert not bar.words_shown()  # no room for them beside the composer at 15 pt
    for button in bar.buttons:
        assert button.text() and name_of(button) == button.text().replace("&", "")
        assert button.isVisible() and button.geometry().right() <= bar.width()
    # a wider window has room for the words again
    large_window.resize(2400, SCREEN[1])
    qtbot.waitUntil(bar.words_shown)


def test_the_welcome_keeps_its_button_in_view(qtbot: QtBot, large_window: MainWindow) -> None:
    welcome = large_window.viewer.welcome
    view = large_window.viewer.view
    qtbot.waitUntil(welcome.isVisible)
    button = welcome.button
    bottom = button.mapTo(view, QPoint(0, button.height())).y()
    assert bottom <= view.height(), (bottom, view.height())
    if not welcome.body.isVisible():  # no room for its words: they are its tip
        assert welcome.toolTip() == welcome.body.text()
    else:
        assert welcome.geometry().bottom() <= view.height()


def test_the_dialogs_fit_the_screen(
    qtbot: QtBot, large_window: MainWindow, sandbox_provider: Provider
) -> None:
    window = large_window
    window.reload_providers(current=sandbox_provider.id)
    window.compose.prompt.set_prompt("a fox")
    shown: list[QWidget] = []
    settings = window.open_settings()
    qtbot.waitExposed(settings)
    shown.append(settings)
    window.open_compare()
    shown.append(window.compare_dialog)
    window.act_batch.trigger()
    shown.append(window.batch_panel)
    button = window.compose.prompt.library_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    qtbot.waitUntil(lambda: window.library.dialog is not None, timeout=5_000)
    assert window.library.dialog is not None
    shown.append(window.library.dialog)
    too_big = {}
    for dialog in shown:
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if least.width() > SCREEN[0] or least.height() > SCREEN[1]:
            too_big[type(dialog).__name__] = (least.width(), least.height())
    # Settings needed 835 px: Save and Cancel fell below the screen
    assert not too_big, too_big
    for tab in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(tab)
        assert settings.buttons.geometry().bottom() < settings.height()
