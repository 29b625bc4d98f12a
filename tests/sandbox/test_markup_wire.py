"""The ``markup`` part on the wire: ``image/png``, named, sized like the first image,
absent when there is none, and equal to what the official SDK 3.57 sends."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFont

from studio.core.request import ImageRequest, InputImage, Mode
from studio.sandbox import imaging
from studio.sandbox.markup import NOTE_MARK
from studio.sandbox.server import SandboxServer
from tests.core.test_markup_requests import SIZE, markup_png
from tests.sandbox.conftest import checker, png_bytes
from tests.sandbox.test_sdk_bodies import PROMPT, _form, _sdk, _send, _studio


@pytest.mark.parametrize("model", ["gpt-image-2.5-flare", "gpt-image-2.6-sunburst"])
def test_the_markup_part_matches_the_sdk(sandbox: SandboxServer, model: str) -> None:
    image = png_bytes(checker(SIZE))
    markup = markup_png()
    settings = {"quality": "high", "size": "1024x1024"}
    with _studio(sandbox) as client:
        _send(
            client,
            ImageRequest(
                Mode.EDIT,
                model,
                PROMPT,
                settings,
                images=(InputImage("photo.png", image),),
                markup=InputImage("markup.png", markup),
            ),
        )
    with _sdk(sandbox) as sdk:
        sdk.images.edit(
            model=model,
            prompt=PROMPT,
            image=("photo.png", image, "image/png"),
            markup=("markup.png", markup, "image/png"),
            **settings,  # type: ignore[arg-type]
        )
    ours, theirs = sandbox.requests
    assert _form(ours) == _form(theirs)
    (part,) = [p for p in ours.multipart() if p.name == "markup"]
    assert part.is_file and part.filename == "markup.png" and part.content_type == "image/png"
    assert part.data == markup
    with Image.open(io.BytesIO(part.data)) as im:
        assert im.size == SIZE


def test_no_markup_part_without_markup(sandbox: SandboxServer) -> None:
    image = png_bytes(checker(SIZE))
    with _studio(sandbox) as client:
        _send(
            client,
            ImageRequest(
                Mode.EDIT,
                "gpt-image-2.5-flare",
                PROMPT,
                {},
                images=(InputImage("photo.png", image),),
            ),
        )
    (sent,) = sandbox.requests
    assert [p.name for p in sent.multipart() if p.is_file] == ["image"]


def test_a_nameless_markup_gets_a_name(sandbox: SandboxServer) -> None:
    with _studio(sandbox) as client:
        _send(
            client,
            ImageRequest(
                Mode.EDIT,
                "gpt-image-2.5-flare",
                PROMPT,
                {},
                images=(InputImage("photo.png", png_bytes(checker(SIZE))),),
                markup=InputImage("", markup_png()),
            ),
        )
    (part,) = [p for p in sandbox.requests[0].multipart() if p.name == "markup"]
    assert part.filename == "markup.png"


def test_the_mark_before_a_note_in_the_result_is_a_real_glyph() -> None:
    """The sandbox writes each note it received into the result after a mark; the mark
    was a pencil (U+270E) that the fonts it draws with lack, so every note showed a box."""
    for font in (imaging.font(40), ImageFont.load_default(size=40)):
        with imaging.text_lock():
            missing = font.getmask("\U0010fffd")
            mark = font.getmask(NOTE_MARK)
        assert mark.size != missing.size or bytes(mark) != bytes(missing), font
