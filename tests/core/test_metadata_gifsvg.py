"""GIF and SVG results carry their parameters: real sandbox jobs saved with
parameters, read back, stripped; frames and drawings untouched; hostile files bounded."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest
from PIL import Image

from studio.core.gifblocks import (
    XMP_APP_ID,
    XMP_MAGIC_TRAILER,
    comment_extension,
    gif_blocks,
    subblocks_of,
    xmp_extension,
)
from studio.core.history.models import JobRecord
from studio.core.metadata_read import MAX_TEXT, read_metadata, read_metadata_file
from studio.core.metadata_write import (
    DIGITAL_SOURCE_TYPE,
    ImageStory,
    MetadataUnsupported,
    strip_metadata,
    with_parameters,
    xmp_packet,
)
from studio.core.request import ImageRequest, Mode
from studio.core.saving import SaveMode, save_into
from studio.core.svgsafe import MAX_BYTES, check_svg

if TYPE_CHECKING:
    from studio.core.providers import Provider
    from studio.core.service import Studio

MODEL = "gpt-image-2.6-flare"
STORY = ImageStory(
    prompt='a <fox> & "hen" ]]> --> \x07雪',
    model=MODEL,
    provider_id="openai",
    provider_name="OpenAI",
    params={"size": "1024x1024", "seed": 7, "api_key": "sk-secret"},
    created_at=1_764_500_000.0,
    job_id=3,
)


def sandbox_job(studio: Studio, provider: Provider, fmt: str, **params: object) -> JobRecord:
    request = ImageRequest(
        Mode.GENERATE, MODEL, "a dancing fox, 雪", {"size": "1024x1024", "output_format": fmt}
    )
    request.params.update(params)
    outcome = studio.run_job(provider, request, source="cli")
    assert outcome.error is None and outcome.record is not None, outcome.error
    return outcome.record


def frames(data: bytes) -> list[tuple[bytes, list[int] | None, int, object]]:
    """Every frame's decoded pixels, palette, duration and the loop count."""
    out = []
    with Image.open(io.BytesIO(data)) as gif:
        for i in range(gif.n_frames):
            gif.seek(i)
            out.append(
                (
                    gif.convert("RGBA").tobytes(),
                    gif.getpalette(),
                    gif.info["duration"],
                    gif.info.get("loop"),
                )
            )
    return out


def test_a_sandbox_gif_saved_with_parameters_reads_back_and_plays_the_same(
    studio_ctx: Studio, sandbox_provider: Provider, tmp_path: Path
) -> None:
    job = sandbox_job(studio_ctx, sandbox_provider, "gif", frame_count=4, frame_duration_ms=130)
    image = job.images[0]
    original = image.path.read_bytes()
    saved = save_into(tmp_path, job, image)
    assert saved.mode is SaveMode.PARAMETERS and saved.path.suffix == ".gif"
    data = saved.path.read_bytes()
    assert data != original and frames(data) == frames(original)
    assert len(frames(data)) == 4 and frames(data)[0][2] == 130
    report = read_metadata_file(saved.path)
    found = report.settings
    assert report.format == "gif" and not report.problems
    assert found is not None and found.source == "Image Studio"
    assert (found.prompt, found.model, found.provider) == (job.prompt, MODEL, sandbox_provider.id)
    assert found.size == job.params["size"] and found.params == {
        k: v for k, v in job.params.items() if k != "prompt"
    }
    assert {"xmp", "xmp:request", "comment"} <= set(report.found)
    # the standard places: the XMP application extension with its magic trailer, then
    # the comment, after the loop extension and before the first frame's blocks
    assert b"\x21\xff\x0b" + XMP_APP_ID in data and XMP_MAGIC_TRAILER in data
    blocks = [(b.label, b.app) for b in gif_blocks(io.BytesIO(data))][1:4]
    assert blocks == [(0xFF, b"NETSCAPE2.0"), (0xFF, XMP_APP_ID), (0xFE, b"")]
    assert DIGITAL_SOURCE_TYPE.encode() in data
    with Image.open(io.BytesIO(data)) as gif:
        assert gif.info["comment"].decode("utf-8").startswith("a dancing fox, 雪\nModel: ")

    shared = save_into(tmp_path, job, image, mode=SaveMode.STRIPPED)
    assert shared.mode is SaveMode.STRIPPED
    assert shared.path.read_bytes() == original  # the sandbox's GIF carries nothing to strip
    stripped = strip_metadata(data)
    assert stripped == original and read_metadata(stripped).settings is None


