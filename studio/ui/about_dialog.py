"""Help / About: version, Qt and Python versions, where the data lives."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from studio import APP_NAME, __version__
from studio.core.paths import Paths


class AboutDialog(QDialog):
    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.text = QLabel(self)
        self.text.setObjectName("aboutText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.folder_button = QPushButton(self)
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.data_dir)))
        )
        self.buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        lines = [
            f"<h3>{APP_NAME} {__version__}</h3>",
            self.tr("Generate, edit and vary images with OpenAI-compatible APIs."),
            "",
            self.tr("Version: %1").replace("%1", __version__),
            self.tr("Qt: %1 (PySide6 %2)").replace("%1", qVersion()).replace("%2", pyside_version),
            self.tr("Python: %1").replace("%1", platform.python_version()),
            self.tr("Data folder: %1").replace("%1", str(self.paths.data_dir)),
            self.tr("Settings folder: %1").replace("%1", str(self.paths.config_dir)),
        ]
        self.text.setText("<br>".join(lines))
        self.folder_button.setText(self.tr("Open data folder"))
        self.folder_button.setToolTip(self.tr("Show the folder with history and images"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
