"""File names for saved and exported images, from a pattern the user sets.

A name is built from fields (``{date}_{job}_{prompt-slug}.{ext}`` by default) and
then made safe on Windows, macOS and Linux: no forbidden or control characters, no
reserved device names (``CON``, ``NUL``, ``COM1``…), no trailing dots or spaces, and
at most :data:`MAX_NAME_BYTES` bytes in UTF-8 (the tightest common file system
limit is 255 bytes). The slug keeps letters and digits of every script, so a
Chinese prompt gives a Chinese name.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from studio.core.name_pattern import _FIELD
from studio.core.name_pattern import DEFAULT_PATTERN as DEFAULT_PATTERN  # re-exported
from studio.core.name_pattern import FIELDS as FIELDS
from studio.core.name_pattern import MAX_PATTERN_CHARS as MAX_PATTERN_CHARS
from studio.core.name_pattern import check_pattern as check_pattern

MAX_NAME_BYTES = 200  # leaves room for a "-2" and a temp-file prefix under 255
MAX_SLUG_BYTES = 60
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(10)}
    | {f"LPT{i}" for i in range(10)}
    | {"COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
)


@dataclass(frozen=True)
class NameFields:
    """What a file name can be made of."""

    created_at: float
    job_id: int | None
    prompt: str
    ext: str
    index: int = 1
    count: int = 1
    model: str = ""
    provider: str = ""
    seed: object = None


def slugify(text: str, max_bytes: int = MAX_SLUG_BYTES) -> str:
    """The first words of ``text`` as a file-name part: letters and digits of any
    script joined by ``-``, lower case, at most ``max_bytes`` bytes of UTF-8."""
    text = unicodedata.normalize("NFKC", text)
    parts: list[str] = []
    word: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or cat == "Mn" or cat == "Mc":
            word.append(ch.lower())
        elif word:
            parts.append("".join(word))
            word = []
    if word:
        parts.append("".join(word))
    slug = "-".join(parts)
    return _cut_bytes(slug, max_bytes).strip("-")


def render_name(pattern: str, fields: NameFields) -> str:
    """The safe file name ``pattern`` gives for ``fields`` (the default pattern if it
    is unusable). Several images of one job get ``-01``, ``-02``… unless the pattern
    has ``{n}``."""
    if check_pattern(pattern) is not None:
        pattern = DEFAULT_PATTERN
    ext = fields.ext.lower().lstrip(".") or "png"
    if "{ext}" not in pattern:
        pattern += ".{ext}"
    if fields.count > 1 and "{n}" not in pattern:
        pattern = pattern.replace(".{ext}", "-{n}.{ext}") if ".{ext}" in pattern else pattern
    stamp = time.localtime(fields.created_at)
    values = {
        "date": time.strftime("%Y-%m-%d", stamp),
        "time": time.strftime("%H%M%S", stamp),
        "job": "" if fields.job_id is None else str(fields.job_id),
        "n": f"{fields.index:02d}",
        "prompt-slug": slugify(fields.prompt) or "image",
        "model": fields.model,
        "provider": fields.provider,
        "seed": "" if fields.seed is None else str(fields.seed),
        "ext": ext,
    }
    name = _FIELD.sub(lambda m: values[m.group(1)], pattern)
    return safe_name(name, ext)


def safe_name(name: str, ext: str = "") -> str:
    """``name`` made valid on Windows, macOS and Linux, keeping the ``.ext`` ending."""
    suffix = f".{ext}" if ext and name.lower().endswith(f".{ext.lower()}") else ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    stem = unicodedata.normalize("NFC", _FORBIDDEN.sub("-", stem))
    stem = re.sub(r"-{2,}", "-", stem).strip(" .-_")
    stem = _cut_bytes(stem, MAX_NAME_BYTES - len(suffix.encode())).rstrip(" .")
    if not stem:
        stem = "image"
    if stem.split(".")[0].upper().rstrip(" ") in _RESERVED:
        stem = "_" + stem
    return stem + suffix


def preview(pattern: str) -> str:
    """What ``pattern`` gives for an example job (for the setting's live preview)."""
    example = NameFields(
        created_at=time.mktime((2026, 11, 30, 19, 30, 5, 0, 0, -1)),
        job_id=42,
        prompt="A red fox in the snow, watercolour",
        ext="png",
        model="gpt-image-2.6-sunburst",
        provider="openai",
    )
    return render_name(pattern, example)


def unique_path(folder: Path, name: str) -> Path:
    """``folder / name``, or ``name-2``, ``name-3``… when that file exists."""
    target = folder / name
    if not target.exists():
        return target
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    for i in range(2, 10_000):
        candidate = folder / (f"{stem}-{i}.{ext}" if ext else f"{stem}-{i}")
        if not candidate.exists():
            return candidate
    return folder / f"{stem}-{time.time_ns()}.{ext}"


def _cut_bytes(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", errors="ignore")
