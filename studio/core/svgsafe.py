"""Checking an SVG from a provider before anything renders it.

An SVG is a program-shaped document: it can name external files and URLs, carry
scripts, declare entities that expand to gigabytes, or ask for a canvas of ten
billion pixels. The studio keeps the bytes it was sent (they were paid for) but
only renders a document that passed :func:`check_svg`, and renders the copy
this module re-serialises from its own parse, so the renderer never sees
anything this parser did not.

Parser choice: the standard library's expat, driven directly, with any
``<!DOCTYPE>`` refused at its first byte (so no entity is ever declared, let
alone expanded, and no external DTD is read) and parameter-entity parsing off.
This is the protection ``defusedxml`` adds around expat, but driving the
events ourselves also lets the element count, nesting depth and attribute
sizes be bounded *while* parsing, before any tree exists, with no new
dependency.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from studio.core.errors import Text

#: documents larger than this are not rendered (the bytes are still kept)
MAX_BYTES = 8 * 1024 * 1024
#: elements in the whole document
MAX_ELEMENTS = 50_000
#: nesting depth (deep nesting makes renderers recurse)
MAX_DEPTH = 64
#: one attribute value (a single enormous path)
MAX_ATTRIBUTE = 2 * 1024 * 1024
#: the canvas a document may declare, per side, in user units or pixels
MAX_SIDE = 16_384.0

#: elements that run code or embed another document
_REFUSED_ELEMENTS = frozenset(
    {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"}
)
#: raster data the document may embed itself (never another SVG, never a URL)
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp);base64,", re.IGNORECASE)
_URL_REF = re.compile(r"url\(\s*(['\"]?)([^)'\"]*)\1\s*\)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px)?\s*$")
_SNIFF = re.compile(rb"<svg[\s>/]")


def looks_like_svg(data: bytes) -> bool:
    """Whether the bytes claim to be an SVG document (cheap; says nothing of safety)."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and _SNIFF.search(head) is not None


@dataclass(frozen=True)
class SvgCheck:
    """The verdict on one document: render ``clean``, or show ``reason`` instead."""

    ok: bool
    #: why it is not rendered (None when ``ok``); a translatable sentence
    reason: Text | None = None
    #: the intrinsic size the document declares (0 when unknown)
    width: float = 0.0
    height: float = 0.0
    #: the re-serialised document to render (empty unless ``ok``)
    clean: bytes = field(default=b"", repr=False)


class _Refused(Exception):
    def __init__(self, reason: Text) -> None:
        super().__init__(str(reason))
        self.reason = reason


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
        text = text.replace("\r", "&#13;")
    return text


def _local(name: str) -> str:
    return name.rpartition(":")[2].lower()


def _check_reference(name: str, value: str) -> None:
    local = _local(name)
    if local == "href" or name.lower() == "src":
        ref = value.strip()
        if ref.startswith("#") or _DATA_IMAGE.match(ref):
            return
        raise _Refused(
            Text.of(
                "The drawing refers to an outside resource ({ref}); "
                "such references are never loaded.",
                ref=ref[:80],
            )
        )
    if local.startswith("on"):
        raise _Refused(
            Text.of("The drawing contains a script (the {name} attribute).", name=name[:40])
        )
    lowered = value.lower()
    if "url(" in lowered or "@import" in lowered:
        _check_css(value)


def _check_css(text: str) -> None:
    if "@import" in text.lower():
        raise _Refused(Text.of("The drawing's style imports an outside stylesheet."))
    for match in _URL_REF.finditer(text):
        ref = match.group(2).strip()
        if not (ref.startswith("#") or _DATA_IMAGE.match(ref)):
            raise _Refused(
                Text.of(
                    "The drawing refers to an outside resource ({ref}); "
                    "such references are never loaded.",
                    ref=ref[:80],
                )
            )


def _length(value: str | None) -> float | None:
    if value is None:
        return None
    match = _NUMBER.match(value)
    return float(match.group(1)) if match else None


def _canvas(attrs: dict[str, str]) -> tuple[float, float]:
    """The root's declared size, refused when absurd."""
    width = _length(attrs.get("width"))
    height = _length(attrs.get("height"))
    box = attrs.get("viewBox")
    if box is not None:
        parts = box.replace(",", " ").split()
        try:
            numbers = [float(p) for p in parts]
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
            raise _Refused(
                Text.of("The drawing's viewBox is not four numbers ({box}).", box=box[:60])
            )
        bw, bh = numbers[2], numbers[3]
        if bw <= 0 or bh <= 0 or bw > MAX_SIDE or bh > MAX_SIDE:
            raise _Refused(
                Text.of(
                    "The drawing's viewBox is {w:g}x{h:g}; at most {limit:g} a side is rendered.",
                    w=bw,
                    h=bh,
                    limit=MAX_SIDE,
                )
            )
        width = bw if width is None else width
        height = bh if height is None else height
    for side in (width, height):
        if side is not None and (not math.isfinite(side) or side < 0 or side > MAX_SIDE):
            raise _Refused(
                Text.of(
                    "The drawing declares a size of {w}x{h}; at most {limit:g} a side is rendered.",
                    w=attrs.get("width", "?")[:20],
                    h=attrs.get("height", "?")[:20],
                    limit=MAX_SIDE,
                )
            )
    return width or 0.0, height or 0.0


