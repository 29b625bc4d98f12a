"""The CLI's words in the user's language, without Qt.

The language is chosen as the window chooses it (:mod:`studio.ui.i18n`):
``$IMAGE_STUDIO_LANG``, else the Settings' language, else the system locale. The
translations come from ``studio/resources/translations/cli_zh_CN.json``, which
``packaging/i18n_build.py`` writes from the finished ``studio_zh_CN.ts``: the ``cli``
context (this module's callers) and the ``core`` context (the core's problem
templates, as the window shows them). It is read once, and only for a language other
than English.

Call sites write ``translate("cli", "literal text")`` (then ``.format(...)``):
``pyside6-lupdate`` extracts that call into the ``cli`` context as it does
``QCoreApplication.translate``; a bare ``tr("...")`` outside a class would land in no
context at all. ``--json`` output is never translated: scripts parse it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.core.errors import Problem, StudioError, Text
    from studio.core.phrasing import Phrasing

LANG_ENV = "IMAGE_STUDIO_LANG"
LANGUAGES = ("en", "zh_CN")
CORE = "core"

_state: dict[str, str] = {"language": "en"}
_catalogue: dict[str, dict[str, str]] = {}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for ``pyside6-lupdate`` in ``context``; translated later."""
    return text


def normalise(code: str) -> str:
    """``zh-CN``/``zh_Hans``/``zh`` -> ``zh_CN``; anything else we lack -> ``en``."""
    c = code.replace("-", "_").split(".")[0]
    if c.lower().startswith("zh"):
        return "zh_CN"
    return c if c in LANGUAGES else "en"


def _setting(home: str | None) -> str | None:
    """The ``language`` saved in Settings (None: none saved, or unreadable)."""
    from studio.core.paths import resolve_paths

    try:
        path = resolve_paths(home).settings_file
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("language") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _system_locale() -> str:
    """The system's language as Qt's ``QLocale.system()`` reads it on Unix (LC_ALL, else
    LC_MESSAGES, else LANG; the first of LANGUAGE over those unless they say C/POSIX),
    else Python's view of the platform's locale (Windows, macOS)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:
            preferred = os.environ.get("LANGUAGE", "").split(":")[0].strip()
            return preferred if preferred and value not in ("C", "POSIX") else value
    import locale

    try:
        return locale.getlocale()[0] or "en"
    except ValueError:
        return "en"


def choose_language(home: str | None = None) -> str:
    """``$IMAGE_STUDIO_LANG``, else the setting of the studio in ``home``, else the system."""
    env = os.environ.get(LANG_ENV, "").strip()
    if env:
        return normalise(env)
    setting = _setting(home)
    if setting and setting != "system":
        return normalise(setting)
    return normalise(_system_locale())


def set_language(code: str) -> None:
    _state["language"] = normalise(code)
    if _state["language"] != "en":
        _argparse_in_language()


#: argparse's own words a person meets in help and in refused command lines (Python's
#: gettext has no catalogue for them); a wording a Python version changed stays English
_ARGPARSE = frozenset(
    (
        QT_TRANSLATE_NOOP("cli", "usage: "),
        QT_TRANSLATE_NOOP("cli", "options"),
        QT_TRANSLATE_NOOP("cli", "positional arguments"),
        QT_TRANSLATE_NOOP("cli", "show this help message and exit"),
        QT_TRANSLATE_NOOP("cli", "the following arguments are required: %s"),
        QT_TRANSLATE_NOOP("cli", "unrecognized arguments: %s"),
        QT_TRANSLATE_NOOP("cli", "invalid choice: %(value)r (choose from %(choices)s)"),
        QT_TRANSLATE_NOOP("cli", "argument %(argument_name)s: %(message)s"),
        QT_TRANSLATE_NOOP("cli", "expected one argument"),
        QT_TRANSLATE_NOOP("cli", "expected at least one argument"),
        QT_TRANSLATE_NOOP("cli", "invalid %(type)s value: %(value)r"),
        QT_TRANSLATE_NOOP("cli", "not allowed with argument %s"),
        QT_TRANSLATE_NOOP("cli", "one of the arguments %s is required"),
        QT_TRANSLATE_NOOP("cli", "ambiguous option: %(option)s could match %(matches)s"),
    )
)


def _argparse_in_language() -> None:
    """argparse looks its words up through its module's ``_`` (gettext) at the moment it
    writes them: in this process, the CLI's, that lookup goes through the catalogue."""
    import argparse
    from gettext import gettext

    def words(text: str) -> str:
        return translate("cli", text) if text in _ARGPARSE else gettext(text)

    argparse._ = words  # type: ignore[attr-defined]


