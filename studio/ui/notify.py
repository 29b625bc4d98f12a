"""A desktop notification when a long job ends while the studio is in the background.

Through the system tray where the desktop has one (a balloon or the platform's
notification), else by asking the window manager to flag the window
(``QApplication.alert``). Optional: Settings → General.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMainWindow

from studio.jobs.queue import Job, JobState

if TYPE_CHECKING:  # Qt makes the type on first use: when a notice is given
    from PySide6.QtWidgets import QSystemTrayIcon

# a job shorter than this (seconds) is not "long": the person is likely still watching
LONG_JOB_S = 15.0


class JobNotifier(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._tray: QSystemTrayIcon | None = None
        self.enabled = True
        self.min_seconds = LONG_JOB_S
        # the notices given (title, text), newest last
        self.sent: list[tuple[str, str]] = []

    def in_background(self) -> bool:
        w = self._window
        return not w.isVisible() or w.isMinimized() or not w.isActiveWindow()

    def job_finished(self, job: Job) -> None:
        if not self.enabled or job.elapsed < self.min_seconds or not self.in_background():
            return
        if job.state is JobState.DONE:
            title = self.tr("Job %1 is done").replace("%1", str(job.number))
            text = self.tr("%n image(s) ready.", "", len(job.images))
        elif job.state is JobState.FAILED:
            title = self.tr("Job %1 failed").replace("%1", str(job.number))
            text = self.tr("Open the studio to see why.")
        else:
            return  # a cancelled job: the person stopped it
        prompt = job.request.prompt.strip().splitlines()
        if prompt:
            text = f"{prompt[0][:80]}\n{text}"
        self.sent.append((title, text))
        self._show(title, text)

    def _show(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self._window.windowIcon(), self)
                self._tray.messageClicked.connect(self._raise)
                self._tray.activated.connect(lambda _reason: self._raise())
            self._tray.show()
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        QApplication.alert(self._window, 0)

    def _raise(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
