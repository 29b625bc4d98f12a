"""Where save and export dialogs start, how saved files are named and what they carry.

Dialogs start in the user's Pictures folder (an "Image Studio" folder inside it),
then in the last folder used for the same purpose (save, export, open); never
the working directory. The Save as dialog's file types are the three ways to
save (with parameters, as original, without metadata) for formats that can
carry metadata (PNG, JPEG, WebP, GIF, SVG); any other is saved as received.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QWidget

from studio.core.history.models import JobRecord, StoredImage
from studio.core.saving import SavedFile, SaveMode, save_into

PURPOSES = ("save", "export", "open")
# formats whose copies can carry parameters
META_FORMATS = ("png", "jpg", "jpeg", "webp", "gif", "svg")


def pictures_folder() -> Path:
    """``Pictures/Image Studio`` (home when the system names no Pictures folder)."""
    from PySide6.QtCore import QStandardPaths  # (Qt makes the type on first use)

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return (Path(base) if base else Path.home()) / "Image Studio"


class FolderMemory:
    """The last folder used per purpose, kept in the window's QSettings when given."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings
        self._here: dict[str, str] = {}

    def start(self, purpose: str) -> Path:
        """Where a dialog for ``purpose`` opens (created when it is the default)."""
        remembered = self._here.get(purpose)
        if remembered is None and self.settings is not None:
            value = self.settings.value(f"folders/{purpose}")
            remembered = value if isinstance(value, str) else None
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        folder = pictures_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return folder.parent if folder.parent.is_dir() else Path.home()
        return folder

    def remember(self, purpose: str, folder: Path) -> None:
        self._here[purpose] = str(folder)
        if self.settings is not None:
            self.settings.setValue(f"folders/{purpose}", str(folder))


# one per application (the main window gives it its QSettings)
MEMORY = FolderMemory()


def mode_filters(ext: str) -> list[tuple[str, SaveMode]]:
    """The Save as dialog's file types for ``ext``: one per way to save."""
    pattern = f"*.{ext}"
    if ext.lower() not in META_FORMATS:  # kept as received: one way
        label = QCoreApplication.translate("SaveFiles", "As received (%1)").replace("%1", pattern)
        return [(label, SaveMode.ORIGINAL)]
    return [
        (
            QCoreApplication.translate("SaveFiles", "With parameters (%1)").replace("%1", pattern),
            SaveMode.PARAMETERS,
        ),
        (
            QCoreApplication.translate(
                "SaveFiles", "As original, content credentials kept (%1)"
            ).replace("%1", pattern),
            SaveMode.ORIGINAL,
        ),
        (
            QCoreApplication.translate("SaveFiles", "Without metadata, for sharing (%1)").replace(
                "%1", pattern
            ),
            SaveMode.STRIPPED,
        ),
    ]


def ask_save_path(
    parent: QWidget, title: str, name: str, ext: str, default: SaveMode = SaveMode.PARAMETERS
) -> tuple[Path, SaveMode] | None:
    """Ask where to save ``name`` and how; None when cancelled."""
    filters = mode_filters(ext)
    first = next((f for f, m in filters if m is default), filters[0][0])
    ordered = [first, *(f for f, _ in filters if f != first)]
    start = MEMORY.start("save") / name
    from PySide6.QtWidgets import QFileDialog

    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, title, str(start), ";;".join(ordered) if len(ordered) > 1 else ordered[0]
    )
    if not chosen:
        return None
    target = Path(chosen)
    if not target.suffix:
        target = target.with_name(f"{target.name}.{ext}")
    MEMORY.remember("save", target.parent)
    mode = next((m for f, m in filters if f == chosen_filter), filters[0][1])
    if len(filters) > 1 and chosen_filter not in dict(filters):
        mode = default
    return target, mode


def open_start(purpose: str = "open") -> str:
    """Where an open dialog starts (a folder path for ``QFileDialog``)."""
    return str(MEMORY.start(purpose))


def remember_file(path: str, purpose: str = "open") -> None:
    """Remember the folder of a file just chosen in an open dialog."""
    MEMORY.remember(purpose, Path(path).parent)


def ask_folder(parent: QWidget, title: str, purpose: str = "export") -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    folder = QFileDialog.getExistingDirectory(parent, title, str(MEMORY.start(purpose)))
    if not folder:
        return None
    MEMORY.remember(purpose, Path(folder))
    return Path(folder)


def saved_note(saved: SavedFile) -> str:
    """What to tell after a save: where, and whether content credentials were dropped."""
    text = QCoreApplication.translate("SaveFiles", "Saved %1").replace("%1", saved.path.name)
    if saved.credentials_dropped:
        text += " " + QCoreApplication.translate(
            "SaveFiles",
            "The original's content credentials no longer verify in this copy; "
            "save as original to keep them.",
        )
    return text


_DRAG_FOLDER: list[Path] = []


def drag_folder() -> Path:
    """A private scratch folder (0700) for files dragged out of the studio: one per
    process, so two studios never overwrite each other's files mid-drop; removed
    when the studio quits."""
    if not _DRAG_FOLDER or not _DRAG_FOLDER[0].is_dir():
        folder = Path(tempfile.mkdtemp(prefix="image-studio-drag-"))
        _DRAG_FOLDER[:] = [folder]
        atexit.register(shutil.rmtree, folder, True)
    return _DRAG_FOLDER[0]


def drag_copies(
    items: list[tuple[JobRecord, StoredImage]],
    pattern: str,
    mode: SaveMode,
    write: Callable[..., SavedFile] = save_into,
) -> list[Path]:
    """The images written as files named by ``pattern`` for a drag out of the studio."""
    out: list[Path] = []
    # a fresh folder per drag: a file an earlier drop is still reading is never rewritten
    folder = Path(tempfile.mkdtemp(prefix="drag-", dir=drag_folder()))
    for job, image in items:
        out.append(write(folder, job, image, pattern, mode).path)
    return out
