"""Qt-free mask helpers (Pillow): import conversion, validation, coverage and export.

Inside the studio a mask is one byte per image pixel, **255 = edit, 0 = keep**
(the canvas keeps it as a ``QImage.Format_Alpha8``). On the wire it is the
opposite way round: a PNG the size of the image whose **alpha 0 marks the area
to edit** and whose opaque pixels are kept (OpenAI's rule for edit masks).

Two kinds of files come in (:func:`mask_from_png`):

* a PNG with transparency — transparent (alpha < 128) means edit, exactly as
  the API reads it;
* an opaque black-and-white or greyscale image — the grey level becomes the
  alpha, as the tu-zi guide converts it (``mask.putalpha(mask.convert("L"))``),
  so black (dark, < 128) means edit.

Buffers may carry row padding (a ``QImage`` aligns rows to 4 bytes), so every
function that takes raw bytes also takes the row ``stride``.
"""

from __future__ import annotations

import enum
import io
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studio.core import pngenc

if TYPE_CHECKING:
    from PIL import Image

#: the API's limit for a mask file (dall-e-2 documents 4 MB)
MAX_MASK_BYTES = 4 * 1024 * 1024
#: a mask pixel at or above this value counts as "edit"
EDIT_THRESHOLD = 128

# lookup tables for Image.point(): threshold, and threshold + invert
_TO_BINARY = [255 if v >= EDIT_THRESHOLD else 0 for v in range(256)]
_TO_BINARY_INVERTED = [0 if v >= EDIT_THRESHOLD else 255 for v in range(256)]


class MaskStyle(enum.StrEnum):
    """How an imported file expressed the area to edit."""

    ALPHA = "alpha"  # transparent = edit
    GREYSCALE = "greyscale"  # black = edit


@dataclass(frozen=True)
class ImportedMask:
    """A decoded mask: ``width * height`` bytes, 255 = edit, 0 = keep, no padding."""

    width: int
    height: int
    data: bytes
    style: MaskStyle

    def inverted(self) -> ImportedMask:
        return ImportedMask(self.width, self.height, invert_mask(self.data), self.style)

    @property
    def coverage(self) -> float:
        return mask_coverage(self.data, self.width, self.height)


def _check_mask_buffer(data: bytes | memoryview, width: int, height: int, stride: int) -> None:
    if stride < width or len(data) < stride * (height - 1) + width:
        raise ValueError(
            f"mask buffer too short: {len(data)} bytes for {width}x{height} (stride {stride})"
        )


def _gray(data: bytes, width: int, height: int, stride: int | None) -> Image.Image:
    from PIL import Image

    stride = width if stride is None else stride
    _check_mask_buffer(data, width, height, stride)
    return Image.frombuffer("L", (width, height), data, "raw", "L", stride, 1)


def _has_transparency(img: Image.Image) -> bool:
    if img.mode in ("RGBA", "LA", "PA"):
        lo, _hi = img.getchannel("A").getextrema()
        return bool(int(lo) < 255)  # type: ignore[arg-type]
    if "transparency" in img.info:
        alpha = img.convert("RGBA").getchannel("A")
        lo, _hi = alpha.getextrema()
        return bool(int(lo) < 255)  # type: ignore[arg-type]
    return False


def mask_from_image(img: Image.Image) -> tuple[bytes, MaskStyle]:
    """Convert a decoded image to mask bytes (255 = edit) and say which style it was."""
    if _has_transparency(img):
        alpha = img.convert("RGBA").getchannel("A")
        # alpha 0 = edit, so low alpha -> 255
        return alpha.point(_TO_BINARY_INVERTED).tobytes(), MaskStyle.ALPHA
    grey = img.convert("L")
    # black (dark) = edit, the grey level being the alpha as in the tu-zi conversion
    return grey.point(_TO_BINARY_INVERTED).tobytes(), MaskStyle.GREYSCALE


