"""A live language change reaches every visible string of the window."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

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

from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow

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
    elif isinstance(widget, QDockWidget):
        out.append((name + ".title", widget.windowTitle()))
    tip = widget.toolTip()
    if tip:
        out.append((name + ".tip", tip))
    return out


def visible_texts(window: MainWindow) -> dict[str, str]:
    texts: dict[str, str] = {}
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        for where, text in _texts(widget):
            plain = re.sub(r"<[^>]+>", "", text.replace("&", "")).strip()
            if plain and not _SAME.match(plain):
                texts[f"{where}@{id(widget)}"] = plain
    for menu in (window.file_menu, window.view_menu, window.help_menu):
        texts[f"menu {menu.title()}"] = menu.title().replace("&", "")
        for action in menu.actions():
            if action.text():
                texts[f"action {action.objectName()}@{id(action)}"] = action.text().replace("&", "")
    return texts


def test_every_visible_string_follows_a_live_language_change(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current="sandbox")
    english = visible_texts(window)
    assert len(english) > 40
    assert set_language("zh_CN")
    qtbot.wait(10)  # the gallery refreshes its own texts on the change
    chinese = visible_texts(window)
    stayed = sorted(
        f"{where}: {text!r}"
        for where, text in chinese.items()
        if english.get(where) == text and re.search(r"[A-Za-z]{3,}", text)
    )
    assert not stayed, "still in English after switching:\n" + "\n".join(stayed)
    assert set_language("en")
    # and back: no Chinese left anywhere
    left = [t for t in visible_texts(window).values() if re.search(r"[\u4e00-\u9fff]", t)]
    assert not left, left


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
