"""What a comparison of edits edits: its input images, mask and markup, kept with the group.

A comparison in Edit mode sends the same pictures to every target. They are written
once, when the group is made, to a folder of their own under the data folder
(``group-inputs/<token>/``), and the group's spec names them; so a member sent later
(a resume after a restart, a retry from its cell) edits exactly what the first ones
did. When a group is deleted for good (every job of it deleted, and no undo can bring
one back), its folder goes with it, unless another group still names it; a start-up
sweep (:func:`sweep_orphans`, on a worker thread) removes folders no group names.

The annotations the markup was drawn from and the expansion of the first picture are
kept there too (as JSON), so each member's job keeps them in the history as a single
edit's does, and "Reuse settings" on a member brings them back.

The spec is read back as untrusted data: the folder must be a token this module makes
and each file a plain name inside it, so a changed database cannot make a member read
or send a file from anywhere else; the JSON files are read bounded and a damaged one
fails every member (nothing is sent).
"""

from __future__ import annotations

import os
import random
import re
import secrets
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from studio.core.atomic import write_bytes_atomic
from studio.core.errors import ErrorKind, StudioError, Text
from studio.core.request import ImageRequest, InputFileError, InputImage, Mode, read_input_file

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    from studio.core.expand import Expansion
    from studio.core.history.store import HistoryStore
    from studio.core.markup import MarkupDoc

#: the group spec's key for the inputs of a comparison of edits
SPEC_KEY = "edit"
_TOKEN = re.compile(r"[0-9a-f]{32}")
_NAME = re.compile(r"(?:image-[0-9]{1,3}|mask|markup)\.(?:png|jpg|webp|gif|bin)")
_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif"}
#: the spec's keys for the JSON kept beside the pictures, and the one name each may give
_DOCS = {"markup_doc": "markup.json", "expansion": "expand.json"}
#: the most read of an expansion's geometry (its own reader refuses more)
_EXPANSION_BYTES = 4096
_T = TypeVar("_T")


@dataclass(frozen=True)
class EditInputs:
    """The pictures every target of a comparison edits (the composer's Edit mode)."""

    images: tuple[InputImage, ...]
    mask: InputImage | None = None
    markup: InputImage | None = None
    #: the annotations ``markup`` was drawn from (kept in each member's history, never sent)
    markup_doc: MarkupDoc | None = None
    #: how the first image was expanded (kept in each member's history, never sent)
    expansion: Expansion | None = None

    def request(self, model: str, prompt: str, params: dict[str, Any]) -> ImageRequest:
        return ImageRequest(
            Mode.EDIT,
            model,
            prompt,
            params,
            images=self.images,
            mask=self.mask,
            markup=self.markup,
            markup_doc=self.markup_doc,
            expansion=self.expansion,
        )


def _entry(folder: Path, name: str, image: InputImage) -> dict[str, Any]:
    entry: dict[str, Any] = {"filename": image.filename, "content_type": image.content_type}
    if image.url:
        entry["url"] = image.url
    elif image.file_id:
        entry["file_id"] = image.file_id
    else:
        file = f"{name}.{_EXT.get(image.content_type, 'bin')}"
        write_bytes_atomic(folder / file, image.data)
        entry["file"] = file
    return entry


def store_inputs(root: Path, inputs: EditInputs) -> dict[str, Any]:
    """Write ``inputs`` under ``root`` (the data folder's ``group-inputs``); returns what
    the group's spec keeps under :data:`SPEC_KEY`."""
    token = secrets.token_hex(16)
    folder = root / token
    folder.mkdir(parents=True, exist_ok=True)
    spec: dict[str, Any] = {
        "folder": token,
        "images": [_entry(folder, f"image-{i + 1}", img) for i, img in enumerate(inputs.images)],
    }
    if inputs.mask is not None:
        spec["mask"] = _entry(folder, "mask", inputs.mask)
    if inputs.markup is not None:
        spec["markup"] = _entry(folder, "markup", inputs.markup)
    docs = {"markup_doc": inputs.markup_doc, "expansion": inputs.expansion}
    for key, doc in docs.items():
        if doc is not None:
            write_bytes_atomic(folder / _DOCS[key], doc.to_json().encode("utf-8"))
            spec[key] = _DOCS[key]
    return spec


def _damaged() -> StudioError:
    return _gone(Text.of("its record is damaged"))


def _gone(reason: Text | str) -> StudioError:
    return StudioError.of(
        ErrorKind.VALIDATION,
        "The input images of this comparison cannot be read ({reason}).",
        reason=reason,
        maybe_processed=False,
    )


def _read(folder: Path, entry: object) -> InputImage:
    if not isinstance(entry, dict):
        raise _damaged()
    filename = str(entry.get("filename") or "image.png")[:255]
    if isinstance(entry.get("url"), str):
        return InputImage.from_url(entry["url"])
    if isinstance(entry.get("file_id"), str):
        return InputImage.from_file_id(entry["file_id"])
    file = entry.get("file")
    if not isinstance(file, str) or not _NAME.fullmatch(file):
        raise _damaged()
    try:
        data = read_input_file(folder / file)
    except OSError as exc:
        raise _gone(f"{file}: {getattr(exc, 'strerror', None) or exc}") from None
    return InputImage(filename, data)


