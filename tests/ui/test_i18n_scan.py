"""A live language change reaches every visible string of the window."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from studio.core.capabilities import ParamSpec
from studio.core.request import Mode
from studio.ui.canvas.tools import CanvasMode
from studio.ui.expand_dialog import ExpandDialog
from studio.ui.i18n import set_language
from tests.ui.sandbox_models import choose_model

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow

#: a sandbox model that takes a mask and markup
MARKUP_MODEL = "gpt-image-2.5-flare"

#: words that are the same in every language: names, units, formats, ids
_SAME = re.compile(
    r"^(?:[\W\d_]*|.*\b(?:gpt|dall|chatgpt|paiwo|png|jpeg|webp|gif|svg|url|id|api)\b.*"
    r"|OpenAI|DMXAPI|tu-zi|new-api.*|Test sandbox|Image Studio|100 %|Qt.*|PySide.*|Python.*)$",
    re.IGNORECASE,
)


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every string a person can read on a visible widget."""
    name = f"{type(widget).__name__}#{widget.objectName()}"
    out: list[tuple[str, str]] = []
    if isinstance(widget, QLabel | QAbstractButton):
        out.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        out.append((name, widget.title()))
    elif isinstance(widget, QLineEdit):
        out.append((name + ".placeholder", widget.placeholderText()))
    elif isinstance(widget, QComboBox) and widget.objectName() != "model":
        # model names are product names; a parameter's values are the API's own words
        out += [
            (f"{name}[{i}]", widget.itemText(i))
            for i in range(widget.count())
            if widget.itemText(i) != str(widget.itemData(i))
        ]
    elif isinstance(widget, QTabBar):
        out += [(f"{name}[{i}]", widget.tabText(i)) for i in range(widget.count())]
        out += [(f"{name}[{i}].tip", widget.tabToolTip(i)) for i in range(widget.count())]
    elif isinstance(widget, QDockWidget):
        out.append((name + ".title", widget.windowTitle()))
    tip = widget.toolTip()
    if tip:
        out.append((name + ".tip", tip))
    return out


def widget_texts(root: QWidget) -> dict[str, str]:
    """Every readable string of ``root`` and its visible children."""
    texts: dict[str, str] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        for where, text in _texts(widget):
            plain = re.sub(r"<[^>]+>", "", text.replace("&", "")).strip()
            if plain and not _SAME.match(plain):
                texts[f"{where}@{id(widget)}"] = plain
    return texts


def visible_texts(window: MainWindow) -> dict[str, str]:
    texts = widget_texts(window)
    for menu in (window.file_menu, window.view_menu, window.help_menu):
        texts[f"menu {menu.title()}"] = menu.title().replace("&", "")
        for action in menu.actions():
            if action.text():
                texts[f"action {action.objectName()}@{id(action)}"] = action.text().replace("&", "")
    return texts


def _switch_and_scan(
    qtbot: QtBot, scan: Callable[[], dict[str, str]], at_least: int, where: str
) -> None:
    """Switch to Chinese and back; every string read in English must have changed, and
    after switching back no Chinese is left."""
    english = scan()
    assert len(english) >= at_least, f"{where}: only {len(english)} strings found"
    assert set_language("zh_CN")
    qtbot.wait(10)  # the gallery refreshes its own texts on the change
    try:
        chinese = scan()
        stayed = sorted(
            f"{key}: {text!r}"
            for key, text in chinese.items()
            if key in english
            and re.search(r"[A-Za-z]{3,}", text)
            # unchanged, or changed only around its English words (a key's brackets)
            and (english[key] == text or not re.search(r"[\u4e00-\u9fff]", text))
        )
        assert not stayed, f"{where}: still in English after switching:\n" + "\n".join(stayed)
    finally:
        assert set_language("en")
    # and back: no Chinese left anywhere
    left = [t for t in scan().values() if re.search(r"[\u4e00-\u9fff]", t)]
    assert not left, f"{where}: {left}"


