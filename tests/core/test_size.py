"""The one size value: parsed, written and judged against a model's free-form rule."""

from __future__ import annotations

import math

import pytest

from studio.core.capabilities import SizeRule
from studio.core.size import Size

GPT_IMAGE_2 = SizeRule(
    multiple_of=16,
    min_side=16,
    max_side=3840,
    min_pixels=655_360,
    max_pixels=8_294_400,
    max_aspect=3.0,
)


def test_the_wire_form_is_strict() -> None:
    assert Size.parse("1024x1536") == Size(1024, 1536)
    for bad in ("1024X1536", "1024 x 1536", "1024×1536", "1024x1536\n", "x1024", "auto", "", 1024):
        assert Size.parse(bad) is None, bad
    assert Size.parse("1234567x1") is None  # no more than six digits a side


def test_typed_text_is_read_loosely_and_written_in_the_wire_form() -> None:
    for typed in ("1024x1536", " 1024 × 1536 ", "1024X1536", "1024*1536"):
        size = Size.read(typed)
        assert size == Size(1024, 1536)
        assert str(size) == "1024x1536"
    assert Size.read("1024 by 1536") is None
    assert Size.read("") is None


def test_pixels_and_aspect() -> None:
    assert Size(1536, 1024).pixels == 1_572_864
    assert Size(1536, 1024).aspect == Size(1024, 1536).aspect == 1.5
    assert Size(512, 512).aspect == 1.0
    assert Size(0, 512).aspect == math.inf


@pytest.mark.parametrize(
    ("size", "broken"),
    [
        (Size(2048, 1152), []),
        (Size(1000, 1000), ["both sides must be multiples of 16"]),
        (Size(3872, 1296), ["the longest side must be at most 3840"]),
        (Size(3850, 1024), ["both sides", "the longest side", "the aspect ratio"]),
        (Size(512, 512), ["the image must have 655,360 to 8,294,400 pixels"]),
        (Size(3840, 1024), ["the aspect ratio must be at most 3:1"]),
    ],
)
def test_rule_breaks_name_each_broken_part(size: Size, broken: list[str]) -> None:
    found = [str(t) for t in size.rule_breaks(GPT_IMAGE_2)]
    assert len(found) == len(broken), found
    for got, want in zip(found, broken, strict=True):
        assert got.startswith(want)
    assert size.fits(GPT_IMAGE_2) is (not broken)
