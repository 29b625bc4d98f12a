"""The Mask tab's tool bars within reach of the mouse: at 1366x768 in English and in
Chinese every action is on screen or in a working » menu, Undo and Redo always on
screen; in a narrower panel the actions cut off are chosen from the » menu; the view
drop-down keeps its words whole after a live language switch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QToolBar, QToolButton, QWidget

from studio.core.request import Mode
from studio.ui.canvas import MaskEditorPanel
from studio.ui.i18n import set_language
from tests.ui.canvas.canvas_support import drag_image, make_test_png
from tests.ui.test_window_layout import first_start_at_1366

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _on_screen(bar: QToolBar, widget: QWidget) -> bool:
    """Shown, and wholly inside the bar (not under its » button)."""
    if not widget.isVisible():
        return False
    inside = QRect(widget.mapTo(bar, QPoint(0, 0)), widget.size())
    ext = _extension(bar)
    under_ext = ext.isVisible() and inside.intersects(ext.geometry())
    return bar.rect().contains(inside) and not under_ext


def _extension(bar: QToolBar) -> QToolButton:
    ext = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert ext is not None
    return ext


def _unreachable(bar: QToolBar) -> list[str]:
    """The bar's items a person can neither see nor pick from its » menu."""
    ext = _extension(bar)
    menu = ext.menu() if ext.isVisible() and ext.isEnabled() else None
    in_menu = set(menu.actions()) if menu is not None else set()
    out = []
    for action in bar.actions():
        widget = bar.widgetForAction(action)
        if not action.isVisible() or action.isSeparator() or widget is None:
            continue
        if type(widget) is QWidget:
            continue  # a spacer
        if not _on_screen(bar, widget) and action not in in_menu:
            out.append(action.text() or getattr(widget, "text", lambda: "")() or repr(widget))
    return out


def _mask_tab_at_1366(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> MaskEditorPanel:
    """The window at 1366x768 in Edit mode with a picture, its Mask tab shown."""
    window.reload_providers(current="sandbox")
    first_start_at_1366(qtbot, window)
    compose = window.compose
    compose.set_mode(Mode.EDIT)
    picture = tmp_path / "room.png"
    Image.new("RGB", (256, 256), "teal").save(picture)
    compose.inputs.add_files([picture])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    window.right_tabs.setCurrentIndex(window.mask_tab)
    panel = compose.mask_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.canvas.has_image())
    qtbot.wait(20)
    return panel


def _words_width(combo: QComboBox) -> int:
    """The width of the box's widest entry."""
    fm = combo.fontMetrics()
    return max(fm.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))


def test_the_view_dropdown_fits_its_words_after_a_live_switch_from_chinese(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Shown first in Chinese, then switched live to English: "Image and mask" not cut."""
    assert set_language("zh_CN")
    try:
        combo = _mask_tab_at_1366(qtbot, window, tmp_path).view_mode
        frame = combo.width() - _words_width(combo)  # the arrow and margins around the words
        assert frame > 0
        assert set_language("en")
        assert combo.currentText() == "Image and mask"
        # (a pixel or two either way: text widths round differently per script)
        qtbot.waitUntil(lambda: combo.width() >= frame + _words_width(combo) - 3, timeout=1000)
    finally:
        set_language("en")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_at_1366x768_every_canvas_action_is_within_reach_and_undo_redo_in_view(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, lang: str
) -> None:
    assert set_language(lang)
    try:
        panel = _mask_tab_at_1366(qtbot, window, tmp_path)
        tools = panel.findChild(QToolBar, "mask-tools")
        view = panel.findChild(QToolBar, "mask-view")
        for bar in (tools, view):
            assert not _unreachable(bar), f"{bar.objectName()}: {_unreachable(bar)}"
        for button in (panel.undo_button, panel.redo_button):
            assert _on_screen(tools, button), button.text()
        # paint, then undo and redo with the mouse
        drag_image(panel.canvas, [(60.0, 60.0), (120.0, 90.0)])
        assert not panel.canvas.mask_is_empty()
        qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
        assert panel.canvas.mask_is_empty()
        qtbot.mouseClick(panel.redo_button, Qt.MouseButton.LeftButton)
        assert not panel.canvas.mask_is_empty()
    finally:
        set_language("en")


def _pick_from_menu(qtbot: QtBot, ext: QToolButton, text: str) -> None:
    """Click the » button and, in the menu it opens, the entry called ``text``."""
    picked: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, choose)
            return
        action: QAction | None = next((a for a in menu.actions() if a.text() == text), None)
        if action is None:
            menu.close()
            return
        picked.append(text)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(0, choose)
    qtbot.mouseClick(ext, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert picked == [text], f"{text!r} is not in the » menu"


def test_in_a_narrow_panel_the_cut_off_actions_are_picked_from_the_overflow_menu(
    qtbot: QtBot, tmp_path: Path
) -> None:
    panel = MaskEditorPanel()
    qtbot.addWidget(panel)
    panel.resize(560, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_image(make_test_png(tmp_path / "photo.png", 120, 80))
    panel.canvas.set_zoom(1.0)
    tools = panel.findChild(QToolBar, "mask-tools")
    ext = _extension(tools)
    assert not panel.undo_button.isVisible()  # cut off: the row is too narrow
    assert ext.isVisible() and ext.isEnabled()
    drag_image(panel.canvas, [(20.0, 20.0), (60.0, 40.0)])
    assert not panel.canvas.mask_is_empty()
    _pick_from_menu(qtbot, ext, "Undo")
    assert panel.canvas.mask_is_empty()
    _pick_from_menu(qtbot, ext, "Redo")
    assert not panel.canvas.mask_is_empty()
    _pick_from_menu(qtbot, ext, "Fill all")
    assert panel.canvas.mask_coverage() == 1.0
