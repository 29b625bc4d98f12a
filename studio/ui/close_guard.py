"""Closing the window while jobs run: ask, never cancel silently.

A request in flight may already be billed, so closing offers three ways on:
wait with the window open and close once the jobs are done, run on in the
background (the window hides, the studio quits when the jobs are done, the
results land in the history), or cancel the jobs and close now. Escape keeps
the window open as it was.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton

from studio.jobs.queue import Job, JobQueue

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class Closing(enum.Enum):
    NOW = "now"  # nothing running (or the user chose to cancel): close
    ASKING = "asking"  # the question is on screen
    WAITING = "waiting"  # the window stays open until the jobs are done
    BACKGROUND = "background"  # the window is hidden until the jobs are done


class CloseGuard(QObject):
    """Decides what a close request does while jobs run (owned by the main window)."""

    def __init__(
        self,
        window: QMainWindow,
        queue: JobQueue,
        notify: Callable[[str], None],
        *,
        others: Callable[[], int] = lambda: 0,
        cancel_others: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._queue = queue
        self._notify = notify
        #: requests in flight outside the queue (a conversation's turn): they are asked
        #: about, waited for and cancelled as jobs are; ``work_finished`` when one ends
        self._others = others
        self._cancel_others = cancel_others
        self.state = Closing.NOW
        self.box: QMessageBox | None = None
        self.wait_button: QPushButton | None = None
        self.background_button: QPushButton | None = None
        self.cancel_button: QPushButton | None = None
        queue.job_finished.connect(self._on_job_finished)

    def live_jobs(self) -> list[Job]:
        """Running jobs the user has not already asked to cancel."""
        return [j for j in self._queue.running() if not j.token.cancelled]

    def live_count(self) -> int:
        """The running jobs and the other requests in flight (a conversation's turn)."""
        return len(self.live_jobs()) + self._others()

    def may_close(self) -> bool:
        """True when the window may close now; otherwise the question is (or stays) up."""
        if self.state is Closing.BACKGROUND and not self.live_count():
            return True
        if self.state in (Closing.WAITING, Closing.BACKGROUND):
            return not self.live_count()
        if not self.live_count():
            return True
        if self.state is not Closing.ASKING:
            self._ask()
        return False

    # --- the question ------------------------------------------------------------------
    def _ask(self) -> None:
        self.state = Closing.ASKING
        count = self.live_count()
        from PySide6.QtWidgets import QMessageBox  # made on a close, not before the paint

        box = QMessageBox(self._window)
        box.setObjectName("closeWhileRunning")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Jobs still running"))
        text = (
            self.tr("1 job is still running.")
            if count == 1
            else self.tr("%1 jobs are still running.").replace("%1", str(count))
        )
        box.setText(text)
        box.setInformativeText(
            self.tr(
                "A request already sent may be billed. Wait for the result, let it finish "
                "in the background (it is kept in the history), or cancel it."
            )
        )
        self.wait_button = box.addButton(self.tr("Wait"), QMessageBox.ButtonRole.AcceptRole)
        self.wait_button.setToolTip(self.tr("Keep the window open and close once it is done"))
        self.background_button = box.addButton(
            self.tr("Run in background"), QMessageBox.ButtonRole.YesRole
        )
        self.background_button.setToolTip(
            self.tr("Hide the window now; the studio quits once the job is done")
        )
        self.cancel_button = box.addButton(
            self.tr("Cancel the job") if count == 1 else self.tr("Cancel the jobs"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.addButton(self.tr("Keep open"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.wait_button)
        box.buttonClicked.connect(self._answered)
        box.rejected.connect(self._kept_open)
        self.box = box
        box.open()

    def _answered(self, button: object) -> None:
        box, self.box = self.box, None
        if box is not None:
            box.setObjectName("")
            box.deleteLater()
        if button is self.wait_button:
            self.state = Closing.WAITING
            self._notify(self.tr("The studio closes once the running jobs are done."))
        elif button is self.background_button:
            self.state = Closing.BACKGROUND
            QApplication.setQuitOnLastWindowClosed(False)
            self._window.hide()
        elif button is self.cancel_button:
            self.state = Closing.NOW
            self._queue.cancel_all()
            self._cancel_others()
            self._window.close()
            return
        else:
            self.state = Closing.NOW
            return
        self._close_if_done()

    def _kept_open(self) -> None:
        if self.state is Closing.ASKING:
            self.state = Closing.NOW
            self.box = None

    def _on_job_finished(self, _job: Job) -> None:
        self.work_finished()

    def work_finished(self) -> None:
        """A job or another request in flight ended: close now if that was waited for."""
        if self.state in (Closing.WAITING, Closing.BACKGROUND):
            self._close_if_done()

    def _close_if_done(self) -> None:
        if self.live_count():
            return
        background = self.state is Closing.BACKGROUND
        self._window.close()
        if background:
            QCoreApplication.quit()
