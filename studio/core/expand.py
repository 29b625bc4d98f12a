"""Expanding the canvas (outpainting): the geometry, the expanded image and its mask.

Expanding is a geometry step plus an ordinary masked edit: the original is placed
in a larger transparent canvas, and the mask's transparent (edit) area is exactly
the new region, optionally widened inwards by ``feather`` pixels along the sides
that border it (so the model blends the seam; mask alpha stays 0 or 255). Every
number here is a whole pixel: the tests check each anchor on odd sizes.
"""

from __future__ import annotations

import enum
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio.core.capabilities import ParamSpec
from studio.core.size import Size

MAX_FEATHER = 256


class ExpandError(ValueError):
    """A geometry that cannot be used; the message says why."""


class Anchor(enum.Enum):
    """Where the original sits in the new frame: (column, row) in 0, 1, 2."""

    TOP_LEFT = (0, 0)
    TOP = (1, 0)
    TOP_RIGHT = (2, 0)
    LEFT = (0, 1)
    CENTER = (1, 1)
    RIGHT = (2, 1)
    BOTTOM_LEFT = (0, 2)
    BOTTOM = (1, 2)
    BOTTOM_RIGHT = (2, 2)


#: aspect presets (width, height), landscape then portrait, as offered to a person
ASPECTS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (4, 3),
    (3, 2),
    (16, 9),
    (3, 1),
    (3, 4),
    (2, 3),
    (9, 16),
    (1, 3),
)


def anchor_offset(original: Size, target: Size, anchor: Anchor) -> tuple[int, int]:
    """Where the original's top-left corner goes; a centred odd remainder goes right/down
    by the smaller half (floor), so the offset is always a whole pixel."""
    col, row = anchor.value
    dx, dy = target.width - original.width, target.height - original.height
    return (dx * col) // 2, (dy * row) // 2


