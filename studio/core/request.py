"""What the user asks for: a validated-later, immutable description of one job."""

from __future__ import annotations

import enum
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


class Mode(enum.StrEnum):
    GENERATE = "generate"
    EDIT = "edit"
    VARIATIONS = "variations"


_SNIFF = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_content_type(data: bytes, filename: str = "") -> str:
    """The content type from the bytes themselves (the name can lie), else the name."""
    for magic, ctype in _SNIFF:
        if data.startswith(magic):
            return ctype
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    guess, _ = mimetypes.guess_type(filename)
    return guess or "application/octet-stream"


@dataclass(frozen=True)
class InputImage:
    """An input image or mask as bytes, with the filename and type sent on the wire."""

    filename: str
    data: bytes = field(repr=False)
    content_type: str = ""
    source_path: str | None = None

    def __post_init__(self) -> None:
        if not self.content_type:
            object.__setattr__(self, "content_type", sniff_content_type(self.data, self.filename))

    @classmethod
    def from_path(cls, path: str | Path) -> InputImage:
        p = Path(path)
        return cls(filename=p.name, data=p.read_bytes(), source_path=str(p.resolve()))

    @property
    def size_bytes(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class ImageRequest:
    """One job: mode, model, prompt and the wire parameters.

    ``params`` holds the fields sent to the provider under their wire names
    (``size``, ``quality``, ``n``, ``output_format``, ``stream``,
    ``partial_images``, ``seed`` ...). Absent means "not sent".
    """

    mode: Mode
    model: str
    prompt: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    images: tuple[InputImage, ...] = ()
    mask: InputImage | None = None

    @property
    def n(self) -> int:
        value = self.params.get("n", 1)
        return int(value) if isinstance(value, int | str) and str(value).isdigit() else 1

    @property
    def stream(self) -> bool:
        return bool(self.params.get("stream", False))

    def with_params(self, **changes: Any) -> ImageRequest:
        merged = dict(self.params)
        for key, value in changes.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        return replace(self, params=merged)
