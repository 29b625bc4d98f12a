"""Decoding on the worker: a streamed partial's small preview (real PNG, SVG bytes)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from studio.jobs.decoding import decode_preview

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">'
    b'<rect width="512" height="512" fill="red"/></svg>'
)


def _stripes(width: int, height: int) -> bytes:
    """Black and white columns one pixel wide: what a sampled reduction breaks up."""
    picture = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    for x in range(0, width, 2):
        draw.line([(x, 0), (x, height - 1)], fill="black")
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def test_a_preview_is_as_high_as_asked_on_the_screen_it_goes_to() -> None:
    image = decode_preview(_stripes(1536, 1024), 96, 2.0)
    assert (image.width(), image.height()) == (288, 192)  # 96 logical px at ratio 2
    assert image.devicePixelRatio() == 2.0
    small = decode_preview(_stripes(64, 40), 96)
    assert (small.width(), small.height()) == (64, 40)  # never enlarged


def test_a_preview_is_averaged_down_not_sampled() -> None:
    image = decode_preview(_stripes(1536, 1024), 96)
    greys = [image.pixelColor(x, 48).red() for x in range(10, 130)]
    # every column mixes black and white lines; sampling would give 0 and 255
    assert all(90 <= g <= 165 for g in greys), greys


def test_bytes_that_are_no_raster_picture_give_no_preview() -> None:
    assert decode_preview(SVG, 96).isNull()  # Qt's loaders would have drawn it
    assert decode_preview(b"%PDF-1.4 not an image", 96).isNull()
    assert decode_preview(b"", 96).isNull()
