"""Reading the settings that made an image back out of its metadata (PNG, JPEG and
WebP here; GIF and SVG in ``metadata_read_gifsvg``).

Understands the studio's own record (an ``image-studio`` iTXt chunk or XMP),
AUTOMATIC1111's ``parameters`` (PNG text or EXIF UserComment), ComfyUI's
``prompt`` and ``workflow`` graphs, InvokeAI's ``invokeai_metadata`` and XMP's
description. Files are hostile until read: the walk streams the file and only
reads a text chunk of at most :data:`MAX_TEXT` bytes (after bounded
decompression), refuses JSON nested deeper than :data:`MAX_DEPTH` and XML with a
DTD, and reports every refusal as a sentence instead of failing.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree

from studio.core.errors import Problem
from studio.core.metadata_parsers import (
    parse_a1111,
    parse_comfy_prompt,
    parse_comfy_workflow,
    parse_invokeai,
    parse_studio,
)
from studio.core.metadata_types import FoundSettings

MAX_TEXT = 1 << 20  # 1 MiB of text per chunk, after decompression
MAX_TOTAL = 8 << 20
MAX_DEPTH = 64
MAX_UNITS = 10_000
_XMP_NS = "urn:image-studio:xmp:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_JSON_KEYS = ("image-studio", "prompt", "workflow", "invokeai_metadata")

__all__ = ["FoundSettings", "MetadataReport", "read_metadata", "read_metadata_file"]


@dataclass
class MetadataReport:
    """What a file's metadata says: its settings (if any), where they came from,
    whether it carries content credentials, and what could not be read."""

    format: str | None = None
    settings: FoundSettings | None = None
    found: list[str] = field(default_factory=list)  # every metadata kind seen
    credentials: bool = False
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "settings": asdict(self.settings) if self.settings else None,
            "found": self.found,
            "content_credentials": self.credentials,
            "problems": [p.message for p in self.problems],
        }


def read_metadata_file(path: str | Path) -> MetadataReport:
    """The metadata of the image at ``path`` (never raises for a bad file)."""
    try:
        from studio.core.regular import open_regular

        with open_regular(path) as fh:
            return read_metadata(fh)
    except OSError as exc:
        report = MetadataReport()
        reason = exc.strerror or type(exc).__name__
        report.problems.append(
            Problem.of("metadata", "The file could not be read: {reason}.", reason=reason)
        )
        return report


def read_metadata(source: BinaryIO | bytes) -> MetadataReport:
    fh = io.BytesIO(source) if isinstance(source, bytes) else source
    report = MetadataReport()
    fh.seek(0, io.SEEK_END)
    walker = _Walker(fh, fh.tell(), report)
    fh.seek(0)
    head = fh.read(12)
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            report.format = "png"
            walker.png()
        elif head.startswith(b"\xff\xd8\xff"):
            report.format = "jpeg"
            walker.jpeg()
        elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            report.format = "webp"
            walker.webp()
        elif head[:6] in (b"GIF87a", b"GIF89a"):
            report.format = "gif"
            _gifsvg().walk_gif(walker)
        elif _looks_like_svg(fh):
            report.format = "svg"
            _gifsvg().walk_svg(walker)
        else:
            report.problems.append(
                Problem.of(
                    "metadata",
                    "The studio reads metadata only from PNG, JPEG, WebP, GIF and SVG files.",
                )
            )
            return report
    except (_Truncated, _gifsvg().Broken):
        report.problems.append(
            Problem.of(
                "metadata", "The file is cut short or broken; what came before that was read."
            )
        )
    report.settings = _settings_from(walker.texts, report)
    return report


class _Truncated(Exception):
    pass


def _gifsvg() -> Any:
    from studio.core import metadata_read_gifsvg

    return metadata_read_gifsvg


def _looks_like_svg(fh: BinaryIO) -> bool:
    from studio.core.svgsafe import looks_like_svg

    fh.seek(0)
    return looks_like_svg(fh.read(65536))


class _Walker:
    """Streams a container and keeps the texts worth reading (bounded)."""

    def __init__(self, fh: BinaryIO, size: int, report: MetadataReport) -> None:
        self.fh, self.size, self.report = fh, size, report
        self.texts: dict[str, str] = {}
        self.total = 0
        #: bytes inflated so far: a file of many small zip bombs stops at MAX_TOTAL
        self.inflated = 0
        #: XMP and EXIF blocks parsed so far (only the first of each is read)
        self.parsed: set[str] = set()

    def _read(self, n: int) -> bytes:
        data = self.fh.read(n)
        if len(data) < n:
            raise _Truncated
        return data

    def _skip(self, n: int) -> None:
        if self.fh.tell() + n > self.size:
            raise _Truncated
        self.fh.seek(n, io.SEEK_CUR)

    def _too_big(self, key: str, size: int) -> None:
        self.report.problems.append(
            Problem.of(
                "metadata",
                "The {key} text is {size:,} bytes, over the {limit:,} read; it was skipped.",
                key=key,
                size=size,
                limit=MAX_TEXT,
            )
        )

    def _keep(self, key: str, text: str) -> None:
        if key not in self.found_keys:
            self.report.found.append(key)
        self.total += len(text)
        if self.total <= MAX_TOTAL and key not in self.texts:
            self.texts[key] = text

    @property
    def found_keys(self) -> list[str]:
        return self.report.found

    # -- PNG -------------------------------------------------------------------
    def png(self) -> None:
        self.fh.seek(8)
        for _ in range(MAX_UNITS):
            length, ctype = struct.unpack(">I4s", self._read(8))
            if ctype in (b"tEXt", b"zTXt", b"iTXt", b"eXIf"):
                if length > MAX_TEXT:
                    self._too_big(ctype.decode("latin-1"), length)
                    self._skip(length + 4)
                    continue
                payload = self._read(length)
                self._skip(4)
                self._png_text(ctype, payload)
                continue
            if ctype == b"caBX":
                self.report.credentials = True
            if ctype == b"IEND":
                return
            self._skip(length + 4)

    def _png_text(self, ctype: bytes, payload: bytes) -> None:
        if ctype == b"eXIf":
            self._exif(payload)
            return
        key_raw, _, rest = payload.partition(b"\x00")
        key = key_raw.decode("latin-1")[:79]
        if ctype == b"tEXt":
            self._keep(key, rest.decode("latin-1"))
            return
        if ctype == b"zTXt":
            text = self._inflate(key, rest[1:])
            if text is not None:
                self._keep(key, text.decode("latin-1"))
            return
        if len(rest) < 2:
            return
        compressed, rest = rest[0], rest[2:]
        _lang, _, rest = rest.partition(b"\x00")
        _translated, _, raw = rest.partition(b"\x00")
        data = self._inflate(key, raw) if compressed else raw
        if data is None:
            return
        try:
            self._keep(key, data.decode("utf-8"))
        except UnicodeDecodeError:
            self.report.problems.append(
                Problem.of(
                    "metadata", "The {key} text is not valid UTF-8; it was skipped.", key=key
                )
            )

    def _inflate(self, key: str, raw: bytes) -> bytes | None:
        """At most MAX_TEXT bytes out of ``raw``, however much it would inflate to."""
        if self.inflated > MAX_TOTAL:
            if "inflate" not in self.parsed:
                self.parsed.add("inflate")
                self.report.problems.append(
                    Problem.of(
                        "metadata",
                        "The file holds more than {limit:,} bytes of compressed text; "
                        "the rest was skipped.",
                        limit=MAX_TOTAL,
                    )
                )
            return None
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(raw, MAX_TEXT + 1)
            self.inflated += len(out)
        except zlib.error:
            self.report.problems.append(
                Problem.of(
                    "metadata",
                    "The {key} text is not valid compressed data; it was skipped.",
                    key=key,
                )
            )
            return None
        if len(out) > MAX_TEXT:
            self.report.problems.append(
                Problem.of(
                    "metadata",
                    "The {key} text grows past {limit:,} bytes when decompressed; it was skipped.",
                    key=key,
                    limit=MAX_TEXT,
                )
            )
            return None
        return out

    # -- JPEG ------------------------------------------------------------------
    def jpeg(self) -> None:
        self.fh.seek(2)
        for _ in range(MAX_UNITS):
            marker = self._read(2)
            while marker[0] == 0xFF and marker[1] == 0xFF:
                marker = marker[1:] + self._read(1)
            if marker[0] != 0xFF:
                raise _Truncated
            code = marker[1]
            if code in (0xDA, 0xD9):
                return
            if code == 0x01 or 0xD0 <= code <= 0xD7:
                continue
            (length,) = struct.unpack(">H", self._read(2))
            if length < 2:
                raise _Truncated
            if code in (0xE1, 0xEB, 0xFE):
                self._jpeg_segment(code, self._read(length - 2))
            else:
                self._skip(length - 2)

    def _jpeg_segment(self, code: int, payload: bytes) -> None:
        if code == 0xEB:
            if payload[:2] == b"JP" and b"c2pa" in payload[:256]:
                self.report.credentials = True
        elif payload.startswith(b"Exif\x00\x00"):
            self._exif(payload[6:])
        elif payload.startswith(b"http://ns.adobe.com/xap/1.0/\x00"):
            self._xmp(payload[29:])
        elif code == 0xFE:
            self._keep("comment", payload.decode("utf-8", errors="replace"))

    # -- WebP ------------------------------------------------------------------
    def webp(self) -> None:
        self.fh.seek(12)
        for _ in range(MAX_UNITS):
            if self.fh.tell() + 8 > self.size:
                return
            fourcc, length = struct.unpack("<4sI", self._read(8))
            padded = length + (length & 1)
            if fourcc == b"C2PA":
                self.report.credentials = True
            if fourcc in (b"EXIF", b"XMP "):
                if length > MAX_TEXT:
                    self._too_big(fourcc.decode("latin-1").strip(), length)
                    self._skip(padded)
                    continue
                payload = self._read(length)
                if padded > length and self.fh.tell() < self.size:
                    self._skip(1)
                if fourcc == b"EXIF":
                    self._exif(payload[6:] if payload.startswith(b"Exif\x00\x00") else payload)
                else:
                    self._xmp(payload)
                continue
            self._skip(min(padded, self.size - self.fh.tell()))

    # -- EXIF and XMP ----------------------------------------------------------
    def _exif(self, tiff: bytes) -> None:
        if "exif" in self.parsed:
            return
        self.parsed.add("exif")
        comment = _exif_user_comment(tiff)
        if comment:
            self._keep("exif:UserComment", comment)

    def _xmp(self, raw: bytes) -> None:
        if "xmp" in self.parsed:
            return
        self.parsed.add("xmp")
        text = raw.decode("utf-8", errors="replace")
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            self.report.problems.append(
                Problem.of("metadata", "The XMP declares a DTD, which the studio never reads.")
            )
            return
        try:
            root = ElementTree.fromstring(text.strip().lstrip("\ufeff"))
        except ElementTree.ParseError:
            self.report.problems.append(
                Problem.of("metadata", "The XMP is not well-formed XML; it was skipped.")
            )
            return
        self._keep("xmp", "")
        for el in root.iter():
            for tag, key in (
                (f"{{{_XMP_NS}}}request", "xmp:request"),
                (f"{{{_XMP_NS}}}parameters", "xmp:parameters"),
            ):
                if el.tag == tag and el.text:
                    self._keep(key, el.text)
                elif el.get(tag):
                    self._keep(key, el.get(tag, ""))
            if el.tag == f"{{{_DC}}}description":
                li = next((c for c in el.iter(f"{{{_RDF}}}li") if c.text), None)
                if li is not None and li.text:
                    self._keep("xmp:description", li.text)


def _exif_user_comment(tiff: bytes) -> str | None:
    """UserComment (0x9286) from a TIFF/EXIF block, or None."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return None
    order = "<" if tiff[:2] == b"II" else ">"

    def entries(offset: int) -> list[tuple[int, int, int, int]]:
        if offset + 2 > len(tiff):
            return []
        (count,) = struct.unpack_from(order + "H", tiff, offset)
        out = []
        for i in range(min(count, 512)):
            at = offset + 2 + 12 * i
            if at + 12 > len(tiff):
                break
            out.append(struct.unpack_from(order + "HHII", tiff, at))
        return out

    (ifd0,) = struct.unpack_from(order + "I", tiff, 4)
    exif_at = next((v for tag, _t, _c, v in entries(ifd0) if tag == 0x8769), None)
    if exif_at is None:
        return None
    for tag, _typ, count, value in entries(exif_at):
        if tag != 0x9286 or count < 8 or value + count > len(tiff):
            continue
        raw = tiff[value : value + count]
        prefix, body = raw[:8], raw[8:]
        if prefix.startswith(b"UNICODE"):
            # the EXIF standard says UCS-2 in the file's byte order; some writers use BE always
            codec = "utf-16-le" if order == "<" else "utf-16-be"
            text = body.decode(codec, errors="replace")
            if order == "<" and body[:1] == b"\x00":
                text = body.decode("utf-16-be", errors="replace")
            return text.rstrip("\x00")
        return body.decode("utf-8", errors="replace").rstrip("\x00")
    return None


