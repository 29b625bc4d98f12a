"""The mask PNG writer: any reader decodes exactly the pixels given, in one band or many."""

from __future__ import annotations

import io
import os
import struct
import threading
import zlib

import pytest
from PIL import Image

from studio.core import pngenc


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk, checking each CRC on the way."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    out, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        out.append((kind, data))
        pos += 12 + length
    return out


def _source(raw: bytes, width: int) -> pngenc.RowSource:
    def rows(y0: int, y1: int) -> bytes:
        return raw[y0 * width * 4 : y1 * width * 4]

    return rows


@pytest.mark.parametrize(
    ("width", "height", "workers"),
    [(1, 1, 2), (3, 5, 1), (7, 2, 4), (613, 1901, 2), (1024, 1100, 3)],
)
def test_any_reader_gets_exactly_the_pixels(width: int, height: int, workers: int) -> None:
    raw = os.urandom(width * height * 4 // 2) + bytes(width * height * 4 - width * height * 2)
    png = pngenc.encode_rgba(_source(raw, width), width, height, workers=workers)

    with Image.open(io.BytesIO(png)) as img:
        assert (img.format, img.mode, img.size) == ("PNG", "RGBA", (width, height))
        assert img.tobytes() == raw
    # zlib itself checks the Adler-32 that joins the bands (Pillow does not read it)
    chunks = _chunks(png)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    rowsize = width * 4
    filtered = zlib.decompress(chunks[1][1])
    assert filtered == b"".join(
        b"\x00" + raw[y * rowsize : (y + 1) * rowsize] for y in range(height)
    )


def test_a_big_image_is_split_into_bands_on_several_threads() -> None:
    width, height = 1024, 2048  # 8 MB of rows: four chunks
    raw = bytes(range(256)) * (width * height * 4 // 256)
    threads: set[str] = set()

    def rows(y0: int, y1: int) -> bytes:
        threads.add(threading.current_thread().name)
        return raw[y0 * width * 4 : y1 * width * 4]

    png = pngenc.encode_rgba(rows, width, height, workers=2)
    assert len(threads) == 2
    with Image.open(io.BytesIO(png)) as img:
        assert img.tobytes() == raw


@pytest.mark.parametrize("lengths", [(0, 5), (5, 0), (1, 1), (70_000, 3), (100_003, 250_001)])
def test_adler32_combine_matches_zlib(lengths: tuple[int, int]) -> None:
    a, b = os.urandom(lengths[0]), os.urandom(lengths[1])
    combined = pngenc.adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b))
    assert combined == zlib.adler32(a + b)


def test_an_encode_past_the_limit_stops_early() -> None:
    width, height = 1024, 4096  # 16 MB of noise: no way under 1 MB
    raw = os.urandom(width * height * 4)
    asked: list[int] = []
    lock = threading.Lock()

    def rows(y0: int, y1: int) -> bytes:
        with lock:
            asked.append(y1 - y0)
        return raw[y0 * width * 4 : y1 * width * 4]

    with pytest.raises(pngenc.TooLarge):
        pngenc.encode_rgba(rows, width, height, limit=1_000_000, workers=2)
    assert sum(asked) < height // 2  # stopped long before building the rest


def test_a_limit_it_fits_under_is_no_obstacle() -> None:
    raw = bytes(64 * 64 * 4)
    png = pngenc.encode_rgba(_source(raw, 64), 64, 64, limit=1000)
    assert len(png) <= 1000
    with pytest.raises(pngenc.TooLarge):
        pngenc.encode_rgba(_source(raw, 64), 64, 64, limit=len(png) - 1)


def test_a_row_source_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="row source"):
        pngenc.encode_rgba(lambda y0, y1: b"\x00" * 3, 2, 2)
    with pytest.raises(ValueError, match="at least one pixel"):
        pngenc.encode_rgba(lambda y0, y1: b"", 0, 4)
