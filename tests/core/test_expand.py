"""Expanding the canvas: the placed image and its mask are pixel-exact for every anchor
(odd sizes included), the geometry round-trips through the history, and an expanded
edit through the sandbox leaves the original area unchanged."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from studio.core.capabilities import builtin_capabilities
from studio.core.expand import (
    ASPECTS,
    Anchor,
    ExpandError,
    Expansion,
    anchor_offset,
    aspect_target,
    expanded_image,
    mask_png,
    offered_sizes,
)
from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.size import Size
from tests.sandbox.conftest import checker, png_bytes

if TYPE_CHECKING:
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer

ORIGINAL = Size(7, 5)  # odd on both sides
TARGET = Size(12, 10)  # 5 and 5 to spare: a centred original sits 2 from the left/top
#: every anchor -> where the original's top-left goes (written out, not computed)
EXPECTED = {
    Anchor.TOP_LEFT: (0, 0),
    Anchor.TOP: (2, 0),
    Anchor.TOP_RIGHT: (5, 0),
    Anchor.LEFT: (0, 2),
    Anchor.CENTER: (2, 2),
    Anchor.RIGHT: (5, 2),
    Anchor.BOTTOM_LEFT: (0, 5),
    Anchor.BOTTOM: (2, 5),
    Anchor.BOTTOM_RIGHT: (5, 5),
}


def _open(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        return im.convert("RGBA")


@pytest.mark.parametrize("anchor", list(Anchor), ids=[a.name for a in Anchor])
def test_every_anchor_places_the_original_pixel_exactly(anchor: Anchor) -> None:
    assert anchor_offset(ORIGINAL, TARGET, anchor) == EXPECTED[anchor]
    exp = Expansion.anchored(ORIGINAL, TARGET, anchor)
    source = checker((7, 5)).convert("RGBA")
    image = _open(expanded_image(png_bytes(source), exp))
    mask = _open(mask_png(exp))
    assert image.size == mask.size == (12, 10)
    ox, oy = EXPECTED[anchor]
    for y in range(10):
        for x in range(12):
            inside = ox <= x < ox + 7 and oy <= y < oy + 5
            want = source.getpixel((x - ox, y - oy)) if inside else (0, 0, 0, 0)
            assert image.getpixel((x, y)) == want, (x, y)
            assert mask.getpixel((x, y))[3] == (255 if inside else 0), (x, y)


def test_feathering_widens_the_edit_area_inwards_only_where_new_area_borders() -> None:
    # new area on the right (4 px) and below (3 px) only: the band runs along those sides
    exp = Expansion.margins(Size(9, 7), 0, 0, 4, 3, feather=2)
    assert exp.target == Size(13, 10) and exp.offset == (0, 0)
    alpha = _open(mask_png(exp)).getchannel("A")
    for y in range(10):
        for x in range(13):
            kept = x < 9 - 2 and y < 7 - 2
            assert alpha.getpixel((x, y)) == (255 if kept else 0), (x, y)
    assert set(alpha.tobytes()) == {0, 255}  # never in between


def test_margins_and_aspect_presets() -> None:
    exp = Expansion.margins(Size(101, 51), 3, 4, 5, 6)
    assert exp.target == Size(109, 61) and exp.offset == (3, 4)
    assert exp.margins_ltrb == (3, 4, 5, 6)
    assert aspect_target(Size(1000, 1000), (16, 9)) == Size(1778, 1000)
    assert aspect_target(Size(1000, 1000), (16, 9), multiple_of=16) == Size(1792, 1008)
    assert aspect_target(Size(1600, 900), (1, 1)) == Size(1600, 1600)
    assert aspect_target(Size(300, 100), (3, 1)) == Size(300, 100)  # nothing to add
    assert len(ASPECTS) == 9 and (3, 1) in ASPECTS and (9, 16) in ASPECTS


@pytest.mark.parametrize(
    ("original", "target", "offset", "why"),
    [
        (Size(10, 10), Size(8, 12), (0, 0), "smaller"),
        (Size(10, 10), Size(10, 10), (0, 0), "adds nothing"),
        (Size(10, 10), Size(12, 12), (3, 0), "inside"),
        (Size(10, 10), Size(12, 12), (-1, 0), "inside"),
    ],
)
def test_impossible_geometry_is_refused(
    original: Size, target: Size, offset: tuple[int, int], why: str
) -> None:
    with pytest.raises(ExpandError, match=why):
        Expansion(original, target, offset)


def test_the_geometry_round_trips_and_hostile_json_is_refused() -> None:
    exp = Expansion.anchored(Size(7, 5), Size(12, 10), Anchor.BOTTOM_RIGHT, feather=1)
    assert Expansion.from_json(exp.to_json()) == exp
    for bad in ("[]", '{"original": "7x5"}', '{"original":"7x5","target":"1x1","offset":[0,0]}'):
        with pytest.raises(ExpandError):
            Expansion.from_json(bad)


def test_models_with_fixed_sizes_offer_only_sizes_that_hold_the_picture() -> None:
    caps = builtin_capabilities().get("gpt-image-1.5")
    assert caps is not None
    offered = offered_sizes(Size(1024, 1024), caps.params["size"])
    assert offered == [Size(1536, 1024), Size(1024, 1536)]
    assert offered_sizes(Size(1200, 1100), caps.params["size"]) == []


def test_an_exif_turned_picture_is_expanded_as_it_is_shown() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored 5x7, shown 7x5
    buf = io.BytesIO()
    checker((5, 7)).save(buf, "PNG", exif=exif.tobytes())
    exp = Expansion.anchored(Size(7, 5), Size(9, 9), Anchor.CENTER)
    assert _open(expanded_image(buf.getvalue(), exp)).size == (9, 9)
    with pytest.raises(ExpandError, match="not 5x7"):
        expanded_image(buf.getvalue(), Expansion.anchored(Size(5, 7), Size(9, 9)))


def test_an_expanded_edit_keeps_the_original_area_and_history_keeps_the_geometry(
    studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    source = checker((700, 500)).convert("RGBA")
    exp = Expansion.anchored(Size(700, 500), Size(1024, 768), Anchor.LEFT, feather=8)
    image = expanded_image(png_bytes(source), exp)
    request = ImageRequest(
        Mode.EDIT,
        "gpt-image-2.5-flare",
        "continue the room",
        {"size": str(exp.target)},
        images=(InputImage("room-expanded.png", image),),
        mask=InputImage("mask.png", mask_png(exp)),
        expansion=exp,
    )
    provider = Provider(
        id="t", name="T", base_url=sandbox.base_url, auth=AuthStyle.NONE, builtin=False
    )
    outcome = studio_ctx.run_job(provider, request)
    assert outcome.ok, outcome.error
    assert outcome.record is not None
    with Image.open(outcome.record.images[0].path) as im:
        result = im.convert("RGBA")
    assert result.size == (1024, 768)
    ox, oy = exp.offset
    left, top, right, bottom = exp.kept_box()
    kept = result.crop((left, top, right, bottom))
    assert kept.tobytes() == source.crop((left - ox, top - oy, right - ox, bottom - oy)).tobytes()
    assert result.getpixel((1000, 10))[3] == 255  # the new area is painted, not left clear
    assert result.getpixel((ox + 2, oy + 2)) != source.getpixel((2, 2))  # in the blend band
    again = studio_ctx.history.request_for(outcome.job_id or 0)
    assert again.expansion == exp
    assert again.images[0].data == image and again.mask is not None
