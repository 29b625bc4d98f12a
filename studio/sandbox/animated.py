"""Animated GIFs and SVG drawings, as the 2.6 models return them.

A GIF is the still the sandbox would draw, scrolled and marked a little further
on each frame, so frames visibly differ and a viewer stepping through them can
be checked. An SVG is a real document (a background, a disc and the prompt as
text) whose colours depend only on the prompt and index, so a test knows what
it must render to.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageChops, ImageDraw

from studio.sandbox.imaging import digest

#: the longest side of a GIF frame for a given frame count (as reported for OpenAI)
FRAME_SIDE_LIMITS = ((9, 960), (12, 816), (16, 720))
#: who writes an SVG when the request names no author
DEFAULT_SVG_AUTHOR = "gpt-5-mini"


def frame_side_limit(frame_count: int) -> int:
    for most, side in FRAME_SIDE_LIMITS:
        if frame_count <= most:
            return side
    return FRAME_SIDE_LIMITS[-1][1]


def frame_size(width: int, height: int, frame_count: int) -> tuple[int, int]:
    """The frame size: the asked size, scaled down to the side limit for this many frames."""
    limit = frame_side_limit(frame_count)
    scale = min(1.0, limit / max(width, height))
    return max(16, round(width * scale)), max(16, round(height * scale))


def gif(still: Image.Image, frame_count: int, duration_ms: int) -> bytes:
    """An endlessly looping GIF of ``frame_count`` frames, ``duration_ms`` each."""
    width, height = frame_size(still.width, still.height, frame_count)
    base = still.convert("RGB").resize((width, height), Image.Resampling.BILINEAR)
    # one palette for every frame: quantised once, the frames are cheap to make
    indexed = base.quantize(colors=255, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette = indexed.getpalette() or []
    brightest = max(range(len(palette) // 3), key=lambda i: sum(palette[3 * i : 3 * i + 3]))
    frames: list[Image.Image] = []
    bar = max(4, height // 24)
    for i in range(frame_count):
        frame = ImageChops.offset(indexed, i * width // frame_count, 0)
        # a bar that grows with the frame number: frame i is told apart at a glance
        ImageDraw.Draw(frame).rectangle(
            (0, height - bar, (i + 1) * width // frame_count, height), fill=brightest
        )
        frames.append(frame)
    buf = io.BytesIO()
    frames[0].save(
        buf,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=duration_ms,
        loop=0,
        optimize=False,
        disposal=1,
    )
    return buf.getvalue()


def svg_colours(prompt: str, index: int = 0) -> tuple[str, str]:
    """The background and disc colours of the SVG for ``prompt`` (``#rrggbb``)."""
    key = digest("svg", prompt, index)
    background = "#{:02x}{:02x}{:02x}".format(*key[0:3])
    # the disc is the background's complement, so the two always differ
    disc = "#{:02x}{:02x}{:02x}".format(*(255 - b for b in key[0:3]))
    return background, disc


def svg(prompt: str, width: int, height: int, index: int = 0) -> bytes:
    """An SVG document ``width`` x ``height`` (viewBox in the same units)."""
    background, disc = svg_colours(prompt, index)
    side = min(width, height)
    caption = escape(prompt[:120])
    text_size = max(12, side // 20)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">\n'
        f"  <title>{caption}</title>\n"
        f'  <rect x="0" y="0" width="{width}" height="{height}" fill="{background}"/>\n'
        f'  <circle cx="{width / 2:g}" cy="{height / 2:g}" r="{side / 4:g}" fill="{disc}"/>\n'
        f'  <text x="{width / 2:g}" y="{height - text_size:g}" font-size="{text_size}" '
        f'text-anchor="middle" fill={quoteattr(disc)}>{caption}</text>\n'
        "</svg>\n"
    ).encode()


def svg_usage(prompt: str, author: str | None, effort: str | None) -> dict[str, object]:
    """The author model's tokens, as a reply's ``svg_usage`` reports them."""
    input_tokens = max(1, len(prompt) // 4) + 180
    reasoning = {"none": 0, "minimal": 64, "low": 256, "medium": 1024, "high": 4096}.get(
        effort or "medium", 8192
    )
    output_tokens = 900 + reasoning
    return {
        "model": author or DEFAULT_SVG_AUTHOR,
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "reasoning_tokens": reasoning,
        "total_tokens": input_tokens + output_tokens,
    }
