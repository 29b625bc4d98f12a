"""Markup edits end to end in core: every rule refused before sending (zero requests at
the sandbox), the part on the wire, the sandbox honouring it, history keeping it."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageDraw

from studio.core.errors import ErrorKind, StudioError
from studio.core.markup import Annotation, Kind, MarkupDoc, encode_png
from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, InputImage, Mode
from tests.sandbox.conftest import checker, png_bytes

if TYPE_CHECKING:
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer

MODEL = "gpt-image-2.5-flare"
SIZE = (96, 64)
BOX = (20, 12, 44, 30)  # the drawn rectangle (inclusive corners)


def _provider(base_url: str) -> Provider:
    return Provider(id="t", name="T", base_url=base_url, auth=AuthStyle.NONE, builtin=False)


def markup_png(size: tuple[int, int] = SIZE, notes: tuple[str, ...] = ("make it red",)) -> bytes:
    im = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(im).rectangle(BOX, outline=(229, 57, 53, 255), width=3)
    return encode_png(im.tobytes(), size[0], size[1], notes=notes)


def _edit(model: str = MODEL, **kw: object) -> ImageRequest:
    image = InputImage("photo.png", png_bytes(checker(SIZE)))
    args: dict[str, object] = {
        "images": (image,),
        "markup": InputImage("markup.png", markup_png()),
    }
    args.update(kw)
    return ImageRequest(Mode.EDIT, model, "do what the notes say", {}, **args)  # type: ignore[arg-type]


def _jpeg_turned() -> bytes:
    """A 64x96 JPEG stored sideways: EXIF orientation 6 shows it as 96x64."""
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    checker((SIZE[1], SIZE[0])).save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def _opaque_png() -> bytes:
    return png_bytes(Image.new("RGBA", SIZE, (255, 0, 0, 255)))


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (_edit("gpt-image-2"), "does not take markup"),
        (_edit("gpt-image-1.5"), "does not take markup"),
        (_edit(mask=InputImage("mask.png", png_bytes(checker(SIZE, "RGBA")))), "not both"),
        (_edit(markup=InputImage("m.png", markup_png((64, 64)))), "same size"),
        (_edit(markup=InputImage("m.png", _opaque_png())), "no transparent pixels"),
        (_edit(markup=InputImage("m.png", b"")), "cannot be used as markup"),
        (
            _edit(
                images=(InputImage("turned.jpg", _jpeg_turned()),),
                markup=InputImage("m.png", markup_png((SIZE[1], SIZE[0]))),
            ),
            "same size",
        ),
    ],
    ids=["model-2", "model-1.5", "with-mask", "wrong-size", "opaque", "empty", "exif-turned"],
)
def test_each_markup_rule_is_refused_before_sending(
    studio_ctx: Studio, sandbox: SandboxServer, request_: ImageRequest, words: str
) -> None:
    outcome = studio_ctx.run_job(_provider(sandbox.base_url), request_)
    assert outcome.error is not None and outcome.error.kind is ErrorKind.VALIDATION
    problems = [p for p in outcome.error.problems if p.field == "markup"]
    assert problems and words in problems[0].message, outcome.error.problems
    assert sandbox.requests == []


def test_markup_sized_like_the_turned_image_is_accepted(studio_ctx: Studio) -> None:
    request = _edit(
        images=(InputImage("turned.jpg", _jpeg_turned()),),
        markup=InputImage("m.png", markup_png(SIZE)),
    )
    assert studio_ctx.check(request).problems == ()


def _decode(path: object) -> Image.Image:
    with Image.open(str(path)) as im:
        return im.convert("RGBA")


def test_the_sandbox_repaints_what_the_markup_covers_and_history_keeps_it(
    studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    doc = MarkupDoc.of(*SIZE, [Annotation(Kind.RECT, ((20, 12), (44, 30)))])
    request = _edit(markup_doc=doc)
    outcome = studio_ctx.run_job(_provider(sandbox.base_url), request)
    assert outcome.ok, outcome.error
    (sent,) = sandbox.requests
    (part,) = [p for p in sent.multipart() if p.name == "markup"]
    assert part.content_type == "image/png" and part.filename == "markup.png"
    assert outcome.record is not None
    result = _decode(outcome.record.images[0].path)
    # an edit without a size may answer at the model's size nearest the input's shape:
    # compare with the input scaled to the result, as the provider scales it
    source = checker(SIZE).convert("RGBA").resize(result.size, Image.Resampling.LANCZOS)
    sx, sy = result.width / SIZE[0], result.height / SIZE[1]

    def at(x: float, y: float) -> tuple[int, int]:
        return round(x * sx), round(y * sy)

    assert result.getpixel(at(32, 13)) != source.getpixel(at(32, 13))  # on the box: repainted
    assert result.getpixel(at(2, 2)) == source.getpixel(at(2, 2))  # far away: kept
    assert result.getpixel(at(90, 4)) == source.getpixel(at(90, 4))
    again = studio_ctx.history.request_for(outcome.job_id or 0)
    assert again.markup is not None and again.markup.data == request.markup.data  # type: ignore[union-attr]
    assert again.markup_doc == doc
    assert len(again.images) == 1 and again.mask is None


def test_the_sandbox_writes_the_notes_it_received(
    studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    provider = _provider(sandbox.base_url)
    with_notes = studio_ctx.run_job(provider, _edit())
    plain = studio_ctx.run_job(
        provider, _edit(markup=InputImage("markup.png", markup_png(notes=())))
    )
    assert with_notes.record is not None and plain.record is not None
    a = _decode(with_notes.record.images[0].path)
    b = _decode(plain.record.images[0].path)
    assert a.size == b.size
    bottom = (0, a.height // 2, a.width, a.height)
    assert a.crop(bottom).tobytes() != b.crop(bottom).tobytes()  # the note is written there
    top = (0, 0, a.width, a.height // 10)
    assert a.crop(top).tobytes() == b.crop(top).tobytes()


@pytest.mark.parametrize(
    ("model", "with_mask", "status_words"),
    [("gpt-image-2", False, "Unknown parameter: 'markup'"), (MODEL, True, "combined")],
)
def test_the_sandbox_refuses_markup_as_openai_does(
    sandbox: SandboxServer, model: str, with_mask: bool, status_words: str
) -> None:
    import httpx

    image = png_bytes(checker(SIZE))
    files = [
        ("image", ("a.png", image, "image/png")),
        ("markup", ("m.png", markup_png(), "image/png")),
    ]
    if with_mask:
        files.append(("mask", ("k.png", png_bytes(checker(SIZE, "RGBA")), "image/png")))
    reply = httpx.post(
        f"{sandbox.base_url}/images/edits",
        data={"model": model, "prompt": "x"},
        files=files,
        timeout=30,
    )
    assert reply.status_code == 400
    assert status_words in reply.json()["error"]["message"]


def _damage_garbage(path: Path) -> None:
    path.write_bytes(b"{not json")


def _damage_not_a_doc(path: Path) -> None:
    path.write_bytes(b'{"version": 1, "width": 0}')


def _damage_gone(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (_damage_garbage, "its record is damaged"),
        (_damage_not_a_doc, "its record is damaged"),
        (_damage_gone, "markup.json: No such file or directory"),
    ],
    ids=["not-json", "not-a-doc", "gone"],
)
def test_a_single_job_whose_annotations_cannot_be_read_is_refused_not_put_back_without(
    studio_ctx: Studio, sandbox: SandboxServer, damage: Callable[[Path], None], words: str
) -> None:
    """As a comparison or batch of edits refuses a damaged record (nothing sent), so does
    "Reuse settings" / "Retry" of a single edit: it used to come back without the markup
    annotations, so the composer sent the edit with no markup at all."""
    doc = MarkupDoc.of(*SIZE, [Annotation(Kind.RECT, ((20, 12), (44, 30)))])
    outcome = studio_ctx.run_job(_provider(sandbox.base_url), _edit(markup_doc=doc))
    assert outcome.ok and outcome.job_id is not None, outcome.error
    (stored,) = studio_ctx.history.images_dir.rglob("markup.json")
    damage(stored)
    left = stored.read_bytes() if stored.exists() else None
    with pytest.raises(StudioError) as caught:
        studio_ctx.history.request_for(outcome.job_id)
    err = caught.value
    assert err.kind is ErrorKind.VALIDATION and not err.maybe_processed
    assert err.message.startswith("The markup drawn on this job's input image cannot be read")
    assert words in err.message
    # nothing the user made is lost: the file is left as it was, the job is still there
    assert (stored.read_bytes() if stored.exists() else None) == left
    assert studio_ctx.history.get_job(outcome.job_id) is not None
