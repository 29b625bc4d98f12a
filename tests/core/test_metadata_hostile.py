"""Hostile metadata: every file is refused or read with a message, in bounded memory."""

from __future__ import annotations

import struct
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.core.imagechunks import PngChunk
from studio.core.metadata_read import MAX_TEXT, read_metadata, read_metadata_file
from tests.core import metadata_samples as samples

#: what reading any one file may allocate at its peak (the huge files are 60 MB)
MEMORY_BOUND = 6 * MAX_TEXT


def zip_bomb(key: bytes, megabytes: int, itxt: bool) -> bytes:
    """A chunk whose text inflates to ``megabytes`` MB of zeros (built without holding them)."""
    comp = zlib.compressobj(9)
    block = bytes(1 << 20)
    body = b"".join(comp.compress(block) for _ in range(megabytes)) + comp.flush()
    if itxt:
        return key + b"\x00\x01\x00\x00\x00" + body
    return key + b"\x00\x00" + body


def huge_text_png(path: Path) -> None:
    data = samples.png()
    ihdr_end = 8 + 12 + 13
    payload = b"parameters\x00" + b"A" * (60 << 20)
    path.write_bytes(data[:ihdr_end] + PngChunk.build(b"tEXt", payload) + data[ihdr_end:])


def lying_length_png(path: Path) -> None:
    data = samples.png()
    ihdr_end = 8 + 12 + 13
    bogus = struct.pack(">I", 0x7FFFFFF0) + b"iTXt" + b"image-studio\x00\x00\x00\x00\x00{}"
    path.write_bytes(data[:ihdr_end] + bogus)


def write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


NESTED = b"[" * 200_000 + b"]" * 200_000
BAD_UTF8 = b"image-studio\x00\x00\x00\x00\x00" + (
    b'{"generator": "Image Studio", "prompt": "\xff\xfe\xc0"}'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>&lol2;</x:xmpmeta>"
)


def _jpeg_with_xmp(xmp: bytes) -> bytes:
    data = samples.jpeg()
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + data[2:]


CORPUS: dict[str, tuple[Callable[[Path], None], str]] = {
    "huge text chunk": (huge_text_png, "over the"),
    "chunk length past the end": (lying_length_png, "cut short"),
    "zip bomb in a compressed iTXt": (
        lambda p: p.write_bytes(
            samples.png_with_chunk(b"iTXt", zip_bomb(b"image-studio", 64, True))
        ),
        "when decompressed",
    ),
    "zip bomb in a zTXt": (
        lambda p: p.write_bytes(
            samples.png_with_chunk(b"zTXt", zip_bomb(b"parameters", 64, False))
        ),
        "when decompressed",
    ),
    "broken compressed data": (
        write(samples.png_with_chunk(b"iTXt", b"image-studio\x00\x01\x00\x00\x00not zlib")),
        "not valid compressed data",
    ),
    "deeply nested JSON": (
        write(samples.png_with_chunk(b"tEXt", b"prompt\x00" + NESTED)),
        "nested",
    ),
    "JSON that is not JSON": (
        write(samples.png_with_chunk(b"tEXt", b"workflow\x00{nodes: [")),
        "not valid JSON",
    ),
    "bad UTF-8 in an iTXt": (write(samples.png_with_chunk(b"iTXt", BAD_UTF8)), "UTF-8"),
    "XMP with a DTD": (write(_jpeg_with_xmp(BILLION_LAUGHS)), "DTD"),
    "XMP that is not XML": (write(_jpeg_with_xmp(b"<x:xmpmeta><unclosed")), "not well-formed"),
    "truncated PNG": (write(samples.a1111_png()[:-30]), "cut short"),
    "truncated JPEG": (write(samples.jpeg()[:40]), "cut short"),
    "WebP whose chunk overruns": (
        write(samples.webp()[:12] + b"XMP " + struct.pack("<I", 1 << 20) + b"<x"),
        "cut short",
    ),
    "not an image": (write(b"%PDF-1.7 " + bytes(100)), "PNG, JPEG, WebP, GIF and SVG"),
    "empty file": (write(b""), "PNG, JPEG, WebP, GIF and SVG"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_metadata_is_refused_with_a_message_in_bounded_memory(
    name: str, tmp_path: Path
) -> None:
    make, expected = CORPUS[name]
    path = tmp_path / "hostile"
    make(path)
    tracemalloc.start()
    try:
        report = read_metadata_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    messages = " ".join(p.message for p in report.problems)
    assert expected in messages, messages
    assert peak < MEMORY_BOUND, f"{name}: peak {peak:,} bytes"


def test_a_settings_line_built_to_backtrack_is_read_plainly() -> None:
    # colons and no commas: the settings pattern stays linear; a line too long to be
    # settings is read as the prompt
    for line, prompt in (("a:" * 2000, "prompt"), ("a:" * 50_000, "prompt\n" + "a:" * 50_000)):
        chunk = b"parameters\x00prompt\n" + line.encode()
        found = read_metadata(samples.png_with_chunk(b"tEXt", chunk)).settings
        assert found is not None and found.prompt == prompt and found.seed is None


def test_a_missing_file_says_it_could_not_be_read(tmp_path: Path) -> None:
    report = read_metadata_file(tmp_path / "nope.png")
    assert report.settings is None and "could not be read" in report.problems[0].message


def test_good_metadata_after_a_hostile_chunk_is_still_read() -> None:
    bomb = PngChunk.build(b"iTXt", zip_bomb(b"image-studio", 20, True))
    data = samples.a1111_png()
    ihdr_end = 8 + 12 + 13
    report = read_metadata(data[:ihdr_end] + bomb + data[ihdr_end:])
    assert report.settings is not None and report.settings.source == "AUTOMATIC1111"
    assert any("decompressed" in p.message for p in report.problems)


def test_many_small_zip_bombs_stop_at_the_total_budget(tmp_path: Path) -> None:
    one = PngChunk.build(b"zTXt", zip_bomb(b"Comment", 1, False))  # 1 MiB each, ~1 KB packed
    data = samples.png()
    ihdr_end = 8 + 12 + 13
    path = tmp_path / "many.png"
    path.write_bytes(data[:ihdr_end] + one * 200 + data[ihdr_end:])
    tracemalloc.start()
    try:
        report = read_metadata_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    messages = [p.message for p in report.problems]
    assert sum("compressed text" in m for m in messages) == 1, messages
    assert peak < MEMORY_BOUND


def test_only_the_first_xmp_of_a_jpeg_is_parsed() -> None:
    packet = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><broken'
    data = samples.jpeg()
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + packet
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    report = read_metadata(data[:2] + segment * 500 + data[2:])
    assert [p.message for p in report.problems].count(
        "The XMP is not well-formed XML; it was skipped."
    ) == 1
