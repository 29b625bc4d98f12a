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


def test_the_studios_own_error_sentences_are_in_chinese(qapp: object, english: None) -> None:
    import httpx

    from studio.core.errorparse import parse_error
    from studio.core.http import transport_error
    from studio.ui.core_text import error_text
    from studio.ui.error_text import advise

    request = httpx.Request("POST", "http://127.0.0.1:9/v1/images/generations")
    refused = transport_error(httpx.ConnectError("[Errno 111] Connection refused", request=request))
    proxy = parse_error(502, b"<html><title>502 Bad Gateway</title></html>")
    provider_words = parse_error(401, b'{"error": {"message": "Incorrect API key provided"}}')
    assert set_language("zh_CN")
    try:
        assert error_text(refused) == "无法连接到服务商：[Errno 111] Connection refused。"
        text = error_text(proxy)
        assert text.startswith("服务商前面的代理返回了 HTTP 502（网关错误），内容是一个 HTML 网页")
        # the provider's own words are quoted as they came
        assert error_text(provider_words) == (
            "服务商拒绝了 API 密钥（HTTP 401）：Incorrect API key provided"
        )
        assert "无法连接到服务商" in advise(refused, "OpenAI").text
    finally:
        set_language("en")
    assert error_text(refused) == refused.message


def test_a_table_constraint_is_explained_in_chinese(qapp: object, english: None) -> None:
    caps = builtin_capabilities().get("gpt-image-1")
    assert caps is not None
    request = ImageRequest(
        Mode.GENERATE,
        caps.id,
        "a fox",
        params={"background": "transparent", "output_format": "jpeg"},
    )
    (problem,) = [p for p in validate(request, caps) if "transparent" in p.message.lower()]
    assert set_language("zh_CN")
    try:
        assert problem_text(problem) == "透明背景需要输出 PNG 或 WebP 格式。"
    finally:
        set_language("en")


def test_every_translation_keeps_the_placeholders() -> None:
    import re
    import xml.etree.ElementTree as ET

    from studio.core.resources import resource

    tree = ET.parse(resource("translations") / "studio_zh_CN.ts")
    checked = 0
    for context in tree.getroot():
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            assert node is not None
            forms = [f.text or "" for f in node.findall("numerusform")] or [node.text or ""]
            for translation in forms:
                for pattern in (r"\{[^{}]*\}", r"%\d"):
                    want = sorted(re.findall(pattern, source))
                    assert sorted(re.findall(pattern, translation)) == want, (source, translation)
                checked += 1
    assert checked > 500