def test_a_sandbox_svg_saved_with_parameters_reads_back_and_stays_the_same_drawing(
    studio_ctx: Studio, sandbox_provider: Provider, tmp_path: Path
) -> None:
    job = sandbox_job(studio_ctx, sandbox_provider, "svg")
    image = job.images[0]
    original = image.path.read_bytes()
    saved = save_into(tmp_path, job, image)
    assert saved.mode is SaveMode.PARAMETERS and saved.path.suffix == ".svg"
    data = saved.path.read_bytes()
    start = data.index(b"<metadata>")
    end = data.index(b"</metadata>") + len(b"</metadata>")
    assert data[:start] + data[end:] == original  # inserted as text, the rest untouched
    assert data[:start].endswith(original[:start][-20:]) and data[start - 1 : start] == b">"
    check = check_svg(data)
    assert check.ok and (check.width, check.height) == (1024, 1024)
    root = ElementTree.fromstring(data)
    assert root[0].tag == "{http://www.w3.org/2000/svg}metadata"  # the root's first child
    found = read_metadata_file(saved.path).settings
    assert found is not None and found.source == "Image Studio"
    assert (found.prompt, found.model, found.provider) == (job.prompt, MODEL, sandbox_provider.id)
    stripped = save_into(tmp_path, job, image, mode=SaveMode.STRIPPED)
    assert stripped.path.read_bytes() == original == strip_metadata(data)


def gif_bytes(version: bytes = b"GIF89a") -> bytes:
    buf = io.BytesIO()
    first = Image.new("P", (8, 6), 1)
    first.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0] + [9] * 759)
    second = first.copy()
    second.putpixel((3, 3), 2)
    first.save(buf, "GIF", save_all=True, append_images=[second], duration=[70, 90], loop=3)
    return version + buf.getvalue()[6:]


#: where the screen descriptor and global palette of ``gif_bytes()`` end
HEAD = next(gif_blocks(io.BytesIO(gif_bytes()))).end


def test_a_gif87a_says_89a_and_keeps_its_frames() -> None:
    original = gif_bytes(b"GIF87a")
    saved = with_parameters(original, STORY)
    assert saved.startswith(b"GIF89a") and frames(saved) == frames(original)
    found = read_metadata(saved).settings
    assert found is not None and found.prompt == STORY.prompt
    assert b"sk-secret" not in saved and b"api_key" not in saved


def test_a_gif_with_only_the_comment_still_says_its_settings() -> None:
    original = gif_bytes()
    text = STORY.parameters_text().encode("utf-8")
    data = original[:HEAD] + comment_extension(text) + original[HEAD:]
    assert frames(data) == frames(original)
    found = read_metadata(data).settings
    assert found is not None and found.model == MODEL and found.seed == 7


@pytest.mark.parametrize(
    ("document", "where"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
            b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><metadata>',
        ),
        (
            b"<?xml version='1.0' encoding='us-ascii'?>\n"
            b'<svg xmlns="http://www.w3.org/2000/svg" data-x="a>b" width="4" height="4">'
            b'<rect width="2" height="2"/></svg>',
            b'data-x="a>b" width="4" height="4"><metadata>',
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><metadata>'
            b"<mine>kept</mine></metadata><rect width='1' height='1'/></svg>",
            b'height="4"><metadata>\n<?xpacket',
        ),
    ],
)
def test_any_svg_gets_the_packet_as_the_roots_first_child(document: bytes, where: bytes) -> None:
    saved = with_parameters(document, STORY)
    assert where in saved and check_svg(saved).ok
    ElementTree.fromstring(saved)  # well-formed
    found = read_metadata(saved).settings
    assert found is not None and found.prompt == STORY.prompt
    if b"<mine>kept" in document:
        assert saved.count(b"<metadata>") == 2 and b"<mine>kept</mine></metadata>" in saved
    xmlref = f"&#{ord('雪')};".encode()
    assert xmlref in saved if b"us-ascii" in document else "雪".encode() in saved


def test_an_svg_the_check_refuses_is_saved_as_the_original(tmp_path: Path) -> None:
    doctype = b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    with pytest.raises(MetadataUnsupported):
        with_parameters(doctype, STORY)
    with pytest.raises(MetadataUnsupported):
        with_parameters(b"GIF89a\x08\x00", STORY)  # a GIF cut short


# -- hostile files, read in bounded memory --------------------------------------


def peak_reading(path: Path) -> tuple[int, object]:
    tracemalloc.start()
    try:
        report = read_metadata_file(path)
        return tracemalloc.get_traced_memory()[1], report
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "noise",
    [
        comment_extension(b"x") * 50_000,  # thousands of extensions
        b"\x21\xfe" + b"\x01x" * 1_200_000 + b"\x00",  # one of a million tiny sub-blocks
    ],
    ids=["extensions", "sub-blocks"],
)
def test_a_gif_with_thousands_of_blocks_is_read_only_so_far(tmp_path: Path, noise: bytes) -> None:
    original = gif_bytes()
    path = tmp_path / "many.gif"
    path.write_bytes(original[:HEAD] + noise + original[HEAD:])
    peak, report = peak_reading(path)
    assert report.format == "gif" and report.settings is None  # type: ignore[attr-defined]
    assert "more blocks than are read" in report.problems[0].message  # type: ignore[attr-defined]
    assert peak < 4 << 20


