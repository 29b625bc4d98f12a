"""The blocks of a GIF file, walked without decoding a frame.

Used to put metadata into a GIF (an XMP application extension, a comment
extension) and to read it back. The walk streams the file through a small
window, so a file of any size is walked in bounded memory, and it stops after
:data:`MAX_BLOCKS` blocks or :data:`MAX_SUBBLOCKS` data sub-blocks so a file
made of nothing but tiny blocks cannot keep it busy.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

GIF_SIGNATURES = (b"GIF87a", b"GIF89a")
#: identifier and authentication code of the XMP application extension
XMP_APP_ID = b"XMP DataXMP"
#: after the raw XMP packet: makes a sub-block reader skip it (XMP spec part 3, 1.1.2)
XMP_MAGIC_TRAILER = b"\x01" + bytes(range(255, -1, -1)) + b"\x00"
MAX_BLOCKS = 10_000
MAX_SUBBLOCKS = 1_000_000
_WINDOW = 1 << 16
_FIND_WINDOW = 1 << 20


class GifError(ValueError):
    """The GIF is broken (ends early), or holds more blocks than are walked."""


class GifTooMany(GifError):
    """More blocks or sub-blocks than the walk reads; what came before was walked."""


@dataclass(frozen=True)
class GifBlock:
    #: ``header`` (signature, screen descriptor and global palette), ``image``
    #: (descriptor, local palette and data) or ``extension``
    kind: str
    start: int
    end: int
    #: the extension's label (0xF9 graphic control, 0xFE comment, 0xFF application)
    label: int = 0
    #: an application extension's identifier and authentication code
    app: bytes = b""


def is_gif(head: bytes) -> bool:
    return head[:6] in GIF_SIGNATURES


class _Stream:
    """Random reads through one window of the file."""

    def __init__(self, fh: BinaryIO, size: int) -> None:
        self.fh, self.size = fh, size
        self.window, self.at = b"", 0

    def read(self, pos: int, n: int) -> bytes:
        if pos + n > self.size:
            raise GifError("the file ends inside a block")
        i = pos - self.at
        if i < 0 or i + n > len(self.window):
            self.fh.seek(pos)
            self.window, self.at, i = self.fh.read(max(n, _WINDOW)), pos, 0
        data = self.window[i : i + n]
        if len(data) < n:
            raise GifError("the file ends inside a block")
        return data

    def find(self, needle: bytes, pos: int) -> int:
        """Where ``needle`` next starts at or after ``pos`` (-1: nowhere)."""
        while pos < self.size:
            self.fh.seek(pos)
            window = self.fh.read(_FIND_WINDOW)
            at = window.find(needle)
            if at >= 0:
                return pos + at
            if len(window) < _FIND_WINDOW:
                return -1
            pos += len(window) - len(needle) + 1
        return -1


def gif_blocks(fh: BinaryIO, size: int | None = None) -> Iterator[GifBlock]:
    """The blocks of the GIF in ``fh`` up to its trailer (raises GifError when broken)."""
    if size is None:
        fh.seek(0, io.SEEK_END)
        size = fh.tell()
    s = _Stream(fh, size)
    head = s.read(0, 13)
    if not is_gif(head):
        raise GifError("not a GIF")
    pos = 13 + _palette(head[10])
    s.read(pos - 1, 1)
    yield GifBlock("header", 0, pos)
    subblocks = 0
    for _ in range(MAX_BLOCKS):
        if pos >= size:
            raise GifError("the file ends before its trailer")
        intro = s.read(pos, 1)[0]
        if intro == 0x3B:
            return
        if intro == 0x21:
            label = s.read(pos + 1, 1)[0]
            app = b""
            if label == 0xFF and s.read(pos + 2, 1)[0] == 11:
                app = s.read(pos + 3, 11)
            trailer = s.find(XMP_MAGIC_TRAILER, pos + 14) if app == XMP_APP_ID else -1
            if trailer >= 0:  # a raw packet: found by its trailer, however long it is
                end = trailer + len(XMP_MAGIC_TRAILER)
            else:
                end, subblocks = _skip_subblocks(s, pos + 2, subblocks)
            yield GifBlock("extension", pos, end, label, app)
        elif intro == 0x2C:
            packed = s.read(pos + 9, 1)[0]
            data_at = pos + 10 + (_palette(packed) if packed & 0x80 else 0) + 1
            end, subblocks = _skip_subblocks(s, data_at, subblocks)
            yield GifBlock("image", pos, end)
        else:
            raise GifError(f"an unknown block 0x{intro:02x} at byte {pos}")
        pos = end
    raise GifTooMany(f"more than {MAX_BLOCKS} blocks")


def _palette(packed: int) -> int:
    return 3 * (2 ** ((packed & 7) + 1)) if packed & 0x80 else 0


def _skip_subblocks(s: _Stream, pos: int, count: int) -> tuple[int, int]:
    """The offset after the sub-blocks starting at ``pos`` and their terminator."""
    while True:
        s.read(pos, 1)  # the window now holds pos
        window, at = s.window, s.at
        i = pos - at
        while i < len(window):  # the hot loop: plain indexing within the window
            count += 1
            n = window[i]
            i += 1 + n
            if n == 0:
                return at + i, count
            if count > MAX_SUBBLOCKS:
                raise GifTooMany(f"more than {MAX_SUBBLOCKS} data sub-blocks")
        pos = at + i


def subblock_bytes(raw: bytes) -> bytes:
    """The data of sub-blocks ``raw`` (length bytes removed, up to the terminator)."""
    out, pos = [], 0
    while pos < len(raw) and raw[pos]:
        out.append(raw[pos + 1 : pos + 1 + raw[pos]])
        pos += 1 + raw[pos]
    return b"".join(out)


def subblocks_of(data: bytes) -> bytes:
    """``data`` as sub-blocks of at most 255 bytes, with the terminator."""
    parts = [bytes((len(data[i : i + 255]),)) + data[i : i + 255] for i in range(0, len(data), 255)]
    return b"".join(parts) + b"\x00"


def xmp_extension(packet: bytes) -> bytes:
    """The XMP application extension holding ``packet`` (which must hold no NUL byte)."""
    return b"\x21\xff\x0b" + XMP_APP_ID + packet + XMP_MAGIC_TRAILER


def comment_extension(text: bytes) -> bytes:
    return b"\x21\xfe" + subblocks_of(text)
