"""Image bytes to ready-to-paint :class:`QImage` pictures, on a worker thread.

Pillow decodes, reduces and resizes with the GIL released; ``QImage.loadFromData``
and ``QImage.scaled`` hold it for the whole call (15-20 ms for a 1536x1024 PNG),
freezing the UI thread meanwhile. The pictures come out in Qt's native 32-bit
formats, so painting them needs no conversion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

if TYPE_CHECKING:
    from PIL import Image

#: the longest side a partial is decoded at (a viewer rarely shows more)
PARTIAL_SIDE = 1024
#: the most pixels a picture is shown with: four times the largest the image APIs make
#: (3840x2160). A bigger file (a 420 kB PNG can hold 12000x12000 pixels) is averaged down
#: by a whole factor to fit, so what it costs in memory is bounded by this, not the file.
SHOWN_PIXELS = 4 * 3840 * 2160


def decode(data: bytes) -> QImage:
    """Decode image bytes (call on a worker thread); a null image when undecodable.

    A picture of more than :data:`SHOWN_PIXELS` comes out reduced, its device pixel
    ratio set so that it still measures its full size."""
    try:
        rgba, alpha, factor = _open(data, SHOWN_PIXELS)
    except Exception:  # whatever Pillow cannot read, Qt may still, as a known raster only
        return decode_raster_with_qt(data)
    image = _to_qimage(rgba, alpha)
    if factor > 1:
        image.setDevicePixelRatio(1 / factor)
    return image


def decode_raster_with_qt(data: bytes) -> QImage:
    """Qt's own decoder, told the raster format the bytes show. Never left to guess:
    Qt's plugins also read SVG and PDF, which must not be parsed unchecked."""
    from studio.core.outformats import sniff_format

    fmt = sniff_format(data)
    img = QImage()
    if fmt in ("png", "jpeg", "webp", "gif"):
        img.loadFromData(data, fmt.upper())
    return img


def decode_partial(data: bytes) -> QImage:
    """Decode a streamed partial at about the size a screen shows it (worker thread).

    A partial is on show for a moment: reduced by a whole factor (Pillow's ``reduce``,
    GIL released) to at most :data:`PARTIAL_SIDE` pixels a side, its device pixel
    ratio set so that it still measures the full image's size, the UI thread scales and
    paints a quarter of the pixels. Anything Pillow cannot read is decoded as usual.
    """
    try:
        rgba, alpha, factor = _open(data, SHOWN_PIXELS, PARTIAL_SIDE)
    except Exception:
        return decode_raster_with_qt(data)
    image = _to_qimage(rgba, alpha)
    if factor > 1:
        image.setDevicePixelRatio(1 / factor)  # it measures the full image's size
    return image


def decode_preview(data: bytes, height: int, ratio: float = 1.0) -> QImage:
    """A streamed partial as a small preview ``height`` logical pixels high on a screen
    of device pixel ratio ``ratio`` (worker thread): averaged down, so thin lines and
    text stay readable, and never handed to Qt's guessing loaders (a null image when
    the bytes are no raster picture)."""
    try:
        rgba, alpha, _ = _open(data, SHOWN_PIXELS)
    except Exception:
        return QImage()
    from PIL import Image

    target = max(1, round(height * ratio))
    if rgba.height > target:
        factor = rgba.height // target
        if factor > 1:
            rgba = rgba.reduce(factor)
        width = max(1, round(rgba.width * target / rgba.height))
        rgba = rgba.resize((width, target), Image.Resampling.BILINEAR)
    image = _to_qimage(rgba, alpha)
    image.setDevicePixelRatio(ratio)
    return image


def _open(data: bytes, max_pixels: int, max_side: int = 0) -> tuple[Image.Image, bool, int]:
    """The picture as RGBA, whether it has transparency, and the whole factor it was
    reduced by to hold at most ``max_pixels`` (and ``max_side`` a side, when given):
    reduced before it is converted, and a JPEG already while it is decoded. Pillow
    raises on bytes it cannot read or that would decompress past its own limit."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as opened:
        width, height = opened.size
        if opened.format == "JPEG":  # decoded at a DCT scale that still holds the target
            wanted = _factor(width, height, max_pixels, max_side)
            if wanted > 1:
                opened.draft("RGB", (width // wanted, height // wanted))
        opened.load()
        alpha = opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info
        picture: Image.Image = opened
        if picture.mode not in ("RGB", "RGBA", "L", "LA"):  # what reduce() takes
            picture = picture.convert("RGBA")
        factor = _factor(picture.width, picture.height, max_pixels, max_side)
        if factor > 1:
            picture = picture.reduce(factor)
        return picture.convert("RGBA"), alpha, max(1, round(width / picture.width))


def _factor(width: int, height: int, max_pixels: int, max_side: int) -> int:
    """The smallest whole factor that brings ``width`` x ``height`` within the limits."""
    factor = 1
    while (width // factor) * (height // factor) > max_pixels or (
        max_side and max(width, height) > max_side * factor
    ):
        factor += 1
    return factor


def _to_qimage(rgba: Image.Image, alpha: bool) -> QImage:
    raw = rgba.tobytes("raw", "BGRA")  # QImage's 32-bit formats are BGRA in memory
    fmt = QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32
    image = QImage(rgba.width, rgba.height, fmt)
    pixels = image.bits()
    if isinstance(pixels, memoryview) and len(pixels) == len(raw):  # 32-bit rows: no padding
        pixels[:] = raw  # a plain copy (~1 ms); QImage.copy holds the GIL for ~5 ms
    else:
        image = QImage(raw, rgba.width, rgba.height, rgba.width * 4, fmt).copy()
    return image