@dataclass(frozen=True)
class Expansion:
    """The original (``original``, after EXIF orientation) placed at ``offset`` in a
    frame of ``target``; the edit area is the frame outside the original, widened
    ``feather`` pixels into it along the sides that border new area."""

    original: Size
    target: Size
    offset: tuple[int, int]
    feather: int = 0

    def __post_init__(self) -> None:
        w, h = self.original.width, self.original.height
        tw, th = self.target.width, self.target.height
        x, y = self.offset
        if min(w, h) <= 0:
            raise ExpandError("the original has no pixels")
        if tw < w or th < h:
            raise ExpandError(f"{self.target} is smaller than the picture ({self.original})")
        if (tw, th) == (w, h):
            raise ExpandError("the new size adds nothing around the picture")
        if not (0 <= x <= tw - w and 0 <= y <= th - h):
            raise ExpandError("the picture must lie inside the new frame")
        if not 0 <= self.feather <= MAX_FEATHER:
            raise ExpandError(f"the blend band must be 0 to {MAX_FEATHER} pixels")

    @classmethod
    def anchored(
        cls, original: Size, target: Size, anchor: Anchor = Anchor.CENTER, feather: int = 0
    ) -> Expansion:
        return cls(original, target, anchor_offset(original, target, anchor), feather)

    @classmethod
    def margins(
        cls, original: Size, left: int, top: int, right: int, bottom: int, feather: int = 0
    ) -> Expansion:
        if min(left, top, right, bottom) < 0:
            raise ExpandError("margins cannot be negative")
        target = Size(original.width + left + right, original.height + top + bottom)
        return cls(original, target, (left, top), feather)

    @property
    def margins_ltrb(self) -> tuple[int, int, int, int]:
        x, y = self.offset
        return (
            x,
            y,
            self.target.width - self.original.width - x,
            self.target.height - self.original.height - y,
        )

    def kept_box(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom), exclusive: the original's pixels the mask keeps
        (alpha 255): the original, less the blend band on each side with new area."""
        x, y = self.offset
        left, top, right, bottom = self.margins_ltrb
        f = self.feather
        box = (
            x + (f if left else 0),
            y + (f if top else 0),
            x + self.original.width - (f if right else 0),
            y + self.original.height - (f if bottom else 0),
        )
        return box[0], box[1], max(box[0], box[2]), max(box[1], box[3])

    def to_dict(self) -> dict[str, Any]:
        return {
            "original": str(self.original),
            "target": str(self.target),
            "offset": list(self.offset),
            "feather": self.feather,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Expansion:
        original, target = Size.parse(raw.get("original")), Size.parse(raw.get("target"))
        offset, feather = raw.get("offset"), raw.get("feather", 0)
        if original is None or target is None:
            raise ExpandError("not an expansion (sizes missing)")
        if (
            not isinstance(offset, list)
            or len(offset) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in offset)
            or not isinstance(feather, int)
        ):
            raise ExpandError("not an expansion (offset or feather missing)")
        return cls(original, target, (offset[0], offset[1]), feather)

    @classmethod
    def from_json(cls, text: str | bytes) -> Expansion:
        if len(text) > 4096:
            raise ExpandError("not an expansion (too long)")
        try:
            raw = json.loads(text)
        except ValueError:
            raise ExpandError("not an expansion (not JSON)") from None
        if not isinstance(raw, Mapping):
            raise ExpandError("not an expansion")
        return cls.from_dict(raw)


def aspect_target(
    original: Size, aspect: tuple[int, int], multiple_of: int = 1, min_pixels: int = 1
) -> Size:
    """The smallest frame of ``aspect`` (within a rounding of ``multiple_of``) that holds
    the original and has at least ``min_pixels`` (a model's smallest size: a small photo's
    tightest frame is below it), both sides rounded up to ``multiple_of``."""
    a, b = aspect
    w, h = original.width, original.height
    if w * b >= h * a:  # too wide for the aspect: grow the height
        tw, th = w, math.ceil(w * b / a)
    else:
        tw, th = math.ceil(h * a / b), h
    if tw * th < min_pixels:  # grow both sides by the same factor, keeping the shape
        k = math.sqrt(min_pixels / (tw * th))
        tw, th = math.ceil(tw * k), math.ceil(th * k)
    m = max(1, multiple_of)
    return Size(math.ceil(tw / m) * m, math.ceil(th / m) * m)


def offered_sizes(original: Size, spec: ParamSpec | None) -> list[Size]:
    """The fixed sizes a model takes that hold the original (and add something); for a
    model without free sizes these are all an expansion may use."""
    out = []
    for choice in spec.choices if spec is not None else ():
        size = Size.parse(choice)
        if size is None:
            continue
        holds = size.width >= original.width and size.height >= original.height
        if holds and size != original:
            out.append(size)
    return out


def oriented(data: bytes) -> Any:
    """The picture as Pillow sees it after its EXIF orientation, as RGBA."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as im:
        im.load()
        return ImageOps.exif_transpose(im).convert("RGBA")


def _png(image: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=6)
    return buf.getvalue()


def expanded_image(data: bytes, exp: Expansion) -> bytes:
    """The original placed at the offset in a transparent frame of the target size (PNG).
    Raises :class:`ExpandError` when the picture is not the expansion's original."""
    from PIL import Image

    picture = oriented(data)
    if picture.size != (exp.original.width, exp.original.height):
        raise ExpandError(f"the picture is {picture.size[0]}x{picture.size[1]}, not {exp.original}")
    frame = Image.new("RGBA", (exp.target.width, exp.target.height), (0, 0, 0, 0))
    frame.paste(picture, exp.offset)
    return _png(frame)


def mask_png(exp: Expansion) -> bytes:
    """The mask: alpha 0 (edit) on the new area and the blend band, 255 on the rest."""
    from PIL import Image

    mask = Image.new("RGBA", (exp.target.width, exp.target.height), (0, 0, 0, 0))
    left, top, right, bottom = exp.kept_box()
    if right > left and bottom > top:
        mask.paste((0, 0, 0, 255), (left, top, right, bottom))
    return _png(mask)
