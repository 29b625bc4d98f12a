"""Markup as data: the annotations drawn over the first input of an edit.

A markup edit shows the model *what* to change: pen scribbles, lines, arrows,
rectangles, ellipses and short text notes, held in image coordinates. This
module is the editable form (frozen dataclasses, JSON in and out, every value
bounded so a hostile file cannot blow up memory); the canvas draws it and
rasterises it into the transparent PNG that is sent as the ``markup`` part.
History keeps the JSON next to the PNG so a reused job brings the annotations
back as objects, not pixels.
"""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

FORMAT_VERSION = 1
#: bounds for anything read from a file (a hostile document stays small)
MAX_ANNOTATIONS = 2000
MAX_POINTS = 20000
MAX_TEXT = 2000
MAX_JSON_BYTES = 8 * 1024 * 1024
MAX_WIDTH = 512.0
MIN_FONT, MAX_FONT = 4, 1024
#: the PNG text chunk that carries the notes' text (a model reads the pixels; the key
#: lets a reader, such as the offline provider, list the notes without OCR)
NOTES_KEY = "Markup notes"

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: the palette a user picks from first: red leads (the usual "change this" colour)
PALETTE = ("#e53935", "#fdd835", "#43a047", "#1e88e5", "#ffffff", "#000000")


class Kind(enum.StrEnum):
    PEN = "pen"
    LINE = "line"
    ARROW = "arrow"
    RECT = "rect"
    ELLIPSE = "ellipse"
    TEXT = "text"


#: how many points each kind holds (None: any number from 1)
_POINTS: Mapping[Kind, int | None] = {
    Kind.PEN: None,
    Kind.LINE: 2,
    Kind.ARROW: 2,
    Kind.RECT: 2,
    Kind.ELLIPSE: 2,
    Kind.TEXT: 1,
}

Point = tuple[float, float]


class MarkupError(ValueError):
    """A markup document that cannot be read; the message says why."""


@dataclass(frozen=True)
class Style:
    colour: str = PALETTE[0]
    width: float = 6.0
    opacity: float = 1.0
    font_size: int = 36
    bold: bool = False

    def __post_init__(self) -> None:
        if not _COLOUR.match(self.colour):
            raise MarkupError(f"colour must look like #rrggbb, not {self.colour[:20]!r}")
        if not (0.5 <= self.width <= MAX_WIDTH) or not math.isfinite(self.width):
            raise MarkupError(f"stroke width must be between 0.5 and {MAX_WIDTH:g}")
        if not (0.05 <= self.opacity <= 1.0):
            raise MarkupError("opacity must be between 0.05 and 1")
        if not (MIN_FONT <= self.font_size <= MAX_FONT):
            raise MarkupError(f"font size must be between {MIN_FONT} and {MAX_FONT}")


