"""What comes back: decoded images, usage, and the failures of a partly failed job."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from studio.core.errors import StudioError

if TYPE_CHECKING:
    from studio.core.journal import JournalEntry


@dataclass(frozen=True)
class GeneratedImage:
    """One image a reply returned, checked against its declared format."""

    data: bytes = field(repr=False)
    #: "png", "jpeg", "webp", "gif" or "svg": the reply's ``output_format``, checked
    #: against the bytes (from the bytes alone when the reply declares none)
    format: str
    width: int  # an SVG's declared size (0 when it declares none or is not rendered)
    height: int
    revised_prompt: str | None = None
    #: where a ``url`` result came from (None for b64_json)
    source_url: str | None = None
    #: frames of an animated GIF (1 for every other format)
    frame_count: int = 1

    @cached_property
    def sha256(self) -> str:
        """The bytes' SHA-256 (hex), computed once: the history stores it when the image
        arrives and checks it again when the job finishes."""
        import hashlib  # here: loading OpenSSL's library is not needed before a result

        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ImageResult:
    """All images of one job. With n split over several requests, ``errors``
    holds the requests that failed while the others' images are kept."""

    images: list[GeneratedImage] = field(default_factory=list)
    usage: dict[str, Any] | None = None
    created: int | None = None
    errors: list[StudioError] = field(default_factory=list)
    request_ids: list[str] = field(default_factory=list)
    #: journalled raw replies; remove them once the images are safely stored
    journal_entries: list[JournalEntry] = field(default_factory=list)
