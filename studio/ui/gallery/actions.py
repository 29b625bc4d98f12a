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
        self.open = self._make("open", self.tr("Open in Viewer"), "Return")
        self.reuse = self._make("reuse", self.tr("Reuse Settings"), "Ctrl+R")
        self.use_as_input = self._make("useAsInput", self.tr("Use as Edit Input"), "Ctrl+E")
        self.variations = self._make("variations", self.tr("Make Variations"), "Ctrl+Shift+V")
        self.retry = self._make("retry", self.tr("Retry"), "Ctrl+Shift+R")
        self.favourite = self._make("favourite", self.tr("Favourite"), "F")
        self.favourite.setCheckable(True)
        self.copy_prompt = self._make("copyPrompt", self.tr("Copy Prompt"), "Ctrl+Alt+C")
        self.copy_image = self._make("copyImage", self.tr("Copy Image"), "Ctrl+C")
        self.save_as = self._make("saveAs", self.tr("Save Image As…"), "Ctrl+S")
        self.export = self._make("export", self.tr("Export Selection…"), "Ctrl+Shift+E")
        self.reveal = self._make("reveal", self.tr("Show in File Manager"), "Ctrl+Alt+O")
        self.upload = self._make("upload", self.tr("Upload for Video (DMXAPI)"), "Ctrl+U")
        self.delete = self._make("delete", self.tr("Delete…"), QKeySequence.StandardKey.Delete)
        self.undo_delete = self._make("undoDelete", self.tr("Undo Delete"), "Ctrl+Z")
        self.refresh = self._make("refresh", self.tr("Refresh"), "F5")
        self.find = self._make("find", self.tr("Search"), "Ctrl+F")
        self.upload.setVisible(False)
        self.undo_delete.setEnabled(False)

    def _make(self, name: str, text: str, shortcut: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self._host)
        action.setObjectName(f"gallery_{name}")
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._host.addAction(action)
        return action

    def all(self) -> list[QAction]:
        return [a for a in vars(self).values() if isinstance(a, QAction)]