class _Walker:
    """Expat callbacks: bound everything, refuse what is unsafe, write the clean copy."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.depth = 0
        self.elements = 0
        self.size = (0.0, 0.0)
        self.in_style = 0
        #: ids of the open elements (None for those without one), outermost first
        self.open_ids: list[str | None] = []
        #: ids whose subtree holds a <use>, and the ids <use> elements point at
        self.holds_use: set[str] = set()
        self.use_targets: set[str] = set()

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        self.depth += 1
        if self.elements > MAX_ELEMENTS:
            raise _Refused(
                Text.of("The drawing has more than {limit:,} elements.", limit=MAX_ELEMENTS)
            )
        if self.depth > MAX_DEPTH:
            raise _Refused(
                Text.of("The drawing nests more than {limit} levels deep.", limit=MAX_DEPTH)
            )
        local = _local(name)
        if self.elements == 1:
            if local != "svg":
                raise _Refused(
                    Text.of("The document is not an SVG drawing (its root is <{name}>).", name=name)
                )
            self.size = _canvas(attrs)
        if local in _REFUSED_ELEMENTS:
            raise _Refused(Text.of("The drawing contains a <{name}> element.", name=name[:40]))
        if local == "style":
            self.in_style += 1
        if local == "use":
            self.holds_use.update(i for i in self.open_ids if i)
            for key, value in attrs.items():
                if _local(key) == "href" and value.strip().startswith("#"):
                    self.use_targets.add(value.strip()[1:])
        self.open_ids.append(attrs.get("id"))
        parts = [f"<{name}"]
        for key, value in attrs.items():
            if len(value) > MAX_ATTRIBUTE:
                raise _Refused(
                    Text.of(
                        "One attribute of the drawing is {size:,} characters; at most {limit:,}.",
                        size=len(value),
                        limit=MAX_ATTRIBUTE,
                    )
                )
            _check_reference(key, value)
            parts.append(f' {key}="{_escape(value, quote=True)}"')
        parts.append(">")
        self.out.append("".join(parts))

    def end(self, name: str) -> None:
        self.depth -= 1
        if self.open_ids:
            self.open_ids.pop()
        if _local(name) == "style":
            self.in_style -= 1
        self.out.append(f"</{name}>")

    def text(self, data: str) -> None:
        if self.in_style:
            _check_css(data)
        self.out.append(_escape(data))

    @staticmethod
    def doctype(*_args: object) -> None:
        raise _Refused(Text.of("The drawing declares a DTD (entities are never expanded)."))

    @staticmethod
    def entity(*_args: object) -> None:
        raise _Refused(Text.of("The drawing declares an entity (entities are never expanded)."))

    @staticmethod
    def external(*_args: object) -> int:
        raise _Refused(Text.of("The drawing refers to an external entity."))


#: what a parser from :func:`safe_parser` raises on a DTD, an entity or an external entity
SvgRefused = _Refused


def safe_parser(namespace_separator: str | None = None) -> expat.XMLParserType:
    """An expat parser that refuses any DTD, entity declaration or external entity
    (raising :data:`SvgRefused`) and never reads parameter entities."""
    parser = expat.ParserCreate(namespace_separator=namespace_separator)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _Walker.doctype
    parser.EntityDeclHandler = _Walker.entity
    parser.UnparsedEntityDeclHandler = _Walker.entity
    parser.ExternalEntityRefHandler = _Walker.external
    return parser


def check_svg(data: bytes) -> SvgCheck:
    """Parse ``data`` under the limits above; never fetches, never expands an entity."""
    if len(data) > MAX_BYTES:
        return SvgCheck(
            False,
            Text.of(
                "The drawing is {size:,} bytes; drawings over {limit:,} bytes are not rendered.",
                size=len(data),
                limit=MAX_BYTES,
            ),
        )
    walker = _Walker()
    parser = safe_parser()  # no namespace processing: names keep their prefixes
    parser.StartElementHandler = walker.start
    parser.EndElementHandler = walker.end
    parser.CharacterDataHandler = walker.text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return SvgCheck(False, refused.reason)
    except expat.ExpatError as exc:
        return SvgCheck(
            False,
            Text.of(
                "The drawing is not well-formed XML ({detail}).",
                detail=expat.ErrorString(exc.code) if exc.code else str(exc)[:80],
            ),
        )
    except (RecursionError, MemoryError, ValueError):
        return SvgCheck(False, Text.of("The drawing could not be read safely."))
    if walker.elements == 0:
        return SvgCheck(False, Text.of("The document is empty."))
    if walker.use_targets & walker.holds_use:
        # <use> of something that itself holds a <use>: copies multiply level by level
        # (a "billion laughs" made of shapes), or a reference loop
        return SvgCheck(
            False, Text.of("The drawing repeats parts that repeat other parts (nested <use>).")
        )
    clean = '<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(walker.out)
    width, height = walker.size
    return SvgCheck(True, None, width, height, clean.encode("utf-8"))
