"""A picker's choices read in the interface language (auto → 自动, high → 高), while the
value sent stays the API's own word; a live language change relabels them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox

from studio.ui.i18n import set_language
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow

QUALITY_ZH = ["自动", "低", "中", "高", "超高", "最高"]
QUALITY = ["auto", "low", "medium", "high", "xhigh", "max"]


def _combo(window: MainWindow, name: str) -> QComboBox:
    box = window.compose.params.widget_for(name)
    assert isinstance(box, QComboBox), name
    return box


def _items(box: QComboBox) -> list[tuple[str, object]]:
    return [(box.itemText(i), box.itemData(i)) for i in range(box.count())]


def test_choices_read_in_chinese_and_send_the_api_words(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-2.5-flare")
    quality, size = _combo(window, "quality"), _combo(window, "size")
    choose(quality, "high")
    english = _items(quality)
    assert [text for text, _ in english] == QUALITY  # English shows the words as today
    sent = compose.params.values()
    assert set_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: quality.itemText(0) == "自动")
        assert _items(quality) == list(zip(QUALITY_ZH, QUALITY, strict=True))
        assert quality.currentText() == "高"
        assert size.currentText() == "自动" and size.currentData() == "auto"
        assert _combo(window, "background").itemText(0) == "自动"
        assert compose.params.values() == sent  # the request is the same
        # a model chosen in Chinese gets its pickers in Chinese too
        choose(compose.model_box, "gpt-image-2.6-flare")
        complexity = _combo(window, "complexity")
        assert [t for t, _ in _items(complexity)] == ["默认", "低", "中", "高"]
        assert [d for _, d in _items(complexity)] == [None, "low", "medium", "high"]
        assert compose.params.values()["quality"] == "high"
        assert compose.params.values()["size"] == "auto"
    finally:
        assert set_language("en")
    qtbot.waitUntil(lambda: _combo(window, "quality").itemText(0) == "auto")
    assert _combo(window, "size").currentText() == "auto"
