"""The prompt: a multi-line editor with a character count against the model's
limit, recent prompts one keystroke away (Ctrl+Up / Ctrl+Down or the menu),
saved snippets (style presets) to insert at the cursor, and the prompt library's
button. Recent prompts and snippets are views of the library: the editor shows what
it is given and says (by signals) what the person remembered, saved or removed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.ui.icons import icon, shortcut_text, with_shortcut
from studio.ui.theme import style_label, unstyle_label

RECENT_MAX = 30
#: runs the job from the prompt (Ctrl+Enter on the keypad does too); tips name it
RUN_KEY = "Ctrl+Return"


class _PromptText(QPlainTextEdit):
    run_requested = Signal()
    recall = Signal(int)  # -1 older, +1 newer

    def sizeHint(self) -> QSize:
        # asks for a few lines only: the room left by the options is added by the layout,
        # so the options never scroll away to make space for an empty prompt box
        hint = super().sizeHint()
        return QSize(hint.width(), 5 * self.fontMetrics().lineSpacing() + 12)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        ctrl = bool(e.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.run_requested.emit()
            return
        if ctrl and e.key() == Qt.Key.Key_Up:
            self.recall.emit(-1)
            return
        if ctrl and e.key() == Qt.Key.Key_Down:
            self.recall.emit(+1)
            return
        super().keyPressEvent(e)


class PromptEditor(QWidget):
    run_requested = Signal()
    changed = Signal()
    #: a prompt was remembered as the most recent one (a job started with it)
    remembered = Signal(str)
    #: "Save as snippet" was chosen: (name, text)
    snippet_saved = Signal(str, str)
    #: "Remove snippet" was chosen: the snippet's text
    snippet_removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._limit = 0
        self._recent: list[str] = []
        self._recall_pos: int | None = None
        self._snippets: list[tuple[str, str]] = []
        self._open_library: QAction | None = None

        self.text = _PromptText(self)
        self.text.setObjectName("prompt")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(64)  # it grows with the room the options leave
        self.count = QLabel(self)
        self.count.setObjectName("promptCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.recent_button = QToolButton(self)
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_menu = QMenu(self)
        self.recent_button.setMenu(self.recent_menu)
        self.snippet_button = QToolButton(self)
        self.snippet_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snippet_menu = QMenu(self)
        self.snippet_button.setMenu(self.snippet_menu)
        self.library_button = QToolButton(self)
        self.library_button.setObjectName("promptLibraryButton")
        self.library_button.setIcon(icon("library-big"))
        # an icon only: the row also holds Recent, Snippets and the count in a narrow dock
        self.library_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.library_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.library_button.hide()  # shown once the library's actions are given
        self.label = QLabel(self)
        self.label.setBuddy(self.text)

        top = QHBoxLayout()
        top.addWidget(self.label)
        top.addStretch(1)
        top.addWidget(self.library_button)
        top.addWidget(self.recent_button)
        top.addWidget(self.snippet_button)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.text, 1)

        self.text.textChanged.connect(self._on_text)
        self.text.run_requested.connect(self.run_requested)
        self.text.recall.connect(self._recall)
        self.retranslate_ui()

    # --- public ------------------------------------------------------------
    def prompt(self) -> str:
        return self.text.toPlainText()

    def set_prompt(self, text: str) -> None:
        self.text.setPlainText(text)
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def set_limit(self, limit: int) -> None:
        self._limit = limit
        # as wide as the count can get (bold when over), so the buttons beside it stay
        # put while the prompt grows (they moved with each new digit)
        bold = QFont(self.count.font())
        bold.setBold(True)
        widest = f"{limit} / {limit}" if limit else "00000"
        self.count.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(widest) + 2)
        self._update_count()

    def over_limit(self) -> bool:
        return bool(self._limit) and len(self.prompt()) > self._limit

    def recent(self) -> list[str]:
        return list(self._recent)

    def set_recent(self, prompts: list[str]) -> None:
        self._recent = [p for p in prompts if p.strip()][:RECENT_MAX]
        self._rebuild_recent_menu()

    def remember(self, prompt: str) -> None:
        """Put ``prompt`` at the top of the recent list (called when a job starts)."""
        if not prompt.strip():
            return
        self._recent = [prompt] + [p for p in self._recent if p != prompt]
        del self._recent[RECENT_MAX:]
        self._recall_pos = None
        self._rebuild_recent_menu()
        self.remembered.emit(prompt)

    def set_library_actions(self, open_library: QAction, save_prompt: QAction) -> None:
        """The library button opens the library; its menu also saves the prompt."""
        menu = QMenu(self.library_button)
        menu.addAction(open_library)
        menu.addAction(save_prompt)
        self.library_button.setMenu(menu)
        self._open_library = open_library
        self.library_button.clicked.connect(open_library.trigger)
        self.library_button.show()
        self.retranslate_ui()

    def snippets(self) -> list[tuple[str, str]]:
        return list(self._snippets)

    def set_snippets(self, snippets: list[tuple[str, str]]) -> None:
        self._snippets = list(snippets)
        self._rebuild_snippet_menu()

    def add_snippet(self, name: str, text: str) -> None:
        self._snippets = [(n, t) for n, t in self._snippets if t != text] + [(name, text)]
        self._rebuild_snippet_menu()
        self.snippet_saved.emit(name, text)

    def remove_snippet(self, text: str) -> None:
        self._snippets = [(n, t) for n, t in self._snippets if t != text]
        self._rebuild_snippet_menu()
        self.snippet_removed.emit(text)

    def insert_snippet(self, text: str) -> None:
        cursor = self.text.textCursor()
        before = self.prompt()[: cursor.position()]
        sep = "" if not before or before.endswith((" ", "\n", ",")) else ", "
        cursor.insertText(sep + text)
        self.text.setFocus()

    # --- internals -----------------------------------------------------------
    def _on_text(self) -> None:
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        n = len(self.prompt())
        if self._limit:
            self.count.setText(f"{n} / {self._limit}")
        else:
            self.count.setText(str(n))
        if self.over_limit():
            style_label(self.count, "error", " font-weight: bold;")
        else:
            unstyle_label(self.count)

    def _recall(self, step: int) -> None:
        if not self._recent:
            return
        pos = -1 if self._recall_pos is None else self._recall_pos
        pos = pos - step  # older = further down the list
        if pos < 0:
            self._recall_pos = None
            return
        pos = min(pos, len(self._recent) - 1)
        self._recall_pos = pos
        self.set_prompt(self._recent[pos])

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        if not self._recent:
            empty = self.recent_menu.addAction(self.tr("No recent prompts"))
            empty.setEnabled(False)
        for prompt in self._recent:
            short = prompt if len(prompt) <= 70 else prompt[:67] + "…"
            act = self.recent_menu.addAction(short.replace("\n", " "))
            act.setToolTip(prompt)
            act.triggered.connect(lambda _=False, p=prompt: self.set_prompt(p))

    def _rebuild_snippet_menu(self) -> None:
        m = self.snippet_menu
        m.clear()
        for name, text in self._snippets:
            act = m.addAction(name)
            act.setToolTip(text)
            act.triggered.connect(lambda _=False, t=text: self.insert_snippet(t))
        if self._snippets:
            m.addSeparator()
        add = QAction(self.tr("Save selection or prompt as snippet…"), m)
        add.triggered.connect(self._ask_new_snippet)
        m.addAction(add)
        if self._snippets:
            remove = m.addMenu(self.tr("Remove snippet"))
            for name, text in self._snippets:
                act = remove.addAction(name)
                act.triggered.connect(lambda _=False, t=text: self.remove_snippet(t))

    def _ask_new_snippet(self) -> None:
        text = self.text.textCursor().selectedText().replace("\u2029", "\n") or self.prompt()
        if not text.strip():
            return
        from PySide6.QtWidgets import QInputDialog  # (Qt makes the type on first use)

        name, ok = QInputDialog.getText(
            self, self.tr("New snippet"), self.tr("Name for this snippet:"), text=text[:24]
        )
        if ok and name.strip():
            self.add_snippet(name.strip(), text.strip())

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("&Prompt"))
        run = shortcut_text(RUN_KEY)  # as the Generate button's tip names it
        self.text.setPlaceholderText(
            self.tr("Describe the image. %1 generates; Ctrl+Up recalls earlier prompts.").replace(
                "%1", run
            )
        )
        self.text.setToolTip(
            self.tr("The prompt sent to the model (%1 to run).").replace("%1", run)
        )
        self.recent_button.setText(self.tr("Recent"))
        self.recent_button.setToolTip(self.tr("Earlier prompts (Ctrl+Up / Ctrl+Down)"))
        self.snippet_button.setText(self.tr("Snippets"))
        self.snippet_button.setToolTip(self.tr("Insert a saved style or phrase at the cursor"))
        self.count.setToolTip(self.tr("Characters used / the model's limit"))
        self.library_button.setText(self.tr("Library"))
        opener = self._open_library
        self.library_button.setToolTip(
            with_shortcut(
                self.tr("Saved prompts: find, use, save, import and export"),
                opener.shortcut() if opener is not None else None,
            )
        )
        self._rebuild_recent_menu()
        self._rebuild_snippet_menu()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
