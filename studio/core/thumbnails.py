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
    with Image.open(data if isinstance(data, Path) else io.BytesIO(data)) as src:
        if src.format == "JPEG":
            src.draft("RGB", (target, target))
        src.load()
        img = ImageOps.exif_transpose(src)
    longest = max(img.width, img.height)
    factor = max(1, longest // (target * 2))  # leave >= 2x headroom for a good final resample
    if factor > 1:
        img = img.reduce(factor)
    img.thumbnail((target, target), Image.Resampling.LANCZOS)
    alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    out = io.BytesIO()
    if alpha:
        img.convert("RGBA").save(out, "PNG", optimize=False, compress_level=6)
    else:
        img.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue(), alpha


def thumbnail_for(image_path: Path, thumbs_dir: Path, size: int = 256) -> Path:
    """The thumbnail of ``image_path`` (made once, then served from the cache)."""
    image_path = Path(image_path)
    digest = content_hash(image_path)
    cached = cached_thumbnail(digest, thumbs_dir, size)
    if cached is not None:
        return cached
    data, alpha = render_thumbnail(image_path, size)
    return write_bytes_atomic(thumbnail_path(digest, thumbs_dir, size, alpha=alpha), data)
