"""The prompt library's core sentences, listed for translation (see ``core_text``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# studio/core/prompt_library/entry.py, store.py, exchange.py
LIBRARY_MARKED: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("core", "a prompt has at most {limit} tags"),
    QT_TRANSLATE_NOOP("core", "the prompt has {count:,} characters; at most {limit:,}"),
    QT_TRANSLATE_NOOP("core", "the prompt is empty"),
    QT_TRANSLATE_NOOP("core", "the tag {tag} is longer than {limit} characters"),
    QT_TRANSLATE_NOOP("core", "the title is longer than {limit} characters"),
    QT_TRANSLATE_NOOP("core", "another saved prompt already has this text"),
    QT_TRANSLATE_NOOP("core", "this prompt is no longer in the library"),
    QT_TRANSLATE_NOOP(
        "core",
        "the prompt library is busy: another Image Studio is writing to it; try again in a moment",
    ),
    QT_TRANSLATE_NOOP("core", "{file} was written by a newer version of Image Studio"),
    QT_TRANSLATE_NOOP("core", "cannot read {file}: {reason}"),
    QT_TRANSLATE_NOOP("core", "cannot write {file}: {reason}"),
    QT_TRANSLATE_NOOP("core", "it holds text that is not valid Unicode"),
    QT_TRANSLATE_NOOP("core", "it is not an object"),
    QT_TRANSLATE_NOOP("core", "its tags are not a list of text"),
    QT_TRANSLATE_NOOP("core", "its text is missing or not text"),
    QT_TRANSLATE_NOOP("core", "its title is not text"),
    QT_TRANSLATE_NOOP("core", "its use count is not a whole number from 0 to {limit:,}"),
    QT_TRANSLATE_NOOP("core", "its creation time is not a date and time"),
    QT_TRANSLATE_NOOP("core", "its last use is not a date and time"),
    QT_TRANSLATE_NOOP("core", "prompt {n}: {reason}"),
    QT_TRANSLATE_NOOP(
        "core", "the file holds {count:,} prompts; at most {limit:,} can be imported at once"
    ),
    QT_TRANSLATE_NOOP(
        "core", "the file is larger than {limit} MB: too large for a prompt library file"
    ),
    QT_TRANSLATE_NOOP(
        "core", "{file} is larger than {limit} MB: too large for a prompt library file"
    ),
    QT_TRANSLATE_NOOP("core", "the file is nested too deeply to be a prompt library"),
    QT_TRANSLATE_NOOP("core", "the file is not JSON: {reason}"),
    QT_TRANSLATE_NOOP("core", "the file is not UTF-8 text (byte {offset:,})"),
    QT_TRANSLATE_NOOP("core", "the file is not an Image Studio prompt library"),
    QT_TRANSLATE_NOOP(
        "core",
        "the file was made by a newer version of Image Studio (format version {version})",
    ),
    QT_TRANSLATE_NOOP("core", "the file's format version is missing or not a whole number"),
    QT_TRANSLATE_NOOP("core", "the file's prompts are not a list"),
)
