"""Shared helpers for the history tests: real PNG bytes and ready-made requests."""

from __future__ import annotations

import io

from PIL import Image

from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.result import GeneratedImage


def png_bytes(width: int = 32, height: int = 24, colour: tuple[int, ...] = (200, 30, 30)) -> bytes:
    mode = "RGBA" if len(colour) == 4 else "RGB"
    out = io.BytesIO()
    Image.new(mode, (width, height), colour).save(out, "PNG")
    return out.getvalue()


def generated(
    colour: tuple[int, int, int] = (10, 20, 30), revised: str | None = None
) -> GeneratedImage:
    return GeneratedImage(png_bytes(32, 24, colour), "png", 32, 24, revised_prompt=revised)


def generate_request(prompt: str = "a small otter", **params: object) -> ImageRequest:
    return ImageRequest(
        mode=Mode.GENERATE, model="gpt-image-1", prompt=prompt, params={"n": 1, **params}
    )


def edit_request(prompt: str = "give the otter a hat") -> ImageRequest:
    image = InputImage("otter.png", png_bytes(64, 64, (0, 128, 255)))
    mask = InputImage("mask.png", png_bytes(64, 64, (0, 0, 0, 0)))
    return ImageRequest(
        mode=Mode.EDIT,
        model="gpt-image-1",
        prompt=prompt,
        params={"size": "1024x1024", "quality": "high", "n": 2},
        images=(image, InputImage("second.png", png_bytes(16, 16, (9, 9, 9)))),
        mask=mask,
    )
