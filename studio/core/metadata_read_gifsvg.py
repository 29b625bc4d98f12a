"""Reading metadata out of GIF and SVG files (see ``metadata_read``).

A GIF is walked block by block in bounded memory (``gifblocks``); only its XMP
application extension and comments are read, each at most ``MAX_TEXT`` bytes.
An SVG is parsed incrementally by the SVG check's hardened expat (no DTD, no
entity, nothing fetched), under its byte, element and depth limits; only the
text inside ``<metadata>`` elements is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.parsers import expat

from studio.core.errors import Problem
from studio.core.gifblocks import (
    XMP_APP_ID,
    XMP_MAGIC_TRAILER,
    GifError,
    GifTooMany,
    gif_blocks,
    subblock_bytes,
)
from studio.core.svgsafe import MAX_BYTES, MAX_DEPTH, MAX_ELEMENTS, SvgRefused, safe_parser

if TYPE_CHECKING:
    from studio.core.metadata_read import _Walker

_XMP_NS = "urn:image-studio:xmp:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SVG = "http://www.w3.org/2000/svg"
_WINDOW = 1 << 16


class Broken(Exception):
    """The file ends early or is not what it says; what came before was read."""


def walk_gif(w: _Walker) -> None:
    from studio.core.metadata_read import MAX_TEXT

    try:
        for block in gif_blocks(w.fh, w.size):
            if block.kind != "extension" or block.label not in (0xFE, 0xFF):
                continue
            if block.label == 0xFF and block.app != XMP_APP_ID:
                if block.app.startswith(b"C2PA"):
                    w.report.credentials = True
                continue
            key = "comment" if block.label == 0xFE else "XMP"
            body_at = block.start + (2 if block.label == 0xFE else 14)
            length = block.end - 1 - body_at
            if length > MAX_TEXT + len(XMP_MAGIC_TRAILER):
                w._too_big(key, length)
                continue
            w.fh.seek(body_at)
            raw = w.fh.read(length)
            if block.label == 0xFE:
                w._keep("comment", subblock_bytes(raw + b"\x00").decode("utf-8", "replace"))
            else:
                w._xmp(raw.removesuffix(XMP_MAGIC_TRAILER[:-1]))
    except GifTooMany:
        w.report.problems.append(
            Problem.of("metadata", "The GIF holds more blocks than are read; the rest was skipped.")
        )
    except GifError:
        raise Broken from None


class _SvgMetadata:
    """Expat callbacks keeping the studio's XMP texts found inside ``<metadata>``."""

    def __init__(self, w: _Walker, limit: int) -> None:
        self.w, self.limit = w, limit
        self.depth = self.elements = self.in_metadata = 0
        self.key: str | None = None
        self.parts: list[str] = []
        self.size = 0
        self.in_description = False
        self.dropped = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.elements > MAX_ELEMENTS or self.depth > MAX_DEPTH:
            raise _TooMuch
        uri, _, local = name.rpartition(" ")
        if local == "metadata" and uri in ("", _SVG):
            self.in_metadata += 1
            return
        if not self.in_metadata:
            return
        if uri == "adobe:ns:meta/" or (uri, local) == (_RDF, "RDF"):
            self.w._keep("xmp", "")
        for attr, value in attrs.items():
            if attr in (f"{_XMP_NS} request", f"{_XMP_NS} parameters"):
                self.w._keep("xmp:" + attr.rpartition(" ")[2], value)
        if uri == _XMP_NS and local in ("request", "parameters"):
            self.key, self.parts, self.size = "xmp:" + local, [], 0
        elif (uri, local) == (_DC, "description"):
            self.in_description = True
        elif (uri, local) == (_RDF, "li") and self.in_description:
            self.key, self.parts, self.size = "xmp:description", [], 0

    def end(self, name: str) -> None:
        self.depth -= 1
        uri, _, local = name.rpartition(" ")
        if local == "metadata" and uri in ("", _SVG) and self.in_metadata:
            self.in_metadata -= 1
        elif (uri, local) == (_DC, "description"):
            self.in_description = False
        if self.key and self.in_metadata and self._closes(uri, local):
            if self.size > self.limit:
                self.w._too_big(self.key.removeprefix("xmp:"), self.size)
            elif self.parts:
                self.w._keep(self.key, "".join(self.parts))
            self.key, self.parts = None, []

    def _closes(self, uri: str, local: str) -> bool:
        if self.key == "xmp:description":
            return (uri, local) == (_RDF, "li")
        return uri == _XMP_NS and self.key == "xmp:" + local

    def text(self, data: str) -> None:
        if self.key is None:
            return
        self.size += len(data)
        if self.size <= self.limit:
            self.parts.append(data)
        else:
            self.parts = []


class _TooMuch(Exception):
    pass


def walk_svg(w: _Walker) -> None:
    from studio.core.metadata_read import MAX_TEXT

    meta = _SvgMetadata(w, MAX_TEXT)
    parser = safe_parser(namespace_separator=" ")
    parser.StartElementHandler = meta.start
    parser.EndElementHandler = meta.end
    parser.CharacterDataHandler = meta.text
    parser.buffer_text = True
    w.fh.seek(0)
    read = 0
    try:
        while True:
            chunk = w.fh.read(min(_WINDOW, MAX_BYTES - read))
            read += len(chunk)
            parser.Parse(chunk, not chunk)
            if not chunk:
                return
            if read >= MAX_BYTES and w.size > MAX_BYTES:
                w.report.problems.append(
                    Problem.of(
                        "metadata",
                        "The drawing is {size:,} bytes; only the first {limit:,} were read.",
                        size=w.size,
                        limit=MAX_BYTES,
                    )
                )
                return
    except SvgRefused:
        w.report.problems.append(
            Problem.of(
                "metadata",
                "The drawing declares a DTD or entities, which the studio never reads; "
                "its metadata was skipped.",
            )
        )
    except _TooMuch:
        w.report.problems.append(
            Problem.of(
                "metadata",
                "The drawing has more than {limit:,} elements or nests deeper than {depth} "
                "levels; the rest was skipped.",
                limit=MAX_ELEMENTS,
                depth=MAX_DEPTH,
            )
        )
    except expat.ExpatError:
        raise Broken from None
