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
