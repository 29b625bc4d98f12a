"""The containers of PNG, JPEG and WebP files, walked without decoding a pixel.

Metadata is read and written by splitting a file into its chunks (PNG), marker
segments (JPEG) or RIFF chunks (WebP) and joining them again, so the image data
itself is never re-encoded. Every walk is bounded by the file's own length and
stops with :class:`ChunkError` on a file that ends early or lies about a length.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_CHUNKS = 100_000


class ChunkError(ValueError):
    """The container is broken (truncated, or a length points past the end)."""


def kind_of(data: bytes) -> str | None:
    """``png``, ``jpeg`` or ``webp`` by the file's signature, else None."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


# -- PNG -------------------------------------------------------------------------


@dataclass(frozen=True)
class PngChunk:
    type: bytes
    data: bytes
    start: int  # offset of the length field
    end: int  # offset after the CRC

    @staticmethod
    def build(ctype: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(ctype + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + ctype + payload + struct.pack(">I", crc)


def png_chunks(data: bytes) -> Iterator[PngChunk]:
    if not data.startswith(PNG_SIGNATURE):
        raise ChunkError("not a PNG")
    pos, count = len(PNG_SIGNATURE), 0
    while pos < len(data):
        if pos + 8 > len(data):
            raise ChunkError("the file ends inside a chunk header")
        (length,) = struct.unpack_from(">I", data, pos)
        ctype = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if length > 0x7FFFFFFF or end > len(data):
            raise ChunkError(f"chunk {ctype!r} claims {length} bytes past the end of the file")
        yield PngChunk(ctype, data[pos + 8 : pos + 8 + length], pos, end)
        count += 1
        if ctype == b"IEND" or count > MAX_CHUNKS:
            return
        pos = end
    raise ChunkError("the file ends before its IEND chunk")


# -- JPEG ------------------------------------------------------------------------

#: markers without a length field
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


@dataclass(frozen=True)
class JpegSegment:
    marker: int
    data: bytes  # the payload after the length field
    start: int
    end: int

    @staticmethod
    def build(marker: int, payload: bytes) -> bytes:
        if len(payload) + 2 > 0xFFFF:
            raise ValueError("a JPEG segment holds at most 65533 bytes")
        return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_segments(data: bytes) -> tuple[list[JpegSegment], int]:
    """The marker segments before the scan, and the offset where the scan (SOS) starts."""
    if not data.startswith(b"\xff\xd8"):
        raise ChunkError("not a JPEG")
    pos = 2
    out: list[JpegSegment] = []
    while True:
        while pos + 1 < len(data) and data[pos] == 0xFF and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes
        if pos + 2 > len(data):
            raise ChunkError("the file ends before the image data")
        if data[pos] != 0xFF:
            raise ChunkError(f"no marker at byte {pos}")
        marker = data[pos + 1]
        if marker == 0xDA or marker == 0xD9:
            return out, pos
        if marker in _STANDALONE:
            pos += 2
            continue
        if pos + 4 > len(data):
            raise ChunkError("the file ends inside a segment header")
        (length,) = struct.unpack_from(">H", data, pos + 2)
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise ChunkError(f"segment {marker:#04x} claims {length} bytes past the end")
        out.append(JpegSegment(marker, data[pos + 4 : end], pos, end))
        if len(out) > MAX_CHUNKS:
            raise ChunkError("too many segments")
        pos = end


# -- WebP (RIFF) -----------------------------------------------------------------


@dataclass(frozen=True)
class RiffChunk:
    fourcc: bytes
    data: bytes
    start: int
    end: int

    @staticmethod
    def build(fourcc: bytes, payload: bytes) -> bytes:
        pad = b"\x00" if len(payload) % 2 else b""
        return fourcc + struct.pack("<I", len(payload)) + payload + pad


def webp_chunks(data: bytes) -> list[RiffChunk]:
    if kind_of(data) != "webp":
        raise ChunkError("not a WebP")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    limit = min(len(data), 8 + riff_size)
    if 8 + riff_size > len(data):
        raise ChunkError("the file is shorter than its RIFF header says")
    pos = 12
    out: list[RiffChunk] = []
    while pos + 8 <= limit:
        fourcc = data[pos : pos + 4]
        (size,) = struct.unpack_from("<I", data, pos + 4)
        end = pos + 8 + size + (size & 1)
        if pos + 8 + size > limit:
            raise ChunkError(f"chunk {fourcc!r} claims {size} bytes past the end of the file")
        out.append(RiffChunk(fourcc, data[pos + 8 : pos + 8 + size], pos, min(end, limit)))
        if len(out) > MAX_CHUNKS:
            raise ChunkError("too many chunks")
        pos = end
    return out


def join_webp(chunks: list[bytes]) -> bytes:
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
