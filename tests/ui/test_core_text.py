"""The core's problem templates: all listed for translation, filled in correctly."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import httpx
import pytest

from studio.core.capabilities import builtin_capabilities
from studio.core.errorparse import parse_error
from studio.core.errors import Problem, StudioError, Text
from studio.core.http import transport_error
from studio.ui.core_text import ERROR_TEMPLATES, TABLE_TEXT, TEMPLATES, error_text, problem_text

ROOT = Path(__file__).resolve().parents[2]
#: the core modules whose problems the window shows
SOURCES = (
    "studio/core/validation.py",
    "studio/core/validation_inputs.py",
    "studio/core/wording.py",
    "studio/core/service.py",
    "studio/core/size.py",
    "studio/core/migrate.py",
    "studio/core/provider_client.py",
    "studio/core/filenames.py",
    "studio/core/name_pattern.py",
    "studio/core/metadata_read.py",
    "studio/core/metadata_read_gifsvg.py",
    "studio/core/conversation.py",
    "studio/core/responses_client.py",
    "studio/core/turns.py",
    "studio/core/prompt_library/entry.py",
    "studio/core/prompt_library/store.py",
    "studio/core/prompt_library/exchange.py",
    "studio/core/templates.py",
    "studio/core/batch.py",
    "studio/core/history/groups.py",
    "studio/core/history/store.py",
    "studio/core/history/models.py",
    "studio/core/client.py",
    "studio/core/wire.py",
    "studio/core/http.py",
)


def templates_in(path: Path) -> set[str]:
    """Literal templates given to ``Problem.of`` / ``Text.of`` / ``LibraryError.of`` /
    ``_join`` in ``path``."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # _join passes its own template argument on (checked at its call sites)
    joiner = {
        id(n)
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef) and f.name == "_join"
        for n in ast.walk(f)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in joiner:
            continue
        func, pos = node.func, None
        if isinstance(func, ast.Attribute) and func.attr == "of":
            if isinstance(func.value, ast.Name) and func.value.id in (
                "Problem",
                "Text",
                "LibraryError",
            ):
                pos = 1 if func.value.id == "Problem" else 0
        elif isinstance(func, ast.Name) and func.id == "_join":
            pos = 1
        if pos is None:
            continue
        arg = node.args[pos] if len(node.args) > pos else None
        try:
            found.update(_literals(arg))
        except AssertionError:
            raise AssertionError(
                f"{path.name}:{node.lineno}: a template must be a string literal (or one of "
                "plural's) to be translatable"
            ) from None
    return found


def test_no_core_template_says_s_after_a_count() -> None:
    """A count in a core message is said in the singular or the plural, chosen in the
    core from the number (``plural``), each form translated whole, never "image(s)"
    ("(s)" stays only in "http(s)")."""
    plural_word = re.compile(r"[a-z]\(s\)")
    every = (*TEMPLATES, *ERROR_TEMPLATES, *TABLE_TEXT)
    used = set().union(*(templates_in(ROOT / s) for s in SOURCES))
    used |= set().union(*(error_templates_in(ROOT / s) for s in ERROR_SOURCES))
    wrong = [t for t in (*every, *used) if plural_word.search(t.replace("http(s)", ""))]
    assert wrong == []


@pytest.mark.parametrize(
    ("limit", "given", "english", "chinese"),
    [
        (
            1,
            2,
            "dall-e-2 takes at most 1 input image; you gave 2.",
            "dall-e-2 最多接受 1 张输入图像；你提供了 2 张。",
        ),
        (
            16,
            17,
            "gpt-image-1 takes at most 16 input images; you gave 17.",
            "gpt-image-1 最多接受 16 张输入图像；你提供了 17 张。",
        ),
    ],
)
def test_too_many_inputs_is_said_in_the_singular_or_plural(
    qapp: object, limit: int, given: int, english: str, chinese: str
) -> None:
    from studio.core.capabilities import builtin_capabilities
    from studio.core.request import ImageRequest, InputImage, Mode
    from studio.core.validation import validate
    from studio.ui.i18n import set_language
    from tests.sandbox.conftest import checker, png_bytes

    model, mode = ("dall-e-2", Mode.VARIATIONS) if limit == 1 else ("gpt-image-1", Mode.EDIT)
    one = InputImage("a.png", png_bytes(checker((64, 64))))
    request = ImageRequest(mode, model, "" if limit == 1 else "x", images=(one,) * given)
    (problem,) = [
        p for p in validate(request, builtin_capabilities().get(model)) if "most" in p.message
    ]
    assert problem.message == english
    assert set_language("zh_CN")
    try:
        assert problem_text(problem) == chinese
    finally:
        set_language("en")


