"""The PNG check that replaces Pillow's open+verify on arrival agrees with Pillow."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from studio.core.pngcheck import PngError, png_size
from studio.core.responses import image_from_bytes


def _png(mode: str = "RGB", size: tuple[int, int] = (37, 21), **save: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "red" if mode != "1" else 1).save(out, "PNG", **save)
    return out.getvalue()


def _pillow_accepts(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.verify()
    except Exception:
        return False
    return True


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


@pytest.mark.parametrize(
    ("mode", "save"),
    [
        ("RGB", {}),
        ("RGBA", {}),
        ("L", {}),
        ("LA", {}),
        ("P", {}),
        ("1", {}),
        ("I;16", {}),
        ("RGB", {"optimize": True}),
        ("RGBA", {"pnginfo": None, "dpi": (144, 144)}),
    ],
)
def test_well_formed_pngs_give_pillows_size(mode: str, save: dict[str, object]) -> None:
    data = _png(mode, (53, 17), **save)
    assert png_size(data) == (53, 17)
    assert _pillow_accepts(data)


def test_an_interlaced_png_is_read() -> None:
    data = _png("RGB", (40, 30))
    ihdr = bytearray(data[16:29])
    ihdr[12] = 1  # interlace flag (the pixels are not decoded, only the structure)
    patched = data[:8] + _chunk(b"IHDR", bytes(ihdr)) + data[33:]
    assert png_size(patched) == (40, 30)


def _broken_variants() -> dict[str, bytes]:
    good = _png("RGB", (64, 64))
    ihdr_end = 8 + 8 + 13 + 4
    idat_at = good.index(b"IDAT") - 4
    bad_crc = bytearray(good)
    bad_crc[idat_at + 10] ^= 0xFF  # a byte inside the compressed data
    bad_depth = bytearray(good[16:29])
    bad_depth[8] = 3  # bit depth 3 does not exist
    huge = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    return {
        "empty": b"",
        "signature only": good[:8],
        "truncated in the data": good[: len(good) // 2],
        "no IEND": good[:-12],
        "bad CRC in IDAT": bytes(bad_crc),
        "bad bit depth": good[:8] + _chunk(b"IHDR", bytes(bad_depth)) + good[ihdr_end:],
        "no image data": good[:ihdr_end] + _chunk(b"IEND", b""),
        "decompression bomb": good[:8] + _chunk(b"IHDR", huge) + good[ihdr_end:],
        "first chunk is not IHDR": good[:8] + good[idat_at:],
        "jpeg bytes": b"\xff\xd8\xff\xe0" + good[8:],
    }


@pytest.mark.parametrize("name", sorted(_broken_variants()))
def test_what_pillow_refuses_is_refused(name: str) -> None:
    data = _broken_variants()[name]
    assert not _pillow_accepts(data), "the sample must be one Pillow refuses"
    with pytest.raises(PngError):
        png_size(data)


def test_a_reply_image_is_checked_without_pillow_and_still_refused_when_broken() -> None:
    good = _png("RGBA", (48, 32))
    image = image_from_bytes(good, declared="png")
    assert (image.format, image.width, image.height, image.frame_count) == ("png", 48, 32, 1)
    from studio.core.errors import StudioError

    with pytest.raises(StudioError, match="not a readable picture"):
        image_from_bytes(_broken_variants()["bad CRC in IDAT"])