def mask_from_png(
    data: bytes,
    expected_size: tuple[int, int] | None = None,
    *,
    name: str = "mask",
) -> ImportedMask:
    """Decode a mask file (PNG or any Pillow-readable image).

    Raises ``ValueError`` with a sentence naming the file and the rule when the
    file cannot be read or its size differs from ``expected_size`` (width, height).
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            size = img.size
            if expected_size is not None and tuple(size) != tuple(expected_size):
                ew, eh = expected_size
                raise ValueError(
                    f"{name} is {size[0]}×{size[1]} pixels but the image is {ew}×{eh}; "
                    "a mask must have exactly the image's size."
                )
            mask, style = mask_from_image(img)
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"{name} is not a readable image ({exc}).") from exc
    except Image.DecompressionBombError as exc:
        raise ValueError(f"{name} is too large to open ({exc}).") from exc
    return ImportedMask(size[0], size[1], mask, style)


def invert_mask(data: bytes) -> bytes:
    """Swap edit and keep (any byte >= 128 becomes 0, the rest 255)."""
    return data.translate(bytes(_TO_BINARY_INVERTED))


def mask_coverage(data: bytes, width: int, height: int, stride: int | None = None) -> float:
    """The fraction (0..1) of pixels marked for editing (value >= 128)."""
    if width <= 0 or height <= 0:
        return 0.0
    hist = _gray(data, width, height, stride).histogram()
    return sum(hist[EDIT_THRESHOLD:]) / (width * height)


def mask_is_empty(data: bytes, width: int, height: int, stride: int | None = None) -> bool:
    """True when no pixel is marked for editing."""
    if width <= 0 or height <= 0:
        return True
    _lo, hi = _gray(data, width, height, stride).getextrema()
    return bool(int(hi) < EDIT_THRESHOLD)  # type: ignore[arg-type]


def _rows(data: bytes | memoryview, stride: int, y0: int, y1: int) -> bytes | memoryview:
    """Rows y0..y1-1 of a padded buffer, ``stride * (y1 - y0)`` bytes (short last row padded)."""
    view = memoryview(data)[y0 * stride : y1 * stride]
    missing = stride * (y1 - y0) - len(view)
    return bytes(view) + bytes(missing) if missing else view


def _keep_rows(mask: bytes | memoryview, width: int, stride: int, y0: int, y1: int) -> Image.Image:
    """Alpha for rows y0..y1-1: 0 where the mask says edit, 255 elsewhere."""
    from PIL import Image

    rows = Image.frombytes(
        "L", (width, y1 - y0), _rows(mask, stride, y0, y1), "raw", "L", stride, 1
    )
    return rows.point(_TO_BINARY_INVERTED)


def mask_png_from_alpha(
    source_rgba: bytes | memoryview,
    mask: bytes | memoryview,
    width: int,
    height: int,
    *,
    source_stride: int | None = None,
    mask_stride: int | None = None,
    compress_level: int = 1,
    max_bytes: int | None = MAX_MASK_BYTES,
    source_mode: str = "RGBA",
) -> bytes:
    """The mask file the API wants: an opaque copy of the source, alpha 0 where ``mask`` is set.

    ``source_rgba`` is straight (not premultiplied) RGBA, 4 bytes a pixel;
    ``mask`` is one byte a pixel, 255 = edit (``source_mode="BGRA"`` reads Qt's
    little-endian ARGB32/RGB32 words without a conversion). Every alpha in the result is 0 or
    255. Encoded by :mod:`studio.core.pngenc` (no row filter, parallel deflate).

    The API only reads the alpha, and refuses mask files over 4 MB: when the
    copy with colours would be larger than ``max_bytes`` (big, detailed
    photos), the file is encoded with black instead of the source's colours; the
    encode with colours stops as soon as it passes the limit.
    """
    from PIL import Image

    sstride = width * 4 if source_stride is None else source_stride
    mstride = width if mask_stride is None else mask_stride
    if sstride < width * 4 or len(source_rgba) < sstride * (height - 1) + width * 4:
        raise ValueError(f"source buffer too short for {width}x{height}")
    _check_mask_buffer(mask, width, height, mstride)
    if source_mode not in ("RGBA", "BGRA"):
        raise ValueError(f"unsupported source mode {source_mode!r}")

    def coloured(y0: int, y1: int) -> bytes:
        raw = _rows(source_rgba, sstride, y0, y1)
        band = Image.frombytes("RGBA", (width, y1 - y0), raw, "raw", source_mode, sstride, 1)
        band.putalpha(_keep_rows(mask, width, mstride, y0, y1))
        return band.tobytes()

    if max_bytes is None or _may_fit(coloured, width, height, compress_level, max_bytes):
        try:
            return pngenc.encode_rgba(
                coloured, width, height, level=compress_level, limit=max_bytes
            )
        except pngenc.TooLarge:
            pass
    data = colourless_mask_png(mask, width, height, mask_stride=mask_stride)
    if (
        max_bytes is not None and len(data) > max_bytes
    ):  # a finely dithered mask: worth zlib's hardest try
        data = colourless_mask_png(mask, width, height, mask_stride=mask_stride, level=9)
    return data


def _may_fit(rows: pngenc.RowSource, width: int, height: int, level: int, limit: int) -> bool:
    """Whether the file with colours might fit in ``limit`` bytes, judged from a sample.

    Deflates 16 evenly spaced stripes (about 1/128 of the rows) and scales up. Only a clear
    miss (twice the limit) says no: a detailed 4096² photo is 8-10x over and is sent
    colourless without encoding it first; anything closer gets the real, early-stopping try.
    """
    if height * width * 4 <= limit * 2:
        return True
    stripes = 16
    per = max(1, height // (stripes * 128))
    comp = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
    sampled, size = 0, 0
    for i in range(stripes):
        y0 = min(height - per, height * i // stripes)
        size += len(comp.compress(rows(y0, y0 + per)))
        sampled += per
    size += len(comp.flush())
    return size * height / sampled <= limit * 2


def colourless_mask_png(
    mask: bytes | memoryview,
    width: int,
    height: int,
    *,
    mask_stride: int | None = None,
    level: int = 1,
) -> bytes:
    """A mask file with black pixels: alpha 0 where ``mask`` is set, 255 elsewhere (tiny)."""
    from PIL import Image

    mstride = width if mask_stride is None else mask_stride
    _check_mask_buffer(mask, width, height, mstride)

    def black(y0: int, y1: int) -> bytes:
        band = Image.new("RGBA", (width, y1 - y0), (0, 0, 0, 255))
        band.putalpha(_keep_rows(mask, width, mstride, y0, y1))
        return band.tobytes()

    return pngenc.encode_rgba(black, width, height, level=level)


def mask_png_from_image_file(image: Image.Image, mask: bytes, *, compress_level: int = 1) -> bytes:
    """Like :func:`mask_png_from_alpha` for a Pillow image (the CLI's path)."""
    rgba = image.convert("RGBA")
    return mask_png_from_alpha(
        rgba.tobytes(), mask, rgba.width, rgba.height, compress_level=compress_level
    )


def check_mask_png(data: bytes, image_size: tuple[int, int], *, name: str = "mask") -> list[str]:
    """Problems that would make the API misread this mask file (empty list = fine).

    Checks OpenAI's rules for an edit mask: a PNG, the image's exact size,
    under 4 MB, with alpha and every alpha exactly 0 or 255, some area to edit.
    """
    from PIL import Image, UnidentifiedImageError

    problems: list[str] = []
    if len(data) > MAX_MASK_BYTES:
        problems.append(f"{name} is {len(data) / 1e6:.1f} MB; masks must be under 4 MB.")
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            if img.format != "PNG":
                problems.append(f"{name} is {img.format}, not PNG.")
            if img.size != tuple(image_size):
                problems.append(
                    f"{name} is {img.width}×{img.height} pixels but the image is "
                    f"{image_size[0]}×{image_size[1]}."
                )
            if not (img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info):
                problems.append(f"{name} has no alpha channel; transparent pixels mark the edit.")
            else:
                alpha = img.convert("RGBA").getchannel("A")
                hist = alpha.histogram()
                if sum(hist[1:255]):
                    problems.append(f"{name} has alpha values between 0 and 255; use 0 or 255.")
                if hist[0] == 0:
                    problems.append(f"{name} has no transparent pixel, so nothing would change.")
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        problems.append(f"{name} is not a readable image ({exc}).")
    return problems
