"""Size presets for models that take any ``WxH`` under a rule (1K, 2K, 4K by aspect).

A preset is a pixel budget (1K ≈ 1024², 2K ≈ 2048², 4K ≈ 3840x2160) shaped to
an exact common aspect ratio with both sides on the rule's step, kept only when
the rule accepts it. Whether a size fits is asked of :class:`studio.core.size.Size`
(the one place the rule is judged), never worked out here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studio.core.capabilities import SizeRule
from studio.core.size import Size

#: (name, pixel budget) from small to large
SCALES: tuple[tuple[str, int], ...] = (
    ("1K", 1024 * 1024),
    ("2K", 2048 * 2048),
    ("4K", 3840 * 2160),
)
#: (width part, height part): square first, then landscape / portrait pairs
ASPECTS: tuple[tuple[int, int], ...] = ((1, 1), (3, 2), (2, 3), (4, 3), (3, 4), (16, 9), (9, 16))


@dataclass(frozen=True)
class SizePreset:
    scale: str  # "1K", "2K", "4K"
    aspect: str  # "16:9"
    width: int
    height: int

    @property
    def value(self) -> str:
        """The wire form, ``WIDTHxHEIGHT``."""
        return str(Size(self.width, self.height))


def _shape(budget: int, a: int, b: int, rule: SizeRule) -> tuple[int, int]:
    """The largest exact ``a:b`` size within ``budget`` pixels whose sides are on the step."""
    step = max(1, rule.multiple_of)
    budget = min(budget, rule.max_pixels)
    k = min(math.isqrt(budget // (a * b)), rule.max_side // max(a, b))
    while k > 0 and ((a * k) % step or (b * k) % step):
        k -= 1
    return a * k, b * k


def size_presets(rule: SizeRule) -> list[SizePreset]:
    """Every preset ``rule`` accepts, by scale then aspect, without duplicates."""
    out: list[SizePreset] = []
    seen: set[tuple[int, int]] = set()
    for scale, budget in SCALES:
        for a, b in ASPECTS:
            w, h = _shape(budget, a, b, rule)
            if w <= 0 or h <= 0 or (w, h) in seen or not Size(w, h).fits(rule):
                continue
            seen.add((w, h))
            out.append(SizePreset(scale, f"{a}:{b}", w, h))
    return out
