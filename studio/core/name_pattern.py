"""The file name pattern a user sets: its fields, its default and its check.

Apart from :mod:`studio.core.filenames` (which builds the names) so that loading the
settings, which checks a saved pattern, does not load the name builder.
"""

from __future__ import annotations

import re

from studio.core.errors import Problem

DEFAULT_PATTERN = "{date}_{job}_{prompt-slug}.{ext}"
#: what a field stands for (shown next to the pattern setting)
FIELDS: dict[str, str] = {
    "date": "the day the job ran, 2026-11-30",
    "time": "the time it ran, 193005",
    "job": "the job's number in the history",
    "n": "the image's number within the job, 01",
    "prompt-slug": "the prompt's first words",
    "model": "the model",
    "provider": "the provider",
    "seed": "the seed, when there is one",
    "ext": "the file extension (png, jpeg, webp, gif, svg)",
}
MAX_PATTERN_CHARS = 200
_FIELD = re.compile(r"\{([^{}]*)\}")


def check_pattern(pattern: str) -> Problem | None:
    """Why ``pattern`` cannot be used, or None when it can."""
    if not pattern.strip():
        return Problem.of("file_pattern", "The file name pattern is empty.")
    if len(pattern) > MAX_PATTERN_CHARS:
        return Problem.of(
            "file_pattern",
            "The file name pattern is longer than {limit} characters.",
            limit=MAX_PATTERN_CHARS,
        )
    if "/" in pattern or "\\" in pattern:
        return Problem.of("file_pattern", "A file name pattern cannot contain a slash.")
    unknown = [f for f in _FIELD.findall(pattern) if f not in FIELDS]
    if unknown:
        return Problem.of(
            "file_pattern",
            "{field} is not a field; the fields are: {fields}.",
            field="{" + unknown[0] + "}",
            fields=", ".join("{" + f + "}" for f in FIELDS),
        )
    if _FIELD.sub("", pattern).count("{") or _FIELD.sub("", pattern).count("}"):
        return Problem.of("file_pattern", "A brace in the file name pattern is not closed.")
    return None
