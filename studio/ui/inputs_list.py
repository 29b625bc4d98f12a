"""The inputs list's pieces: an entry (the image, its decoded picture and the name
shown), its loading on a worker, and the list widget that takes dropped files and
moves its own rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QListWidget

from studio.core.request import InputImage
from studio.jobs.decoding import decode_raster_with_qt
from studio.ui.input_names import origin_name
from studio.ui.remote_input import file_id_tile


@dataclass
class InputEntry:
    key: int
    image: InputImage
    picture: QImage
    #: the history file it was read from, which names its job in the list
    origin: Path | None = None

    @property
    def name(self) -> str:
        """What the list shows (``origin_name``), in the language of the moment."""
        return origin_name(self.image.filename, self.origin) if self.origin else self.image.filename


def load_entry(key: int, image: InputImage, origin: Path | None = None) -> InputEntry:
    """Decode ``image`` (worker thread); ``origin``: the file it was read from."""
    picture = decode_raster_with_qt(image.data)
    if picture.isNull() and image.remote:  # a file id (or an address) kept without a thumbnail
        picture = file_id_tile(image.file_id or image.url or "")
    return InputEntry(key, image, picture, origin)


def png_bytes(image: QImage) -> bytes:
    """Encode ``image`` as PNG (worker thread)."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide wants str
    data = bytes(buf.data().data())
    buf.close()
    return data


#: the mime type Qt's item views drag their own rows with
ROWS_MIME = "application/x-qabstractitemmodeldatalist"


class InputsList(QListWidget):
    """A list that keeps the drop of external files for the panel to handle, and
    moves its own rows on an internal drop (so the order sent is the order seen)."""

    files_dropped = Signal(QMimeData)
    #: the selected inputs were dropped before this row (== count: at the end)
    rows_dropped = Signal(int)

    def _ours(self, e: QDropEvent) -> bool:
        mime = e.mimeData()
        return mime.hasUrls() or mime.hasImage() or mime.hasFormat(ROWS_MIME)

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if self._ours(e):
            e.acceptProposedAction()
        else:
            super().dragEnterEvent(e)

    def dragMoveEvent(self, e: QDragEnterEvent) -> None:  # type: ignore[override]
        if self._ours(e):
            e.acceptProposedAction()
        else:
            super().dragMoveEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:
        mime = e.mimeData()
        if e.source() is not self and (mime.hasUrls() or mime.hasImage()):
            self.files_dropped.emit(mime)
            e.acceptProposedAction()
        elif mime.hasFormat(ROWS_MIME) and e.source() in (self, None):
            index = self.indexAt(e.position().toPoint())
            self.rows_dropped.emit(index.row() if index.isValid() else self.count())
            # a copy, as far as the drag knows: the rows were moved here, none may be removed
            e.setDropAction(Qt.DropAction.CopyAction)
            e.accept()
        else:
            super().dropEvent(e)
