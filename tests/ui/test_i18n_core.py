"""Problems from the Qt-free core are shown in the UI language (zh_CN here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.core.capabilities import builtin_capabilities
from studio.core.request import ImageRequest, Mode
from studio.core.validation import validate, warnings
from studio.ui.core_text import problem_text
from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def test_a_too_long_prompt_is_explained_in_chinese(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-3"))
    qtbot.keyClicks(compose.prompt.text, "x" * 4001)
    english = compose.problems_label.text()
    assert "The prompt is 4,001 characters; dall-e-3 accepts at most 4,000." in english
    assert set_language("zh_CN")
    chinese = compose.problems_label.text()
    assert compose.problems_label.isVisible()
    assert "提示词有 4,001 个字符；dall-e-3 最多接受 4,000 个。" in chinese
    assert "characters" not in chinese
    set_language("en")
    assert compose.problems_label.text() == english


def test_nested_phrases_and_warnings_are_translated(qapp: object, english: None) -> None:
    caps = builtin_capabilities().get("gpt-image-2")
    assert caps is not None
    request = ImageRequest(Mode.GENERATE, caps.id, "a fox", params={"size": "100x5000"})
    (size,) = [p for p in validate(request, caps) if p.field == "size"]
    variation = ImageRequest(Mode.VARIATIONS, caps.id, "a fox")
    (note,) = [w for w in warnings(variation, caps) if w.field == "prompt"]
    assert set_language("zh_CN")
    text = problem_text(size)
    assert text.startswith("100x5000 不是 gpt-image-2 接受的 size："), text
    assert "两边都必须是 16 的倍数；" in text and "655,360 到 8,294,400 之间" in text
    assert "宽高比不能超过 3:1" in text and "must" not in text
    assert problem_text(note) == "变体不使用提示词；提示词不会被发送。"