def _read_json(path: Path, limit: int) -> bytes:
    """A kept JSON file's bytes: a regular file (a link is not followed) of at most
    ``limit`` bytes, read bounded."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(0, "it is not a regular file")
    if info.st_size > limit:
        raise InputFileError(0, f"it is larger than {limit} bytes")
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputFileError(0, f"it grew past {limit} bytes while being read")
    return data


def _read_doc(
    folder: Path, stored: dict[str, Any], key: str, limit: int, parse: Callable[[bytes], _T]
) -> _T | None:
    """The JSON kept under ``key`` (None: the group has none); raises StudioError when it
    is named but gone, too large or not what it should be."""
    name = stored.get(key)
    if name is None:
        return None
    if name != _DOCS[key]:
        raise _damaged()
    try:
        data = _read_json(folder / name, limit)
    except OSError as exc:
        raise _gone(f"{name}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return parse(data)
    except (ValueError, RecursionError):
        raise _damaged() from None


def load_inputs(root: Path, spec: dict[str, Any]) -> EditInputs | None:
    """The inputs a group's spec names (None: the group generates from the prompt).
    Raises StudioError when they are named but cannot be read."""
    stored = spec.get(SPEC_KEY)
    if stored is None:
        return None
    if not isinstance(stored, dict):
        raise _damaged()
    token = stored.get("folder")
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise _damaged()
    folder = root / token
    images = stored.get("images")
    if not isinstance(images, list) or not images:
        raise _damaged()
    mask, markup = stored.get("mask"), stored.get("markup")
    from studio.core.expand import Expansion  # only a group that keeps one reads it
    from studio.core.markup import MAX_JSON_BYTES, MarkupDoc

    return EditInputs(
        tuple(_read(folder, e) for e in images[:16]),
        None if mask is None else _read(folder, mask),
        None if markup is None else _read(folder, markup),
        _read_doc(folder, stored, "markup_doc", MAX_JSON_BYTES, MarkupDoc.from_json),
        _read_doc(folder, stored, "expansion", _EXPANSION_BYTES, Expansion.from_json),
    )


# -- removing folders no group names ---------------------------------------------------

#: a folder younger than this is never an orphan: its group may be about to be written
ORPHAN_GRACE_S = 3600.0
#: how long one sweep may look, and how many folder names it reads at most
SWEEP_BUDGET_S = 2.0
SWEEP_NAMES = 20_000
_FOLDER_SQL = f"""
SELECT CASE WHEN json_valid(spec) THEN json_extract(spec, '$.{SPEC_KEY}.folder') ELSE spec END
FROM job_groups WHERE instr(spec, '"folder"') > 0
"""


def token_of(spec: dict[str, Any]) -> str | None:
    """The folder a group's spec names (None: none, or not one this module makes)."""
    stored = spec.get(SPEC_KEY)
    token = stored.get("folder") if isinstance(stored, dict) else None
    return token if isinstance(token, str) and _TOKEN.fullmatch(token) else None


def named_by_a_group(conn: sqlite3.Connection, token: str) -> bool:
    """Whether any group's spec still mentions ``token`` (a damaged one too: when in
    doubt the folder stays)."""
    row = conn.execute("SELECT 1 FROM job_groups WHERE instr(spec, ?) > 0 LIMIT 1", (token,))
    return row.fetchone() is not None


def remove_folder(root: Path, token: str) -> bool:
    """Delete ``root/token`` when ``token`` is a name this module makes and the entry is
    a real folder (a symbolic link or a file there is left alone; links inside are
    removed, never followed). Returns whether it was removed."""
    if not _TOKEN.fullmatch(token):
        return False
    folder = root / token
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        shutil.rmtree(folder)
    except OSError:
        return False
    return True


def _referenced(history: HistoryStore) -> set[str]:
    out: set[str] = set()
    for row in history._rows(_FOLDER_SQL):
        out.update(_TOKEN.findall(str(row[0] or "")))
    return out


def sweep_orphans(
    history: HistoryStore,
    root: Path,
    *,
    grace_s: float = ORPHAN_GRACE_S,
    budget_s: float = SWEEP_BUDGET_S,
    names: int = SWEEP_NAMES,
) -> int:
    """Remove the folders under ``root`` that no group names (left by a group deleted in
    a session that crashed, or by one that was never written). Bounded: it reads at most
    ``names`` names and looks for ``budget_s`` seconds, in a random order so that the
    next start goes on where this one stopped. Returns how many folders it removed."""
    start = time.monotonic()
    candidates: list[str] = []
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if len(candidates) >= names:
                    break
                if _TOKEN.fullmatch(entry.name):
                    candidates.append(entry.name)
    except OSError:
        return 0
    if not candidates:
        return 0
    random.shuffle(candidates)
    referenced = _referenced(history)
    cutoff = time.time() - grace_s
    removed = 0
    for token in candidates:
        if time.monotonic() - start > budget_s:
            break
        if token in referenced:
            continue
        try:
            st = os.lstat(root / token)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode) and st.st_mtime < cutoff and remove_folder(root, token):
            removed += 1
    return removed
