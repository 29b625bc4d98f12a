"""Saving an image with the parameters that made it, or with no metadata at all.

Metadata goes in by inserting chunks or segments into the provider's bytes; the
pixels are never decoded or re-encoded. PNG gets a ``parameters`` text chunk in
AUTOMATIC1111's layout (which most image tools read), an ``image-studio`` iTXt
chunk with the whole request as JSON, and XMP; JPEG and WebP get the same in XMP
plus an EXIF UserComment; GIF and SVG get XMP in their standard places (a GIF the
parameters text as a comment too; see ``metadata_gifsvg``). Every format says it
was made by a trained algorithm (IPTC ``DigitalSourceType``). Nothing secret is
written: the parameters are the history's, cleaned of anything named like a
credential.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape as _html_escape
from typing import Any

from studio.core.history.models import JobRecord
from studio.core.history.rows import clean_params
from studio.core.imagechunks import (
    JpegSegment,
    PngChunk,
    RiffChunk,
    join_webp,
    jpeg_segments,
    kind_of,
    png_chunks,
    webp_chunks,
)

DIGITAL_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
STUDIO_KEY = "image-studio"
XMP_NS_STUDIO = "urn:image-studio:xmp:1.0"
XMP_APP1 = b"http://ns.adobe.com/xap/1.0/\x00"
EXIF_APP1 = b"Exif\x00\x00"
#: what a JPEG segment can carry after its header
_SEGMENT_ROOM = 65533


@dataclass(frozen=True)
class ImageStory:
    """What made an image: the request as the history keeps it (never a key)."""

    prompt: str
    model: str
    provider_id: str
    provider_name: str
    mode: str = "generate"
    params: Mapping[str, Any] = field(default_factory=dict)
    created_at: float | None = None
    job_id: int | None = None
    width: int | None = None
    height: int | None = None

    @classmethod
    def of(cls, job: JobRecord, width: int | None = None, height: int | None = None) -> ImageStory:
        return cls(
            prompt=job.prompt,
            model=job.model,
            provider_id=job.provider_id,
            provider_name=job.provider_name,
            mode=job.mode,
            params=clean_params(job.params),
            created_at=job.created_at,
            job_id=job.id,
            width=width,
            height=height,
        )

    def request_json(self) -> str:
        """The studio's own record of the request (read back by ``metadata_read``)."""
        data = {
            "generator": "Image Studio",
            "format": 1,
            "mode": self.mode,
            "provider_id": self.provider_id,
            "provider": self.provider_name,
            "model": self.model,
            "prompt": self.prompt,
            "params": clean_params(self.params),
            "created_at": self.created_at,
            "job_id": self.job_id,
        }
        return json.dumps(data, ensure_ascii=False, default=str, sort_keys=True)

    def parameters_text(self, prompt_chars: int | None = None) -> str:
        """The AUTOMATIC1111 layout: the prompt (its first ``prompt_chars`` characters
        when given), then one line of ``Key: value`` settings."""
        prompt = self.prompt
        if prompt_chars is not None and len(prompt) > prompt_chars:
            prompt = prompt[:prompt_chars] + "…"
        lines = [prompt]
        negative = self.params.get("negative_prompt")
        if isinstance(negative, str) and negative:
            lines.append(f"Negative prompt: {negative}")
        size = self.params.get("size")
        if not (isinstance(size, str) and "x" in size) and self.width and self.height:
            size = f"{self.width}x{self.height}"
        settings = [("Model", self.model), ("Size", size)]
        settings += [("Quality", self.params.get("quality")), ("Provider", self.provider_name)]
        settings.append(("Seed", self.params.get("seed")))
        lines.append(
            ", ".join(f"{k}: {_setting(v)}" for k, v in settings if v not in (None, "", "auto"))
        )
        return "\n".join(lines)


def _setting(value: object) -> str:
    text = str(value).replace("\n", " ")
    return json.dumps(text, ensure_ascii=False) if ("," in text or ":" in text) else text


class MetadataUnsupported(ValueError):
    """The file cannot carry parameters (an unknown format, a broken GIF, an SVG
    that fails the studio's check): save it as the original."""


def with_parameters(data: bytes, story: ImageStory) -> bytes:
    """``data`` (PNG, JPEG, WebP, GIF or SVG) with the story embedded; pixels untouched."""
    kind = kind_of(data)
    if kind == "png":
        return _png_with(data, story)
    if kind == "jpeg":
        return _jpeg_with(data, story)
    if kind == "webp":
        return _webp_with(data, story)
    from studio.core import metadata_gifsvg as gifsvg

    try:
        match gifsvg.is_gif_or_svg(data):
            case "gif":
                return gifsvg.gif_with(data, story)
            case "svg":
                return gifsvg.svg_with(data, story)
    except ValueError as exc:
        raise MetadataUnsupported(str(exc)) from None
    raise MetadataUnsupported("only PNG, JPEG, WebP, GIF and SVG files carry parameters")


