"""Safe probing of input images with Pillow: what a file really is, without trusting it.

Reads headers and checks structure (PNG chunks and CRCs via ``verify``, JPEG end
marker, RIFF length, GIF trailer) without decoding pixels, so it is cheap even for 50 MB inputs. A
declared size above ``Image.MAX_IMAGE_PIXELS`` is refused as a possible
decompression bomb before anything is decoded.
"""

from __future__ import annotations

import io
import struct
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

from studio.core.request import sniff_content_type

#: Pillow format name -> the name the capability tables use
_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp", "GIF": "gif", "MPO": "jpeg"}


class ImageProbeError(ValueError):
    """The bytes are not a usable image; ``reason`` is a short sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ImageInfo:
    """What an image file is: format, size, mode, transparency, depth and frames."""

    format: str  # "png", "jpeg", "webp", "gif", or Pillow's lower-cased name
    width: int
    height: int
    mode: str  # Pillow mode: "RGB", "RGBA", "CMYK", "P", "I;16" ...
    has_alpha: bool
    bit_depth: int = 8  # bits per channel (PNG: from IHDR)
    frames: int = 1
    #: the EXIF orientation tag (1 = as stored; 5-8 turn the picture a quarter)
    orientation: int = 1

    @property
    def oriented_size(self) -> tuple[int, int]:
        """(width, height) as shown, after the EXIF orientation is applied."""
        if self.orientation in (5, 6, 7, 8):
            return self.height, self.width
        return self.width, self.height

    @property
    def animated(self) -> bool:
        return self.frames > 1

    @property
    def size_text(self) -> str:
        return f"{self.width}x{self.height}"


def _png_header(data: bytes) -> tuple[int, int]:
    """(bit depth, colour type) from the IHDR chunk."""
    if len(data) < 26 or data[12:16] != b"IHDR":
        raise ImageProbeError("it is a damaged PNG (no IHDR header)")
    return data[24], data[25]


def _check_complete(fmt: str, data: bytes) -> None:
    """Cheap structural checks that catch truncated files without decoding them."""
    if fmt == "jpeg":
        if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
            raise ImageProbeError("it is truncated (the JPEG has no end marker)")
    elif fmt == "webp":
        declared = struct.unpack("<I", data[4:8])[0] + 8 if len(data) >= 12 else 0
        if len(data) < declared:
            raise ImageProbeError("it is truncated (the WebP is shorter than it says)")
    elif fmt == "gif" and not data.rstrip(b"\x00").endswith(b"\x3b"):
        raise ImageProbeError("it is truncated (the GIF has no trailer)")


def probe(data: bytes) -> ImageInfo:
    """Identify ``data`` or raise :class:`ImageProbeError` with the reason."""
    if not data:
        raise ImageProbeError("it is empty (0 bytes)")
    from PIL import Image, UnidentifiedImageError  # loaded when an image is first read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                fmt = _FORMATS.get(im.format or "", (im.format or "unknown").lower())
                width, height = im.size
                mode = im.mode
                frames = int(getattr(im, "n_frames", 1) or 1)
                orientation = 1 if fmt == "png" else _orientation(im)
                has_alpha = "A" in im.getbands() or (
                    mode in ("P", "L", "RGB") and "transparency" in im.info
                )
                if fmt == "png":
                    im.verify()  # walks every chunk and checks its CRC, no decoding
            if fmt == "png":
                with Image.open(io.BytesIO(data)) as again:  # verify() spent the first one
                    orientation = _orientation(again)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProbeError(
            f"it declares more than {Image.MAX_IMAGE_PIXELS:,} pixels "
            "(refused as a possible decompression bomb)"
        ) from None
    except UnidentifiedImageError:
        looks = sniff_content_type(data)
        if looks.startswith("image/"):
            kind = looks.removeprefix("image/").upper()
            raise ImageProbeError(f"it starts like a {kind} but is damaged or truncated") from None
        raise ImageProbeError("it is not an image (not PNG, JPEG, WebP or GIF data)") from None
    except ImageProbeError:
        raise
    except Exception as exc:  # any decoder failure on hostile bytes is "damaged", never a crash
        raise ImageProbeError(f"it is damaged or truncated ({exc})") from None
    bit_depth = 8
    if fmt == "png":
        bit_depth, colour_type = _png_header(data)
        if colour_type in (4, 6):
            has_alpha = True
    _check_complete(fmt, data)
    if width <= 0 or height <= 0:
        raise ImageProbeError("it has no pixels")
    return ImageInfo(fmt, width, height, mode, has_alpha, bit_depth, frames, orientation)


def exif_orientation(data: bytes) -> int:
    """The EXIF orientation of image bytes (1 when absent, unreadable or not an image);
    reads the header only."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                return _orientation(im)
    except Exception:
        return 1


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation (1 when absent or unreadable: hostile EXIF is not an error)."""
    try:
        value = im.getexif().get(0x0112, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


_HIST_CACHE: OrderedDict[tuple[int, int], list[int] | None] = OrderedDict()
_HIST_LOCK = threading.Lock()


def alpha_histogram(png: bytes) -> list[int] | None:
    """The 256-bin histogram of the alpha channel, or None when there is no alpha.

    Decodes the pixels (meant for masks), so the last few answers are cached by
    the bytes' hash and length: the GUI re-validates on every keystroke.
    """
    key = (hash(png), len(png))
    with _HIST_LOCK:
        if key in _HIST_CACHE:
            _HIST_CACHE.move_to_end(key)
            hist = _HIST_CACHE[key]
            return None if hist is None else list(hist)
    hist = _alpha_histogram(png)
    with _HIST_LOCK:
        _HIST_CACHE[key] = hist
        while len(_HIST_CACHE) > 8:
            _HIST_CACHE.popitem(last=False)
    return None if hist is None else list(hist)


def _alpha_histogram(png: bytes) -> list[int] | None:
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(png)) as im:
            if "A" in im.getbands():
                return im.getchannel("A").histogram()
            if "transparency" in im.info:
                return im.convert("RGBA").getchannel("A").histogram()
    return None
