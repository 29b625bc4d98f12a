"""Input images for edits and variations: add by file dialog, drag and drop or
paste; thumbnails; reorder by dragging; remove; capped at the model's maximum.

Files are read and decoded on a worker; only finished thumbnails reach the UI.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.request import InputImage
from studio.jobs.op import BackgroundOp

THUMB = 72
IMAGE_FILTER = "*.png *.jpg *.jpeg *.webp"


@dataclass
class InputEntry:
    key: int
    image: InputImage
    picture: QImage


def load_entry(key: int, image: InputImage) -> InputEntry:
    """Decode ``image`` (worker thread)."""
    pic = QImage()
    pic.loadFromData(image.data)
    return InputEntry(key, image, pic)


def png_bytes(image: QImage) -> bytes:
    """Encode ``image`` as PNG (worker thread)."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide wants str
    data = bytes(buf.data().data())
    buf.close()
    return data


class _List(QListWidget):
    """A list that keeps the drop of external files for the panel to handle."""

    files_dropped = Signal(object)  # QMimeData

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls() or e.mimeData().hasImage():
            e.acceptProposedAction()
        else:
            super().dragEnterEvent(e)

    def dragMoveEvent(self, e: QDragEnterEvent) -> None:  # type: ignore[override]
        if e.mimeData().hasUrls() or e.mimeData().hasImage():
            e.acceptProposedAction()
        else:
            super().dragMoveEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:
        if e.source() is not self and (e.mimeData().hasUrls() or e.mimeData().hasImage()):
            self.files_dropped.emit(e.mimeData())
            e.acceptProposedAction()
        else:
            super().dropEvent(e)


