"""The estimate of a GIF counts its frames; an SVG's says its author's tokens come on top."""

from __future__ import annotations

import dataclasses

from studio.core.capabilities import builtin_capabilities
from studio.core.costs import estimate
from studio.core.request import ImageRequest, Mode

MODEL = "gpt-image-2.6-flare"


def _caps_with_tokens():  # type: ignore[no-untyped-def]
    caps = builtin_capabilities().get(MODEL)
    assert caps is not None
    # an override table that knows 2.6's token counts (the built-in gives none)
    return dataclasses.replace(caps, output_tokens={"medium": {"1024x1024": 1000}})


def _request(**params: object) -> ImageRequest:
    return ImageRequest(
        Mode.GENERATE, MODEL, "a fox", {"size": "1024x1024", "quality": "medium", **params}
    )


def test_a_gif_counts_each_frame_as_an_image() -> None:
    caps = _caps_with_tokens()
    still = estimate(_request(output_format="png"), caps)
    gif = estimate(_request(output_format="gif", frame_count=6), caps)
    assert still.output_tokens == 1000
    assert gif.output_tokens == 6000 and "6 images, one per frame" in gif.note
    default = estimate(_request(output_format="gif"), caps)  # the table's default: 9 frames
    assert default.output_tokens == 9000


def test_an_svg_estimate_says_the_author_is_not_counted() -> None:
    svg = estimate(_request(output_format="svg"), _caps_with_tokens())
    assert svg.output_tokens == 1000 and "SVG author's tokens" in svg.note
