"""The window's error bar: the last failure in plain words, with the action that fixes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from studio.core.providers import Provider
from studio.jobs.queue import Job
from studio.ui.error_text import Action
from studio.ui.icons import icon
from studio.ui.retired import Switch


class ErrorBar(QFrame):
    """The last failure in plain words, with the action that fixes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#errorBar { background: rgba(220, 50, 50, 40); }")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.retry_button = QPushButton(icon("rotate-ccw"), "", self)
        self.close_button = QPushButton(icon("x"), "", self)
        self.close_button.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.action_button)
        lay.addWidget(self.retry_button)
        lay.addWidget(self.close_button)
        self.job: Job | None = None
        self.action = Action.NONE
        # a retired model's job and where to run it on the replacement (Action.SWITCH_MODEL)
        self.switch: tuple[Provider, Switch] | None = None
        self.hide()
