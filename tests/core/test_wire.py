"""Request bodies, byte for byte."""

from __future__ import annotations

import base64
import json

import pytest

from studio.core.errors import ErrorKind, StudioError
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.wire import (
    build_multipart,
    edit_body,
    field_text,
    generation_body,
    upload_body,
    variation_body,
)
from tests.core.imagebytes import jpeg, png, webp


def test_generation_json_holds_only_present_params() -> None:
    req = ImageRequest(
        Mode.GENERATE,
        "gpt-image-1",
        "a cat",
        {"size": "1024x1024", "n": 3, "stream": True, "partial_images": 2, "seed": None},
    )
    body = generation_body(req)
    assert body.content_type == "application/json"
    assert json.loads(body.content) == {
        "model": "gpt-image-1",
        "prompt": "a cat",
        "size": "1024x1024",
        "n": 3,
        "stream": True,
        "partial_images": 2,
    }
    assert list(json.loads(body.content)) == [
        "model",
        "prompt",
        "size",
        "n",
        "stream",
        "partial_images",
    ]


def test_generation_share_of_n() -> None:
    req = ImageRequest(Mode.GENERATE, "dall-e-3", "x", {"n": 3})
    assert json.loads(generation_body(req, n=1).content)["n"] == 1
    bare = ImageRequest(Mode.GENERATE, "dall-e-3", "x")
    assert "n" not in json.loads(generation_body(bare).content)
    assert json.loads(generation_body(bare, n=2).content)["n"] == 2


def test_unicode_prompt_is_utf8_json() -> None:
    body = generation_body(ImageRequest(Mode.GENERATE, "m", "一只猫 🐱"))
    assert "一只猫 🐱".encode() in body.content


@pytest.mark.parametrize(
    ("value", "text"),
    [(3, "3"), (True, "true"), (False, "false"), ("auto", "auto"), (1.0, "1"), (0.5, "0.5")],
)
def test_field_text(value: object, text: str) -> None:
    assert field_text(value) == text


def test_edit_with_one_image_and_mask_exact_bytes() -> None:
    image = InputImage("photo.png", png(4, 4))
    mask = InputImage("mask.png", png(4, 4, (0, 0, 0, 0)))
    req = ImageRequest(
        Mode.EDIT,
        "gpt-image-1",
        "add a hat",
        {"n": 2, "size": "1024x1024", "stream": False},
        images=(image,),
        mask=mask,
    )
    body = edit_body(req, boundary="BOUND")
    assert body.content_type == "multipart/form-data; boundary=BOUND"
    expected = (
        b'--BOUND\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nadd a hat\r\n'
        b'--BOUND\r\nContent-Disposition: form-data; name="model"\r\n\r\ngpt-image-1\r\n'
        b'--BOUND\r\nContent-Disposition: form-data; name="n"\r\n\r\n2\r\n'
        b'--BOUND\r\nContent-Disposition: form-data; name="size"\r\n\r\n1024x1024\r\n'
        b'--BOUND\r\nContent-Disposition: form-data; name="stream"\r\n\r\nfalse\r\n'
        b'--BOUND\r\nContent-Disposition: form-data; name="image"; filename="photo.png"\r\n'
        b"Content-Type: image/png\r\n\r\n" + image.data + b"\r\n"
        b'--BOUND\r\nContent-Disposition: form-data; name="mask"; filename="mask.png"\r\n'
        b"Content-Type: image/png\r\n\r\n" + mask.data + b"\r\n"
        b"--BOUND--\r\n"
    )
    assert body.content == expected


def test_edit_with_several_images_uses_image_brackets_and_real_types() -> None:
    images = (
        InputImage("a.png", png()),
        InputImage("b.jpeg", jpeg(), content_type="application/octet-stream"),
        InputImage("clipboard", webp()),
    )
    body = edit_body(ImageRequest(Mode.EDIT, "gpt-image-1", "merge", images=images), boundary="B")
    text = body.content
    assert b'name="image"' not in text
    assert text.count(b'name="image[]"') == 3
    assert b'filename="a.png"\r\nContent-Type: image/png' in text
    assert b'filename="b.jpeg"\r\nContent-Type: image/jpeg' in text
    assert b'filename="clipboard.webp"\r\nContent-Type: image/webp' in text
    assert b"octet-stream" not in text
    assert text.index(b'name="prompt"') < text.index(b'name="image[]"')


def test_filename_quoting_and_paths() -> None:
    img = InputImage('C:\\photos\\my "best".png', png())
    body = build_multipart([], [("image", img)], boundary="B")
    assert b'filename="my %22best%22.png"' in body.content


def test_a_file_that_is_not_an_image_is_refused() -> None:
    req = ImageRequest(Mode.EDIT, "m", "x", images=(InputImage("notes.txt", b"hello"),))
    with pytest.raises(StudioError) as info:
        edit_body(req)
    assert info.value.kind is ErrorKind.VALIDATION and "notes.txt" in info.value.message


def test_edit_without_images_is_refused() -> None:
    with pytest.raises(StudioError):
        edit_body(ImageRequest(Mode.EDIT, "m", "x"))


def test_variation_body() -> None:
    img = InputImage("v.png", png())
    req = ImageRequest(Mode.VARIATIONS, "dall-e-2", "", {"n": 2, "size": "256x256"}, images=(img,))
    body = variation_body(req, boundary="V")
    assert body.content.startswith(
        b'--V\r\nContent-Disposition: form-data; name="model"\r\n\r\ndall-e-2'
    )
    assert b'name="prompt"' not in body.content
    assert b'name="image"; filename="v.png"\r\nContent-Type: image/png\r\n\r\n' in body.content
    assert body.content.endswith(b"\r\n--V--\r\n")


def test_upload_bodies() -> None:
    by_url = json.loads(upload_body(url="https://x.example/a.png").content)
    assert by_url == {
        "model": "paiwo-picture",
        "input": "url",
        "image_url": "https://x.example/a.png",
    }
    # a local file, as documented: the path and nothing else
    local = json.loads(upload_body(path="/tmp/a.png").content)
    assert local == {"model": "paiwo-picture", "input": "local", "image_path": "/tmp/a.png"}
    # the bytes as a data URL (the provider setting for remote servers): no path at all
    data = png()
    inline = json.loads(upload_body(data=data, filename="a.png").content)
    assert set(inline) == {"model", "input", "image_url"} and inline["input"] == "url"
    prefix = "data:image/png;base64,"
    assert inline["image_url"].startswith(prefix)
    assert base64.b64decode(inline["image_url"][len(prefix) :]) == data


def test_random_boundaries_differ() -> None:
    req = ImageRequest(Mode.EDIT, "m", "x", images=(InputImage("a.png", png()),))
    assert edit_body(req).content_type != edit_body(req).content_type
