"""Thumbnails for the gallery, cached on disk by content hash and size.

Rendered at twice the requested size so they stay sharp on high-DPI screens.
Decoding is the slow part, so JPEGs are decoded at reduced scale (``draft``)
and other formats shrunk by an integer factor (``reduce``) before the final
high-quality resize. Nothing from the source's metadata (EXIF, text chunks,
ICC profile) is carried over: a thumbnail is just pixels.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageOps

from studio.core.atomic import write_bytes_atomic

SCALE = 2  # rendered at 2x for high-DPI
_CHUNK = 1 << 20
_ORIENTATION = 0x0112


def content_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def thumbnail_path(digest: str, thumbs_dir: Path, size: int, *, alpha: bool) -> Path:
    ext = "png" if alpha else "jpg"
    return thumbs_dir / digest[:2] / f"{digest[:40]}-{size}.{ext}"


def cached_thumbnail(digest: str, thumbs_dir: Path, size: int) -> Path | None:
    for alpha in (False, True):
        candidate = thumbnail_path(digest, thumbs_dir, size, alpha=alpha)
        if candidate.exists():
            return candidate
    return None


def render_thumbnail(data: bytes | Path, size: int) -> tuple[bytes, bool]:
    """Encoded thumbnail bytes (longest side at most ``size * SCALE``) and whether it has alpha."""
    target = size * SCALE
    with Image.open(data if isinstance(data, Path) else io.BytesIO(data)) as img:
        orientation = img.getexif().get(_ORIENTATION, 1)
        # with reducing_gap, thumbnail() first calls draft() (a JPEG is decoded at 1/2,
        # 1/4 or 1/8 scale) and reduce() (integer box shrink), keeping >= 1.5x headroom
        # for the final LANCZOS pass
        img.thumbnail((target, target), Image.Resampling.LANCZOS, reducing_gap=1.5)
        thumb = ImageOps.exif_transpose(img) if orientation != 1 else img
        alpha = thumb.mode in ("RGBA", "LA", "PA") or (
            thumb.mode == "P" and "transparency" in thumb.info
        )
        out = io.BytesIO()
        if alpha:
            thumb.convert("RGBA").save(out, "PNG", compress_level=3)
        else:
            thumb.convert("RGB").save(out, "JPEG", quality=88)
    return out.getvalue(), alpha


def thumbnail_for(image_path: Path, thumbs_dir: Path, size: int = 256) -> Path:
    """The thumbnail of ``image_path`` (made once, then served from the cache)."""
    image_path = Path(image_path)
    digest = content_hash(image_path)
    cached = cached_thumbnail(digest, thumbs_dir, size)
    if cached is not None:
        return cached
    data, alpha = render_thumbnail(image_path, size)
    # no fsync: a cache entry lost in a crash is simply made again
    return write_bytes_atomic(
        thumbnail_path(digest, thumbs_dir, size, alpha=alpha), data, fsync=False
    )