def _depth_ok(text: str) -> bool:
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def _load_json(key: str, text: str, report: MetadataReport) -> Any:
    if not _depth_ok(text):
        report.problems.append(
            Problem.of(
                "metadata",
                "The {key} JSON is nested more than {limit} levels deep; it was skipped.",
                key=key,
                limit=MAX_DEPTH,
            )
        )
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        report.problems.append(
            Problem.of("metadata", "The {key} text is not valid JSON; it was skipped.", key=key)
        )
        return None


def _settings_from(texts: dict[str, str], report: MetadataReport) -> FoundSettings | None:
    """The most complete reading, in order: the studio's own, AUTOMATIC1111's,
    ComfyUI's, InvokeAI's, then XMP's description."""
    for key in ("image-studio", "xmp:request"):
        if key in texts:
            data = _load_json(key, texts[key], report)
            found = parse_studio(data) if isinstance(data, dict) else None
            if found:
                return found
    for key in ("parameters", "xmp:parameters", "exif:UserComment"):
        if texts.get(key, "").strip():
            return parse_a1111(texts[key], "AUTOMATIC1111" if key != "xmp:parameters" else "XMP")
    for key, parser in (
        ("prompt", parse_comfy_prompt),
        ("workflow", parse_comfy_workflow),
        ("invokeai_metadata", parse_invokeai),
    ):
        if key in texts:
            data = _load_json(key, texts[key], report)
            found = parser(data) if isinstance(data, dict) else None
            if found:
                return found
    if report.format == "gif" and texts.get("comment", "").strip():
        # the studio's GIF comment is in A1111's layout; any other comment says nothing
        found = parse_a1111(texts["comment"])
        if found and (found.model or found.size or found.seed is not None):
            return found
    if texts.get("xmp:description", "").strip():
        return FoundSettings(source="XMP", prompt=texts["xmp:description"].strip())
    if "Dream" in texts:
        return parse_a1111(texts["Dream"], "InvokeAI")
    return None