def _picture(path: Path) -> Path:
    Image.new("RGB", (96, 64), (120, 160, 200)).save(path, "PNG")
    return path


def test_every_visible_string_follows_a_live_language_change(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current="sandbox")
    _switch_and_scan(qtbot, lambda: visible_texts(window), 40, "Generate")


@pytest.fixture
def edit_window(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> MainWindow:
    """The window in Edit mode with a picture in the canvas (wide: no tool folds away)."""
    window.resize(1920, 1080)
    _, compose = choose_model(window, studio_ctx, sandbox_provider, MARKUP_MODEL)
    compose.set_mode(Mode.EDIT)
    compose.inputs.add_files([_picture(tmp_path / "room.png")])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    window.right_tabs.setCurrentIndex(window.mask_tab)
    qtbot.waitUntil(compose.mask_panel.isVisible)
    qtbot.waitUntil(lambda: compose.mask_panel.canvas.has_image())
    return window


def _canvas_texts(window: MainWindow) -> dict[str, str]:
    return widget_texts(window.compose.mask_panel)


def test_the_canvas_in_mask_mode_follows_a_live_language_change(
    qtbot: QtBot, edit_window: MainWindow, tmp_path: Path
) -> None:
    panel = edit_window.compose.mask_panel
    assert panel.mode() is CanvasMode.MASK
    mask = tmp_path / "hand-painted"  # no extension: the scan skips lines naming a format
    Image.new("L", (96, 64), 255).save(mask, "PNG")  # white: keep everything (black marks the edit)
    assert panel.import_mask_file(mask)  # the notice line under the tools says what came in
    assert panel.notice.isVisible()
    _switch_and_scan(qtbot, lambda: _canvas_texts(edit_window), 30, "Mask")
    _switch_and_scan(qtbot, lambda: visible_texts(edit_window), 60, "Edit")


def test_the_canvas_in_markup_mode_follows_a_live_language_change(
    qtbot: QtBot, edit_window: MainWindow
) -> None:
    panel = edit_window.compose.mask_panel
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    assert panel.mode() is CanvasMode.MARKUP
    qtbot.waitUntil(panel.markup_bar.isVisible)
    _switch_and_scan(qtbot, lambda: _canvas_texts(edit_window), 30, "Markup")


def test_the_expand_dialog_follows_a_live_language_change(
    qtbot: QtBot, edit_window: MainWindow
) -> None:
    compose = edit_window.compose
    shown: list[ExpandDialog] = []

    def ask(picture: QImage, spec: ParamSpec | None) -> None:
        dialog = ExpandDialog(picture, spec, edit_window)
        dialog.show()
        qtbot.waitExposed(dialog)
        shown.append(dialog)
        _switch_and_scan(qtbot, lambda: widget_texts(dialog), 12, "Expand")
        dialog.reject()

    compose.expander.ask = ask
    qtbot.mouseClick(compose.mask_panel.expand_button, Qt.MouseButton.LeftButton)
    assert shown, "Expand… opened the dialog"


def test_the_conversation_tab_follows_a_live_language_change(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current="sandbox")
    window.right_tabs.setCurrentIndex(window.conversation_tab)
    qtbot.waitUntil(window.conversation.isVisible)
    _switch_and_scan(qtbot, lambda: visible_texts(window), 40, "Conversation")


def test_the_batch_panel_follows_a_live_language_change(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current="sandbox")
    window.open_batch()
    panel = window.batch_panel
    qtbot.waitExposed(panel)
    _switch_and_scan(qtbot, lambda: widget_texts(panel), 4, "Batch")
    panel.close()


def test_a_built_in_providers_name_is_shown_translated_and_kept_as_is(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert set_language("zh_CN")
    try:
        dialog = window.open_settings("custom")
        page = dialog.providers_page
        assert page.name.text() == "自定义 OpenAI 兼容接口"
        page.commit()  # unchanged: the table's own name stays, so English shows English
        assert page.providers["custom"].name == "Custom OpenAI-compatible"
        dialog.reject()
    finally:
        set_language("en")
