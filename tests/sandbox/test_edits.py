"""POST /images/edits and /images/variations: multipart in, exact pixels out."""

from __future__ import annotations

import io

import httpx
from PIL import Image, ImageChops

from studio.sandbox.imaging import resized
from studio.sandbox.server import SandboxServer
from tests.sandbox.conftest import checker, encoded, first_image, png_bytes


def _mask(size: tuple[int, int], box: tuple[int, int, int, int]) -> Image.Image:
    """Opaque everywhere except ``box`` (alpha 0 = edit here)."""
    mask = Image.new("RGBA", size, (0, 0, 0, 255))
    mask.paste((0, 0, 0, 0), box)
    return mask


def _changed(a: Image.Image, b: Image.Image) -> Image.Image:
    """An L image: 255 where any channel of a and b differs."""
    diff = ImageChops.difference(a.convert("RGBA"), b.convert("RGBA"))
    bands = diff.split()
    out = bands[0]
    for band in bands[1:]:
        out = ImageChops.lighter(out, band)
    return out.point(lambda v: 255 if v else 0)


def test_edit_changes_exactly_the_masked_area(client: httpx.Client, sandbox: SandboxServer) -> None:
    source = checker((96, 64))
    box = (10, 20, 50, 44)
    r = client.post(
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "add a moon"},
        files=[
            ("image", ("photo.png", png_bytes(source), "image/png")),
            ("mask", ("mask.png", png_bytes(_mask(source.size, box)), "image/png")),
        ],
    )
    assert r.status_code == 200, r.text
    result = first_image(r.json())
    # no size asked: one of the model's own sizes, the closest to the input's 3:2 shape
    assert result.size == (1536, 1024) and r.json()["size"] == "1536x1024"
    changed = _changed(result, resized(source, 1536, 1024))
    expected = Image.new("L", result.size, 0)
    expected.paste(255, tuple(v * 16 for v in box))  # the input is scaled 16 times
    assert changed.tobytes() == expected.tobytes()
    parts = sandbox.requests[-1].parts
    assert [(p.name, p.filename, p.content_type) for p in parts] == [
        ("model", None, None),
        ("prompt", None, None),
        ("image", "photo.png", "image/png"),
        ("mask", "mask.png", "image/png"),
    ]
    assert r.json()["usage"]["input_tokens_details"]["image_tokens"] > 0
    sent = sandbox.requests[-1].multipart()
    assert sent[2].data == png_bytes(source)  # the exact bytes, for wire tests


def test_edit_resizes_to_the_requested_size_and_keeps_the_rest(client: httpx.Client) -> None:
    source = checker((512, 512))
    box = (0, 0, 256, 512)  # the left half
    r = client.post(
        "/images/edits",
        data={"model": "dall-e-2", "prompt": "p", "size": "256x256", "response_format": "b64_json"},
        files=[
            ("image", ("a.png", png_bytes(source.convert("RGBA")), "image/png")),
            ("mask", ("m.png", png_bytes(_mask(source.size, box)), "image/png")),
        ],
    )
    assert r.status_code == 200, r.text
    result = first_image(r.json())
    assert result.size == (256, 256)
    resized = source.convert("RGBA").resize((256, 256), Image.Resampling.LANCZOS)
    changed = _changed(result, resized)
    assert changed.crop((0, 0, 128, 256)).getextrema() == (255, 255)
    assert changed.crop((128, 0, 256, 256)).getextrema() == (0, 0)


def test_edit_is_deterministic_and_depends_on_prompt(client: httpx.Client) -> None:
    image = png_bytes(checker((64, 64)))

    def run(prompt: str) -> str:
        r = client.post(
            "/images/edits",
            data={"model": "gpt-image-1", "prompt": prompt},
            files={"image": ("a.png", image, "image/png")},
        )
        return str(r.json()["data"][0]["b64_json"])

    assert run("one") == run("one")
    assert run("one") != run("two")


def test_edit_without_mask_recolors_every_pixel(client: httpx.Client) -> None:
    jpeg = encoded(checker((40, 30)), "JPEG")
    with Image.open(io.BytesIO(jpeg)) as decoded:
        source = decoded.convert("RGB")
    r = client.post(
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "p"},
        files={"image": ("a.jpg", jpeg, "image/jpeg")},
    )
    assert r.status_code == 200, r.text
    result = first_image(r.json())
    assert result.size == (1536, 1024)  # the model's size closest to 4:3
    scaled = resized(source, 1536, 1024).convert("RGB")
    assert _changed(result.convert("RGB"), scaled).getextrema() == (255, 255)


def test_edit_output_format_webp(client: httpx.Client) -> None:
    r = client.post(
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "p", "output_format": "webp"},
        files={"image": ("a.png", png_bytes(checker((40, 30))), "image/png")},
    )
    assert r.json()["output_format"] == "webp"
    assert first_image(r.json()).format == "WEBP"


