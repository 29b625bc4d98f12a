"""A PNG writer for mask files: 8-bit RGBA, no row filter, deflated in parallel bands.

Pillow's encoder tries five row filters on every row and deflates on one core: about
1.4 s for a 4096 x 4096 mask, which the canvas needs in well under a second. A mask file
gains little from filters (it is mostly long runs), and deflate can be split the way
pigz does it: each band of rows is compressed on its own (zlib releases the GIL), every
band but the last ends on a byte boundary (``Z_SYNC_FLUSH``), and the raw streams are
joined under one zlib header with the Adler-32 of the whole. Any PNG reader decodes it.

Rows come from a callback, band by band, so an encode that grows past ``limit`` stops
early without having built the rest of the image.
"""

from __future__ import annotations

import os
import struct
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

#: rows are produced and compressed this many bytes at a time (per worker)
CHUNK_BYTES = 2 * 1024 * 1024
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ADLER_BASE = 65521

#: ``rows(y0, y1)`` returns the raw RGBA bytes of rows y0..y1-1, ``width * 4`` bytes each
RowSource = Callable[[int, int], bytes]


class TooLarge(Exception):
    """The encoded file would be larger than the limit it was given."""


def adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """The Adler-32 of ``a + b`` from ``adler32(a)``, ``adler32(b)`` and ``len(b)`` (zlib's own)."""
    rem = len2 % _ADLER_BASE
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 = (sum1 + (adler2 & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    sum2 = (sum2 + (adler1 >> 16) + (adler2 >> 16) + _ADLER_BASE - rem) % _ADLER_BASE
    return sum1 | (sum2 << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))
    )


def _filtered(raw: bytes, width: int, rows: int) -> bytearray:
    """Scanlines with filter type 0 (none) in front of each row.

    Slice assignment into a zeroed buffer: ten times faster than ``b"\\0".join`` over
    memoryviews of the rows."""
    stride = width * 4
    if len(raw) != stride * rows:
        raise ValueError(f"row source gave {len(raw)} bytes for {rows} rows of {width} pixels")
    view = memoryview(raw)
    out = bytearray(rows * (stride + 1))
    for i in range(rows):
        start = i * (stride + 1) + 1
        out[start : start + stride] = view[i * stride : (i + 1) * stride]
    return out


class _Budget:
    """Compressed bytes written so far by all bands, against the limit."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.used = 0
        self._lock = threading.Lock()

    def spend(self, n: int) -> None:
        if self.limit is None:
            return
        with self._lock:
            self.used += n
            if self.used > self.limit:
                raise TooLarge

    def exhausted(self) -> bool:
        return self.limit is not None and self.used > self.limit


def _band(
    rows: RowSource, width: int, y0: int, y1: int, level: int, last: bool, budget: _Budget
) -> tuple[bytes, int, int]:
    """Deflate rows y0..y1-1 as a raw stream; returns (data, adler32, uncompressed length)."""
    comp = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
    step = max(1, CHUNK_BYTES // (width * 4 + 1))
    parts: list[bytes] = []
    adler, length = 1, 0
    for y in range(y0, y1, step):
        if budget.exhausted():
            raise TooLarge
        n = min(step, y1 - y)
        data = _filtered(rows(y, y + n), width, n)
        adler = zlib.adler32(data, adler)
        length += len(data)
        out = comp.compress(data)
        budget.spend(len(out))
        parts.append(out)
    tail = comp.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
    budget.spend(len(tail))
    parts.append(tail)
    return b"".join(parts), adler, length


def encode_rgba(
    rows: RowSource,
    width: int,
    height: int,
    *,
    level: int = 1,
    limit: int | None = None,
    workers: int | None = None,
) -> bytes:
    """An RGBA PNG of ``width`` x ``height`` whose pixels ``rows`` supplies.

    Raises :class:`TooLarge` as soon as the file is known to exceed ``limit`` bytes.
    ``rows`` is called from worker threads, for disjoint bands, and must be thread-safe.
    """
    if width < 1 or height < 1:
        raise ValueError(f"a PNG needs at least one pixel, not {width}x{height}")
    if workers is None:
        workers = os.cpu_count() or 1
    row_bytes = width * 4 + 1
    # one band per worker, but no band smaller than a chunk: small images stay on one thread
    bands = max(1, min(workers, (height * row_bytes) // CHUNK_BYTES))
    edges = [height * i // bands for i in range(bands + 1)]
    budget = _Budget(limit)
    jobs = [(edges[i], edges[i + 1], i == bands - 1) for i in range(bands)]
    if bands == 1:
        results = [_band(rows, width, 0, height, level, True, budget)]
    else:
        with ThreadPoolExecutor(bands, thread_name_prefix="png-band") as pool:
            futures = [
                pool.submit(_band, rows, width, y0, y1, level, last, budget)
                for y0, y1, last in jobs
            ]
            # a band that raises TooLarge has already pushed the shared budget over the
            # limit, so the others stop at their next chunk and the pool exits quickly
            results = [f.result() for f in futures]
    adler = results[0][1]
    for _data, band_adler, band_len in results[1:]:
        adler = adler32_combine(adler, band_adler, band_len)
    stream = b"".join([b"\x78\x01", *(data for data, _a, _n in results), struct.pack(">I", adler)])
    if limit is not None and len(stream) + 57 > limit:  # 57 = signature + IHDR + chunk heads
        raise TooLarge
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return _SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", stream) + _chunk(b"IEND", b"")
