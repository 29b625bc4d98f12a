"""The gallery's actions: one ``QAction`` each, shared by the context menu and the keyboard.

Shortcuts work while the gallery has focus (``WidgetWithChildrenShortcut``), so
they never clash with the editor's own keys elsewhere in the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from studio.ui.icons import icon, with_shortcut


class GalleryActions(QObject):
    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self._host = host
        self.open = self._make("open", "image", "Return")
        # a group or thread tile: open it where it lives (Return on the tile does too)
        self.open_stack = self._make("openStack", "layers", "Shift+Return")
        # a compare or batch tile: list its jobs in the history, each with its picture
        self.show_members = self._make("showMembers", "image", "Ctrl+Shift+Return")
        self.reuse = self._make("reuse", "sliders-horizontal", "Ctrl+R")
        self.use_as_input = self._make("useAsInput", "square-pen", "Ctrl+E")
        self.variations = self._make("variations", "shuffle", "Ctrl+Shift+V")
        self.retry = self._make("retry", "rotate-ccw", "Ctrl+Shift+R")
        self.favourite = self._make("favourite", "star", "F")
        self.favourite.setCheckable(True)
        self.copy_prompt = self._make("copyPrompt", "type", "Ctrl+Alt+C")
        self.copy_image = self._make("copyImage", "copy", "Ctrl+C")
        self.save_as = self._make("saveAs", "save", "Ctrl+S")
        self.export = self._make("export", "file-output", "Ctrl+Shift+E")
        self.reveal = self._make("reveal", "folder-open", "Ctrl+Alt+O")
        self.upload = self._make("upload", "upload", "Ctrl+U")
        self.delete = self._make("delete", "trash-2", QKeySequence.StandardKey.Delete)
        self.undo_delete = self._make("undoDelete", "undo-2", "Ctrl+Z")
        self.refresh = self._make("refresh", "refresh-cw", "F5")
        self.find = self._make("find", "search", "Ctrl+F")
        # the search is reached from anywhere in its window (the prompt, the viewer),
        # not only once the history already has focus
        self.find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        #: the tile opened made no picture: Open shows why instead
        self._opens_failure = False
        self.retranslate_ui()
        self.upload.setVisible(False)
        self.undo_delete.setEnabled(False)

    def retranslate_ui(self) -> None:
        """The actions' words in the current language (at start and on a language change)."""
        opens = self.tr("Show Why It Failed") if self._opens_failure else self.tr("Open in Viewer")
        for action, text in (
            (self.open, opens),
            (self.open_stack, self.tr("Open Group or Conversation")),
            (self.show_members, self.tr("Show Its Pictures")),
            (self.reuse, self.tr("Reuse Settings")),
            (self.use_as_input, self.tr("Use as Edit Input")),
            (self.variations, self.tr("Make Variations")),
            (self.retry, self.tr("Retry")),
            (self.favourite, self.tr("Favourite")),
            (self.copy_prompt, self.tr("Copy Prompt")),
            (self.copy_image, self.tr("Copy Image")),
            (self.save_as, self.tr("Save Image As…")),
            (self.export, self.tr("Export Selection…")),
            (self.reveal, self.tr("Show in File Manager")),
            (self.upload, self.tr("Upload for Video (DMXAPI)")),
            (self.delete, self.tr("Delete…")),
            (self.undo_delete, self.tr("Undo Delete")),
            (self.refresh, self.tr("Refresh")),
            (self.find, self.tr("Search")),
        ):
            action.setText(text)
            action.setToolTip(with_shortcut(text.rstrip("…"), action.shortcut()))

    def open_failure(self, failure: bool) -> None:
        """Word Open for the current tile: a job that made nothing opens its reason."""
        if failure != self._opens_failure:
            self._opens_failure = failure
            self.retranslate_ui()

    def _make(self, name: str, icon_name: str, shortcut: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(self._host)
        action.setIcon(icon(icon_name))
        action.setObjectName(f"gallery_{name}")
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._host.addAction(action)
        return action

    def all(self) -> list[QAction]:
        return [a for a in vars(self).values() if isinstance(a, QAction)]
