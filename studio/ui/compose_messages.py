"""The composer's messages: its problems (red) and notes, in a box two lines high.

The box has a fixed height (it scrolls when the messages are many), so a message coming or
going never moves the Generate button under the pointer; two lines are measured as laid
out, Chinese included (:mod:`studio.ui.text_lines`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from studio.ui.text_lines import lines_height
from studio.ui.theme import Tone, style_label


class MessagesBox(QScrollArea):
    """``problems`` (what blocks generating) over ``notes`` (warnings and steps to take)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composeMessages")
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.notes = QLabel(self)
        tones: tuple[tuple[QLabel, Tone], ...] = ((self.problems, "error"), (self.notes, "warning"))
        for label, tone in tones:
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            style_label(label, tone)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.problems)
        lay.addWidget(self.notes)
        lay.addStretch(1)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(box)
        self.setFixedHeight(lines_height(self.problems.font(), 2))

        self.retranslate_ui()

    def show_messages(self, problems: list[str], notes: list[str]) -> None:
        """One mark a message (a cross for what blocks, a bullet for a note: they differ
        in more than their colour); a label with nothing to say is hidden."""
        for label, mark, lines in ((self.problems, "✕", problems), (self.notes, "•", notes)):
            label.setText("\n".join(f"{mark} {line}" for line in lines))
            label.setVisible(bool(lines))

    def retranslate_ui(self) -> None:
        # what a screen reader adds to the words (which say it only by colour on screen)
        self.problems.setAccessibleDescription(self.tr("Problems: Generate waits for these"))
        self.notes.setAccessibleDescription(self.tr("Notes"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
