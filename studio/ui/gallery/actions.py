"""The gallery's actions: one ``QAction`` each, shared by the context menu and the keyboard.

Shortcuts work while the gallery has focus (``WidgetWithChildrenShortcut``), so
they never clash with the editor's own keys elsewhere in the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class GalleryActions(QObject):
    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self._host = host
        self.open = self._make("open", "Return")
        self.reuse = self._make("reuse", "Ctrl+R")
        self.use_as_input = self._make("useAsInput", "Ctrl+E")
        self.variations = self._make("variations", "Ctrl+Shift+V")
        self.retry = self._make("retry", "Ctrl+Shift+R")
        self.favourite = self._make("favourite", "F")
        self.favourite.setCheckable(True)
        self.copy_prompt = self._make("copyPrompt", "Ctrl+Alt+C")
        self.copy_image = self._make("copyImage", "Ctrl+C")
        self.save_as = self._make("saveAs", "Ctrl+S")
        self.export = self._make("export", "Ctrl+Shift+E")
        self.reveal = self._make("reveal", "Ctrl+Alt+O")
        self.upload = self._make("upload", "Ctrl+U")
        self.delete = self._make("delete", QKeySequence.StandardKey.Delete)
        self.undo_delete = self._make("undoDelete", "Ctrl+Z")
        self.refresh = self._make("refresh", "F5")
        self.find = self._make("find", "Ctrl+F")
        self.retranslate_ui()
        self.upload.setVisible(False)
        self.undo_delete.setEnabled(False)

    def retranslate_ui(self) -> None:
        """The actions' words in the current language (at start and on a language change)."""
        for action, text in (
            (self.open, self.tr("Open in Viewer")),
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

    def _make(self, name: str, shortcut: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(self._host)
        action.setObjectName(f"gallery_{name}")
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._host.addAction(action)
        return action

    def all(self) -> list[QAction]:
        return [a for a in vars(self).values() if isinstance(a, QAction)]
