"""Real image bytes for the client tests (encoded by Pillow, never hand-made)."""

from __future__ import annotations

import base64
import io

from PIL import Image


def png(
    width: int = 8, height: int = 8, color: tuple[int, int, int, int] = (200, 30, 30, 255)
) -> bytes:
    buf = io.BytesIO()
    Image.new("RGBA", (width, height), color).save(buf, "PNG")
    return buf.getvalue()


def jpeg(width: int = 8, height: int = 8) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(buf, "JPEG")
    return buf.getvalue()


def webp(width: int = 8, height: int = 8) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (10, 200, 20)).save(buf, "WEBP")
    return buf.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def gif(frames: int = 3, duration: int = 120, size: int = 16) -> bytes:
    """An animated GIF whose frames differ (one colour each), looping forever."""
    images = [
        Image.new("RGB", (size, size), ((60 * i) % 256, 255 - (40 * i) % 256, 90))
        for i in range(frames)
    ]
    buf = io.BytesIO()
    images[0].save(buf, "GIF", save_all=True, append_images=images[1:], duration=duration, loop=0)
    return buf.getvalue()
