"""Markup as data: annotations round-trip through JSON exactly, hostile documents are
refused with a reason, and the PNG part carries the notes next to the pixels."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from studio.core.markup import (
    MAX_ANNOTATIONS,
    NOTES_KEY,
    PALETTE,
    Annotation,
    Kind,
    MarkupDoc,
    MarkupError,
    Style,
    encode_png,
)


def _doc() -> MarkupDoc:
    return MarkupDoc.of(
        640,
        480,
        [
            Annotation(Kind.PEN, ((1.5, 2.0), (3.0, 4.25), (9.0, 9.0)), Style(width=3.5)),
            Annotation(Kind.LINE, ((0, 0), (100, 50))),
            Annotation(Kind.ARROW, ((10, 10), (200, 120)), Style("#1e88e5", 8, 0.5)),
            Annotation(Kind.RECT, ((20, 30), (120, 90))),
            Annotation(Kind.ELLIPSE, ((300, 200), (400, 260)), Style("#43a047")),
            Annotation(Kind.TEXT, ((50, 400),), Style(font_size=48, bold=True), "把灯变成红色"),
        ],
    )


def test_a_document_round_trips_through_json_exactly() -> None:
    doc = _doc()
    again = MarkupDoc.from_json(doc.to_json())
    assert again == doc
    assert again.notes() == ["把灯变成红色"]
    assert json.loads(doc.to_json())["annotations"][5]["text"] == "把灯变成红色"


def test_red_leads_the_palette() -> None:
    assert PALETTE[0] == "#e53935" and Style().colour == PALETTE[0]


def test_moving_and_restyling_make_new_objects() -> None:
    a = Annotation(Kind.RECT, ((20, 30), (120, 90)))
    b = a.moved(5, -10)
    assert b.points == ((25, 20), (125, 80)) and a.points == ((20, 30), (120, 90))
    assert a.with_style(colour="#000000").style.colour == "#000000"
    assert b.bounds() == (25, 20, 125, 80)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[]", "version"),
        ('{"version": 1, "width": 10, "height": 10, "annotations": [{"kind": "blob"}]}', "kind"),
        (
            '{"version": 1, "width": 10, "height": 10, "annotations": '
            '[{"kind": "line", "points": [[0, 0]]}]}',
            "points",
        ),
        (
            '{"version": 1, "width": 10, "height": 10, "annotations": '
            '[{"kind": "rect", "points": [[0, 0], [1, 1]], "colour": "red"}]}',
            "colour",
        ),
        (
            '{"version": 1, "width": 10, "height": 10, "annotations": '
            '[{"kind": "pen", "points": [[0, 0]], "width": 1e9}]}',
            "width",
        ),
        (
            '{"version": 1, "width": 10, "height": 10, "annotations": '
            '[{"kind": "pen", "points": [[0, NaN]]}]}',
            "finite",
        ),
        ('{"version": 1, "width": 0, "height": 10, "annotations": []}', "size"),
        ("{" * 100000, "JSON"),
    ],
)
def test_hostile_documents_are_refused_with_a_reason(text: str, why: str) -> None:
    with pytest.raises(MarkupError, match=why):
        MarkupDoc.from_json(text)


def test_too_many_annotations_are_refused() -> None:
    item = {"kind": "line", "points": [[0, 0], [1, 1]]}
    text = json.dumps(
        {"version": 1, "width": 9, "height": 9, "annotations": [item] * (MAX_ANNOTATIONS + 1)}
    )
    with pytest.raises(MarkupError, match="at most"):
        MarkupDoc.from_json(text)


def test_the_png_part_keeps_pixels_and_carries_the_notes() -> None:
    w, h = 5, 3
    pixels = bytearray(w * h * 4)
    pixels[4:8] = bytes([229, 57, 53, 255])  # one opaque red pixel at (1, 0)
    data = encode_png(bytes(pixels), w, h, notes=["make it red", "灯"])
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        assert im.format == "PNG" and im.size == (w, h) and im.mode == "RGBA"
        assert im.getpixel((1, 0)) == (229, 57, 53, 255)
        assert im.getpixel((0, 0))[3] == 0
        assert im.info[NOTES_KEY] == "make it red\n灯"


@pytest.mark.parametrize("orientation", range(1, 9))
def test_the_png_is_turned_as_the_image_it_was_drawn_on(orientation: int) -> None:
    from PIL import ImageOps

    stored = Image.new("RGBA", (5, 3), (0, 0, 0, 0))
    stored.putpixel((1, 0), (229, 57, 53, 255))
    stored.putpixel((4, 2), (0, 0, 255, 128))
    data = encode_png(stored.tobytes(), 5, 3, orientation=orientation)
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    stored.save(buf, "PNG", exif=exif.tobytes())
    with Image.open(io.BytesIO(buf.getvalue())) as im:
        shown = ImageOps.exif_transpose(im).convert("RGBA")  # how a reader turns the image
    with Image.open(io.BytesIO(data)) as got:
        got.load()
        assert got.size == shown.size
        assert got.tobytes() == shown.tobytes()