@dataclass(frozen=True)
class Annotation:
    """One shape. ``points``: pen = the path, line/arrow = from and to (the arrow head at
    ``to``), rect/ellipse = two opposite corners, text = the top-left of the note."""

    kind: Kind
    points: tuple[Point, ...]
    style: Style = field(default_factory=Style)
    text: str = ""

    def __post_init__(self) -> None:
        want = _POINTS[self.kind]
        n = len(self.points)
        if (want is None and not 1 <= n <= MAX_POINTS) or (want is not None and n != want):
            raise MarkupError(f"a {self.kind.value} needs {want or 'some'} points, not {n}")
        for x, y in self.points:
            if not (math.isfinite(x) and math.isfinite(y)):
                raise MarkupError("points must be finite numbers")
        if len(self.text) > MAX_TEXT:
            raise MarkupError(f"a note holds at most {MAX_TEXT} characters")
        if self.kind is not Kind.TEXT and self.text:
            raise MarkupError(f"a {self.kind.value} carries no text")

    def moved(self, dx: float, dy: float) -> Annotation:
        return replace(self, points=tuple((x + dx, y + dy) for x, y in self.points))

    def with_style(self, **changes: Any) -> Annotation:
        return replace(self, style=replace(self.style, **changes))

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the points (a note's box is the canvas's to measure)."""
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)

    def to_dict(self) -> dict[str, Any]:
        s = self.style
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "points": [[round(x, 3), round(y, 3)] for x, y in self.points],
            "colour": s.colour,
            "width": s.width,
            "opacity": s.opacity,
        }
        if self.kind is Kind.TEXT:
            out.update(text=self.text, font_size=s.font_size, bold=s.bold)
        return out

    @classmethod
    def from_dict(cls, raw: Any) -> Annotation:
        if not isinstance(raw, Mapping):
            raise MarkupError("each annotation must be an object")
        try:
            kind = Kind(str(raw.get("kind")))
        except ValueError:
            raise MarkupError(f"unknown annotation kind {str(raw.get('kind'))[:20]!r}") from None
        pts = raw.get("points")
        if not isinstance(pts, list) or len(pts) > MAX_POINTS:
            raise MarkupError("points must be a list of [x, y] pairs")
        points: list[Point] = []
        for p in pts:
            if (
                not isinstance(p, list)
                or len(p) != 2
                or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in p)
            ):
                raise MarkupError("points must be a list of [x, y] pairs")
            points.append((float(p[0]), float(p[1])))
        text = raw.get("text", "")
        if not isinstance(text, str):
            raise MarkupError("a note's text must be text")
        try:
            style = Style(
                colour=str(raw.get("colour", PALETTE[0])),
                width=float(raw.get("width", 6.0)),
                opacity=float(raw.get("opacity", 1.0)),
                font_size=int(raw.get("font_size", 36)),
                bold=bool(raw.get("bold", False)),
            )
        except (TypeError, ValueError) as exc:
            raise MarkupError(str(exc)) from None
        return cls(kind, tuple(points), style, text)


@dataclass(frozen=True)
class MarkupDoc:
    """Every annotation over an image of ``width`` × ``height`` pixels, in drawing order."""

    width: int
    height: int
    annotations: tuple[Annotation, ...] = ()

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise MarkupError("the markup needs an image size")
        if len(self.annotations) > MAX_ANNOTATIONS:
            raise MarkupError(f"at most {MAX_ANNOTATIONS} annotations")

    @property
    def empty(self) -> bool:
        return not self.annotations

    def notes(self) -> list[str]:
        """The text notes, in drawing order (empty ones left out)."""
        return [a.text for a in self.annotations if a.kind is Kind.TEXT and a.text.strip()]

    def to_json(self) -> str:
        payload = {
            "version": FORMAT_VERSION,
            "width": self.width,
            "height": self.height,
            "annotations": [a.to_dict() for a in self.annotations],
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> MarkupDoc:
        if len(text) > MAX_JSON_BYTES:
            raise MarkupError("the markup document is too large")
        try:
            raw = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise MarkupError(f"not JSON ({exc})") from None
        if not isinstance(raw, Mapping) or raw.get("version") != FORMAT_VERSION:
            raise MarkupError("not a markup document of a version this app reads")
        width, height, items = raw.get("width"), raw.get("height"), raw.get("annotations")
        if not isinstance(width, int) or not isinstance(height, int):
            raise MarkupError("the markup needs an image size")
        if not isinstance(items, list) or len(items) > MAX_ANNOTATIONS:
            raise MarkupError(f"annotations must be a list of at most {MAX_ANNOTATIONS}")
        return cls(width, height, tuple(Annotation.from_dict(i) for i in items))

    @classmethod
    def of(cls, width: int, height: int, annotations: Iterable[Annotation]) -> MarkupDoc:
        return cls(width, height, tuple(annotations))


#: EXIF orientation -> the Pillow transpose that shows the picture upright
_TRANSPOSE = {
    2: "FLIP_LEFT_RIGHT",
    3: "ROTATE_180",
    4: "FLIP_TOP_BOTTOM",
    5: "TRANSPOSE",
    6: "ROTATE_270",
    7: "TRANSVERSE",
    8: "ROTATE_90",
}


def encode_png(
    rgba: bytes | memoryview,
    width: int,
    height: int,
    *,
    stride: int | None = None,
    notes: Iterable[str] = (),
    compress_level: int = 6,
    orientation: int = 1,
) -> bytes:
    """The markup part: straight (not premultiplied) RGBA pixels as a PNG, with the notes'
    text in an international text chunk (:data:`NOTES_KEY`) next to the pixels.

    The pixels are drawn on the first image's stored pixel grid; ``orientation`` is that
    image's EXIF orientation, applied here as the provider applies it to the image, so
    the markup lands where it was drawn (and has the size the image is shown at)."""
    import io

    from PIL import Image, PngImagePlugin

    data = rgba if isinstance(rgba, bytes) else rgba.tobytes()
    image = Image.frombuffer("RGBA", (width, height), data, "raw", "RGBA", stride or width * 4, 1)
    turn = _TRANSPOSE.get(orientation)
    if turn is not None:
        image = image.transpose(getattr(Image.Transpose, turn))
    info = PngImagePlugin.PngInfo()
    text = "\n".join(n.replace("\n", " ").strip() for n in notes if n.strip())
    if text:
        info.add_itxt(NOTES_KEY, text[: MAX_TEXT * 4])
    buf = io.BytesIO()
    image.save(buf, "PNG", pnginfo=info, compress_level=compress_level)
    return buf.getvalue()
