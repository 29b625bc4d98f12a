"""The prompt library as a JSON file: export, and import of files from anywhere.

The format is versioned::

    {"format": "image-studio-prompts", "version": 1, "exported_at": "2026-11-30T22:00:00Z",
     "prompts": [{"text": "a {animal} in {style}", "title": "Animals", "tags": ["style"],
                  "created": "2026-11-01T10:00:00Z", "used": null, "uses": 0}]}

An imported file is hostile until checked: it is read no further than
``MAX_IMPORT_BYTES``, must be UTF-8 JSON of this shape, holds at most
``MAX_IMPORT_ENTRIES`` prompts; a prompt with a wrong field is skipped and named
(the rest come in), and a prompt the library already has (same text, also twice in
one file) is merged into it, never duplicated. All of one file comes in in one
transaction.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from studio.core.atomic import write_text_atomic
from studio.core.errors import Problem, Text
from studio.core.prompt_library.entry import (
    Entry,
    LibraryError,
    clean_tags,
    clean_text,
    clean_title,
)
from studio.core.prompt_library.store import Incoming, PromptLibrary

FORMAT = "image-studio-prompts"
EXCHANGE_VERSION = 1
MAX_IMPORT_BYTES = 4 * 1024 * 1024
MAX_IMPORT_ENTRIES = 100_000
MAX_USES = 10**9
#: how many skipped prompts a report names (the rest are counted)
LISTED_SKIPPED = 20


@dataclass
class ImportReport:
    added: int = 0
    merged: int = 0
    #: the first LISTED_SKIPPED prompts that were skipped, and why
    skipped: list[Problem] = field(default_factory=list)
    skipped_count: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "merged": self.merged,
            "skipped": self.skipped_count,
            "skipped_reasons": [p.message for p in self.skipped],
        }


def iso_time(when: float | None) -> str | None:
    if when is None:
        return None
    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def export_document(entries: Iterable[Entry], *, now: float | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": EXCHANGE_VERSION,
        "exported_at": iso_time(datetime.now(UTC).timestamp() if now is None else now),
        "prompts": [
            {
                "text": e.text,
                "title": e.title,
                "tags": list(e.tags),
                "created": iso_time(e.created_at),
                "used": iso_time(e.used_at),
                "uses": e.uses,
            }
            for e in entries
        ],
    }


def export_text(entries: Iterable[Entry]) -> str:
    return json.dumps(export_document(entries), ensure_ascii=False, indent=1) + "\n"


def export_file(library: PromptLibrary, path: Path, query: str = "") -> int:
    """Write the saved prompts matching ``query`` (all by default) to ``path`` atomically;
    how many were written."""
    entries = library.search(query)
    try:
        write_text_atomic(path, export_text(entries), public=True)
    except OSError as exc:
        raise LibraryError.of(
            "cannot write {file}: {reason}", file=str(path), reason=exc.strerror or str(exc)
        ) from exc
    return len(entries)


def too_big_to_import(path: Path) -> bool:
    """Whether an exported file is over what one import takes (then move it in parts)."""
    try:
        return path.stat().st_size > MAX_IMPORT_BYTES
    except OSError:
        return False


def read_import_file(path: Path) -> bytes:
    """``path``'s bytes, read no further than the limit (refused when over it)."""
    from studio.core.regular import open_regular

    try:
        with open_regular(path) as fh:  # a named pipe would block the open for good
            data = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise LibraryError.of(
            "cannot read {file}: {reason}", file=str(path), reason=exc.strerror or str(exc)
        ) from exc
    if len(data) > MAX_IMPORT_BYTES:
        raise LibraryError.of(
            "{file} is larger than {limit} MB: too large for a prompt library file",
            file=str(path),
            limit=MAX_IMPORT_BYTES // (1024 * 1024),
        )
    return data


