"""The studio's own sentences said in a language, given how to translate a template.

The core builds each message from an English template and its values (``Problem.of``,
``StudioError.of``, ``Text.of``); a front end translates the template (and every
:class:`~studio.core.errors.Text` phrase among the values) and then fills it in. The
window looks templates up in Qt's catalogue, the command line in its own JSON one:
both fill them here, so a broken translation falls back to the English the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from studio.core.errors import Problem, StudioError, Text, phrase_from_json

#: what a translation that cannot be filled raises (a placeholder it renamed or lost)
_BROKEN = (KeyError, IndexError, ValueError)


class Phrasing:
    """Core messages in the language ``lookup`` translates templates into."""

    def __init__(self, lookup: Callable[[str], str]) -> None:
        self._lookup = lookup

    def fill(self, template: str, args: Mapping[str, object]) -> str:
        """``template`` translated and filled in (raises on a broken translation)."""
        values = {k: self.phrase(v) if isinstance(v, Text) else v for k, v in args.items()}
        return self._lookup(template).format(**values)

    def phrase(self, text: Text) -> str:
        """A phrase in the language (its English when the translation is broken)."""
        try:
            return self.fill(text.template, text.args)
        except _BROKEN:
            return str(text)

    def problem(self, problem: Problem) -> str:
        """A validation problem's sentence (its English message as the fallback)."""
        if not problem.template:
            return problem.message
        try:
            return self.fill(problem.template, problem.args)
        except _BROKEN:
            return problem.message

    def error(self, err: StudioError) -> str:
        """The studio's own sentence in ``err``; the provider's words stay as they are."""
        if not err.template:
            return err.message
        try:
            return self.fill(err.template, err.values)
        except _BROKEN:
            return err.message

    def kept(self, message: str, text: Text | None) -> str:
        """A stored failure: the phrase it kept (None: only its English ``message``), read
        back as untrusted; a phrase that cannot be said gives the English message."""
        if text is None:
            return message
        try:
            return self.fill(text.template, text.args)
        except (*_BROKEN, TypeError):
            return message

    def stored(self, message: str, data: object) -> str | None:
        """A stored failure whose phrase is JSON (``data``): said in the language, or None
        when it kept none (a front end may still know the English sentence)."""
        if not isinstance(data, dict):
            return None
        try:
            text = phrase_from_json(data)
        except (TypeError, ValueError):
            return message
        return self.kept(message, text)
