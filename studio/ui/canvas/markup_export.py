"""The markup part from the annotations: rasterised off the UI thread.

The worker paints the annotations (the same drawing as the canvas) into a
transparent image of exactly the first image's size, converts it to straight
RGBA and hands the bytes to the Qt-free PNG encoder, which adds the notes'
text. Anti-aliased edges are kept: markup is a picture, not a mask.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage, QPainter

from studio.core import markup
from studio.core.markup import MarkupDoc
from studio.jobs.op import BackgroundOp
from studio.ui.canvas import markup_paint


def render(doc: MarkupDoc) -> QImage:
    """The annotations on a transparent ARGB32 (premultiplied) image of the doc's size."""
    image = QImage(doc.width, doc.height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    try:
        for a in doc.annotations:
            markup_paint.paint(p, a)
    finally:
        p.end()
    return image


def encode(doc: MarkupDoc, compress_level: int = 6, orientation: int = 1) -> bytes:
    """The PNG sent as ``markup`` (any thread); ``orientation``: the first image's EXIF
    orientation (the canvas shows its stored pixel grid)."""
    straight = render(doc).convertToFormat(QImage.Format.Format_RGBA8888)
    return markup.encode_png(
        memoryview(straight.constBits()),
        doc.width,
        doc.height,
        stride=straight.bytesPerLine(),
        notes=doc.notes(),
        compress_level=compress_level,
        orientation=orientation,
    )


def export_in_background(
    owner: QObject,
    doc: MarkupDoc,
    on_done: Callable[[bytes], None],
    on_error: Callable[[str], None] | None = None,
    orientation: int = 1,
) -> None:
    """Encode ``doc`` on a worker; the callbacks run on the UI thread while ``owner`` lives."""

    def failed(exc: BaseException) -> None:
        if on_error is not None:
            on_error(f"{type(exc).__name__}: {exc}")

    BackgroundOp(owner, lambda: encode(doc, orientation=orientation), on_done).failure(failed).run()
