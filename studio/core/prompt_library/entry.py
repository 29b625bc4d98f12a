"""One prompt of the library, its limits, and how its fields are made tidy."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from studio.core.errors import Problem
from studio.core.templates import PROMPT_CEILING, variables_in

#: the longest prompt the library keeps (the longest any model takes)
MAX_TEXT = PROMPT_CEILING
MAX_TITLE = 200
MAX_TAG = 40
MAX_TAGS = 20
#: the tag that puts a saved prompt in the composer's Snippets menu
SNIPPET_TAG = "snippet"

_SPACES = re.compile(r"\s+")


class LibraryError(Exception):
    """The library refused something; ``problem`` says what in words (translatable)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem

    @classmethod
    def of(cls, template: str, **args: object) -> LibraryError:
        return cls(Problem("prompts", template.format(**args), template, args))


@dataclass(frozen=True)
class Entry:
    """A prompt: saved ones are the library; unsaved ones are only recent prompts."""

    id: int
    text: str
    title: str = ""
    tags: tuple[str, ...] = ()
    #: in the library (False: only remembered as a recent prompt)
    saved: bool = True
    created_at: float = 0.0
    used_at: float | None = None
    uses: int = 0
    variables: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.variables:
            object.__setattr__(self, "variables", variables_in(self.text))

    @property
    def label(self) -> str:
        """The title, or the prompt's first line when it has none."""
        if self.title:
            return self.title
        first = self.text.strip().splitlines()[0] if self.text.strip() else ""
        return first if len(first) <= 80 else first[:79] + "…"

    @property
    def is_snippet(self) -> bool:
        return any(t.casefold() == SNIPPET_TAG for t in self.tags)


def clean_text(text: str) -> str:
    """The prompt as stored: stripped; refused when empty or too long."""
    text = text.strip()
    if not text:
        raise LibraryError.of("the prompt is empty")
    if len(text) > MAX_TEXT:
        raise LibraryError.of(
            "the prompt has {count:,} characters; at most {limit:,}",
            count=len(text),
            limit=MAX_TEXT,
        )
    return text


def clean_title(title: str) -> str:
    title = _SPACES.sub(" ", title).strip()
    if len(title) > MAX_TITLE:
        raise LibraryError.of("the title is longer than {limit} characters", limit=MAX_TITLE)
    return title


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, without commas (they separate tags where people type them), without
    duplicates (ignoring case), the first spelling kept."""
    out: dict[str, str] = {}
    for raw in tags:
        tag = _SPACES.sub(" ", raw.replace(",", " ")).strip().lstrip("#")
        if not tag:
            continue
        if len(tag) > MAX_TAG:
            raise LibraryError.of(
                "the tag {tag} is longer than {limit} characters", tag=tag[:MAX_TAG], limit=MAX_TAG
            )
        out.setdefault(tag.casefold(), tag)
    if len(out) > MAX_TAGS:
        raise LibraryError.of("a prompt has at most {limit} tags", limit=MAX_TAGS)
    return tuple(out.values())


def split_tags(text: str) -> tuple[str, ...]:
    """Tags typed as one line: ``portrait, film, #bw``."""
    return clean_tags(text.split(","))
