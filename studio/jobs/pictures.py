"""Turning a result's bytes into what the window paints, on a worker thread.

Rasters decode as before. An SVG is first judged by
:func:`studio.core.svgsafe.check_svg`; only the clean copy that check wrote is
given to Qt's SVG renderer, and a refused drawing becomes a placeholder picture
with the reason while its original bytes stay untouched. The raster of an SVG
is what thumbnails, previews, the clipboard and "Edit this" use; the viewer
draws the vector itself so it stays sharp at every zoom.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

from studio.core.errors import Text

#: a drawing that declares no size is rasterised at this size
DEFAULT_SIDE = 512
#: the largest raster made of a drawing (its vector is drawn at any zoom)
MAX_RASTER_SIDE = 2048


@dataclass(frozen=True)
class Drawing:
    """An SVG made ready: its raster, and either its clean copy or why it is refused."""

    raster: QImage
    clean: bytes | None
    refusal: Text | None
    width: int
    height: int


def fit_size(width: float, height: float, longest: int) -> tuple[int, int]:
    """``width`` x ``height`` scaled so the longer side is ``longest`` (aspect kept)."""
    if width <= 0 or height <= 0:
        width = height = float(DEFAULT_SIDE)
    scale = longest / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def renderer_for(clean: bytes) -> QSvgRenderer:
    """A renderer for a document that passed the safety check (its clean copy only)."""
    renderer = QSvgRenderer(QByteArray(clean))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    return renderer


def render(clean: bytes, width: int, height: int) -> QImage:
    """The clean document drawn into a transparent ``width`` x ``height`` image."""
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = renderer_for(clean)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def placeholder(width: int, height: int) -> QImage:
    """A grey card with a crossed frame: what a refused drawing shows (the viewer adds
    the reason in the user's language)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(236, 236, 236))
    painter = QPainter(image)
    pen = QPen(QColor(160, 160, 160))
    pen.setWidth(max(1, min(width, height) // 128))
    painter.setPen(pen)
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.drawLine(0, 0, width - 1, height - 1)
    painter.drawLine(0, height - 1, width - 1, 0)
    painter.end()
    return image


def prepare_svg(data: bytes, longest: int = MAX_RASTER_SIDE) -> Drawing:
    """Check ``data`` and rasterise it (or its placeholder); safe on any thread."""
    from studio.core.svgsafe import check_svg  # the checker (expat) loads with the first drawing

    check = check_svg(data)
    if not check.ok or not check.clean:
        reason = check.reason or Text.of("The drawing could not be read safely.")
        width, height = fit_size(4, 3, min(longest, 640))
        return Drawing(placeholder(width, height), None, reason, width, height)
    width, height = fit_size(check.width, check.height, longest)
    if 0 < check.width <= longest and 0 < check.height <= longest:
        width, height = max(1, round(check.width)), max(1, round(check.height))
    return Drawing(render(check.clean, width, height), check.clean, None, width, height)


def svg_thumbnail(path: Path, size: int) -> tuple[bytes, bool]:
    """A thumbnail of an SVG file (PNG bytes, with alpha): its drawing or its placeholder,
    at most ``2 * size`` a side (the gallery's high-DPI factor)."""
    from studio.core.regular import open_regular
    from studio.core.svgsafe import MAX_BYTES

    with open_regular(path) as fh:  # one byte past the check's limit: refused by it
        source = fh.read(MAX_BYTES + 1)
    drawing = prepare_svg(source, longest=2 * size)
    raster = drawing.raster
    if max(raster.width(), raster.height()) > 2 * size:
        raster = raster.scaled(
            2 * size,
            2 * size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    raster.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide wants str
    buffer.close()
    return bytes(data.data()), raster.hasAlphaChannel()
