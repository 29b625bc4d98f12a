"""The prompt library in the main window: its actions (File menu, the composer's
Library button, shortcuts), the composer's Recent and Snippets menus fed from it, a
job's prompt recorded as used, and the dialog's choices put to work."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from studio.ui.core_text import problem_text
from studio.ui.icons import icon, with_shortcut

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMenu

    from studio.core.prompt_library import PromptLibrary
    from studio.core.service import Studio
    from studio.ui.library.dialog import PromptLibraryDialog
    from studio.ui.library.editor import PromptForm
    from studio.ui.prompt_editor import PromptEditor

#: how many recent prompts the composer's menu and Ctrl+Up reach
RECENT_SHOWN = 30
#: how long the window waits for another process's write before saying the library is busy
UI_BUSY_MS = 1500
OPEN_KEYS = "Ctrl+Shift+L"
SAVE_KEYS = "Ctrl+D"


class LibraryLink(QObject):
    def __init__(
        self,
        window: QMainWindow,
        studio: Studio,
        prompt: PromptEditor,
        menu: QMenu,
        before: QAction | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.prompt = prompt
        self._studio = studio
        # opened (SQLite) on first use: the window calls refresh_composer once it has
        # painted, so the first paint waits for no database
        self._library: PromptLibrary | None = None
        self._opened = False
        self.problem = ""
        self.act_open = QAction(icon("library-big"), "", window)
        self.act_open.setObjectName("actPromptLibrary")
        self.act_open.setShortcut(QKeySequence(OPEN_KEYS))
        self.act_open.triggered.connect(self.open_dialog)
        self.act_save = QAction(icon("bookmark-plus"), "", window)
        self.act_save.setObjectName("actSavePrompt")
        self.act_save.setShortcut(QKeySequence(SAVE_KEYS))
        self.act_save.triggered.connect(self.save_prompt)
        for act in (self.act_open, self.act_save):
            window.addAction(act)
        menu.insertActions(before, [self.act_open, self.act_save])  # type: ignore[arg-type]
        prompt.set_library_actions(self.act_open, self.act_save)
        prompt.remembered.connect(self._used)
        prompt.snippet_saved.connect(self._save_snippet)
        prompt.snippet_removed.connect(self._remove_snippet)
        self.dialog: PromptLibraryDialog | None = None
        self.retranslate()

    @property
    def library(self) -> PromptLibrary | None:
        """The prompt library, opened on first use (None: it could not be opened)."""
        if not self._opened:
            # the library's modules load with it, after the first paint
            from studio.core.prompt_library import LibraryError, open_library

            self._opened = True
            studio = self._studio
            try:
                self._library = open_library(
                    studio.paths, studio.settings, busy_timeout_ms=UI_BUSY_MS
                )
            except LibraryError as exc:
                self.problem = problem_text(exc.problem)
            except (sqlite3.Error, OSError) as exc:
                self.problem = str(exc)
            if self._library is None:
                for act in (self.act_open, self.act_save):
                    act.setEnabled(False)
                self.retranslate()
                if self.problem:
                    self._say(
                        self.tr("The prompt library could not be opened: %1").replace(
                            "%1", self.problem
                        )
                    )
        return self._library

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    def refresh_composer(self) -> None:
        """The composer's Recent and Snippets menus from the library."""
        if self.library is None:
            return
        self.prompt.set_recent([e.text for e in self.library.recent(RECENT_SHOWN)])
        self.prompt.set_snippets([(e.label, e.text) for e in self.library.snippets()])

    # --- the composer's signals -------------------------------------------------------
    def _used(self, text: str) -> None:
        if self.library is None:
            return
        from studio.core.prompt_library import LibraryError
        from studio.ui.library.editor import library_error_text

        try:
            self.library.record_use(text)
        except (sqlite3.Error, LibraryError) as exc:  # the job goes on; only the memory fails
            reason = library_error_text(exc)
            self._say(self.tr("The prompt could not be remembered: %1").replace("%1", reason))
            return
        self.refresh_composer()

    def _save_snippet(self, name: str, text: str) -> None:
        if self.library is None:
            return
        from studio.core.prompt_library import SNIPPET_TAG, LibraryError
        from studio.ui.library.editor import library_error_text

        try:
            self.library.save(text, name, [SNIPPET_TAG])
        except (LibraryError, sqlite3.Error) as exc:
            self._say(library_error_text(exc))
        self.refresh_composer()

    def _remove_snippet(self, text: str) -> None:
        """The prompt leaves the Snippets menu (its tag goes); it stays in the library."""
        entry = self.library.find_text(text) if self.library is not None else None
        if self.library is None or entry is None:
            return
        from studio.core.prompt_library import SNIPPET_TAG, LibraryError
        from studio.ui.library.editor import library_error_text

        tags = [t for t in entry.tags if t.casefold() != SNIPPET_TAG]
        try:
            self.library.update(entry.id, text=entry.text, title=entry.title, tags=tags)
        except (LibraryError, sqlite3.Error) as exc:
            self._say(library_error_text(exc))
            self.refresh_composer()
            return
        self._say(
            self.tr("“%1” is no longer a snippet; it stays in the prompt library.").replace(
                "%1", entry.label
            )
        )
        self.refresh_composer()

    # --- actions ------------------------------------------------------------------------
    def open_dialog(self) -> PromptLibraryDialog | None:
        from studio.ui.library.dialog import PromptLibraryDialog

        if self.library is None:
            return None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = PromptLibraryDialog(self.library, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.prompt_chosen.connect(self.prompt.set_prompt)
        dialog.prompt_chosen.connect(lambda _t: self.prompt.text.setFocus())
        dialog.template_chosen.connect(self._use_as_template)
        dialog.finished.connect(lambda _r: self.refresh_composer())
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.show()
        return dialog

    def _use_as_template(self, text: str) -> None:
        self.window.open_batch()  # type: ignore[attr-defined]
        panel = getattr(self.window, "batch_panel", None)
        if panel is not None:
            panel.template.setText(text)

    def save_prompt(self) -> PromptForm | None:
        """The composer's prompt (or its selection) into the library, with a title and tags."""
        if self.library is None:
            return None
        selected = self.prompt.text.textCursor().selectedText().replace("\u2029", "\n")
        text = (selected or self.prompt.prompt()).strip()
        if not text:
            self._say(self.tr("Write a prompt first: there is nothing to save."))
            return None
        from studio.ui.library.editor import PromptForm

        found = self.library.find_text(text)
        form = PromptForm(
            self.library.save,
            text=text,
            title=found.title if found and found.saved else "",
            tags=found.tags if found else (),
            parent=self.window,
        )
        form.accepted.connect(lambda: self._saved(form))
        form.open()
        return form

    def _saved(self, form: PromptForm) -> None:
        if form.saved is not None:
            self._say(self.tr("Saved to the prompt library: “%1”").replace("%1", form.saved.label))
        self.refresh_composer()

    def retranslate(self) -> None:
        for act, text, tip in (
            (
                self.act_open,
                self.tr("Prompt &library…"),
                self.tr("Find, use, edit, import and export saved prompts"),
            ),
            (
                self.act_save,
                self.tr("Sa&ve prompt to library…"),
                self.tr("Keep the prompt (or the selected part) with a title and tags"),
            ),
        ):
            act.setText(text)
            act.setToolTip(with_shortcut(tip, act.shortcut()))
            act.setStatusTip(tip)
        if self._opened and self._library is None and self.problem:
            self.act_open.setToolTip(self.problem)
