"""Real, deterministic pictures made locally with Pillow.

Every picture depends only on its inputs (prompt, seed, size, model, index),
so tests can compare bytes, and shows its prompt so a person can tell which
request made it. Drawing is cheap: a 2x2 colour field scaled up, a few shapes
and text; PNGs use a low compression level.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
import threading
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

FORMATS = ("png", "jpeg", "webp")

# One FreeType face is shared per size; FreeType faces are not thread-safe.
_TEXT_LOCK = threading.Lock()


def digest(*parts: object) -> bytes:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8"))
        h.update(b"\0")
    return h.digest()


def _rgb(data: bytes, offset: int) -> tuple[int, int, int]:
    return data[offset % 32], data[(offset + 1) % 32], data[(offset + 2) % 32]


# Fonts that also cover Chinese, so a 中文 prompt is drawn as text, not as boxes.
_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _CJK_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font that also covers Chinese (hold :func:`text_lock` while drawing with it)."""
    return _font(size)


def text_lock() -> threading.Lock:
    return _TEXT_LOCK


def _is_wide(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def generate(
    prompt: str,
    *,
    seed: int | None,
    width: int,
    height: int,
    model: str,
    index: int = 0,
    transparent: bool = False,
) -> Image.Image:
    """An RGB (or, when ``transparent``, RGBA with a fully clear background) picture."""
    key = digest("generate", model, prompt, seed, f"{width}x{height}", index)
    if transparent:
        canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    else:
        # A vertical gradient: rows are uniform, which keeps PNG encoding fast.
        column = Image.new("RGB", (1, 2))
        column.putdata([_rgb(key, 0), _rgb(key, 3)])
        column = column.resize((1, height), Image.Resampling.BILINEAR)
        canvas = column.resize((width, height), Image.Resampling.NEAREST)
    draw = ImageDraw.Draw(canvas)
    side = min(width, height)
    for i in range(5):
        b = key[4 + i * 5 : 9 + i * 5]
        cx, cy = b[0] * width // 255, b[1] * height // 255
        r = side // 10 + b[2] * side // 800
        colour = (*_rgb(key, 3 * i + 7), 255)
        if b[3] % 2:
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
        else:
            draw.rectangle((cx - r, cy - r // 2, cx + r, cy + r // 2), fill=colour)
    footer = f"{model} · seed {seed} · {width}x{height} · #{index}"
    with _TEXT_LOCK:
        _draw_caption(draw, prompt, footer, width, height)
    return canvas


def _draw_caption(
    draw: ImageDraw.ImageDraw, prompt: str, footer: str, width: int, height: int
) -> None:
    size = max(10, min(width, height) // 24)
    font = _font(size)
    columns = max(8, int(width / (size * (1.05 if _is_wide(prompt) else 0.55))) - 4)
    lines = textwrap.wrap(prompt[:400], columns)[:6] or ["(empty prompt)"]
    y = size
    for line in lines:
        draw.text(
            (size, y),
            line,
            font=font,
            fill=(255, 255, 255, 255),
            stroke_width=max(1, size // 12),
            stroke_fill=(0, 0, 0, 255),
        )
        y += int(size * 1.25)
    small = _font(max(8, size * 2 // 3))
    draw.text(
        (size, height - size * 2),
        footer,
        font=small,
        fill=(255, 255, 255, 255),
        stroke_width=1,
        stroke_fill=(0, 0, 0, 255),
    )


def _xor_table(value: int) -> list[int]:
    return [x ^ value for x in range(256)]


def recolor(image: Image.Image, prompt: str, index: int = 0) -> Image.Image:
    """The whole of ``image`` changed deterministically: every pixel of every colour
    channel differs from the original (XOR with a value whose top bit is set), in
    diagonal stripes whose tints come from the prompt. Alpha becomes opaque."""
    key = digest("edit", prompt, index)
    rgb = image.convert("RGB")
    variants = []
    for k in range(2):
        tables: list[int] = []
        for c in range(3):
            tables += _xor_table(0x80 | key[k * 3 + c])
        variants.append(rgb.point(tables))
    stripes = _stripes(image.size, period=max(8, min(image.size) // 16))
    return Image.composite(variants[0], variants[1], stripes).convert("RGBA")


def _stripes(size: tuple[int, int], period: int) -> Image.Image:
    """An L image of diagonal stripes (0/255), built from one small tile."""
    tile = Image.new("L", (period * 2, period * 2), 0)
    d = ImageDraw.Draw(tile)
    for off in range(-period * 2, period * 2, period * 2):
        d.polygon(
            [
                (off, 0),
                (off + period, 0),
                (off + period + period * 2, period * 2),
                (off + period * 2, period * 2),
            ],
            fill=255,
        )
    out = Image.new("L", size, 0)
    for x in range(0, size[0], tile.width):
        for y in range(0, size[1], tile.height):
            out.paste(tile, (x, y))
    return out


def edit(
    base: Image.Image,
    *,
    prompt: str,
    width: int,
    height: int,
    mask: Image.Image | None,
    index: int = 0,
) -> Image.Image:
    """``base`` (resized to the output size) with exactly the edit area changed.

    The edit area is where the mask's alpha is 0 (the mask is scaled with
    nearest-neighbour like the image); without a mask, the whole image.
    Returns RGBA; pixels outside the edit area equal the resized input.
    """
    source = resized(base, width, height)
    changed = recolor(source, prompt, index)
    if mask is None:
        return changed
    alpha = mask_alpha(mask)
    if alpha.size != (width, height):
        alpha = alpha.resize((width, height), Image.Resampling.NEAREST)
    area = alpha.point([255] + [0] * 255)  # alpha == 0 -> 255 (edit here)
    return Image.composite(changed, source, area)


def resized(base: Image.Image, width: int, height: int) -> Image.Image:
    """``base`` as RGBA at the output size (what an edit starts from)."""
    source = base.convert("RGBA")
    if source.size != (width, height):
        source = source.resize((width, height), Image.Resampling.LANCZOS)
    return source


def mask_alpha(mask: Image.Image) -> Image.Image:
    """The alpha channel of a mask (a palette image's transparency counts)."""
    if mask.mode == "P" and "transparency" in mask.info:
        mask = mask.convert("RGBA")
    if "A" not in mask.getbands():
        raise ValueError(f"mask has no alpha channel (mode {mask.mode})")
    return mask.getchannel("A")


def variation(image: Image.Image, *, width: int, height: int, index: int) -> Image.Image:
    """A deterministic variation: mirrored and re-tinted depending on ``index``."""
    src = image.convert("RGB").resize((width, height), Image.Resampling.BILINEAR)
    if index % 2 == 0:
        src = src.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return recolor(src, "variation", index).convert("RGB")


def partial(image: Image.Image, step: int, total: int) -> Image.Image:
    """A coarse preview: pixelated, getting finer with each ``step`` of ``total``."""
    factor = 2 ** (total - step + 2)  # total=3 -> 32, 16, 8
    w, h = image.size
    small = image.resize((max(1, w // factor), max(1, h // factor)), Image.Resampling.BILINEAR)
    return small.resize((w, h), Image.Resampling.NEAREST)


def encode(image: Image.Image, fmt: str, compression: int | None = None) -> bytes:
    """PNG, JPEG or WebP bytes. ``compression`` (0-100, jpeg/webp) is used as quality."""
    buf = io.BytesIO()
    if fmt == "png":
        image.save(buf, "PNG", compress_level=1)
    elif fmt == "jpeg":
        quality = 90 if compression is None else max(1, min(95, compression))
        image.convert("RGB").save(buf, "JPEG", quality=quality)
    elif fmt == "webp":
        quality = 90 if compression is None else max(1, min(100, compression))
        image.save(buf, "WEBP", quality=quality, method=0)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return buf.getvalue()


def decode(data: bytes) -> Image.Image:
    """Open image bytes fully (raises ``ValueError`` for anything Pillow cannot read)."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            return im.copy() if im.format is None else _keep_format(im)
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a readable image: {exc}") from None


def _keep_format(im: Image.Image) -> Image.Image:
    out = im.copy()
    out.format = im.format
    return out
