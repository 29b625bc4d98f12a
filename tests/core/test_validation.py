"""Validation of requests against the tables, with the bad-input corpus in tests/data/bad."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from studio.core.capabilities import ModelCaps, load_capabilities
from studio.core.errors import ErrorKind, Problem, StudioError
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.validation import (
    check_input_image,
    coerce_params,
    defaults_for,
    mask_coverage,
    validate,
    validate_or_raise,
    warnings,
)

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
REG = load_capabilities()


def caps(model_id: str) -> ModelCaps:
    found = REG.get(model_id)
    assert found is not None
    return found


def bad(name: str) -> InputImage:
    return InputImage.from_path(BAD / name)


def png(size: tuple[int, int], mode: str = "RGBA", colour: object = (10, 200, 30, 255)) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, colour).save(buf, "PNG")  # type: ignore[arg-type]
    return buf.getvalue()


def padded(data: bytes, total: int) -> bytes:
    """A valid PNG grown to ``total`` bytes with a private ancillary chunk."""
    pad = total - len(data) - 12
    body = b"prVt" + b"\x00" * pad
    chunk = struct.pack(">I", pad) + body + struct.pack(">I", zlib.crc32(body))
    return data[:33] + chunk + data[33:]  # after the IHDR chunk


def mask_png(size: tuple[int, int], hole: tuple[int, int, int, int] | None) -> bytes:
    img = Image.new("RGBA", size, (0, 0, 0, 255))
    if hole:
        img.paste((0, 0, 0, 0), hole)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def edit(
    model: str, *images: InputImage, mask: InputImage | None = None, **params: object
) -> ImageRequest:
    return ImageRequest(Mode.EDIT, model, "add a hat", params, images=images, mask=mask)


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


def text(problems: list[Problem]) -> str:
    return "\n".join(p.message for p in problems)


# -- requests and params ---------------------------------------------------------


def test_a_good_request_has_no_problems() -> None:
    req = ImageRequest(Mode.GENERATE, "gpt-image-1", "a cat", {"size": "1024x1536", "n": 2})
    assert validate(req, caps("gpt-image-1")) == []
    validate_or_raise(req, caps("gpt-image-1"))


def test_every_problem_is_reported_at_once() -> None:
    req = ImageRequest(
        Mode.GENERATE,
        "gpt-image-2",
        "x" * 32_001,
        {
            "size": "1000x1000",
            "style": "vivid",
            "seed": 7,
            "n": 11,
            "partial_images": 2,
            "background": "transparent",
            "output_format": "jpeg",
            "output_compression": 150,
            "quality": "ultra",
        },
    )
    problems = validate(req, caps("gpt-image-2"))
    assert sorted(fields(problems)) == sorted(
        ["prompt", "size", "style", "seed", "n", "partial_images", "background",
         "output_compression", "quality"]
    )  # fmt: skip
    by = {p.field: p.message for p in problems}
    assert by["size"] == (
        "1000x1000 is not a size gpt-image-2 accepts: both sides must be multiples of 16."
    )
    assert by["style"] == "gpt-image-2 does not take 'style'."
    assert "relay extra 'seed'" in by["seed"]
    assert by["prompt"] == "The prompt is 32,001 characters; gpt-image-2 accepts at most 32,000."
    assert "stream = true" in by["partial_images"]
    assert by["background"] == "A transparent background needs PNG or WebP output."
    assert "at most 100" in by["output_compression"]
    # SDK 3.57: xhigh and max are for 2.5 and 2.6 only; gpt-image-2 lists the four older tiers
    assert "ultra" in by["quality"] and "choose auto, low, medium, high." in by["quality"]
    with pytest.raises(StudioError) as info:
        validate_or_raise(req, caps("gpt-image-2"))
    assert info.value.kind is ErrorKind.VALIDATION and not info.value.maybe_processed
    assert list(info.value.problems) == problems


@pytest.mark.parametrize(
    ("size", "ok", "reason"),
    [
        ("auto", True, ""),
        ("3840x2160", True, ""),
        ("2048x1024", True, ""),
        ("1008x1008", True, ""),
        ("800x800", False, "655,360 to 8,294,400 pixels"),
        ("3856x2160", False, "at most 3840"),
        ("3840x1200", False, "at most 3:1"),
        ("1024X1024", False, "WIDTHxHEIGHT"),
        ("big", False, "WIDTHxHEIGHT"),
    ],
)
def test_gpt_image_2_free_form_sizes(size: str, ok: bool, reason: str) -> None:
    req = ImageRequest(Mode.GENERATE, "gpt-image-2", "p", {"size": size})
    problems = validate(req, caps("gpt-image-2"))
    assert (problems == []) is ok, problems
    assert reason in text(problems)


def test_fixed_sizes_and_the_mode_a_param_belongs_to() -> None:
    req = ImageRequest(
        Mode.GENERATE, "gpt-image-1", "p", {"size": "2048x2048", "input_fidelity": "high"}
    )
    problems = validate(req, caps("gpt-image-1"))
    assert fields(problems) == ["size", "input_fidelity"]
    assert "choose auto, 1024x1024" in problems[0].message
    assert problems[1].message == "gpt-image-1 takes 'input_fidelity' only for edit, not generate."


def test_moderation_is_generate_only_and_mini_has_only_low_input_fidelity() -> None:
    image = InputImage("a.png", png((64, 64)))
    req = edit("gpt-image-1-mini", image, moderation="low", input_fidelity="high")
    problems = validate(req, caps("gpt-image-1-mini"))
    assert fields(problems) == ["moderation", "input_fidelity"]
    # SDK 3.57: "gpt-image-1-mini supports only low"
    assert problems[1].message == (
        "high is not a input_fidelity gpt-image-1-mini accepts: choose low."
    )
    assert validate(edit("gpt-image-1", image, input_fidelity="high"), caps("gpt-image-1")) == []


def test_output_compression_needs_jpeg_or_webp() -> None:
    c = caps("gpt-image-1")
    base = ImageRequest(Mode.GENERATE, "gpt-image-1", "p", {"output_compression": 50})
    assert "output_format = jpeg or webp" in text(validate(base, c))
    assert validate(base.with_params(output_format="webp"), c) == []


def test_stream_and_partial_images() -> None:
    c = caps("gpt-image-1.5")
    req = ImageRequest(Mode.GENERATE, "gpt-image-1.5", "p", {"stream": True, "partial_images": 3})
    assert validate(req, c) == []
    assert fields(validate(req.with_params(partial_images=4), c)) == ["partial_images"]
    assert "true or false" in text(validate(req.with_params(stream="yes"), c))
    # bool is not an int and an int is not a bool
    assert fields(validate(req.with_params(partial_images=True), c)) == ["partial_images"]


def test_n_limits_and_dall_e_3() -> None:
    c = caps("dall-e-3")
    req = ImageRequest(
        Mode.GENERATE, "dall-e-3", "p", {"n": 4, "style": "natural", "quality": "hd"}
    )
    assert validate(req, c) == []
    assert fields(validate(req.with_params(n=0), c)) == ["n"]
    assert fields(validate(req.with_params(n=11), c)) == ["n"]
    problems = validate(
        ImageRequest(Mode.EDIT, "dall-e-3", "p", images=(InputImage("a.png", png((8, 8))),)), c
    )
    assert problems == [Problem("mode", "dall-e-3 does not support edit (it offers: generate).")]


def test_response_format_only_for_dall_e() -> None:
    req = ImageRequest(Mode.GENERATE, "gpt-image-1", "p", {"response_format": "url"})
    assert (
        text(validate(req, caps("gpt-image-1"))) == "gpt-image-1 does not take 'response_format'."
    )
    assert (
        validate(
            ImageRequest(Mode.GENERATE, "dall-e-2", "p", {"response_format": "url"}),
            caps("dall-e-2"),
        )
        == []
    )


def test_relay_extras_only_where_the_table_lists_them() -> None:
    req = ImageRequest(
        Mode.GENERATE, "seedream-3.0", "p", {"seed": -1, "aspect_ratio": "16:9", "size": "1664x936"}
    )
    assert validate(req, caps("seedream-3.0")) == []
    assert validate(req.with_params(size="1000x700"), caps("seedream-3.0")) == []  # within the rule
    assert fields(validate(req.with_params(aspect_ratio="wide"), caps("seedream-3.0"))) == [
        "aspect_ratio"
    ]
    assert fields(validate(req.with_params(seed=-2), caps("seedream-3.0"))) == ["seed"]
    on_dalle = ImageRequest(Mode.GENERATE, "dall-e-3", "p", {"seed": 5, "watermark": False})
    problems = validate(on_dalle, caps("dall-e-3"))
    assert fields(problems) == ["seed", "watermark"]
    assert all("relay extra" in p.message for p in problems)


def test_prompts() -> None:
    c = caps("dall-e-2")
    assert validate(ImageRequest(Mode.GENERATE, "dall-e-2", "   "), c) == [
        Problem("prompt", "Write a prompt: dall-e-2 needs one to generate.")
    ]
    long = ImageRequest(Mode.GENERATE, "dall-e-2", "é" * 1001)  # characters, not bytes
    assert "1,001 characters" in text(validate(long, c))
    assert validate(ImageRequest(Mode.GENERATE, "dall-e-2", "é" * 1000), c) == []


def test_paiwo_picture_takes_no_generate_edit_or_variation() -> None:
    req = ImageRequest(Mode.GENERATE, "paiwo-picture", "p")
    assert fields(validate(req, caps("paiwo-picture"))) == ["mode"]


def test_unsupported_values_never_crash_messages() -> None:
    req = ImageRequest(
        Mode.GENERATE, "gpt-image-1", "p", {"size": ["x"] * 100, "n": "3", "quality": None}
    )
    problems = validate(req, caps("gpt-image-1"))
    assert fields(problems) == ["size", "n"]
    assert len(problems[0].message) < 200


# -- input images: the bad-input corpus --------------------------------------------


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("empty.png", "empty.png cannot be used: it is empty (0 bytes)."),
        ("truncated.png", "truncated.png cannot be used: it is damaged or truncated"),
        ("bomb.png", "bomb.png cannot be used: it declares more than"),
        ("cmyk.jpg", "cmyk.jpg is a CMYK JPEG; image APIs need RGB"),
        ("animated.gif", "animated.gif is a GIF image; gpt-image-1 accepts PNG, JPEG or WebP."),
        ("animated.webp", "animated.webp is an animated WebP (2 frames)"),
    ],
)
def test_bad_files_are_named_with_the_rule(name: str, needle: str) -> None:
    problems = validate(edit("gpt-image-1", bad(name)), caps("gpt-image-1"))
    assert problems and all(p.field == "image" for p in problems)
    assert needle in text(problems)


def test_a_file_that_is_not_an_image_is_refused_when_it_is_read() -> None:
    """Its first bytes are checked before the file is read whole (a device or a huge file
    never reaches validation); the reason names the rule."""
    from studio.core.request import InputFileError

    with pytest.raises(InputFileError) as caught:
        bad("not-an-image.png")
    assert caught.value.strerror == "it is not an image (it does not start like one)"


def test_animated_gif_reports_both_rules() -> None:
    msgs = text(validate(edit("gpt-image-1", bad("animated.gif")), caps("gpt-image-1")))
    assert "is a GIF image" in msgs and "animated GIF (2 frames)" in msgs


def test_a_png_named_jpg_is_fine_and_sent_as_png() -> None:
    image = bad("png-named.jpg")
    assert image.content_type == "image/png"
    assert validate(edit("gpt-image-1", image), caps("gpt-image-1")) == []


def test_a_16_bit_png_is_a_warning_not_a_problem() -> None:
    req = edit("gpt-image-1", bad("rgb16.png"))
    assert validate(req, caps("gpt-image-1")) == []
    notes = warnings(req, caps("gpt-image-1"))
    assert any("rgb16.png is a 16-bit PNG" in p.message for p in notes)


def test_a_20000_px_image_breaks_the_side_limit() -> None:
    problems = check_input_image(bad("wide-20000px.png"), caps("paiwo-picture"))
    assert text(problems) == (
        "wide-20000px.png is 20000x500; paiwo-picture accepts at most 9999 pixels a side."
    )


def test_dall_e_2_needs_a_small_square_png() -> None:
    c = caps("dall-e-2")
    image = bad("non-square-64x48.png")
    assert "non-square-64x48.png is 64x48; dall-e-2 needs a square image." in text(
        validate(ImageRequest(Mode.VARIATIONS, "dall-e-2", images=(image,)), c)
    )
    big = InputImage("big.png", padded(png((512, 512)), 4 * 1024 * 1024 + 1))
    problems = validate(ImageRequest(Mode.VARIATIONS, "dall-e-2", images=(big,)), c)
    assert text(problems) == "big.png is just over 4 MB; dall-e-2 accepts images up to 4 MB."
    jpeg = InputImage("photo.jpg", bad("cmyk.jpg").data)
    assert "photo.jpg is a JPEG image; dall-e-2 accepts PNG." in text(
        validate(ImageRequest(Mode.VARIATIONS, "dall-e-2", images=(jpeg,)), c)
    )


def test_dall_e_2_edit_without_mask_needs_transparency() -> None:
    c = caps("dall-e-2")
    opaque = InputImage("opaque.png", png((64, 64), "RGB", (1, 2, 3)))
    problems = validate(edit("dall-e-2", opaque), c)
    assert fields(problems) == ["mask"] and "opaque.png has no transparency" in problems[0].message
    clear = InputImage("clear.png", png((64, 64), "RGBA", (0, 0, 0, 0)))
    assert validate(edit("dall-e-2", clear), c) == []
    masked = edit("dall-e-2", opaque, mask=InputImage("m.png", mask_png((64, 64), (0, 0, 8, 8))))
    assert validate(masked, c) == []


def test_an_image_over_the_byte_limit() -> None:
    huge = InputImage("huge.png", padded(png((64, 64)), 50 * 1024 * 1024 + 10))
    problems = validate(edit("gpt-image-1", huge), caps("gpt-image-1"))
    assert text(problems) == "huge.png is just over 50 MB; gpt-image-1 accepts images up to 50 MB."


def test_image_counts() -> None:
    c = caps("gpt-image-1")
    one = InputImage("a.png", png((16, 16)))
    assert (
        text(validate(edit("gpt-image-1"), c))
        == "Add an input image: gpt-image-1 needs one to edit."
    )
    # the window tells this step-not-taken-yet from a mistake by its template
    from studio.core.validation_inputs import MISSING_INPUT

    assert [p.template for p in validate(edit("gpt-image-1"), c)] == [MISSING_INPUT]
    assert "at most 16 input images; you gave 17" in text(
        validate(edit("gpt-image-1", *[one] * 17), c)
    )
    assert validate(edit("gpt-image-1", *[one] * 16), c) == []
    two = ImageRequest(Mode.VARIATIONS, "dall-e-2", images=(one, one))
    assert "at most 1 input image; you gave 2" in text(validate(two, caps("dall-e-2")))


# -- masks -----------------------------------------------------------------------------


def test_a_mask_of_another_size() -> None:
    req = edit("gpt-image-1", bad("image-64.png"), mask=bad("mask-32.png"))
    assert text(validate(req, caps("gpt-image-1"))) == (
        "mask-32.png is 32x32 but image-64.png is 64x64; "
        "the mask must be the same size as the (first) image."
    )


def test_a_mask_without_alpha_suggests_importing_it() -> None:
    req = edit("gpt-image-1", bad("image-64.png"), mask=bad("mask-no-alpha.png"))
    problems = validate(req, caps("gpt-image-1"))
    assert fields(problems) == ["mask"]
    assert "mask-no-alpha.png has no alpha channel" in problems[0].message
    assert "Import it as a mask" in problems[0].message


def test_mask_format_bytes_and_models_without_masks() -> None:
    image = bad("image-64.png")
    jpeg_mask = InputImage("m.jpg", bad("cmyk.jpg").data)
    assert "m.jpg is a JPEG; a mask must be a PNG." in text(
        validate(edit("gpt-image-1", image, mask=jpeg_mask), caps("gpt-image-1"))
    )
    big = InputImage("big-mask.png", padded(mask_png((64, 64), (0, 0, 9, 9)), 4 * 1024 * 1024 + 1))
    assert "big-mask.png is just over 4 MB; a mask must be under 4 MB." in text(
        validate(edit("gpt-image-1", image, mask=big), caps("gpt-image-1"))
    )
    flux = edit("flux-kontext-pro", image, mask=bad("mask-32.png"))
    assert (
        text(validate(flux, caps("flux-kontext-pro"))) == "flux-kontext-pro does not take a mask."
    )
    broken = edit("gpt-image-1", image, mask=bad("truncated.png"))
    assert "truncated.png cannot be used as a mask" in text(validate(broken, caps("gpt-image-1")))


def test_mask_coverage_and_warnings() -> None:
    image = bad("image-64.png")
    assert mask_coverage(mask_png((10, 10), None)) == 0.0
    assert mask_coverage(mask_png((10, 10), (0, 0, 10, 10))) == 1.0
    assert mask_coverage(mask_png((10, 10), (0, 0, 5, 10))) == 0.5
    assert mask_coverage(bad("mask-no-alpha.png").data) == 0.0
    c = caps("gpt-image-1.5")
    empty = edit("gpt-image-1.5", image, mask=InputImage("e.png", mask_png((64, 64), None)))
    assert "marks nothing to edit" in text(warnings(empty, c))
    full = edit(
        "gpt-image-1.5", image, mask=InputImage("f.png", mask_png((64, 64), (0, 0, 64, 64)))
    )
    assert "whole image" in text(warnings(full, c))
    soft = Image.new("RGBA", (64, 64), (0, 0, 0, 255))
    soft.paste((0, 0, 0, 128), (0, 0, 4, 4))
    buf = io.BytesIO()
    soft.save(buf, "PNG")
    assert "semi-transparent" in text(
        warnings(edit("gpt-image-1.5", image, mask=InputImage("s.png", buf.getvalue())), c)
    )
    assert (
        warnings(
            edit(
                "gpt-image-1.5", image, mask=InputImage("ok.png", mask_png((64, 64), (0, 0, 9, 9)))
            ),
            c,
        )
        == []
    )


def test_other_warnings() -> None:
    assert "retired by OpenAI on 2026-05-12" in text(
        warnings(ImageRequest(Mode.GENERATE, "dall-e-3", "p"), caps("dall-e-3"))
    )
    var = ImageRequest(Mode.VARIATIONS, "dall-e-2", "ignored", images=(bad("image-64.png"),))
    assert validate(var, caps("dall-e-2")) == []
    assert "Variations take no prompt" in text(warnings(var, caps("dall-e-2")))


# -- defaults and CLI coercion ----------------------------------------------------------


def test_defaults_for_respect_modes_and_only_with() -> None:
    d = defaults_for(caps("gpt-image-1"), Mode.GENERATE)
    assert d["quality"] == "auto" and d["output_format"] == "png" and d["n"] == 1
    assert "output_compression" not in d  # png output: not sent
    assert "input_fidelity" not in d and "seed" not in d
    assert defaults_for(caps("gpt-image-1"), Mode.EDIT)["input_fidelity"] == "low"
    assert "moderation" not in defaults_for(caps("gpt-image-1"), Mode.EDIT)
    for model in REG.models():
        for mode in Mode:
            if model.supports(mode):
                req = ImageRequest(mode, model.id, "p", defaults_for(model, mode))
                assert not [p for p in validate(req, model) if p.field not in ("image",)], model.id


def test_coerce_params_turns_cli_strings_into_typed_values() -> None:
    c = caps("gpt-image-1")
    raw = {"n": "3", "stream": "true", "partial_images": "2", "quality": "high", "seed": "-1",
           "style": "vivid", "output_compression": "lots"}  # fmt: skip
    out = coerce_params(c, Mode.GENERATE, raw)
    assert out == {"n": 3, "stream": True, "partial_images": 2, "quality": "high", "seed": -1,
                   "style": "vivid", "output_compression": "lots"}  # fmt: skip
    assert coerce_params(c, Mode.GENERATE, {"stream": "off"}) == {"stream": False}
    assert coerce_params(c, Mode.GENERATE, {"stream": "maybe"}) == {"stream": "maybe"}
    problems = validate(ImageRequest(Mode.GENERATE, "gpt-image-1", "p", out), c)
    assert fields(problems) == ["style", "output_compression"]
