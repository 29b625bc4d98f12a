"""Problems may carry a template and its arguments; the English message is unchanged."""

from __future__ import annotations

from studio.core.errors import Problem, StudioError, Text


def test_problem_of_fills_the_message_and_keeps_the_template() -> None:
    p = Problem.of("n", "n must be between 1 and {most} for {model}.", most=10, model="dall-e-2")
    assert p.message == "n must be between 1 and 10 for dall-e-2."
    assert p.template == "n must be between 1 and {most} for {model}."
    assert dict(p.args) == {"most": 10, "model": "dall-e-2"}
    assert str(p) == "n: n must be between 1 and 10 for dall-e-2."


def test_plain_problems_still_work_and_compare_by_field_and_message() -> None:
    plain = Problem("n", "n must be between 1 and 10 for dall-e-2.")
    assert plain.template == "" and dict(plain.args) == {}
    templated = Problem.of("n", "n must be between 1 and {most} for dall-e-2.", most=10)
    assert plain == templated and hash(plain) == hash(templated)
    assert len({plain, templated}) == 1
    err = StudioError.validation([templated])
    assert err.message == "n: n must be between 1 and 10 for dall-e-2."


def test_text_phrases_read_as_english_inside_a_message() -> None:
    either = Text.of("{a} or {b}", a="edit", b="generate")
    assert str(either) == "edit or generate"
    p = Problem.of("mode", "only for {where}.", where=either)
    assert p.message == "only for edit or generate."
    assert either == Text.of("{a} or {b}", a="edit", b="generate")
    assert either != Text.of("{a} or {b}", a="edit", b="variations")