class InputsPanel(QWidget):
    changed = Signal()
    #: a message for the status bar (a file that could not be read, the cap reached)
    notice = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = itertools.count(1)
        self._entries: dict[int, InputEntry] = {}
        self._limit = 16
        self._pending = 0
        self.title = QLabel(self)
        self.list = _List(self)
        self.list.setObjectName("inputsList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setFixedHeight(THUMB + 40)
        self.list.setMovement(QListWidget.Movement.Snap)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAcceptDrops(True)
        self.list.files_dropped.connect(self.add_mime)
        self.list.model().rowsMoved.connect(lambda *_: self.changed.emit())
        self.add_button = QToolButton(self)
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button = QToolButton(self)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button = QToolButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QToolButton(self)
        self.clear_button.clicked.connect(self.clear)
        keys: tuple[tuple[QKeySequence | str, object], ...] = (
            (QKeySequence(QKeySequence.StandardKey.Paste), self.paste),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_selected),
            ("Ctrl+Left", lambda: self._nudge(-1)),
            ("Ctrl+Right", lambda: self._nudge(+1)),
        )
        for seq, slot in keys:
            sc = QShortcut(QKeySequence(seq), self.list)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        for b in (self.add_button, self.paste_button, self.remove_button, self.clear_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(buttons)
        lay.addWidget(self.list)
        self.setAcceptDrops(True)
        self.retranslate_ui()

    # --- public --------------------------------------------------------------
    @property
    def limit(self) -> int:
        return self._limit

    def set_limit(self, limit: int) -> None:
        self._limit = max(0, limit)
        self._update_title()

    def entries(self) -> list[InputEntry]:
        out = []
        for row in range(self.list.count()):
            key = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if key in self._entries:
                out.append(self._entries[key])
        return out

    def images(self) -> tuple[InputImage, ...]:
        return tuple(e.image for e in self.entries()[: self._limit or None])

    def busy(self) -> bool:
        return self._pending > 0

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose input images"),
            "",
            self.tr("Images (%1)").replace("%1", IMAGE_FILTER),
        )
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self._load(lambda p=path: InputImage.from_path(p), str(path))

    def add_image(self, image: InputImage, picture: QImage | None = None) -> None:
        """Add an image already in memory (a result used as input)."""
        if picture is not None and not picture.isNull():
            self._add(InputEntry(next(self._keys), image, picture))
        else:
            self._load(lambda: image, image.filename)

    def add_mime(self, mime: QMimeData) -> None:
        if mime.hasUrls():
            self.add_files([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])
        elif mime.hasImage():
            self._add_qimage(QImage(mime.imageData()), "pasted.png")

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None:
            self.add_mime(mime)

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self._entries.pop(item.data(Qt.ItemDataRole.UserRole), None)
            self.list.takeItem(self.list.row(item))
        self._after_change()

    def clear(self) -> None:
        self.list.clear()
        self._entries.clear()
        self._after_change()

    def move_input(self, row: int, to: int) -> None:
        """Move one input (keyboard reordering and tests)."""
        item = self.list.takeItem(row)
        if item is not None:
            self.list.insertItem(to, item)
            self.list.setCurrentItem(item)
            self._after_change()

    # --- internals ------------------------------------------------------------
    def _nudge(self, step: int) -> None:
        """Move the current input left or right (reordering by keyboard)."""
        row = self.list.currentRow()
        to = row + step
        if row >= 0 and 0 <= to < self.list.count():
            self.move_input(row, to)

    def _add_qimage(self, picture: QImage, name: str) -> None:
        if picture.isNull():
            return
        key = next(self._keys)
        copy = QImage(picture)
        self._pending += 1
        BackgroundOp(
            self,
            lambda: InputEntry(key, InputImage(name, png_bytes(copy)), copy),
            self._loaded,
        ).failure(lambda exc: self._failed(name, exc)).run()

    def _load(self, make: object, label: str) -> None:
        key = next(self._keys)
        self._pending += 1

        def work() -> InputEntry:
            return load_entry(key, make())  # type: ignore[operator]

        BackgroundOp(self, work, self._loaded).failure(lambda exc: self._failed(label, exc)).run()

    def _loaded(self, entry: InputEntry) -> None:
        self._pending -= 1
        if entry.picture.isNull():
            self.notice.emit(
                self.tr("%1 is not an image this app can read.").replace("%1", entry.image.filename)
            )
            self.changed.emit()
            return
        self._add(entry)

    def _failed(self, label: str, exc: BaseException) -> None:
        self._pending -= 1
        self.notice.emit(
            self.tr("Could not read %1: %2").replace("%1", label).replace("%2", str(exc))
        )
        self.changed.emit()

    def _add(self, entry: InputEntry) -> None:
        if self._limit and len(self._entries) >= self._limit:
            self.notice.emit(
                self.tr("This model takes at most %1 input image(s).").replace(
                    "%1", str(self._limit)
                )
            )
            self.changed.emit()
            return
        self._entries[entry.key] = entry
        pix = QPixmap.fromImage(entry.picture).scaled(
            THUMB * 2,
            THUMB * 2,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        item = QListWidgetItem(QIcon(pix), entry.image.filename[:14])
        item.setToolTip(
            f"{entry.image.filename}\n{entry.picture.width()}×{entry.picture.height()}, "
            f"{entry.image.size_bytes // 1024} KB"
        )
        item.setData(Qt.ItemDataRole.UserRole, entry.key)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
        self.list.addItem(item)
        self._after_change()

    def _after_change(self) -> None:
        self._update_title()
        self.changed.emit()

    def _update_title(self) -> None:
        self.title.setText(
            self.tr("Input images: %1 / %2")
            .replace("%1", str(len(self._entries)))
            .replace("%2", str(self._limit))
        )

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls() or e.mimeData().hasImage():
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        self.add_mime(e.mimeData())
        e.acceptProposedAction()

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setToolTip(self.tr("Add input images from files (or drop them here)"))
        self.paste_button.setText(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr("Paste an image from the clipboard (Ctrl+V)"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected inputs (Delete)"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Remove all inputs"))
        self.list.setToolTip(
            self.tr("Drag or Ctrl+Left/Right to reorder; the mask applies to the first image")
        )
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["InputEntry", "InputsPanel"]
