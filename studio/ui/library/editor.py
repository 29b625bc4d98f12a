"""The form that saves or edits one prompt of the library: title, text, tags."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.core.prompt_library import Entry, LibraryError, split_tags
from studio.ui.core_text import problem_text
from studio.ui.theme import style_label

#: what the form hands over: (text, title, tags); it raises LibraryError to keep the form open
Save = Callable[[str, str, tuple[str, ...]], Entry]


def library_error_text(exc: BaseException) -> str:
    """What went wrong with the library, in the user's language where the studio wrote it."""
    return problem_text(exc.problem) if isinstance(exc, LibraryError) else str(exc)


class PromptForm(QDialog):
    """Asks for a prompt's title, text and tags; ``save`` stores them (its refusal is
    shown in the form, which stays open with what was typed)."""

    def __init__(
        self,
        save: Save,
        *,
        text: str = "",
        title: str = "",
        tags: tuple[str, ...] = (),
        editing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptForm")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._save = save
        self._editing = editing
        self.saved: Entry | None = None
        self.title = QLineEdit(title, self)
        self.title.setObjectName("promptTitle")
        self.text = QPlainTextEdit(text, self)
        self.text.setObjectName("promptText")
        self.text.setTabChangesFocus(True)
        self.tags = QLineEdit(", ".join(tags), self)
        self.tags.setObjectName("promptTags")
        self.error = QLabel(self)
        self.error.setObjectName("promptFormError")
        self.error.setWordWrap(True)
        self.error.hide()
        style_label(self.error, "error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.form = QFormLayout()
        # each row's label is made here and worded in retranslate_ui (a row added with
        # an empty text gets no label at all: no words on screen, no name to hear)
        for field in (self.title, self.text, self.tags):
            self.form.addRow(QLabel(self), field)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, 360)
        self.retranslate_ui()
        (self.text if editing or not text else self.title).setFocus()

    def accept(self) -> None:
        try:
            self.saved = self._save(
                self.text.toPlainText(), self.title.text(), split_tags(self.tags.text())
            )
        except (LibraryError, sqlite3.Error) as exc:
            self.error.setText(library_error_text(exc))
            self.error.show()
            return
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            self.tr("Edit saved prompt") if self._editing else self.tr("Save prompt to library")
        )
        labels = (self.tr("&Title:"), self.tr("&Prompt:"), self.tr("T&ags:"))
        for row, text in enumerate(labels):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = label.widget() if label is not None else None
            if isinstance(widget, QLabel):
                widget.setText(text)
                buddy = field.widget() if field is not None else None
                if buddy is not None:
                    widget.setBuddy(buddy)
        self.title.setPlaceholderText(self.tr("Optional; the first line is shown otherwise"))
        self.text.setPlaceholderText(
            self.tr("The prompt; {name} marks a variable a batch fills in")
        )
        self.tags.setPlaceholderText(self.tr("Comma-separated, e.g. portrait, film"))
        self.tags.setToolTip(
            self.tr("Prompts tagged “snippet” are also in the composer's Snippets menu")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