def current_language() -> str:
    return _state["language"]


def catalogue_path(language: str) -> Path:
    from studio.core.resources import resource

    return Path(str(resource("translations"))) / f"cli_{language}.json"


def _load(language: str) -> dict[str, dict[str, str]]:
    if not _catalogue:
        try:
            data = json.loads(catalogue_path(language).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        _catalogue.update(data if isinstance(data, dict) else {})
        _catalogue.setdefault(CORE, {})
    return _catalogue


def translate(context: str, text: str) -> str:
    """``text`` of ``context`` in the current language (itself in English, or untranslated)."""
    language = _state["language"]
    if language == "en":
        return text
    return _load(language).get(context, {}).get(text) or text


def _said() -> Phrasing:
    """The core's sentences in the CLI's language (its own catalogue's ``core`` context)."""
    from studio.core.phrasing import Phrasing

    return Phrasing(lambda template: translate(CORE, template))


def phrase(text: Text) -> str:
    """A core phrase in the current language (English when its translation is broken)."""
    return _said().phrase(text)


def problem_message(problem: Problem) -> str:
    """A validation problem's sentence in the current language."""
    return _said().problem(problem)


def error_message(err: StudioError) -> str:
    """The studio's own sentence in ``err`` translated (the provider's words as they are);
    a validation error's problems each translated, as the window lists them."""
    if err.template:
        return _said().error(err)
    if err.problems and err.message == "; ".join(str(p) for p in err.problems):
        return "; ".join(f"{p.field}: {problem_message(p)}" for p in err.problems)
    if err.message == "Cancelled.":
        return translate("cli", "Cancelled.")
    return err.message


#: a job's, turn's, group's or member's state as the CLI prints it
_STATUSES = {
    "running": QT_TRANSLATE_NOOP("cli", "running"),
    "succeeded": QT_TRANSLATE_NOOP("cli", "succeeded"),
    "failed": QT_TRANSLATE_NOOP("cli", "failed"),
    "cancelled": QT_TRANSLATE_NOOP("cli", "cancelled"),
    "interrupted": QT_TRANSLATE_NOOP("cli", "interrupted"),
    "queued": QT_TRANSLATE_NOOP("cli", "queued"),
    "sending": QT_TRANSLATE_NOOP("cli", "sending"),
    "refused": QT_TRANSLATE_NOOP("cli", "refused"),
    "skipped": QT_TRANSLATE_NOOP("cli", "skipped"),
    "paused": QT_TRANSLATE_NOOP("cli", "paused"),
    "finished": QT_TRANSLATE_NOOP("cli", "finished"),
    "capped": QT_TRANSLATE_NOOP("cli", "capped"),
}


def status_word(status: str) -> str:
    """A stored status in words (an unknown one as it is)."""
    known = _STATUSES.get(status)
    return translate("cli", known) if known else status


def stored_message(error: Mapping[str, object] | None) -> str:
    """A stored failure's sentence (a job's, a group member's): translated from the
    phrase it kept, or when it is one of the core's fixed sentences; the provider's
    words as they are."""
    if not error:
        return ""
    message = str(error.get("message", ""))
    said = _said().stored(message, error.get("text"))
    if said is not None:
        return said
    return message if "{" in message else translate(CORE, message)


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns (a Chinese character takes two)."""
    if text.isascii():
        return text.ljust(width)
    import unicodedata

    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)
