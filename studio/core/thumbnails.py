"""Thumbnails for the gallery, cached on disk by content hash and size.

Rendered at twice the requested size so they stay sharp on high-DPI screens.
Decoding is the slow part, so JPEGs are decoded at reduced scale (``draft``)
and other formats shrunk by an integer factor (``reduce``) before the final
bicubic resize. Nothing from the source's metadata (EXIF, text chunks,
ICC profile) is carried over: a thumbnail is just pixels.

The disk cache is capped: :func:`prune_cache` drops the least recently used
files (a cache hit refreshes a file's mtime) once it grows past the cap.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from studio.core.atomic import write_bytes_atomic

log = logging.getLogger(__name__)

SCALE = 2  # rendered at 2x for high-DPI
#: the gallery's tile (logical px): its thumbnails are 320 px on their long side, what a
#: 160 px tile needs on a 2x screen, and no larger (~15-30 kB as JPEG)
DEFAULT_SIZE = 160
_CHUNK = 1 << 20
_ORIENTATION = 0x0112

#: Cap of the disk cache. A photo-like JPEG thumbnail is ~20-60 kB at 512 px (the
#: gallery's 320 px ones about half that), so this keeps the thumbnails of well over
#: 10,000 images: remaking one costs a decode (tens of ms), hoarding them costs disk.
DEFAULT_CACHE_BYTES = 512 * 1024 * 1024
#: a prune goes down to this share of the cap, so the next sessions need not prune again
PRUNE_TO = 0.8
#: a hit refreshes the mtime only when older than this: the LRU order needs no finer
#: grain, and most hits then cost no metadata write
TOUCH_AFTER_S = 3600
#: a temp file of an atomic write this old was left by a crash, not a write in progress
STALE_TEMP_S = 3600
_THUMB_NAME = re.compile(r"[0-9a-f]{40}-[0-9]+\.(?:jpg|png)")


def content_hash(path: Path) -> str:
    from studio.core.regular import open_regular

    h = hashlib.sha256()
    with open_regular(path) as fh:  # a pipe or /dev/zero in its place never ends
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def thumbnail_path(digest: str, thumbs_dir: Path, size: int, *, alpha: bool) -> Path:
    ext = "png" if alpha else "jpg"
    return thumbs_dir / digest[:2] / f"{digest[:40]}-{size}.{ext}"


def cached_thumbnail(digest: str, thumbs_dir: Path, size: int) -> Path | None:
    """The cached file, marked as recently used (its mtime) so the prune keeps it."""
    for alpha in (False, True):
        candidate = thumbnail_path(digest, thumbs_dir, size, alpha=alpha)
        try:
            mtime = candidate.stat().st_mtime
        except OSError:
            continue
        if time.time() - mtime > TOUCH_AFTER_S:
            with contextlib.suppress(OSError):  # a read-only cache still serves
                os.utime(candidate)
        return candidate
    return None


def _fitted(size: tuple[int, int], target: int) -> tuple[int, int]:
    """``size`` shrunk to fit a ``target`` square (never enlarged), as thumbnail() does."""
    w, h = size
    k = min(target / max(w, 1), target / max(h, 1), 1.0)
    return max(1, round(w * k)), max(1, round(h * k))


def render_thumbnail(data: bytes | Path, size: int) -> tuple[bytes, bool]:
    """Encoded thumbnail bytes (longest side at most ``size * SCALE``) and whether it has alpha."""
    from PIL import Image, ImageOps  # loaded with the first thumbnail, not at start

    target = size * SCALE
    with Image.open(data if isinstance(data, Path) else io.BytesIO(data)) as img:
        # a JPEG is decoded at 1/2, 1/4 or 1/8 scale, the smallest still >= the thumbnail
        # (libjpeg's DCT scaling is itself a clean shrink); a later draft() is a no-op
        img.draft(None, _fitted(img.size, target))
        orientation = img.getexif().get(_ORIENTATION, 1)
        # reduce() (integer box shrink) keeps >= 1.5x headroom for the final pass, which
        # is bicubic as in Pillow's own thumbnail(): decoding is the cost, not the filter
        img.thumbnail((target, target), Image.Resampling.BICUBIC, reducing_gap=1.5)
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


#: makes a thumbnail: (source, size) -> (encoded bytes, has alpha)
Renderer = Callable[[Path, int], tuple[bytes, bool]]


def thumbnail_for(
    image_path: Path,
    thumbs_dir: Path,
    size: int = DEFAULT_SIZE,
    render: Renderer | None = None,
) -> Path:
    """The thumbnail of ``image_path`` (made once, then served from the cache).

    ``render`` replaces Pillow for sources it cannot draw (the window passes an
    SVG rasteriser; the core itself never renders a vector drawing)."""
    image_path = Path(image_path)
    digest = content_hash(image_path)
    cached = cached_thumbnail(digest, thumbs_dir, size)
    if cached is not None:
        return cached
    data, alpha = (render or render_thumbnail)(image_path, size)
    target = thumbnail_path(digest, thumbs_dir, size, alpha=alpha)
    # no fsync: a cache entry lost in a crash is simply made again
    try:
        return write_bytes_atomic(target, data, fsync=False)
    except FileNotFoundError:  # the prune removed the (empty) folder just after its mkdir
        return write_bytes_atomic(target, data, fsync=False)


@dataclass(frozen=True)
class PruneReport:
    """What one prune did; stale temp files count as removed, ``bytes_kept`` is thumbnails."""

    files_removed: int = 0
    bytes_removed: int = 0
    bytes_kept: int = 0


@dataclass
class _Scan:
    thumbs: list[tuple[int, str, int]]  # (mtime_ns, path, size)
    left: dict[str, int]  # sub-folder -> entries still in it
    stale_removed: int = 0
    stale_bytes: int = 0


def _is_temp(name: str) -> bool:
    """A temp file of :func:`studio.core.atomic.write_bytes_atomic` (``.<name>.XXXX.tmp``)."""
    return name.startswith(".") and name.endswith(".tmp")


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError as exc:  # gone already, or not ours to delete: never fatal
        log.debug("thumbnail cache: could not remove %s: %s", path, exc)
        return False
    return True


def _scan(thumbs_dir: Path) -> _Scan:
    """Thumbnails in the ``<digest[:2]>/`` folders; stale temp files are removed on the way."""
    scan = _Scan(thumbs=[], left={})
    stale_before = time.time() - STALE_TEMP_S
    try:
        with os.scandir(thumbs_dir) as top:
            folders = [e.path for e in top if e.is_dir(follow_symlinks=False)]
    except FileNotFoundError:
        return scan
    for folder in folders:
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            log.debug("thumbnail cache: cannot list %s: %s", folder, exc)
            continue
        scan.left[folder] = len(entries)
        for entry in entries:
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:  # vanished since the listing
                log.debug("thumbnail cache: skipped %s: %s", entry.path, exc)
                scan.left[folder] -= 1
                continue
            if _is_temp(entry.name):
                if st.st_mtime < stale_before and _unlink(entry.path):
                    scan.left[folder] -= 1
                    scan.stale_removed += 1
                    scan.stale_bytes += st.st_size
            elif _THUMB_NAME.fullmatch(entry.name):
                scan.thumbs.append((st.st_mtime_ns, entry.path, st.st_size))
    return scan


def prune_cache(thumbs_dir: Path, max_bytes: int) -> PruneReport:
    """Keep the disk cache under ``max_bytes`` by dropping the least recently used files.

    Only when over the cap, and then down to :data:`PRUNE_TO` of it so it is not
    pruned again on every start. Other files in the folder are left alone. Safe to
    run while thumbnails are being made: a file used since the scan is kept.
    """
    scan = _scan(Path(thumbs_dir))
    total = sum(size for _, _, size in scan.thumbs)
    removed, freed = scan.stale_removed, scan.stale_bytes
    if total > max_bytes:
        target = int(max_bytes * PRUNE_TO)
        for mtime_ns, path, size in sorted(scan.thumbs):
            if total <= target:
                break
            try:
                if os.stat(path).st_mtime_ns != mtime_ns:
                    continue  # a cache hit (or a remake) since the scan: in use
            except OSError:  # removed by someone else: its bytes are gone all the same
                total -= size
                scan.left[os.path.dirname(path)] -= 1
                continue
            if _unlink(path):
                total -= size
                removed += 1
                freed += size
                scan.left[os.path.dirname(path)] -= 1
    for folder, count in scan.left.items():
        if count <= 0:
            with contextlib.suppress(OSError):  # not empty after all: a new thumbnail
                os.rmdir(folder)
    return PruneReport(files_removed=removed, bytes_removed=freed, bytes_kept=total)
