"""Saving with parameters and reading them back: the studio's own, other tools', XMP."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from studio.core.imagechunks import jpeg_segments, png_chunks, webp_chunks
from studio.core.metadata_read import read_metadata
from studio.core.metadata_write import (
    DIGITAL_SOURCE_TYPE,
    ImageStory,
    MetadataUnsupported,
    strip_metadata,
    with_parameters,
)
from tests.core import metadata_samples as samples

STORY = ImageStory(
    prompt="雪中的红狐, watercolour: soft light",
    model="gpt-image-2.6-sunburst",
    provider_id="openai",
    provider_name="OpenAI",
    params={"size": "1024x1536", "quality": "high", "n": 2, "seed": 7, "api_key": "sk-secret"},
    created_at=1_764_500_000.0,
    job_id=12,
)


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGBA").tobytes()


@pytest.mark.parametrize("make", [samples.png, samples.jpeg, samples.webp])
def test_parameters_round_trip_without_touching_pixels(make: object) -> None:
    original = make()  # type: ignore[operator]
    saved = with_parameters(original, STORY)
    assert pixels(saved) == pixels(original)  # nothing re-encoded
    report = read_metadata(saved)
    found = report.settings
    assert found is not None and found.source == "Image Studio", report.problems
    assert found.prompt == STORY.prompt and found.model == STORY.model
    assert found.size == "1024x1536" and found.quality == "high" and found.seed == 7
    assert found.provider == "openai" and found.mode == "generate"
    assert found.params == {"size": "1024x1536", "quality": "high", "n": 2, "seed": 7}
    assert b"sk-secret" not in saved and b"api_key" not in saved
    assert DIGITAL_SOURCE_TYPE.encode() in saved
    assert not report.problems


def test_png_carries_a1111_parameters_and_json_that_other_readers_see() -> None:
    saved = with_parameters(samples.png(), STORY)
    with Image.open(io.BytesIO(saved)) as im:
        text = im.text  # type: ignore[attr-defined]
    assert text["parameters"].splitlines() == [
        "雪中的红狐, watercolour: soft light",
        "Model: gpt-image-2.6-sunburst, Size: 1024x1536, Quality: high, Provider: OpenAI, Seed: 7",
    ]
    assert json.loads(text["image-studio"])["prompt"] == STORY.prompt
    assert DIGITAL_SOURCE_TYPE in text["XML:com.adobe.xmp"]
    types = [c.type for c in png_chunks(saved)]
    assert types[0] == b"IHDR" and types.count(b"IDAT") == types.count(b"IDAT")
    # an ASCII prompt goes in a plain tEXt chunk, as AUTOMATIC1111 writes it
    plain = with_parameters(samples.png(), ImageStory("a fox", "m", "p", "P"))
    assert b"tEXtparameters\x00a fox\nModel: m, Provider: P" in plain


@pytest.mark.parametrize("make", [samples.jpeg, samples.webp])
def test_jpeg_and_webp_carry_exif_user_comment_and_xmp(make: object) -> None:
    saved = with_parameters(make(), STORY)  # type: ignore[operator]
    with Image.open(io.BytesIO(saved)) as im:
        exif = im.getexif().get_ifd(0x8769)
        xmp = im.info.get("xmp")
    comment = exif[0x9286]
    comment = comment if isinstance(comment, bytes) else comment.encode()
    assert comment.startswith(b"UNICODE\x00")
    assert comment[8:].decode("utf-16-be").startswith(STORY.prompt)
    xmp_text = xmp.decode() if isinstance(xmp, bytes) else str(xmp)
    assert DIGITAL_SOURCE_TYPE in xmp_text


def test_simple_lossless_webp_with_alpha_becomes_extended() -> None:
    original = samples.webp(lossless=True, alpha=True)
    saved = with_parameters(original, STORY)
    chunks = webp_chunks(saved)
    assert chunks[0].fourcc == b"VP8X" and chunks[0].data[0] & 0x1C == 0x1C
    assert pixels(saved) == pixels(original)
    assert read_metadata(saved).settings is not None


def test_a_huge_prompt_still_fits_a_jpeg_segment() -> None:
    story = ImageStory("很长" * 20_000, "m", "p", "P")
    saved = with_parameters(samples.jpeg(), story)
    segments, _ = jpeg_segments(saved)
    assert all(len(s.data) <= 65533 for s in segments)
    found = read_metadata(saved).settings
    assert found is not None and found.prompt is not None and found.prompt.startswith("很长很长")


def test_a_format_without_a_place_for_them_cannot_carry_parameters() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "BMP")
    with pytest.raises(MetadataUnsupported):
        with_parameters(buf.getvalue(), STORY)


@pytest.mark.parametrize("make", [samples.png, samples.jpeg, samples.webp])
def test_strip_removes_every_note_and_keeps_the_pixels(make: object) -> None:
    saved = with_parameters(make(), STORY)  # type: ignore[operator]
    stripped = strip_metadata(saved)
    assert pixels(stripped) == pixels(saved)
    report = read_metadata(stripped)
    assert report.settings is None and report.found == [] and not report.credentials
    assert STORY.prompt.encode() not in stripped


def test_an_automatic1111_png_is_read() -> None:
    found = read_metadata(samples.a1111_png()).settings
    assert found is not None and found.source == "AUTOMATIC1111"
    assert found.prompt == "masterpiece, a lighthouse at dusk, (oil painting:1.2)"
    assert found.negative_prompt == "blurry, lowres"
    assert found.seed == 1234567890 and found.size == "768x512"
    assert found.model == "v1-5-pruned-emaonly"


def test_a_comfyui_png_is_read_from_its_prompt_graph() -> None:
    found = read_metadata(samples.comfy_png()).settings
    assert found is not None and found.source == "ComfyUI"
    assert found.prompt == "a beautiful scenery nature glass bottle"
    assert found.negative_prompt == "text, watermark"
    assert found.seed == 156680208700286 and found.size == "1024x768"
    assert found.model == "sd_xl_base_1.0.safetensors"


def test_a_comfyui_png_with_only_a_workflow_is_read() -> None:
    found = read_metadata(samples.comfy_png(with_prompt=False)).settings
    assert found is not None and found.source == "ComfyUI"
    assert (found.prompt, found.negative_prompt) == ("a cat in a teacup", "ugly")
    assert found.seed == 42 and found.size == "512x640"


def test_an_invokeai_png_is_read() -> None:
    found = read_metadata(samples.invokeai_png()).settings
    assert found is not None and found.source == "InvokeAI"
    assert (found.prompt, found.negative_prompt) == ("a dragon made of clouds", "dark")
    assert (found.size, found.seed, found.model) == ("832x1216", 99, "juggernautXL")


def test_a_file_without_parameters_says_so() -> None:
    report = read_metadata(samples.png())
    assert report.settings is None and report.format == "png" and not report.problems
    other = read_metadata(b"GIF89a" + b"\x00" * 20)
    assert other.settings is None and other.problems
