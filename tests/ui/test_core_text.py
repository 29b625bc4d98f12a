"""The core's problem templates: all listed for translation, filled in correctly."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from studio.core.errors import Problem, Text
from studio.ui.core_text import TEMPLATES, problem_text

ROOT = Path(__file__).resolve().parents[2]
#: the core modules whose problems the window shows
SOURCES = (
    "studio/core/validation.py",
    "studio/core/validation_inputs.py",
    "studio/core/wording.py",
    "studio/core/service.py",
)


def templates_in(path: Path) -> set[str]:
    """Literal templates given to ``Problem.of`` / ``Text.of`` / ``_join`` in ``path``."""
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
            if isinstance(func.value, ast.Name) and func.value.id in ("Problem", "Text"):
                pos = 1 if func.value.id == "Problem" else 0
        elif isinstance(func, ast.Name) and func.id == "_join":
            pos = 1
        if pos is None:
            continue
        arg = node.args[pos] if len(node.args) > pos else None
        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
            f"{path.name}:{node.lineno}: a template must be a string literal to be translatable"
        )
        found.add(arg.value)
    return found


def test_every_core_template_is_listed_for_translation() -> None:
    used = set().union(*(templates_in(ROOT / s) for s in SOURCES))
    assert len(used) > 50  # the scan really finds them
    assert used - set(TEMPLATES) == set(), "add these to studio/ui/core_text.py"
    assert set(TEMPLATES) - used == set(), "no longer used: remove from core_text.py"
    assert len(TEMPLATES) == len(set(TEMPLATES))


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