def strip_metadata(data: bytes) -> bytes:
    """``data`` without text, EXIF, XMP or content credentials (for sharing).

    What decoding needs stays: PNG palette, transparency, gamma and colour chunks;
    JPEG's JFIF, ICC profile and Adobe colour-transform segments."""
    kind = kind_of(data)
    if kind == "png":
        keep = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB"}
        keep |= {b"iCCP", b"sBIT", b"pHYs", b"acTL", b"fcTL", b"fdAT", b"bKGD"}
        chunks = [data[c.start : c.end] for c in png_chunks(data) if c.type in keep]
        return data[:8] + b"".join(chunks)
    if kind == "jpeg":
        segments, scan = jpeg_segments(data)
        kept = [data[s.start : s.end] for s in segments if _jpeg_keeps(s)]
        return data[:2] + b"".join(kept) + data[scan:]
    if kind == "webp":
        out = []
        for c in webp_chunks(data):
            if c.fourcc in (b"EXIF", b"XMP ", b"C2PA"):
                continue
            payload = c.data
            if c.fourcc == b"VP8X":
                payload = bytes((payload[0] & ~0x0C,)) + payload[1:]
            out.append(RiffChunk.build(c.fourcc, payload))
        return join_webp(out)
    from studio.core import metadata_gifsvg as gifsvg

    try:
        match gifsvg.is_gif_or_svg(data):
            case "gif":
                return gifsvg.strip_gif(data)
            case "svg":
                return gifsvg.strip_svg(data)
    except ValueError as exc:
        raise MetadataUnsupported(str(exc)) from None
    raise MetadataUnsupported("only PNG, JPEG, WebP, GIF and SVG files can be stripped")


def _jpeg_keeps(segment: JpegSegment) -> bool:
    m = segment.marker
    if m == 0xE0:
        return segment.data.startswith((b"JFIF\x00", b"JFXX\x00"))
    if m == 0xE2:
        return segment.data.startswith(b"ICC_PROFILE\x00")
    if m == 0xEE:
        return segment.data.startswith(b"Adobe")
    return not (0xE1 <= m <= 0xEF or m == 0xFE)


# -- XMP and EXIF ----------------------------------------------------------------


def xmp_packet(story: ImageStory, *, with_request: bool = True, prompt: str | None = None) -> str:
    prompt = story.prompt if prompt is None else prompt
    parts = [
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '<rdf:Description rdf:about=""',
        ' xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"',
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
        f' xmlns:imagestudio="{XMP_NS_STUDIO}"',
        f' Iptc4xmpExt:DigitalSourceType="{DIGITAL_SOURCE_TYPE}"',
        ' xmp:CreatorTool="Image Studio">',
        '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
        f"{_xml(prompt)}</rdf:li></rdf:Alt></dc:description>",
    ]
    if with_request:
        text = story.parameters_text()
        parts.append(f"<imagestudio:parameters>{_xml(text)}</imagestudio:parameters>")
        parts.append(f"<imagestudio:request>{_xml(story.request_json())}</imagestudio:request>")
    parts += ["</rdf:Description>", "</rdf:RDF>", "</x:xmpmeta>", '<?xpacket end="w"?>']
    return "\n".join(parts)


def _xml(text: str) -> str:
    clean = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
    return _html_escape(clean, quote=False)  # &, < and > (xml.sax's escape, lighter)


