"""Parameters in GIF and SVG files, in each format's standard place.

A GIF gets the XMP packet in the XMP application extension (``XMP DataXMP``,
the raw packet followed by the 258-byte magic trailer, XMP spec part 3) and
the parameters text in a comment extension, both after the header (and the
loop extension); no frame, palette, timing or loop block changes. An SVG gets the XMP packet in a
``<metadata>`` element inserted as the root's first child; the rest of the
document stays byte for byte the same. Only a document that passes the
studio's SVG check is written into.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from studio.core.gifblocks import (
    GifError,
    comment_extension,
    gif_blocks,
    is_gif,
    xmp_extension,
)
from studio.core.svgsafe import SvgRefused, check_svg, looks_like_svg, safe_parser

if TYPE_CHECKING:
    from studio.core.metadata_write import ImageStory

#: application extensions a GIF keeps when stripped: how it loops, its colour profile
_KEPT_APPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_UTF8 = {"utf-8", "utf8"}
_ASCII = {"us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252"}


class _Unsupported(ValueError):
    pass


def is_gif_or_svg(data: bytes) -> str | None:
    if is_gif(data[:6]):
        return "gif"
    if looks_like_svg(data):
        return "svg"
    return None


# -- GIF -------------------------------------------------------------------------


def gif_with(data: bytes, story: ImageStory) -> bytes:
    from studio.core.metadata_write import xmp_packet

    try:
        blocks = list(gif_blocks(io.BytesIO(data), len(data)))
    except GifError as exc:
        raise _Unsupported(f"the GIF could not be walked ({exc})") from None
    at = blocks[0].end
    for block in blocks[1:]:  # after the loop extension, where players look for it
        if block.label != 0xFF or block.app not in _KEPT_APPS:
            break
        at = block.end
    packet = xmp_packet(story).encode("utf-8")
    added = xmp_extension(packet) + comment_extension(story.parameters_text().encode("utf-8"))
    # extensions are GIF89a's; an 87a file says 89a from now on
    return b"GIF89a" + data[6:at] + added + data[at:]


def strip_gif(data: bytes) -> bytes:
    """The GIF without comments and application extensions other than looping."""
    try:
        blocks = list(gif_blocks(io.BytesIO(data), len(data)))
    except GifError as exc:
        raise _Unsupported(f"the GIF could not be walked ({exc})") from None
    kept = [
        data[b.start : b.end]
        for b in blocks
        if not (b.label == 0xFE or (b.label == 0xFF and b.app not in _KEPT_APPS))
    ]
    return b"".join(kept) + b"\x3b"


# -- SVG -------------------------------------------------------------------------


def _tag_end(data: bytes, start: int) -> int:
    """The offset of the ``>`` that ends the tag starting at ``start`` (quotes skipped)."""
    quote = 0
    for i in range(start, len(data)):
        c = data[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x3E:
            return i
    raise _Unsupported("the tag never ends")


class _Elements:
    """Where the root and every ``metadata`` element start and end (byte offsets)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.root: tuple[str, int] | None = None
        self.metadata: list[tuple[int, int]] = []
        self._open: list[int | None] = []
        self.parser = safe_parser()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        try:
            self.parser.Parse(data, True)
        except SvgRefused as exc:
            raise _Unsupported(str(exc)) from None

    def start(self, name: str, _attrs: dict[str, str]) -> None:
        at = self.parser.CurrentByteIndex
        if self.root is None:
            self.root = (name, at)
        top = all(o is None for o in self._open)  # a metadata not inside another
        self._open.append(at if name.rpartition(":")[2] == "metadata" and top else None)

    def end(self, _name: str) -> None:
        start = self._open.pop()
        if start is None:
            return
        at = self.parser.CurrentByteIndex
        tag_end = _tag_end(self.data, start)
        if at <= start or self.data[tag_end - 1] == 0x2F:  # <metadata/>
            self.metadata.append((start, tag_end + 1))
        else:
            self.metadata.append((start, _tag_end(self.data, at) + 1))


def _svg_encode(data: bytes, text: str) -> bytes:
    """``text`` in the document's encoding (UTF-8, or character references in an
    ASCII-compatible one); refuses documents in other encodings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unsupported("a UTF-16 drawing")
    m = _ENCODING.match(data[:256].removeprefix(b"\xef\xbb\xbf"))
    encoding = m.group(1).decode("ascii").lower() if m else "utf-8"
    if encoding in _UTF8:
        return text.encode("utf-8")
    if encoding in _ASCII:
        return text.encode("ascii", "xmlcharrefreplace")
    raise _Unsupported(f"a drawing in {encoding}")


def svg_with(data: bytes, story: ImageStory) -> bytes:
    from studio.core.metadata_write import xmp_packet

    check = check_svg(data)
    if not check.ok:
        raise _Unsupported(f"the drawing did not pass the check ({check.reason})")
    found = _Elements(data)
    assert found.root is not None  # check_svg refuses an empty document
    name, start = found.root
    prefix = name.rpartition(":")[0]
    tag = f"{prefix}:metadata" if prefix else "metadata"
    block = _svg_encode(data, f"<{tag}>\n{xmp_packet(story)}\n</{tag}>")
    end = _tag_end(data, start)
    if data[end - 1] == 0x2F:  # <svg .../>: opened and closed around the metadata
        return data[: end - 1] + b">" + block + f"</{name}>".encode("ascii") + data[end + 1 :]
    return data[: end + 1] + block + data[end + 1 :]


def strip_svg(data: bytes) -> bytes:
    """The drawing without its ``<metadata>`` elements (the rest byte for byte)."""
    if not check_svg(data).ok:
        raise _Unsupported("the drawing did not pass the check")
    out, at = [], 0
    for start, end in _Elements(data).metadata:
        out.append(data[at:start])
        at = end
    return b"".join(out) + data[at:]
