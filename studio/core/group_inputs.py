"""What a comparison of edits edits: its input images, mask and markup, kept with the group.

A comparison in Edit mode sends the same pictures to every target. They are written
once, when the group is made, to a folder of their own under the data folder
(``group-inputs/<token>/``), and the group's spec names them; so a member sent later
(a resume after a restart, a retry from its cell) edits exactly what the first ones
did. Groups are never deleted, so neither are these files.

The spec is read back as untrusted data: the folder must be a token this module makes
and each file a plain name inside it, so a changed database cannot make a member read
or send a file from anywhere else.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.core.atomic import write_bytes_atomic
from studio.core.errors import ErrorKind, StudioError, Text
from studio.core.request import ImageRequest, InputImage, Mode, read_input_file

#: the group spec's key for the inputs of a comparison of edits
SPEC_KEY = "edit"
_TOKEN = re.compile(r"[0-9a-f]{32}")
_NAME = re.compile(r"(?:image-[0-9]{1,3}|mask|markup)\.(?:png|jpg|webp|gif|bin)")
_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif"}


@dataclass(frozen=True)
class EditInputs:
    """The pictures every target of a comparison edits (the composer's Edit mode)."""

    images: tuple[InputImage, ...]
    mask: InputImage | None = None
    markup: InputImage | None = None

    def request(self, model: str, prompt: str, params: dict[str, Any]) -> ImageRequest:
        return ImageRequest(
            Mode.EDIT,
            model,
            prompt,
            params,
            images=self.images,
            mask=self.mask,
            markup=self.markup,
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
    return EditInputs(
        tuple(_read(folder, e) for e in images[:16]),
        None if mask is None else _read(folder, mask),
        None if markup is None else _read(folder, markup),
    )
