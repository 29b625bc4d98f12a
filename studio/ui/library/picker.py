""" "Pick from library…" inside a template field (the Batch panel's): a button at the
field's end, and the library's key while the field has focus."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit

from studio.core.paths import Paths
from studio.core.prompt_library import LibraryError, PromptLibrary
from studio.ui.core_text import problem_text
from studio.ui.icons import icon, with_shortcut
from studio.ui.library.keys import WidgetKeys
from studio.ui.library.link import OPEN_KEYS, UI_BUSY_MS

if TYPE_CHECKING:
    from studio.ui.library.dialog import PromptLibraryDialog


class LibraryPicker(QObject):
    """Fills ``field`` with a template chosen in the Prompt library dialog."""

    def __init__(self, field: QLineEdit, paths: Paths) -> None:
        super().__init__(field)
        self.field = field
        self.paths = paths
        #: the dialog open now (or last opened)
        self.dialog: PromptLibraryDialog | None = None
        self.action: QAction = field.addAction(
            icon("library-big"), QLineEdit.ActionPosition.TrailingPosition
        )
        self.action.setObjectName("pickFromLibrary")
        self.action.triggered.connect(self.pick)
        # the library's key, while the field has focus
        self._keys = WidgetKeys(field, [(OPEN_KEYS, self.pick)])
        self.retranslate()

    def pick(self) -> None:
        from studio.ui.library.dialog import PromptLibraryDialog

        try:
            library = PromptLibrary(self.paths.prompt_library_db, busy_timeout_ms=UI_BUSY_MS)
        except (LibraryError, sqlite3.Error, OSError) as exc:
            reason = problem_text(exc.problem) if isinstance(exc, LibraryError) else str(exc)
            self.action.setToolTip(
                self.tr("The prompt library could not be opened: %1").replace("%1", reason)
            )
            self.action.setEnabled(False)
            return
        dialog = PromptLibraryDialog(library, self.field.window(), pick_template=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.template_chosen.connect(self._chosen)
        dialog.destroyed.connect(library.close)
        self.dialog = dialog
        dialog.open()

    def _chosen(self, text: str) -> None:
        self.field.setText(text)
        self.field.setFocus()

    def retranslate(self) -> None:
        text = self.tr("Pick from library…")
        self.action.setText(text)
        self.action.setToolTip(with_shortcut(text, QKeySequence(OPEN_KEYS)))