def test_several_images_as_image_array(client: httpx.Client, sandbox: SandboxServer) -> None:
    one, two = png_bytes(checker((32, 32))), png_bytes(checker((48, 48)))
    r = client.post(
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "combine", "n": "2"},
        files=[("image[]", ("1.png", one, "image/png")), ("image[]", ("2.png", two, "image/png"))],
    )
    assert r.status_code == 200, r.text
    assert len(r.json()["data"]) == 2
    assert [p.name for p in sandbox.requests[-1].parts if p.filename] == ["image[]", "image[]"]
    assert sandbox.requests[-1].fields() == {"model": "gpt-image-1", "prompt": "combine", "n": "2"}


def test_repeated_plain_image_is_duplicate_parameter(client: httpx.Client) -> None:
    img = png_bytes(checker((16, 16)))
    r = client.post(
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "p"},
        files=[("image", ("1.png", img, "image/png")), ("image", ("2.png", img, "image/png"))],
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "duplicate_parameter"
    assert r.json()["error"]["param"] == "image"


def test_mask_of_another_size_is_rejected(client: httpx.Client) -> None:
    r = client.post(
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "p"},
        files=[
            ("image", ("a.png", png_bytes(checker((64, 64))), "image/png")),
            ("mask", ("m.png", png_bytes(_mask((32, 32), (0, 0, 8, 8))), "image/png")),
        ],
    )
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "mask"
    assert "does not match" in r.json()["error"]["message"]


def test_mask_without_alpha_is_rejected(client: httpx.Client) -> None:
    r = client.post(
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "p"},
        files=[
            ("image", ("a.png", png_bytes(checker((16, 16))), "image/png")),
            ("mask", ("m.png", png_bytes(Image.new("RGB", (16, 16))), "image/png")),
        ],
    )
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "mask"


def test_octet_stream_image_is_rejected(client: httpx.Client) -> None:
    r = client.post(
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "p"},
        files={"image": ("a.png", png_bytes(checker((16, 16))), "application/octet-stream")},
    )
    assert r.status_code == 400
    assert "unsupported mimetype" in r.json()["error"]["message"]


def test_dall_e_2_needs_square_png(client: httpx.Client) -> None:
    r = client.post(
        "/images/edits",
        data={"model": "dall-e-2", "prompt": "p"},
        files={"image": ("a.png", png_bytes(checker((64, 32), "RGBA")), "image/png")},
    )
    assert r.status_code == 400
    assert "square" in r.json()["error"]["message"]


def test_dall_e_2_uses_the_images_own_transparency(client: httpx.Client) -> None:
    source = checker((64, 64), "RGBA")
    source.paste((0, 0, 0, 0), (0, 0, 32, 64))
    r = client.post(
        "/images/edits",
        data={"model": "dall-e-2", "prompt": "p", "size": "256x256"},
        files={"image": ("a.png", png_bytes(source), "image/png")},
    )
    assert r.status_code == 200, r.text
    url = r.json()["data"][0]["url"]
    result = Image.open(io.BytesIO(httpx.get(url).content))
    assert result.size == (256, 256)
    assert result.convert("RGBA").getchannel("A").crop((0, 0, 128, 256)).getextrema() == (255, 255)


def test_dall_e_3_has_no_edits(client: httpx.Client) -> None:
    r = client.post(
        "/images/edits",
        data={"model": "dall-e-3", "prompt": "p"},
        files={"image": ("a.png", png_bytes(checker((16, 16))), "image/png")},
    )
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "model"


def test_edit_needs_multipart(client: httpx.Client) -> None:
    # only the GPT image models take JSON edits (see test_gif_svg.py)
    r = client.post("/images/edits", json={"model": "dall-e-2", "prompt": "p"})
    assert r.status_code == 400
    assert "multipart/form-data" in r.json()["error"]["message"]


def test_missing_image_is_400(client: httpx.Client) -> None:
    r = client.post(
        "/images/edits", data={"model": "gpt-image-1", "prompt": "p"}, files={"x": ("x", b"1")}
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "missing_required_parameter"


def test_variations_make_n_square_images(client: httpx.Client) -> None:
    source = png_bytes(checker((128, 128)))
    r = client.post(
        "/images/variations",
        data={"model": "dall-e-2", "n": "2", "size": "256x256", "response_format": "b64_json"},
        files={"image": ("a.png", source, "image/png")},
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert len(data) == 2 and data[0]["b64_json"] != data[1]["b64_json"]
    assert first_image(r.json()).size == (256, 256)


def test_variations_only_for_dall_e_2_and_square_png(client: httpx.Client) -> None:
    source = png_bytes(checker((128, 128)))
    wrong_model = client.post(
        "/images/variations",
        data={"model": "gpt-image-1"},
        files={"image": ("a.png", source, "image/png")},
    )
    assert wrong_model.status_code == 400
    not_square = client.post(
        "/images/variations",
        files={"image": ("a.png", png_bytes(checker((64, 32))), "image/png")},
    )
    assert not_square.status_code == 400
    jpeg = client.post(
        "/images/variations",
        files={"image": ("a.jpg", encoded(checker((64, 64)), "JPEG"), "image/jpeg")},
    )
    assert jpeg.status_code == 400
