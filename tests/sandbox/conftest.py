"""Helpers for the sandbox tests: an httpx client on the sandbox and image utilities."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from studio.sandbox.server import SandboxServer


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.base_url, timeout=30) as c:
        yield c


def decode_b64(text: str) -> Image.Image:
    with Image.open(io.BytesIO(base64.b64decode(text, validate=True))) as im:
        im.load()
        out = im.copy()
        out.format = im.format
        return out


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def encoded(image: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt)
    return buf.getvalue()


def checker(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """A busy test picture: every pixel depends on its position."""
    w, h = size
    im = Image.new("RGB", size)
    im.putdata(
        [((x * 7) % 256, (y * 5) % 256, ((x + y) * 3) % 256) for y in range(h) for x in range(w)]
    )
    return im.convert(mode)


def first_image(body: dict[str, Any]) -> Image.Image:
    return decode_b64(body["data"][0]["b64_json"])