def _document(data: bytes) -> list[Any]:
    """The ``prompts`` list of a file's bytes, or a LibraryError saying what is wrong."""
    if len(data) > MAX_IMPORT_BYTES:
        raise LibraryError.of(
            "the file is larger than {limit} MB: too large for a prompt library file",
            limit=MAX_IMPORT_BYTES // (1024 * 1024),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LibraryError.of(
            "the file is not UTF-8 text (byte {offset:,})", offset=exc.start + 1
        ) from None
    try:
        doc = json.loads(text)
    except RecursionError:
        raise LibraryError.of("the file is nested too deeply to be a prompt library") from None
    except ValueError as exc:  # JSONDecodeError, or a number too long to read
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise LibraryError.of("the file is not JSON: {reason}", reason=reason) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise LibraryError.of("the file is not an Image Studio prompt library")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LibraryError.of("the file's format version is missing or not a whole number")
    if version > EXCHANGE_VERSION:
        raise LibraryError.of(
            "the file was made by a newer version of Image Studio (format version {version})",
            version=version,
        )
    prompts = doc.get("prompts")
    if not isinstance(prompts, list):
        raise LibraryError.of("the file's prompts are not a list")
    if len(prompts) > MAX_IMPORT_ENTRIES:
        raise LibraryError.of(
            "the file holds {count:,} prompts; at most {limit:,} can be imported at once",
            count=len(prompts),
            limit=MAX_IMPORT_ENTRIES,
        )
    return prompts


def _unicode(value: str) -> bool:
    """False for text JSON can carry but no file or database can (lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _when(item: dict[str, Any], name: str) -> float | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, str) and len(value) <= 40:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed.timestamp()
    if name == "created":
        raise LibraryError.of("its creation time is not a date and time")
    raise LibraryError.of("its last use is not a date and time")


def _incoming(item: Any) -> Incoming:
    """One checked prompt of a file (LibraryError naming the first thing wrong)."""
    if not isinstance(item, dict):
        raise LibraryError.of("it is not an object")
    text, title, tags = item.get("text"), item.get("title", ""), item.get("tags", [])
    if not isinstance(text, str):
        raise LibraryError.of("its text is missing or not text")
    if title is None:
        title = ""
    if not isinstance(title, str):
        raise LibraryError.of("its title is not text")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise LibraryError.of("its tags are not a list of text")
    if not all(_unicode(s) for s in (text, title, *tags)):
        raise LibraryError.of("it holds text that is not valid Unicode")
    uses = item.get("uses", 0)
    if (
        isinstance(uses, bool)
        or not isinstance(uses, int | float)
        or not math.isfinite(uses)
        or uses != int(uses)
        or not 0 <= uses <= MAX_USES
    ):
        raise LibraryError.of(
            "its use count is not a whole number from 0 to {limit:,}", limit=MAX_USES
        )
    return Incoming(
        clean_text(text),
        clean_title(title),
        clean_tags(tags),
        _when(item, "created"),
        _when(item, "used"),
        int(uses),
    )


def parse_import(data: bytes) -> tuple[list[Incoming], list[Problem], int]:
    """The good prompts of a file, the first skipped ones with why, and how many were
    skipped in all. Raises LibraryError when the file as a whole cannot be read."""
    good: list[Incoming] = []
    skipped: list[Problem] = []
    count = 0
    for number, item in enumerate(_document(data), start=1):
        try:
            good.append(_incoming(item))
        except LibraryError as exc:
            count += 1
            if len(skipped) < LISTED_SKIPPED:
                reason = Text(exc.problem.template or exc.problem.message, exc.problem.args)
                skipped.append(
                    Problem.of("prompts", "prompt {n}: {reason}", n=number, reason=reason)
                )
    return good, skipped, count


def import_bytes(library: PromptLibrary, data: bytes) -> ImportReport:
    good, skipped, count = parse_import(data)
    added, merged = library.merge_many(good)
    return ImportReport(added, merged, skipped, count)


def import_file(library: PromptLibrary, path: Path) -> ImportReport:
    return import_bytes(library, read_import_file(path))
