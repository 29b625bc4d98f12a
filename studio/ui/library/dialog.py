"""The Prompt library dialog: find a saved prompt by words and tags, see it with its
``{variables}`` marked, and use it (as the prompt, or as a batch's template), edit it,
delete it (with undo), or move prompts in and out as JSON files."""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio.core.prompt_library import Entry, LibraryError, PromptLibrary, Query
from studio.core.prompt_library.exchange import (
    MAX_IMPORT_BYTES,
    ImportReport,
    export_file,
    import_file,
    too_big_to_import,
)
from studio.core.templates import variable_spans
from studio.jobs.op import BackgroundOp
from studio.ui.core_text import problem_text
from studio.ui.icons import icon
from studio.ui.library.editor import PromptForm, library_error_text
from studio.ui.library.keys import WidgetKeys
from studio.ui.theme import style_label, unstyle_label

#: the most prompts the list shows at once (a search narrows a bigger library)
SHOWN = 500
#: how many skipped prompts an import's message names
NAMED_SKIPS = 5


def preview_html(text: str, palette: QPalette) -> str:
    """``text`` as HTML with each ``{variable}`` on a tinted, bold background."""
    base, mark = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight)
    tint = QColor(
        (base.red() * 7 + mark.red() * 3) // 10,
        (base.green() * 7 + mark.green() * 3) // 10,
        (base.blue() * 7 + mark.blue() * 3) // 10,
    ).name()
    parts, at = [], 0
    for start, end, _name in variable_spans(text):
        parts.append(html.escape(text[at:start]))
        var = html.escape(text[start:end])
        parts.append(f'<span style="background-color:{tint}; font-weight:600;">{var}</span>')
        at = end
    parts.append(html.escape(text[at:]))
    return '<div style="white-space: pre-wrap;">' + "".join(parts) + "</div>"


