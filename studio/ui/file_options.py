"""The settings' "Saved files" rows: the file name pattern with a live preview, and
what exported and dragged files carry (parameters, the original bytes, nothing)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from studio.core.filenames import DEFAULT_PATTERN, FIELDS, check_pattern, preview
from studio.core.settings import SAVE_MODES, Settings
from studio.ui.core_text import problem_text
from studio.ui.theme import style_label, unstyle_label


class FileOptions(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pattern = QLineEdit(settings.file_pattern)
        self.pattern.setObjectName("filePattern")
        self.pattern.setPlaceholderText(DEFAULT_PATTERN)
        self.preview = QLabel()
        self.preview.setObjectName("filePatternPreview")
        self.preview.setWordWrap(True)
        self.mode = QComboBox()
        self.mode.setObjectName("saveMetadata")
        for value in SAVE_MODES:
            self.mode.addItem("", value)
        self.mode.setCurrentIndex(max(0, self.mode.findData(settings.save_metadata)))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.pattern)
        box.addWidget(self.preview)
        self.pattern.textChanged.connect(self._update_preview)
        self.retranslate_ui()

    def problem(self) -> str | None:
        found = check_pattern(self.pattern.text() or DEFAULT_PATTERN)
        return problem_text(found) if found is not None else None

    def apply(self, settings: Settings) -> None:
        """Store what is shown (an unusable pattern is not stored: the old one stays)."""
        text = self.pattern.text().strip() or DEFAULT_PATTERN
        if check_pattern(text) is None:
            settings.file_pattern = text
        settings.save_metadata = str(self.mode.currentData())

    def _update_preview(self) -> None:
        problem = self.problem()
        if problem is not None:
            style_label(self.preview, "error")
            self.preview.setText(problem)
        else:
            unstyle_label(self.preview)
            text = preview(self.pattern.text() or DEFAULT_PATTERN)
            self.preview.setText(self.tr("For example: %1").replace("%1", text))

    def retranslate_ui(self) -> None:
        # its label is the settings page's, outside this widget: Qt cannot find it
        self.pattern.setAccessibleName(self.tr("File names"))
        self.pattern.setToolTip(
            self.tr("How saved and exported files are named. Fields: %1").replace(
                "%1", " ".join("{" + f + "}" for f in FIELDS)
            )
        )
        for i, text in enumerate(
            (
                self.tr("With parameters (prompt and settings inside the file)"),
                self.tr("As original (the provider's bytes, content credentials kept)"),
                self.tr("Without metadata (for sharing)"),
            )
        ):
            self.mode.setItemText(i, text)
        self.mode.setToolTip(
            self.tr(
                "What exported and dragged files carry; Save as asks each time. Adding "
                "parameters to a file with content credentials means they no longer verify "
                "in that copy."
            )
        )
        self._update_preview()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
