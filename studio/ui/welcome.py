"""The first thing a new studio shows: what it can do, and one click to try it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from studio.ui.icons import icon, shortcut_text
from studio.ui.prompt_editor import RUN_KEY

#: window.ini: whether the history held a job when the window last knew. Read with the
#: window's other memories, so the first frame leaves the welcome out for a returning
#: user without asking the history (the gallery counts the jobs after that frame and
#: sets it right: jobs made from the command line, a history emptied or moved in)
HAS_JOBS_KEY = "history/has_jobs"


def history_remembered(settings: QSettings) -> bool:
    """Whether the history held a job when last known (False on a first start)."""
    return str(settings.value(HAS_JOBS_KEY, "false")).lower() == "true"


def remember_history(settings: QSettings, has_jobs: bool) -> None:
    settings.setValue(HAS_JOBS_KEY, has_jobs)


class Welcome(QFrame):
    """Centred over an empty result view (a child of it, so it moves with it)."""

    try_example = Signal()

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.setObjectName("welcome")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.title = QLabel(self)
        self.title.setObjectName("welcomeTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(icon("sparkles"), "", self)
        self.button.setObjectName("tryExample")
        self.button.setIconSize(QSize(16, 16))
        self.button.clicked.connect(self.try_example)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)  # the 8 px grid
        lay.setSpacing(8)
        lay.addWidget(self.title)
        lay.addWidget(self.body)
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        view.installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Make pictures from words"))
        self.body.setText(
            self.tr(
                "Describe an image on the left and press Generate (%1). "
                "Edit part of a picture by painting where it may change, or draw arrows "
                "and notes to show what to change; make variations; find everything "
                "again in the history below."
            ).replace("%1", shortcut_text(RUN_KEY))
        )
        self.button.setText(self.tr("Try an example"))
        self.button.setToolTip(self.tr("Writes an example prompt and generates it"))
        self._place()

    def example_prompt(self) -> str:
        return self.tr("A watercolour fox curled up asleep under a paper lantern, warm light")

    def _place(self) -> None:
        view = self.parentWidget()
        if view is None:
            return
        # lines of some 65 characters: 480 px at the usual font, wider at a large one (it
        # grew taller instead, and its button fell below the view)
        readable = max(480, self.fontMetrics().averageCharWidth() * 65)
        width = min(readable, max(200, view.width() - 32))
        height = self._height(width, body=True)
        # too short a view (a large font, a small screen): the title and the button, the
        # words in the tip, rather than words cut off and the button out of sight
        short = height > view.height() - 16
        self.body.setHidden(short)
        self.setToolTip(self.body.text() if short else "")
        if short:
            height = self._height(width, body=False)
        self.setGeometry(
            (view.width() - width) // 2, max(8, (view.height() - height) // 2), width, height
        )

    def _height(self, width: int, *, body: bool) -> int:
        lay = self.layout()
        assert lay is not None
        margins = lay.contentsMargins()
        inner = width - margins.left() - margins.right()
        parts = [self.title.sizeHint().height(), self.button.sizeHint().height()]
        if body:
            parts.append(self.body.heightForWidth(inner))
        return sum(parts) + lay.spacing() * (len(parts) - 1) + margins.top() + margins.bottom()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