def test_a_row_with_the_wrong_number_of_values_is_said_in_the_singular_or_plural(
    qapp: object,
) -> None:
    from studio.core.templates import TemplateError, expand_text
    from studio.ui.core_text import bad_row_text
    from studio.ui.i18n import set_language

    with pytest.raises(TemplateError) as info:
        expand_text("a {animal} in {style}", b"animal,style\ncat\ndog,oil,ink\nowl,ink\n")
    rows = {b.line: b for b in info.value.bad_rows}
    assert rows[2].reason == "has 1 value; the header has 2"
    assert rows[3].reason == "has 3 values; the header has 2"
    assert set_language("zh_CN")
    try:
        said = [bad_row_text(rows[2]), bad_row_text(rows[3])]
    finally:
        set_language("en")
    assert said == ["有 1 个值；表头有 2 列", "有 3 个值；表头有 2 列"]


@pytest.mark.parametrize(
    ("count", "english", "chinese"), [(1, "1 byte", "1 字节"), (3, "3 bytes", "3 字节")]
)
def test_a_byte_count_is_said_in_the_singular_or_plural(
    qapp: object, count: int, english: str, chinese: str
) -> None:
    from studio.core.wording import _fmt_bytes
    from studio.ui.core_text import phrase_text
    from studio.ui.i18n import set_language

    said = _fmt_bytes(count)
    assert isinstance(said, Text) and str(said) == english
    assert set_language("zh_CN")
    try:
        assert phrase_text(said) == chinese
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("partials", "words"), [(1, "(1 partial image had"), (2, "(2 partial images")]
)
def test_a_cut_stream_counts_its_partial_images_in_the_singular_or_plural(
    partials: int, words: str
) -> None:
    from studio.core.streaming import StreamReader

    reader = StreamReader()
    reader.partials = partials
    err = reader.cut_error()
    assert words in err.message and err.template in ERROR_TEMPLATES


def test_every_core_template_is_listed_for_translation() -> None:
    used = set().union(*(templates_in(ROOT / s) for s in SOURCES))
    assert len(used) > 50  # the scan really finds them
    assert used - set(TEMPLATES) == set(), "add these to studio/ui/core_text.py"
    assert set(TEMPLATES) - used == set(), "no longer used: remove from core_text.py"
    assert len(TEMPLATES) == len(set(TEMPLATES))


