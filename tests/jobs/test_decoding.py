"""Decoding on the worker: a streamed partial's small preview (real PNG, SVG bytes)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

from studio.jobs.decoding import decode_preview

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">'
    b'<rect width="512" height="512" fill="red"/></svg>'
)


def _stripes(width: int, height: int) -> bytes:
    """Black and white columns one pixel wide: what a sampled reduction breaks up."""
    picture = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    for x in range(0, width, 2):
        draw.line([(x, 0), (x, height - 1)], fill="black")
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def test_a_preview_is_as_high_as_asked_on_the_screen_it_goes_to() -> None:
    image = decode_preview(_stripes(1536, 1024), 96, 2.0)
    assert (image.width(), image.height()) == (288, 192)  # 96 logical px at ratio 2
    assert image.devicePixelRatio() == 2.0
    small = decode_preview(_stripes(64, 40), 96)
    assert (small.width(), small.height()) == (64, 40)  # never enlarged


def test_a_preview_is_averaged_down_not_sampled() -> None:
    image = decode_preview(_stripes(1536, 1024), 96)
    greys = [image.pixelColor(x, 48).red() for x in range(10, 130)]
    # every column mixes black and white lines; sampling would give 0 and 255
    assert all(90 <= g <= 165 for g in greys), greys


def test_bytes_that_are_no_raster_picture_give_no_preview() -> None:
    assert decode_preview(SVG, 96).isNull()  # Qt's loaders would have drawn it
    assert decode_preview(b"%PDF-1.4 not an image", 96).isNull()
    assert decode_preview(b"", 96).isNull()


_PEAK = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from studio.jobs.decoding import decode
picture = decode(open(sys.argv[1], "rb").read())
# this process's own high-water mark (getrusage's maxrss keeps the forking parent's)
peak = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1]
print(picture.width(), picture.height(), picture.devicePixelRatio(), int(peak) // 1024)
"""


def test_a_huge_picture_in_a_small_file_is_shown_reduced_in_bounded_memory(
    tmp_path: Path,
) -> None:
    """A 250 kB PNG of 9000x9000 pixels took ~1 GB to show (decoded whole, converted,
    copied twice); it is averaged down to fit SHOWN_PIXELS and measures its full size."""
    from studio.jobs.decoding import SHOWN_PIXELS

    big = Image.new("RGB", (9000, 9000), (40, 90, 160))
    ImageDraw.Draw(big).line([(0, 4500), (8999, 4500)], fill="white", width=9)
    path = tmp_path / "big.png"
    big.save(path)
    del big
    assert path.stat().st_size < 1_000_000
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    width, height, ratio, peak_mb = done.stdout.split()
    assert int(width) * int(height) <= SHOWN_PIXELS
    assert (int(width), int(height), float(ratio)) == (4500, 4500, 0.5)  # 9000 px measured
    # the file decoded whole as RGB is 243 MB; the old way kept four copies of it
    assert int(peak_mb) < 700, peak_mb


def test_a_huge_jpeg_is_decoded_at_a_smaller_scale() -> None:
    big = Image.new("RGB", (8000, 6000), (200, 60, 30))
    out = io.BytesIO()
    big.save(out, "JPEG", quality=80)
    from studio.jobs.decoding import decode

    picture = decode(out.getvalue())
    assert (picture.width(), picture.height(), picture.devicePixelRatio()) == (4000, 3000, 0.5)
    assert picture.pixelColor(100, 100).red() > 180  # the picture, not an empty one
