"""The note under the model picker: the model's lifecycle state (deprecated, retired,
shutting down on a date) or that a relay defines its parameters, and a one-click move
to its replacement."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from studio.core.capabilities import ModelCaps
from studio.ui import model_picker
from studio.ui.theme import style_label


class ModelNote(QWidget):
    # "Use <replacement>" was clicked
    switch_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entry: model_picker.ModelEntry | None = None
        self._caps: ModelCaps | None = None
        self._replacement: str | None = None
        self.lifecycle = QLabel(self)
        self.lifecycle.setObjectName("lifecycle")
        self.lifecycle.setWordWrap(True)
        self.lifecycle.setTextFormat(Qt.TextFormat.PlainText)
        style_label(self.lifecycle, "warning")
        self.switch_button = QPushButton(self)
        self.switch_button.setObjectName("switchModel")
        self.switch_button.clicked.connect(self._switch)
        # the button under the note: the composer is narrow, and a model id is long
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.lifecycle)
        lay.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_for(
        self,
        entry: model_picker.ModelEntry | None,
        caps: ModelCaps | None,
        replacement: str | None,
    ) -> None:
        self._entry, self._caps, self._replacement = entry, caps, replacement
        self.retranslate_ui()

    def _switch(self) -> None:
        if self._replacement is not None:
            self.switch_requested.emit(self._replacement)

    def retranslate_ui(self) -> None:
        notes: list[str] = []
        if self._entry is not None:
            status = model_picker.status_text(self._entry)
            if status:
                notes.append(status)
        if self._caps is not None and self._caps.relay_defined:
            notes.append(self.tr("No official spec: parameters are as the relay defines them."))
        self.lifecycle.setText(" ".join(notes))
        self.lifecycle.setVisible(bool(notes))
        new = self._replacement
        if new is not None:
            self.switch_button.setText(self.tr("Use %1").replace("%1", new))
            self.switch_button.setToolTip(
                self.tr("Switch to %1, keeping every setting it takes").replace("%1", new)
            )
        self.switch_button.setVisible(new is not None)
        self.setVisible(bool(notes) or new is not None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