def test_every_core_problem_is_built_from_a_listed_template() -> None:
    """A Problem made from a finished sentence cannot be translated: the window would show
    it in English to a Chinese user. Every core module that makes problems is scanned."""
    untranslatable, unscanned = [], []
    for path in sorted((ROOT / "studio" / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "Problem":
                has_template = len(node.args) >= 3 or any(
                    k.arg == "template" for k in node.keywords
                )
                if not has_template:
                    untranslatable.append(f"{name}:{node.lineno}")
            elif (
                isinstance(func, ast.Attribute)
                and func.attr == "of"
                and isinstance(func.value, ast.Name)
                and func.value.id == "Problem"
                and name not in SOURCES
            ):
                unscanned.append(name)
    assert untranslatable == [], "use Problem.of with a literal template"
    assert sorted(set(unscanned)) == [], "add these to SOURCES"


def test_in_english_the_text_is_the_core_message(qapp: object) -> None:
    nested = Problem.of(
        "size",
        "{value} is not a {name} {model} accepts: {hint}.",
        value="7x7",
        name="size",
        model="gpt-image-1",
        hint=Text.of("{a}; {b}", a=Text.of("each side must be at least {n}", n=16), b="x"),
    )
    assert (
        nested.message == "7x7 is not a size gpt-image-1 accepts: each side must be at least 16; x."
    )
    assert problem_text(nested) == nested.message
    counted = Problem.of("prompt", "The prompt is {length:,} characters", length=12345)
    assert problem_text(counted) == "The prompt is 12,345 characters" == counted.message
    assert problem_text(Problem("model", "plain text")) == "plain text"


def test_a_template_that_cannot_be_filled_falls_back_to_the_message(qapp: object) -> None:
    broken = Problem("prompt", "The English sentence.", "{missing} here", {})
    assert problem_text(broken) == "The English sentence."


@pytest.mark.parametrize("template", TEMPLATES)
def test_templates_are_well_formed(template: str) -> None:
    assert template.strip() == template and template


#: the core modules whose StudioError sentences the window shows (errorparse builds its
#: templates from the status, so it is covered by replies below instead of a scan)
ERROR_SOURCES = (
    "studio/core/http.py",
    "studio/core/cancel.py",
    "studio/core/addresses.py",
    "studio/core/client.py",
    "studio/core/service.py",
    "studio/core/streaming.py",
    "studio/core/responses.py",
    "studio/core/svgsafe.py",
    "studio/core/remote_inputs.py",
    "studio/core/responses_client.py",
    "studio/core/responses_wire.py",
    "studio/core/turns.py",
    "studio/core/prompt_library/entry.py",
    "studio/core/prompt_library/store.py",
    "studio/core/prompt_library/exchange.py",
    "studio/core/batch.py",
    "studio/core/group_spend.py",
    "studio/core/group_inputs.py",
    "studio/core/history/reads.py",
)


def _literals(node: ast.expr | None) -> list[str]:
    """The strings a template argument can be: a literal, ``a if cond else b``, or
    ``plural(count, one, other)`` (studio.core.wording)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "plural":
        assert len(node.args) == 3, f"line {node.lineno}: plural(count, one, other)"
        return _literals(node.args[1]) + _literals(node.args[2])
    raise AssertionError(f"line {getattr(node, 'lineno', '?')}: a template must be a literal")


def error_templates_in(path: Path) -> set[str]:
    """Templates given to ``StudioError.of`` / ``protocol_error`` / ``Text.of`` in ``path``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func, pos = node.func, None
        if isinstance(func, ast.Attribute) and func.attr == "of":
            if isinstance(func.value, ast.Name) and func.value.id in ("StudioError", "Text"):
                pos = 1 if func.value.id == "StudioError" else 0
        elif isinstance(func, ast.Name) and func.id == "protocol_error":
            pos = 0
        if pos is not None:
            found.update(_literals(node.args[pos] if len(node.args) > pos else None))
    return found


def _templates_of(err: StudioError) -> set[str]:
    out = {err.template}
    out.update(v.template for v in err.values.values() if isinstance(v, Text))
    return out


def error_reply_templates() -> set[str]:
    """Every template parse_error and transport_error produce, replies of every kind."""
    found: set[str] = set()
    bodies = [
        b"",
        b"<html><title>502 Bad Gateway</title></html>",
        b"garbage \x00",
        b'{"error": {"message": "said so", "code": "x"}}',
        b'{"error": {"message": "no", "code": "moderation_blocked"}}',
        b'{"error": {"message": "no", "code": "insufficient_quota"}}',
    ]
    statuses = [200, 400, 401, 403, 404, 408, 413, 422, 429, 500, 501, *range(502, 505)]
    statuses += list(range(520, 525))
    for status in statuses:
        for body in bodies:
            found |= _templates_of(parse_error(status, body))
    request = httpx.Request("POST", "https://example.invalid/v1/images/generations")
    failures: list[Exception] = [
        httpx.ConnectTimeout("slow", request=request),
        httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] no", request=request),
        httpx.ConnectError("refused", request=request),
        httpx.PoolTimeout("busy", request=request),
        httpx.ReadTimeout("slow", request=request),
        httpx.WriteTimeout("slow", request=request),
        httpx.RemoteProtocolError("cut", request=request),
        httpx.DecodingError("odd", request=request),
    ]
    for exc in failures:
        found |= _templates_of(transport_error(exc))
    return found


def test_every_error_sentence_is_listed_for_translation() -> None:
    scanned = set().union(*(error_templates_in(ROOT / s) for s in ERROR_SOURCES))
    produced = error_reply_templates()
    assert len(scanned) > 25 and len(produced) > 40  # the scans really find them
    used = scanned | produced
    # a phrase already listed with the problem templates is translated the same way
    missing = used - set(ERROR_TEMPLATES) - set(TEMPLATES)
    assert missing == set(), "add these to studio/ui/core_text.py"
    used -= set(TEMPLATES) - set(ERROR_TEMPLATES)
    assert set(ERROR_TEMPLATES) - used == set(), "no longer used: remove from core_text.py"
    assert len(ERROR_TEMPLATES) == len(set(ERROR_TEMPLATES))


def test_every_builtin_constraint_message_is_listed_for_translation() -> None:
    messages = {c.message for caps in builtin_capabilities().models() for c in caps.constraints}
    assert messages and messages == set(TABLE_TEXT)


def test_an_error_in_english_is_its_message(qapp: object) -> None:
    err = parse_error(502, b"<html><title>Bad Gateway</title></html>")
    assert error_text(err) == err.message
    assert err.message.startswith(
        "A proxy in front of the provider answered HTTP 502 (bad gateway)"
    )
    said = parse_error(
        401, b'{"error": {"message": "wrong key sk-test-sentinel"}}', api_key="sk-test-sentinel"
    )
    assert "sk-test-sentinel" not in said.message and "sk-test-sentinel" not in str(said.values)
    assert error_text(StudioError(said.kind, "plain provider words")) == "plain provider words"


def test_a_provider_without_a_usable_address_is_said_in_chinese(
    qapp: object, studio_ctx: object
) -> None:
    """What Settings → Test showed in English to a Chinese user (a provider whose address
    is only "https:"): the job path's problem now reads in the interface language."""
    from dataclasses import replace

    from studio.core.providers import AuthStyle, custom_provider
    from studio.core.request import ImageRequest, Mode
    from studio.core.service import Studio
    from studio.ui.i18n import set_language

    assert isinstance(studio_ctx, Studio)
    provider = replace(custom_provider("https:"), name="我的服务商 1", auth=AuthStyle.NONE)
    outcome = studio_ctx.run_job(provider, ImageRequest(Mode.GENERATE, "gpt-image-2", "a fox"))
    assert outcome.error is not None and outcome.error.problems
    problem = outcome.error.problems[0]
    assert problem.message == "我的服务商 1 has no usable address ('https:')."
    assert set_language("zh_CN")
    try:
        assert problem_text(problem) == "我的服务商 1 没有可用的地址（'https:'）。"
    finally:
        set_language("en")
