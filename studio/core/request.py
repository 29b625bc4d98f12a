"""What the user asks for: a validated-later, immutable description of one job."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from studio.core.expand import Expansion
    from studio.core.markup import MarkupDoc


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
    import mimetypes  # loaded when a name is all there is to go by

    guess, _ = mimetypes.guess_type(filename)
    return guess or "application/octet-stream"


#: the largest input file read into memory (the models' own limits are lower and are
#: checked by validation with a message naming the model)
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: how image files start (SVG and XML drawings start with "<")
_IMAGE_HEADERS = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"<",
    b"\xef\xbb\xbf<",
)


class InputFileError(OSError):
    """An input file refused before it was read; ``strerror`` says why."""


def printable(text: str) -> str:
    """``text`` with undecodable bytes (surrogate escapes from argv or the file system)
    replaced, so it can be printed, stored and sent as UTF-8."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _looks_like_image(head: bytes) -> bool:
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    if head[4:8] == b"ftyp":  # AVIF / HEIC
        return True
    return any(head.lstrip(b" \t\r\n").startswith(h) for h in _IMAGE_HEADERS)


def read_input_file(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file, checked first: a regular file (not a device, a pipe or
    a folder), at most ``limit`` bytes, starting like an image; then read bounded."""
    import os
    import stat

    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(0, "it is not a regular file (a device, a pipe or a folder)")
    if info.st_size > limit:
        raise InputFileError(
            0, f"it is {info.st_size / 2**20:.0f} MB; at most {limit // 2**20} MB is read"
        )
    with open(path, "rb") as fh:
        head = fh.read(64)
        if head and not _looks_like_image(head):
            raise InputFileError(0, "it is not an image (it does not start like one)")
        data = head + fh.read(limit + 1 - len(head))
    if len(data) > limit:
        raise InputFileError(0, f"it grew past {limit // 2**20} MB while being read")
    return data


@dataclass(frozen=True)
class InputImage:
    """An input image or mask as bytes, with the filename and type sent on the wire."""

    filename: str
    data: bytes = field(repr=False)
    content_type: str = ""
    source_path: str | None = None
    #: a remote input, referenced instead of uploaded: an ``http(s)`` address (sent as
    #: ``image_url``) or a file id the provider gave an upload (sent as ``file_id``).
    #: ``data`` then holds only a small thumbnail for the window and the history.
    url: str | None = None
    file_id: str | None = None

    def __post_init__(self) -> None:
        if not self.content_type:
            object.__setattr__(self, "content_type", sniff_content_type(self.data, self.filename))

    @classmethod
    def from_path(cls, path: str | Path) -> InputImage:
        """The file at ``path``, checked before it is read (see :func:`read_input_file`).

        A name that is not valid UTF-8 (a GBK name on a UTF-8 system) is still opened;
        only the name shown and stored has its undecodable bytes replaced."""
        p = Path(path)
        data = read_input_file(p)
        return cls(filename=printable(p.name), data=data, source_path=printable(str(p.resolve())))

    @classmethod
    def from_url(cls, url: str, thumbnail: bytes = b"") -> InputImage:
        """An input the provider fetches itself from ``url`` (only a thumbnail is kept)."""
        name = urlsplit(url).path.rstrip("/").rpartition("/")[2] or urlsplit(url).netloc
        return cls(filename=name or "image", data=thumbnail, url=url)

    @classmethod
    def from_file_id(cls, file_id: str, thumbnail: bytes = b"") -> InputImage:
        """An input uploaded to the provider earlier, referenced by its file id."""
        return cls(filename=file_id, data=thumbnail, file_id=file_id)

    @property
    def remote(self) -> bool:
        """Referenced by URL or file id: only a JSON edit can send it."""
        return self.url is not None or self.file_id is not None

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
    #: the ``markup`` part of an edit: a transparent PNG of the first image's size
    markup: InputImage | None = None
    #: the annotations ``markup`` was drawn from (kept in the history, never sent)
    markup_doc: MarkupDoc | None = None
    #: how the first image was expanded (outpainting), kept in the history, never sent
    expansion: Expansion | None = None

    @property
    def n(self) -> int:
        value = self.params.get("n", 1)
        return int(value) if isinstance(value, int | str) and str(value).isdigit() else 1

    @property
    def stream(self) -> bool:
        return bool(self.params.get("stream", False))

    @property
    def has_remote_inputs(self) -> bool:
        """Some input (or the mask) is a URL or a file id: the edit goes as JSON."""
        extras = (self.mask, self.markup)
        return any(i.remote for i in self.images) or any(e is not None and e.remote for e in extras)

    def with_params(self, **changes: Any) -> ImageRequest:
        merged = dict(self.params)
        for key, value in changes.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        return replace(self, params=merged)