def _fitting_xmp(story: ImageStory, room: int) -> bytes:
    """An XMP packet of at most ``room`` bytes: the whole story when it fits, else
    without the request, else with the prompt shortened."""
    packet = xmp_packet(story).encode("utf-8")
    if len(packet) <= room:
        return packet
    packet = xmp_packet(story, with_request=False).encode("utf-8")
    prompt = story.prompt
    while len(packet) > room and prompt:
        prompt = prompt[: len(prompt) * 3 // 4]
        packet = xmp_packet(story, with_request=False, prompt=prompt + "…").encode("utf-8")
    return packet


_EXIF_OVERHEAD = 8 + (2 + 12 + 4) * 2 + 8  # TIFF header, IFD0, Exif IFD, charset


def _fitting_comment(story: ImageStory, room: int) -> str:
    """The parameters text in at most ``room`` bytes of UTF-16, the prompt shortened
    first so the settings line survives."""
    most = (room - _EXIF_OVERHEAD) // 2
    text = story.parameters_text()
    limit = len(story.prompt)
    while len(text.encode("utf-16-be", errors="replace")) // 2 > most and limit > 0:
        limit = limit * 3 // 4
        text = story.parameters_text(limit)
    return text[:most]


def exif_user_comment(text: str) -> bytes:
    """A big-endian TIFF/EXIF block holding only ``UserComment`` (UNICODE, UTF-16BE)."""
    body = b"UNICODE\x00" + text.encode("utf-16-be", errors="replace")
    exif_ifd = 8 + 2 + 12 + 4
    data_at = exif_ifd + 2 + 12 + 4
    tiff = b"MM\x00*" + struct.pack(">I", 8)
    tiff += struct.pack(">HHHII", 1, 0x8769, 4, 1, exif_ifd) + struct.pack(">I", 0)
    tiff += struct.pack(">HHHII", 1, 0x9286, 7, len(body), data_at) + struct.pack(">I", 0)
    return tiff + body


# -- per format ------------------------------------------------------------------


def _png_text(keyword: str, text: str) -> bytes:
    try:
        return PngChunk.build(b"tEXt", keyword.encode("latin-1") + b"\x00" + text.encode("latin-1"))
    except UnicodeEncodeError:
        return _png_itxt(keyword, text)


def _png_itxt(keyword: str, text: str) -> bytes:
    payload = keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")
    return PngChunk.build(b"iTXt", payload)


def _png_with(data: bytes, story: ImageStory) -> bytes:
    chunks = list(png_chunks(data))
    added = (
        _png_text("parameters", story.parameters_text())
        + _png_itxt(STUDIO_KEY, story.request_json())
        + _png_itxt("XML:com.adobe.xmp", xmp_packet(story, with_request=False))
    )
    ihdr = chunks[0]
    return data[: ihdr.end] + added + data[ihdr.end :]


def _jpeg_with(data: bytes, story: ImageStory) -> bytes:
    segments, _ = jpeg_segments(data)
    at = 2
    for s in segments:  # after JFIF / JFXX, before everything else
        if s.marker != 0xE0:
            break
        at = s.end
    comment = _fitting_comment(story, _SEGMENT_ROOM - len(EXIF_APP1))
    exif = JpegSegment.build(0xE1, EXIF_APP1 + exif_user_comment(comment))
    xmp = _fitting_xmp(story, _SEGMENT_ROOM - len(XMP_APP1))
    added = exif + JpegSegment.build(0xE1, XMP_APP1 + xmp)
    return data[:at] + added + data[at:]


def _webp_with(data: bytes, story: ImageStory) -> bytes:
    chunks = webp_chunks(data)
    raw = [RiffChunk.build(c.fourcc, c.data) for c in chunks]
    if chunks and chunks[0].fourcc == b"VP8X":
        vp8x = chunks[0].data
        raw[0] = RiffChunk.build(b"VP8X", bytes((vp8x[0] | 0x0C,)) + vp8x[1:])
    else:
        raw.insert(0, RiffChunk.build(b"VP8X", _vp8x_for(chunks)))
    raw.append(RiffChunk.build(b"EXIF", exif_user_comment(story.parameters_text())))
    raw.append(RiffChunk.build(b"XMP ", xmp_packet(story).encode("utf-8")))
    return join_webp(raw)


def _vp8x_for(chunks: list[RiffChunk]) -> bytes:
    """The extended-format header a simple WebP needs before it may carry EXIF and XMP."""
    width = height = 0
    alpha = False
    for c in chunks:
        if c.fourcc == b"VP8 " and len(c.data) >= 10:
            width = struct.unpack_from("<H", c.data, 6)[0] & 0x3FFF
            height = struct.unpack_from("<H", c.data, 8)[0] & 0x3FFF
        elif c.fourcc == b"VP8L" and len(c.data) >= 5:
            bits = int.from_bytes(c.data[1:5], "little")
            width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
            alpha = bool(bits >> 28 & 1)
        elif c.fourcc == b"ALPH":
            alpha = True
    if not width or not height:
        raise MetadataUnsupported("the WebP has no image chunk to size it by")
    flags = 0x0C | (0x10 if alpha else 0)
    return (
        bytes((flags, 0, 0, 0))
        + (width - 1).to_bytes(3, "little")
        + (height - 1).to_bytes(3, "little")
    )