class PromptLibraryDialog(QDialog):
    """``prompt_chosen`` puts a prompt in the composer; ``template_chosen`` makes it a
    batch's template. Opened to pick a template (from the Batch panel), only the latter."""

    prompt_chosen = Signal(str)
    template_chosen = Signal(str)

    def __init__(
        self, library: PromptLibrary, parent: QWidget | None = None, *, pick_template: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptLibrary")
        self.library = library
        self.pick_template = pick_template
        self._deleted: list[Entry] = []
        self._importing = False
        self._count_text = ""
        self._nothing_text = ""
        self._ready = False

        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        self.tag_box = QComboBox(self)
        self.tag_box.setObjectName("libraryTag")
        self.tag_label = QLabel(self)
        self.tag_label.setBuddy(self.tag_box)
        self.list = QListWidget(self)
        self.list.setObjectName("libraryList")
        self.list.setUniformItemSizes(True)
        self.title = QLabel(self)
        self.title.setObjectName("libraryTitle")
        self.title.setWordWrap(True)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("libraryPreview")
        self.details = QLabel(self)
        self.details.setObjectName("libraryDetails")
        self.details.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("libraryMessage")
        self.message.setWordWrap(True)

        def button(name: str, icon_name: str | None = None) -> QPushButton:
            b = QPushButton(self)
            b.setObjectName(name)
            b.setAutoDefault(False)
            if icon_name:
                b.setIcon(icon(icon_name))
            return b

        self.use_button = button("libraryUse", "sparkles")
        self.batch_button = button("libraryUseTemplate", "layers")
        self.new_button = button("libraryNew", "bookmark-plus")
        self.edit_button = button("libraryEdit", "square-pen")
        self.delete_button = button("libraryDelete", "trash-2")
        self.undo_button = button("libraryUndo", "undo-2")
        self.import_button = button("libraryImport", "file-input")
        self.export_button = button("libraryExport", "file-output")
        self.close_button = button("libraryClose")
        self.use_button.setVisible(not pick_template)
        (self.batch_button if pick_template else self.use_button).setDefault(True)

        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 3)
        top.addWidget(self.tag_label)
        top.addWidget(self.tag_box, 1)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.preview, 1)
        rl.addWidget(self.details)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([320, 420])
        manage = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button, self.undo_button):
            manage.addWidget(b)
        manage.addStretch(1)
        manage.addWidget(self.import_button)
        manage.addWidget(self.export_button)
        use = QHBoxLayout()
        use.addStretch(1)
        for b in (self.batch_button, self.use_button, self.close_button):
            use.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.message)
        lay.addLayout(manage)
        lay.addLayout(use)

        # keys that act on the list only (elsewhere Delete and Ctrl+Z edit text)
        self._list_keys = WidgetKeys(
            self.list,
            [
                (QKeySequence.StandardKey.Delete, self.delete_current),
                (QKeySequence.StandardKey.Undo, self.undo_delete),
            ],
        )
        # from the search, Up and Down choose among what it found (Return then uses it)
        self._search_keys = WidgetKeys(
            self.search,
            [
                (QKeySequence(Qt.Key.Key_Down).toString(), lambda: self._step(1)),
                (QKeySequence(Qt.Key.Key_Up).toString(), lambda: self._step(-1)),
            ],
        )
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(lambda: self.refresh(changed=False))
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._use_default)
        self.tag_box.activated.connect(lambda _i: self.refresh(changed=False))
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.list.itemActivated.connect(lambda _item: self._use_default())
        self.use_button.clicked.connect(self.use_current)
        self.batch_button.clicked.connect(self.use_current_as_template)
        self.new_button.clicked.connect(self.new_prompt)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo_delete)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.close_button.clicked.connect(self.reject)
        self.resize(820, 520)
        self.retranslate_ui()
        self._ready = True
        self.refresh()
        self.search.setFocus()

    # --- what is shown -----------------------------------------------------------
    def query(self) -> Query:
        tag = self.tag_box.currentData()
        return Query.parse(self.search.text(), [tag] if tag else [])

    def current(self) -> Entry | None:
        item = self.list.currentItem()
        return self.library.get(int(item.data(Qt.ItemDataRole.UserRole))) if item else None

    def refresh(self, select: int | None = None, *, changed: bool = True) -> None:
        """The list again for the search and tag (keeping the chosen prompt if it is there);
        the tag list too when the library ``changed`` (not for each search)."""
        keep = self.current()
        select = select if select is not None else keep.id if keep else None
        if changed:
            self._fill_tags()
        found = self.library.search(self.query(), limit=SHOWN + 1)
        self.list.blockSignals(True)
        self.list.clear()
        for entry in found[:SHOWN]:
            tags = "  · " + ", ".join(entry.tags) if entry.tags else ""
            item = QListWidgetItem(entry.label.replace("\n", " ") + tags)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(entry.text[:500])
            self.list.addItem(item)
            if entry.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        # what the empty preview says: how to fill an empty library, or that none matched
        self._nothing_text = (
            ""
            if found
            else self.tr(
                "No saved prompts yet. Press New… here, or keep the composer's prompt with "
                "Ctrl+D (Save prompt to library)."
            )
            if not self.library.count()
            else self.tr("No saved prompt matches this search or tag.")
        )
        self._count_text = (
            self.tr("More than %1 prompts match; narrow the search.").replace("%1", str(SHOWN))
            if len(found) > SHOWN
            else self.tr("Shown: %1").replace("%1", str(len(found)))
        )
        self._show_current()

    def _fill_tags(self) -> None:
        chosen = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(self.tr("All tags"), "")
        for tag, count in self.library.tags():
            self.tag_box.addItem(f"{tag} ({count})", tag)
        index = self.tag_box.findData(chosen) if chosen else 0
        self.tag_box.setCurrentIndex(max(0, index))
        self.tag_box.blockSignals(False)

    def _show_current(self) -> None:
        entry = self.current()
        for b in (self.use_button, self.batch_button, self.edit_button, self.delete_button):
            b.setEnabled(entry is not None)
        self.undo_button.setEnabled(bool(self._deleted))
        if entry is None:
            self.title.clear()
            self.preview.setPlainText(self._nothing_text)
            self.details.setText(self._count_text)
            return
        self.title.setText(f"<b>{html.escape(entry.label)}</b>")
        self.preview.setHtml(preview_html(entry.text, self.palette()))
        self.batch_button.setEnabled(bool(entry.variables))
        parts = [self._count_text]
        if entry.variables:
            names = ", ".join("{" + v + "}" for v in entry.variables)
            parts.append(self.tr("Variables: %1").replace("%1", names))
        else:
            parts.append(self.tr("No variables: a batch needs at least one {name}."))
        if entry.tags:
            parts.append(self.tr("Tags: %1").replace("%1", ", ".join(entry.tags)))
        if entry.used_at is not None:
            when = QLocale().toString(
                QDateTime.fromSecsSinceEpoch(int(entry.used_at)), QLocale.FormatType.ShortFormat
            )
            used = self.tr("Uses: %1 (last %2)").replace("%1", str(entry.uses))
            parts.append(used.replace("%2", when))
        self.details.setText("\n".join(parts))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        if error:
            style_label(self.message, "error")
        else:
            unstyle_label(self.message)

    # --- using a prompt ------------------------------------------------------------
    def _step(self, by: int) -> None:
        """Choose the prompt ``by`` rows below (above) the chosen one, within the list."""
        if self._debounce.isActive():  # the list for what was just typed first
            self._debounce.stop()
            self.refresh(changed=False)
        if self.list.count():
            row = min(max(self.list.currentRow() + by, 0), self.list.count() - 1)
            self.list.setCurrentRow(row)

    def _use_default(self) -> None:
        (self.use_current_as_template if self.pick_template else self.use_current)()

    def use_current(self) -> None:
        entry = self.current()
        if entry is not None:
            self.prompt_chosen.emit(entry.text)
            self.accept()

    def use_current_as_template(self) -> None:
        entry = self.current()
        if entry is None:
            return
        if not entry.variables:
            self._say(self.tr("This prompt has no {variables} to fill from a table."), True)
            return
        self.template_chosen.emit(entry.text)
        self.accept()

    # --- changing the library ------------------------------------------------------
    def new_prompt(self) -> PromptForm:
        form = PromptForm(self.library.save, parent=self)
        form.accepted.connect(lambda: self._form_saved(form, clear_search=True))
        form.open()
        return form

    def edit_current(self) -> PromptForm | None:
        entry = self.current()
        if entry is None:
            return None

        def save(text: str, title: str, tags: tuple[str, ...]) -> Entry:
            return self.library.update(entry.id, text=text, title=title, tags=tags)

        form = PromptForm(
            save, text=entry.text, title=entry.title, tags=entry.tags, editing=True, parent=self
        )
        form.accepted.connect(lambda: self._form_saved(form, clear_search=False))
        form.open()
        return form

    def _form_saved(self, form: PromptForm, *, clear_search: bool) -> None:
        if form.saved is None:
            return
        if clear_search:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.tag_box.setCurrentIndex(0)
        self.refresh(select=form.saved.id)
        self._say(self.tr("Saved “%1”.").replace("%1", form.saved.label))

    def delete_current(self) -> None:
        entry = self.current()
        if entry is None:
            return
        row = self.list.currentRow()
        try:
            deleted = self.library.delete(entry.id)
        except (LibraryError, sqlite3.Error) as exc:
            self._say(library_error_text(exc), error=True)
            return
        if deleted is None:
            return
        self._deleted.append(deleted)
        self.refresh()
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        shortcut = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self._say(
            self.tr("Deleted “%1”. Undo brings it back (%2).")
            .replace("%1", deleted.label)
            .replace("%2", shortcut)
        )

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        try:
            entry = self.library.restore(self._deleted[-1])
        except (LibraryError, sqlite3.Error) as exc:  # kept for another try
            self._say(library_error_text(exc), error=True)
            return
        self._deleted.pop()
        self.refresh(select=entry.id)
        if self.current() is None or self.current().id != entry.id:  # type: ignore[union-attr]
            self.search.clear()  # the search hid it: show everything
            self.tag_box.setCurrentIndex(0)
            self.refresh(select=entry.id)
        self._say(self.tr("Brought back “%1”.").replace("%1", entry.label))

    # --- files ---------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import prompts"), "", self.tr("Prompt library (*.json);;All files (*)")
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        """Merge ``path`` in on a worker (its own connection), then show what came in."""
        if self._importing:
            return
        self._importing = True
        self.import_button.setEnabled(False)
        self._say(self.tr("Importing %1…").replace("%1", path.name))
        db = self.library.path

        def work() -> ImportReport:
            with PromptLibrary(db) as own:
                return import_file(own, path)

        BackgroundOp(self, work, self._imported).failure(self._import_failed).run()

    def _imported(self, report: ImportReport) -> None:
        self._importing = False
        self.import_button.setEnabled(True)
        self.refresh()
        text = self.tr("%1 added, %2 merged into prompts the library had.")
        text = text.replace("%1", str(report.added)).replace("%2", str(report.merged))
        if report.skipped_count:
            text += " " + self.tr("Skipped: %1.").replace("%1", str(report.skipped_count))
            text += "".join("\n• " + problem_text(p) for p in report.skipped[:NAMED_SKIPS])
        self._say(text, error=bool(report.skipped_count))

    def _import_failed(self, exc: BaseException) -> None:
        self._importing = False
        self.import_button.setEnabled(True)
        reason = problem_text(exc.problem) if isinstance(exc, LibraryError) else str(exc)
        self._say(self.tr("Nothing was imported: %1").replace("%1", reason), error=True)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export prompts"),
            "prompts.json",
            self.tr("Prompt library (*.json)"),
        )
        if path:
            self.export_path(Path(path))

    def export_path(self, path: Path) -> None:
        """Write the prompts the search and tag show (all of them with neither)."""
        q = self.query()
        text = " ".join([*q.words, *(f"tag:{t}" for t in q.tags)])
        try:
            count = export_file(self.library, path, text)
        except LibraryError as exc:
            self._say(problem_text(exc.problem), error=True)
            return
        text = self.tr("Written to %1. Prompts exported: %2.").replace("%1", str(path))
        text = text.replace("%2", str(count))
        if too_big_to_import(path):
            text += " " + self.tr(
                "The file is over %1 MB, more than one import takes: export a tag or a "
                "search at a time to move the library in parts."
            ).replace("%1", str(MAX_IMPORT_BYTES // (1024 * 1024)))
        self._say(text)

    # --- text ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            self.tr("Pick a template from the library") if self.pick_template
            else self.tr("Prompt library")
        )  # fmt: skip
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Words in the prompt, its title or tags; #tag"))
        self.tag_label.setText(self.tr("T&ag:"))
        self.list.setAccessibleName(self.tr("Saved prompts"))
        self.preview.setAccessibleName(self.tr("Preview"))
        self.use_button.setText(self.tr("&Use"))
        self.use_button.setToolTip(self.tr("Put this prompt in the composer"))
        self.batch_button.setText(self.tr("Use as &batch template"))
        self.batch_button.setToolTip(
            self.tr("Run this prompt over a table of values for its {variables}")
        )
        self.new_button.setText(self.tr("&New…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("&Delete"))
        self.undo_button.setText(self.tr("Und&o delete"))
        self.import_button.setText(self.tr("&Import…"))
        self.import_button.setToolTip(self.tr("Merge prompts from a JSON file into the library"))
        self.export_button.setText(self.tr("E&xport…"))
        self.export_button.setToolTip(
            self.tr("Write the prompts shown (all of them without a search) to a JSON file")
        )
        self.close_button.setText(self.tr("Close"))
        if self._ready:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
