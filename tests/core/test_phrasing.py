"""Core sentences said in a language: the window and the CLI fill them the same way."""

from __future__ import annotations

from studio.core.errors import ErrorKind, Problem, StudioError, Text
from studio.core.phrasing import Phrasing

CATALOGUE = {
    "{name} is {size}.": "{name} 是 {size}。",
    "just over {size}": "略超过 {size}",
    "Cannot read {file}: {reason}.": "无法读取 {file}：{lost}。",  # a renamed placeholder
}
SAID = Phrasing(lambda template: CATALOGUE.get(template, template))


def test_a_template_and_the_phrases_among_its_values_are_translated() -> None:
    problem = Problem.of(
        "image", "{name} is {size}.", name="a.png", size=Text.of("just over {size}", size="4 MB")
    )
    assert SAID.problem(problem) == "a.png 是 略超过 4 MB。"


def test_a_broken_translation_says_the_english() -> None:
    err = StudioError.of(ErrorKind.NETWORK, "Cannot read {file}: {reason}.", file="a", reason="b")
    assert SAID.error(err) == "Cannot read a: b."
    assert SAID.kept("Cannot read a: b.", Text(err.template, dict(err.values))) == err.message


def test_the_providers_words_and_stored_phrases() -> None:
    assert SAID.error(StudioError(ErrorKind.PROVIDER, "Blocked.", status=400)) == "Blocked."
    assert SAID.kept("Blocked.", None) == "Blocked."
    stored = {"template": "{name} is {size}.", "args": {"name": "b.png", "size": "9 MB"}}
    assert SAID.stored("b.png is 9 MB.", stored) == "b.png 是 9 MB。"
    assert SAID.stored("old words", None) is None  # kept no phrase: the caller decides
    assert SAID.stored("damaged", {"template": "{x}", "args": "ab"}) == "damaged"
    assert SAID.stored("damaged", {"template": "{x}", "args": {"y": 1}}) == "damaged"
