"""An image size, ``WIDTHxHEIGHT``: the one place a size is parsed, written and judged.

The wire form is strict (``1024x1536``: what the API takes); what a person types
may be looser (``1024 × 1536``, ``1024X1536``, ``1024*1536``) and is read into
the same value, then written back in the wire form. Whether a size fits a
model's free-form rule (:class:`~studio.core.capabilities.SizeRule`) is decided
here too, with each broken part of the rule as a translatable phrase.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from studio.core.capabilities import SizeRule
from studio.core.errors import Text

#: the wire form: what is sent and what validation accepts
_WIRE = re.compile(r"(\d{1,6})x(\d{1,6})")
#: what a person may type: spaces, ``X``, ``×`` or ``*`` between the sides
_TYPED = re.compile(r"\s*(\d{1,6})\s*[xX×*]\s*(\d{1,6})\s*")


@dataclass(frozen=True)
class Size:
    """An image size in pixels."""

    width: int
    height: int

    @classmethod
    def parse(cls, value: object) -> Size | None:
        """The size ``value`` names in the wire form (``1024x1536``), else None."""
        if not isinstance(value, str):
            return None
        m = _WIRE.fullmatch(value)
        return cls(int(m.group(1)), int(m.group(2))) if m else None

    @classmethod
    def read(cls, text: str) -> Size | None:
        """The size a person typed (``1024 × 1536`` too), else None."""
        m = _TYPED.fullmatch(text)
        return cls(int(m.group(1)), int(m.group(2))) if m else None

    def __str__(self) -> str:
        """The wire form, ``WIDTHxHEIGHT``."""
        return f"{self.width}x{self.height}"

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def aspect(self) -> float:
        """Long side over short side (1.0 for a square; inf for a zero side)."""
        short, long = sorted((self.width, self.height))
        return long / short if short else math.inf

    def rule_breaks(self, rule: SizeRule) -> list[Text]:
        """Every part of ``rule`` this size breaks, as translatable phrases."""
        w, h = self.width, self.height
        out = []
        if w % rule.multiple_of or h % rule.multiple_of:
            out.append(Text.of("both sides must be multiples of {n}", n=rule.multiple_of))
        if min(w, h) < rule.min_side:
            out.append(Text.of("each side must be at least {n}", n=rule.min_side))
        if max(w, h) > rule.max_side:
            out.append(Text.of("the longest side must be at most {n}", n=rule.max_side))
        if self.pixels < rule.min_pixels or self.pixels > rule.max_pixels:
            out.append(
                Text.of(
                    "the image must have {low:,} to {high:,} pixels",
                    low=rule.min_pixels,
                    high=rule.max_pixels,
                )
            )
        if min(w, h) > 0 and self.aspect > rule.max_aspect:
            out.append(Text.of("the aspect ratio must be at most {n:g}:1", n=rule.max_aspect))
        return out

    def fits(self, rule: SizeRule) -> bool:
        return not self.rule_breaks(rule)
