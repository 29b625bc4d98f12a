"""Regenerate the app icons from ``resources/icons/image-studio.svg``.

Renders every PNG size with Qt's own SVG renderer (QtSvg ships in
PySide6-Essentials), then packs the Windows ``.ico`` and the macOS ``.icns``
from those exact renders with Pillow, so small sizes are drawn for their size
rather than scaled down from a large bitmap.

    uv run python packaging/make_icons.py
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "image-studio.svg"
NAME = "image-studio"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render_png(svg: Path, size: int) -> bytes:
    """``svg`` rendered at ``size`` x ``size`` as PNG bytes (transparent background)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; str works
    buffer.close()
    return bytes(data.data())


def png_path(size: int, out: Path = ICONS) -> Path:
    return out / f"{NAME}-{size}.png"


def make_icons(svg: Path = SOURCE, out: Path = ICONS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    images: dict[int, Image.Image] = {}
    written: list[Path] = []
    for size in SIZES:
        data = render_png(svg, size)
        target = png_path(size, out)
        # re-encode with Pillow: smaller files, deterministic bytes
        image = Image.open(io.BytesIO(data)).convert("RGBA")
        image.save(target, optimize=True)
        images[size] = image
        written.append(target)

    ico = out / f"{NAME}.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico)

    icns = out / f"{NAME}.icns"
    images[max(ICNS_SIZES)].save(
        icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES[:-1]]
    )
    written.append(icns)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--svg", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=ICONS)
    args = parser.parse_args(argv)
    for path in make_icons(args.svg, args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
