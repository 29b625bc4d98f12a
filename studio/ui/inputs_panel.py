"""Input images for edits and variations: add by file dialog, drag and drop or
paste; thumbnails; reorder by dragging; remove; capped at the model's maximum.

Files are read and decoded on a worker; only finished thumbnails reach the UI.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, QSize, Qt, Signal
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
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.errors import StudioError
from studio.core.request import InputImage
from studio.jobs.op import BackgroundOp
from studio.ui.core_text import error_text
from studio.ui.icons import icon, with_shortcut
from studio.ui.inputs_list import InputEntry, InputsList, load_entry, png_bytes
from studio.ui.remote_input import ask_reference, file_id_tile, looks_like_url
from studio.ui.result_formats import still_from_file
from studio.ui.save_files import open_start, remember_file

THUMB = 56
#: a caption's widest: room for "任务#123 · result-10.png" before its middle goes
CAPTION_WIDTH = THUMB * 3 + 8
#: the inputs list's keys (bound to it, named in the buttons' tips)
PASTE_KEY = QKeySequence.StandardKey.Paste
REMOVE_KEY = QKeySequence.StandardKey.Delete
IMAGE_FILTER = "*.png *.jpg *.jpeg *.webp"


class InputsPanel(QWidget):
    changed = Signal()
    #: trouble for the window's error bar (a file that could not be read, the cap reached)
    notice = Signal(str)
    #: a passing word for the status bar (inputs removed: Ctrl+Z brings them back)
    info = Signal(str)
    #: "Open" in the context menu: show this input large
    open_requested = Signal(InputEntry)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = itertools.count(1)
        self._entries: dict[int, InputEntry] = {}
        self._limit = 16
        self._pending = 0
        # files load on workers that may finish in any order: each is added in its turn
        self._turns: list[int] = []
        self._arrived: dict[int, Callable[[], None]] = {}
        self._provider_base = ""
        #: removals that can be undone, newest last: (row, entry) pairs
        self._removed: list[list[tuple[int, InputEntry]]] = []
        self.title = QLabel(self)
        self.list = InputsList(self)
        self.list.setObjectName("inputsList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setFixedHeight(THUMB + 34)  # the thumbnail and one line of its name
        # rows laid out in order (no free placement): what is seen first is sent first
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAcceptDrops(True)
        self.list.viewport().setAcceptDrops(True)  # a Static list turns drops off
        self.list.files_dropped.connect(self.add_mime)
        self.list.rows_dropped.connect(self._move_selected_to)
        self.list.model().rowsMoved.connect(lambda *_: self.changed.emit())
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.menu = QMenu(self)
        self.act_first = self.menu.addAction("", self.move_current_first)
        self.act_open = self.menu.addAction("", self._open_current)
        self.act_remove = self.menu.addAction("", self.remove_selected)
        self.menu.addSeparator()
        self.act_undo = self.menu.addAction("", self.undo_remove)
        self.add_button = QToolButton(self)
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button = QToolButton(self)
        self.paste_button.clicked.connect(self.paste)
        self.url_button = QToolButton(self)
        self.url_button.setObjectName("inputsAddUrl")
        self.url_button.clicked.connect(self.add_reference)
        self.remove_button = QToolButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QToolButton(self)
        # icons only (their words in the tip): the row fits the composer's narrowest width
        for b, name in ((self.remove_button, "x"), (self.clear_button, "trash-2")):
            b.setIcon(icon(name))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.clear_button.clicked.connect(lambda: self.clear(undoable=True))
        keys: tuple[tuple[QKeySequence | QKeySequence.StandardKey | str, object], ...] = (
            (PASTE_KEY, self.paste),
            (REMOVE_KEY, self.remove_selected),
            ("Ctrl+Left", lambda: self._nudge(-1)),
            ("Ctrl+Right", lambda: self._nudge(+1)),
            ("Ctrl+Home", self.move_current_first),
            (QKeySequence(QKeySequence.StandardKey.Undo), self.undo_remove),
        )
        for seq, slot in keys:
            sc = QShortcut(QKeySequence(seq), self.list)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        for b in (
            self.add_button,
            self.url_button,
            self.paste_button,
            self.remove_button,
            self.clear_button,
        ):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
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
            open_start(),
            self.tr("Images (%1)").replace("%1", IMAGE_FILTER),
        )
        if paths:
            remember_file(paths[0])
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path], *, first: bool = False, stills: bool = False) -> None:
        """Add image files (``first``: in front, where the mask applies). With ``stills``
        (a result from the history) a GIF goes in as its first frame and an SVG as its
        checked drawing, both PNG; a file chosen by hand is taken as it is (and an
        animated one refused by validation, with the reason)."""
        for path in reversed(paths) if first else paths:
            read = still_from_file if stills else InputImage.from_path
            self._load(lambda p=path, r=read: r(p), str(path), first=first, origin=path)

    def add_image(
        self,
        image: InputImage,
        picture: QImage | None = None,
        *,
        first: bool = False,
        origin: Path | None = None,
    ) -> None:
        """Add an image already in memory (a result used as input; ``first``: in front;
        ``origin``: the history file it is, which names its job in the list)."""
        if picture is not None and not picture.isNull():
            self._add(InputEntry(next(self._keys), image, picture, origin), first=first)
        else:
            self._load(lambda: image, image.filename, first=first, origin=origin)

    def replace_first(self, image: InputImage, picture: QImage) -> None:
        """Put ``image`` in place of the first input (Ctrl+Z in the inputs brings the old
        one back)."""
        if self.list.count():
            self._remove_rows([0], announce=False)  # not a removal: nothing to warn of
        self._add(InputEntry(next(self._keys), image, picture), first=True)

    def add_mime(self, mime: QMimeData) -> None:
        if mime.hasUrls():
            self.add_files([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])
            for u in mime.urls():  # web addresses: the provider fetches them (a JSON edit)
                if u.scheme().lower() in ("http", "https"):
                    self.add_url(u.toString())
        elif mime.hasImage():
            self._add_qimage(QImage(mime.imageData()), "pasted.png")
        elif mime.hasText() and looks_like_url(mime.text()):
            self.add_url(mime.text().strip())

    def set_provider_base(self, base_url: str) -> None:
        """Where the provider lives: an input address on this machine or the LAN is
        only fetched (for its thumbnail) when the provider is there too."""
        self._provider_base = base_url

    def add_url(self, url: str) -> None:
        """An input the provider fetches from ``url``; only a thumbnail is fetched here,
        once, without credentials, bounded in size and time."""
        from studio.core.remote_inputs import fetch_thumbnail

        base = self._provider_base
        self._load(lambda: InputImage.from_url(url, fetch_thumbnail(url, base)), url)

    def add_file_id(self, file_id: str) -> None:
        """An input uploaded to the provider before, by its file id."""
        image = InputImage.from_file_id(file_id)
        self._add(InputEntry(next(self._keys), image, file_id_tile(file_id)))

    def add_reference(self) -> None:
        """Ask for an address or a file id and add it."""
        text = ask_reference(self)
        if text is None:
            return
        if looks_like_url(text) or "://" in text:
            self.add_url(text)
        else:
            self.add_file_id(text)

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None:
            self.add_mime(mime)

    def remove_selected(self) -> None:
        """Remove the selected inputs; :meth:`undo_remove` (Ctrl+Z) puts them back."""
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        self._remove_rows(rows)

    def clear(self, *, undoable: bool = False) -> None:
        """Remove every input (``undoable``: the Clear button, which Ctrl+Z reverses)."""
        if undoable:
            self._remove_rows(list(range(self.list.count())))
            return
        self.list.clear()
        self._entries.clear()
        self._after_change()

    def _remove_rows(self, rows: list[int], *, announce: bool = True) -> None:
        removed: list[tuple[int, InputEntry]] = []
        for row in sorted(rows, reverse=True):
            item = self.list.takeItem(row)
            if item is None:
                continue
            entry = self._entries.pop(item.data(Qt.ItemDataRole.UserRole), None)
            if entry is not None:
                removed.append((row, entry))
        if not removed:
            return
        self._removed.append(sorted(removed, key=lambda pair: pair[0]))
        del self._removed[:-20]
        if announce:  # an undo hint, not trouble
            self.info.emit(
                self.tr(
                    "Removed %n input(s). Ctrl+Z in the inputs puts them back.", "", len(removed)
                )
            )
        self._after_change()

    def removed_keys(self) -> set[int]:
        """Keys of removed inputs that Undo can still bring back."""
        return {entry.key for batch in self._removed for _row, entry in batch}

    def can_undo_remove(self) -> bool:
        return bool(self._removed)

    def undo_remove(self) -> None:
        """Put the last removed inputs back where they were."""
        if not self._removed:
            return
        for row, entry in self._removed.pop():
            self._add(entry, row=row, quiet=True)
        self._after_change()

    def move_current_first(self) -> None:
        """Make the current input the first one (the one the mask applies to)."""
        row = self.list.currentRow()
        if row > 0:
            self.move_input(row, 0)

    def _move_selected_to(self, target: int) -> None:
        """An internal drop: the selected inputs go before ``target``, in their order."""
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        if not rows:
            return
        items = [self.list.item(r) for r in rows]
        before = sum(1 for r in rows if r < target)
        for r in reversed(rows):
            self.list.takeItem(r)
        at = max(0, target - before)
        for offset, item in enumerate(items):
            self.list.insertItem(at + offset, item)
            item.setSelected(True)
        self.list.setCurrentItem(items[0])
        self._after_change()

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None and not item.isSelected():
            self.list.setCurrentItem(item)
        has = item is not None
        self.act_first.setEnabled(item is not None and self.list.row(item) > 0)
        self.act_open.setEnabled(has)
        self.act_remove.setEnabled(has)
        self.act_undo.setEnabled(self.can_undo_remove())
        self.menu.popup(self.list.viewport().mapToGlobal(pos))

    def _open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            entry = self._entries.get(item.data(Qt.ItemDataRole.UserRole))
            if entry is not None:
                self.open_requested.emit(entry)

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

    def _load(
        self, make: object, label: str, *, first: bool = False, origin: Path | None = None
    ) -> None:
        key = next(self._keys)
        self._pending += 1
        self._turns.append(key)

        def work() -> InputEntry:
            return load_entry(key, make(), origin)  # type: ignore[operator]

        BackgroundOp(
            self, work, lambda e: self._in_turn(key, lambda: self._loaded(e, first))
        ).failure(lambda exc: self._in_turn(key, lambda: self._failed(label, exc))).run()

    def _in_turn(self, key: int, arrive: Callable[[], None]) -> None:
        """Add loaded files in the order they were given (dropped, chosen, pasted)."""
        self._arrived[key] = arrive
        while self._turns and self._turns[0] in self._arrived:
            self._arrived.pop(self._turns.pop(0))()

    def _loaded(self, entry: InputEntry, first: bool = False) -> None:
        self._pending -= 1
        if entry.picture.isNull():
            self.notice.emit(
                self.tr("%1 is not an image this app can read.").replace("%1", entry.image.filename)
            )
            self.changed.emit()
            return
        self._add(entry, first=first)

    def _failed(self, label: str, exc: BaseException) -> None:
        self._pending -= 1
        reason = error_text(exc) if isinstance(exc, StudioError) else str(exc)
        self.notice.emit(
            self.tr("Could not read %1: %2").replace("%1", label).replace("%2", reason)
        )
        self.changed.emit()

    def _add(
        self, entry: InputEntry, *, first: bool = False, row: int | None = None, quiet: bool = False
    ) -> None:
        if self._limit and len(self._entries) >= self._limit:
            self.notice.emit(
                self.tr("This model takes at most %n input image(s).", "", self._limit)
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
        item = QListWidgetItem(QIcon(pix), self._caption(entry))
        item.setToolTip(self._tip(entry))
        item.setData(Qt.ItemDataRole.UserRole, entry.key)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
        if first:
            row = 0
        if row is None:
            self.list.addItem(item)
        else:
            self.list.insertItem(min(row, self.list.count()), item)
        if not quiet:
            self._after_change()

    def _caption(self, entry: InputEntry) -> str:
        """The name under a thumbnail; the middle goes only when very long (a job's
        number and the file's ending both stay)."""
        return self.list.fontMetrics().elidedText(
            entry.name, Qt.TextElideMode.ElideMiddle, CAPTION_WIDTH
        )

    @staticmethod
    def _tip(entry: InputEntry) -> str:
        if entry.image.remote:  # the provider fetches it; what is shown is a thumbnail
            return entry.image.url or entry.image.file_id or ""
        return (
            f"{entry.name}\n{entry.picture.width()}×{entry.picture.height()}, "
            f"{entry.image.size_bytes // 1024} KB"
        )

    def _recaption(self) -> None:
        """Say every name again (a job's number is worded per language)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            entry = self._entries.get(item.data(Qt.ItemDataRole.UserRole))
            if entry is not None:
                item.setText(self._caption(entry))
                item.setToolTip(self._tip(entry))

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
        self.list.setAccessibleName(self.tr("Input images"))
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setToolTip(self.tr("Add input images from files (or drop them here)"))
        self.url_button.setText(self.tr("URL…"))
        self.url_button.setToolTip(
            self.tr("Add an image by web address or provider file id (or drop a link here)")
        )
        self.paste_button.setText(self.tr("Paste"))
        self.paste_button.setToolTip(
            with_shortcut(self.tr("Paste an image from the clipboard"), QKeySequence(PASTE_KEY))
        )
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove"))
        self.remove_button.setToolTip(
            with_shortcut(self.tr("Remove the selected inputs"), QKeySequence(REMOVE_KEY))
        )
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Remove all inputs"))
        self.list.setToolTip(
            self.tr(
                "Drag or Ctrl+Left/Right to reorder, right-click for more; "
                "the mask applies to the first image"
            )
        )
        self.act_first.setText(self.tr("Move first"))
        self.act_first.setToolTip(self.tr("Make this the first image (the mask applies to it)"))
        self.act_open.setText(self.tr("Open"))
        self.act_open.setToolTip(self.tr("Show this image in the viewer"))
        self.act_remove.setText(self.tr("Remove"))
        self.act_undo.setText(self.tr("Undo remove"))
        self._update_title()
        self._recaption()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["InputEntry", "InputsPanel"]