def test_a_gif_with_an_xmp_of_100_mb_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    original = gif_bytes()
    packet = xmp_packet(STORY).encode() + b" " * (100 << 20)
    path = tmp_path / "huge.gif"
    path.write_bytes(original[:HEAD] + xmp_extension(packet) + original[HEAD:])
    peak, report = peak_reading(path)
    assert report.settings is None  # type: ignore[attr-defined]
    (problem,) = report.problems  # type: ignore[attr-defined]
    assert "over the 1,048,576 read" in problem.message
    assert peak < 4 << 20
    assert MAX_TEXT == 1 << 20


def test_a_broken_gif_says_so() -> None:
    saved = with_parameters(gif_bytes(), STORY)
    report = read_metadata(saved[:-40])  # cut inside the last frame
    assert report.format == "gif" and report.settings is not None  # read before the break
    assert "cut short" in report.problems[0].message


SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">'
        b"]>" + SVG_OPEN + b"<metadata>&b;</metadata></svg>",
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + SVG_OPEN
        + b"<metadata>&x;</metadata></svg>",
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://127.0.0.1:9/svg11.dtd">'
        + SVG_OPEN
        + b"</svg>",
    ],
)
def test_an_svg_with_a_dtd_is_never_expanded_nor_fetched(document: bytes) -> None:
    report = read_metadata(document)
    assert report.format == "svg" and report.settings is None
    assert "declares a DTD or entities" in report.problems[0].message


def test_an_svg_too_deep_or_too_big_is_read_only_so_far(tmp_path: Path) -> None:
    deep = SVG_OPEN + b"<g>" * 100 + b"</g>" * 100 + b"</svg>"
    assert "nests deeper than 64" in read_metadata(deep).problems[0].message
    saved = with_parameters(SVG_OPEN + b"</svg>", STORY)
    path = tmp_path / "huge.svg"
    filler = b"<!--" + b" " * (100 << 20) + b"-->"
    path.write_bytes(saved.replace(b"<metadata>", b"<metadata>" + filler, 1))
    peak, report = peak_reading(path)
    assert report.settings is None  # type: ignore[attr-defined]
    assert f"only the first {MAX_BYTES:,} were read" in report.problems[0].message  # type: ignore[attr-defined]
    assert peak < 4 * MAX_BYTES  # bounded by what is read, not by the file
    text = (
        SVG_OPEN
        + b"<metadata><x:xmpmeta xmlns:x='adobe:ns:meta/'><r:r xmlns:r='urn:image-studio:xmp:1.0'>"
    )
    big = text.replace(b"<r:r", b"<r:request") + b"x" * (MAX_TEXT + 1) + b"</r:request>"
    report = read_metadata(big + b"</x:xmpmeta></metadata></svg>")
    assert "over the 1,048,576 read" in report.problems[0].message


def test_strip_removes_every_metadata_element_and_nothing_else() -> None:
    document = (
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        b'width="4" height="4"><metadata/><g><metadata><x>a</x></metadata>'
        b'<rect width="1" height="1"/></g></svg>'
    )
    saved = with_parameters(document, STORY)
    root_end = document.index(b"<metadata/>")
    assert saved.startswith(document[:root_end] + b"<metadata>\n<?xpacket")
    assert saved.endswith(b"</metadata>" + document[root_end:])
    assert read_metadata(saved).settings is not None
    stripped = strip_metadata(saved)
    assert stripped == (
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        b'width="4" height="4"><g><rect width="1" height="1"/></g></svg>'
    )
    assert check_svg(stripped).ok and read_metadata(stripped).settings is None


def test_strip_keeps_a_gifs_loop_and_colour_profile_and_drops_other_notes() -> None:
    original = gif_bytes()
    icc = b"\x21\xff\x0bICCRGBG1012" + subblocks_of(b"profile bytes")
    other = b"\x21\xff\x0bSOMEAPP11.0" + subblocks_of(b"notes")
    data = original[:HEAD] + icc + other + comment_extension(b"hello") + original[HEAD:]
    saved = with_parameters(data, STORY)
    stripped = strip_metadata(saved)
    assert stripped == original[:HEAD] + icc + original[HEAD:]
    assert frames(stripped) == frames(original)
