"""The window's error bar: the last failure in plain words, with the action that fixes it.

A failed job shows here (:meth:`MainWindow.show_error`), and so does any other trouble
the window meets (a file that cannot be read, settings that cannot be saved): one place
and one style for what went wrong, each with the button that deals with it, never a
passing line in the status bar."""

from __future__ import annotations

from collections.abc import Callable

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
        self.action_button.clicked.connect(self._run_custom)
        lay = QHBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.action_button)
        lay.addWidget(self.retry_button)
        lay.addWidget(self.close_button)
        self.job: Job | None = None
        self.action = Action.NONE
        # a retired model's job and where to run it on the replacement (Action.SWITCH_MODEL)
        self.switch: tuple[Provider, Switch] | None = None
        #: the action of a notice that is not a job's (None: the job's own action)
        self.custom: Callable[[], None] | None = None
        self.hide()

    def show_notice(
        self,
        title: str,
        text: str,
        action: tuple[str, str, Callable[[], None]] | None = None,
    ) -> None:
        """Show trouble that is not a job's: ``title`` in bold, ``text`` (plain, never
        rendered as markup) and an optional (button text, tip, what it does) action."""
        self.job, self.action, self.switch = None, Action.NONE, None
        self.custom = action[2] if action is not None else None
        import html  # its entity table (~75 kB) loads with the first notice, not at start

        body = html.escape(text).replace("\n", "<br>")
        self.text.setText(f"<b>{html.escape(title)}</b><br>{body}" if title else body)
        self.retry_button.setVisible(False)
        self.action_button.setVisible(action is not None)
        if action is not None:
            self.action_button.setText(action[0])
            self.action_button.setToolTip(action[1])
        self.show()

    def _run_custom(self) -> None:
        run = self.custom
        if run is not None:
            self.custom = None
            self.hide()
            run()
