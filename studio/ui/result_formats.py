"""What GIF and SVG results become when they leave the viewer: an edit input, the clipboard.

An edit takes still rasters, so "Edit this" on a GIF offers the frame on show
and on an SVG its drawing rasterised at the job's size, both as PNG. Copying an
SVG puts its text (as ``image/svg+xml`` and plain text) and a raster on the
clipboard, so both vector and raster applications can paste it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData
from PySide6.QtGui import QImage

from studio.core.outformats import sniff_format
from studio.core.request import InputImage
from studio.core.size import Size
from studio.jobs.decoding import decode_raster_with_qt
from studio.jobs.queue import ResultImage
from studio.ui.core_text import phrase_text

SVG_MIME = "image/svg+xml"
GIF_MIME = "image/gif"
#: "Edit this" never rasterises a drawing larger than this a side
MAX_SIDE = 4096


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide wants str
    buffer.close()
    return bytes(data.data())


def job_size(size: object) -> tuple[int, int] | None:
    """The ``size`` a job asked for as pixels (None for ``auto`` or nothing)."""
    parsed = Size.parse(size)
    if parsed is None or not (0 < parsed.width <= MAX_SIDE and 0 < parsed.height <= MAX_SIDE):
        return None
    return parsed.width, parsed.height


def still_input(result: ResultImage, frame: QImage | None, size: object) -> ResultImage:
    """``result`` as a still PNG for an edit: the shown GIF frame, or the SVG rasterised
    at the job's ``size``; other formats are returned as they are."""
    # (a drawing's modules load when a result is used: not before the first paint)
    from studio.core.result import GeneratedImage
    from studio.jobs.pictures import render

    fmt = result.image.format
    if fmt == "gif":
        picture = frame if frame is not None and not frame.isNull() else result.qimage
    elif fmt == "svg" and result.vector is not None:
        wanted = job_size(size) or (result.qimage.width(), result.qimage.height())
        picture = render(result.vector, *wanted)
    else:
        return result
    picture = picture.convertToFormat(QImage.Format.Format_ARGB32)
    data = png_bytes(picture)
    still = GeneratedImage(data, "png", picture.width(), picture.height())
    return ResultImage(still, picture, result.position, None)


def clipboard_data(result: ResultImage, frame: QImage | None) -> QMimeData:
    """A raster always; the SVG's text, or the GIF's own bytes, beside it."""
    mime = QMimeData()
    fmt = result.image.format
    picture = frame if fmt == "gif" and frame is not None and not frame.isNull() else result.qimage
    mime.setImageData(picture)
    if fmt == "svg":
        mime.setData(SVG_MIME, QByteArray(result.image.data))
        mime.setText(result.image.data.decode("utf-8", "replace"))
    elif fmt == "gif":
        mime.setData(GIF_MIME, QByteArray(result.image.data))
    return mime


def still_from_file(path: Path) -> InputImage:
    """A file as an edit input: a GIF becomes its first frame and an SVG its checked
    rasterisation, both as PNG (edits take still rasters); other files stay as they are.
    Raises ValueError with the reason for an SVG the safety check refuses."""
    image = InputImage.from_path(path)
    fmt = sniff_format(image.data)
    if fmt == "svg":
        from studio.jobs.pictures import prepare_svg

        drawing = prepare_svg(image.data)
        if drawing.refusal is not None:
            raise ValueError(phrase_text(drawing.refusal))
        picture = drawing.raster
    elif fmt == "gif":
        picture = decode_raster_with_qt(image.data)  # the first frame
        if picture.isNull():
            return image  # validation names what is wrong with it
    else:
        return image
    data = png_bytes(picture.convertToFormat(QImage.Format.Format_ARGB32))
    return InputImage(f"{path.stem}.png", data, source_path=image.source_path)
