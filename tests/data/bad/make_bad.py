"""Regenerate the bad-input corpus in this folder: ``uv run python tests/data/bad/make_bad.py``.

Every file is small (a few KB at most); see ../README.md for what each one is.
Files over a byte limit are not stored: the tests build them in memory.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def raw_png(
    width: int, height: int, depth: int, colour: int, rows: bytes, extra: bytes = b""
) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + extra
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def save(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def gradient(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    w, h = size
    img = Image.new("RGB", size)
    img.putdata(
        [
            (x * 255 // max(1, w - 1), y * 255 // max(1, h - 1), 128)
            for y in range(h)
            for x in range(w)
        ]
    )
    return img.convert(mode)


def main() -> None:
    files: dict[str, bytes] = {}
    files["empty.png"] = b""
    files["not-an-image.png"] = b"This is a text file, not a PNG.\n"
    good = save(gradient((64, 64), "RGBA"), "PNG")
    files["truncated.png"] = good[: len(good) // 2]
    files["png-named.jpg"] = save(gradient((64, 64)), "PNG")
    # a 100000 x 100000 1-bit greyscale PNG header with a tiny (incomplete) IDAT
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 1, 0, 0, 0, 0)
    files["bomb.png"] = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 20_000, 9))
        + chunk(b"IEND", b"")
    )
    files["cmyk.jpg"] = save(gradient((32, 32)).convert("CMYK"), "JPEG", quality=80)
    # 16-bit RGB: filter byte 0 then 6 bytes per pixel
    rows = b"".join(
        b"\x00" + b"".join(struct.pack(">HHH", x * 2000, y * 2000, 30000) for x in range(32))
        for y in range(32)
    )
    files["rgb16.png"] = raw_png(32, 32, 16, 2, rows)
    frames = [Image.new("RGB", (16, 16), c) for c in ("red", "blue")]
    files["animated.gif"] = save(
        frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0
    )
    files["animated.webp"] = save(
        frames[0],
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=100,
        loop=0,
        lossless=True,
    )
    # 20000 x 500, 1-bit palette: 2.5 KB a row of zeros compresses to almost nothing
    rows = (b"\x00" + b"\x00" * (20_000 // 8)) * 500
    plte = chunk(b"PLTE", b"\x00\x00\x00\xff\xff\xff")
    files["wide-20000px.png"] = raw_png(20_000, 500, 1, 3, rows, plte)
    files["image-64.png"] = good
    files["non-square-64x48.png"] = save(gradient((64, 48), "RGBA"), "PNG")
    mask = Image.new("RGBA", (32, 32), (0, 0, 0, 255))
    mask.paste((0, 0, 0, 0), (8, 8, 24, 24))
    files["mask-32.png"] = save(mask, "PNG")
    bw = Image.new("RGB", (64, 64), "white")
    bw.paste((0, 0, 0), (16, 16, 48, 48))
    files["mask-no-alpha.png"] = save(bw, "PNG")
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
