"""The journal's recovery in the window: run in the background at start, and a banner
for paid replies that could not be read ("1 paid result could not be read: retry
download / open the raw reply / discard"). A quarantined reply is never retried on
its own; only these buttons act on it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from studio.jobs.op import BackgroundOp

if TYPE_CHECKING:
    from studio.core.journal import JournalEntry
    from studio.core.service import Studio

log = logging.getLogger(__name__)


class RecoveryBanner(QFrame):
    """Shown while quarantined replies exist; acts on the oldest one."""

    # a reply was recovered (by the start's recovery or a retry): history changed
    recovered = Signal(int)

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.setObjectName("recoveryBanner")
        self.setStyleSheet("#recoveryBanner { background: rgba(230, 160, 40, 50); }")
        self.entries: list[JournalEntry] = []
        self.text = QLabel(self)
        self.text.setObjectName("recoveryText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("recoveryRetry")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("recoveryOpen")
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("recoveryDiscard")
        self.retry_button.clicked.connect(self.retry)
        self.open_button.clicked.connect(self.open_raw)
        self.discard_button.clicked.connect(self.discard)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        for b in (self.retry_button, self.open_button, self.discard_button):
            row.addWidget(b)
        self._detail = ""
        self.retranslate_ui()
        self.hide()

    def start(self) -> None:
        """Recover what dead processes left, off the UI thread, then show what failed."""

        def work() -> tuple[int, list[JournalEntry]]:
            return self.studio.recover_journal(budget=None), self.studio.quarantined()

        BackgroundOp(self, work, self._started).failure(self._failed).run()

    def _started(self, done: tuple[int, list[JournalEntry]]) -> None:
        count, entries = done
        if count:
            self.recovered.emit(count)
        self.show_entries(entries)

    def _failed(self, exc: BaseException) -> None:
        log.warning("journal recovery failed: %s", exc)
        BackgroundOp(self, self.studio.quarantined, self.show_entries).run()

    def show_entries(self, entries: list[JournalEntry]) -> None:
        self.entries = list(entries)
        self._set_busy(False)
        self.retranslate_ui()
        self.setVisible(bool(self.entries))

    def _set_busy(self, busy: bool) -> None:
        for b in (self.retry_button, self.open_button, self.discard_button):
            b.setEnabled(not busy)

    # --- the three actions ------------------------------------------------------------
    def retry(self) -> None:
        if not self.entries:
            return
        entry = self.entries[0]
        self._set_busy(True)

        def work() -> int:
            return self.studio.retry_quarantined(entry)

        def done(job_id: int) -> None:
            self._detail = ""
            self.recovered.emit(job_id)
            self.show_entries(self.entries[1:])

        def failed(exc: BaseException) -> None:
            self._detail = str(exc)
            self.show_entries(self.entries)

        BackgroundOp(self, work, done).failure(failed).run()

    def open_raw(self) -> None:
        if self.entries:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.entries[0].body_path)))

    def discard(self) -> None:
        if not self.entries:
            return
        entry = self.entries[0]
        entry.remove()
        self._detail = ""
        self.show_entries(self.entries[1:])

    # --- text ---------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        count = len(self.entries)
        text = self.tr("%n paid result(s) could not be read.", "", count)
        reason = self._detail or self._reason()
        if reason:
            text += " " + reason
        self.text.setText(text)
        self.retry_button.setText(self.tr("&Retry download"))
        self.retry_button.setToolTip(self.tr("Read the reply again and fetch its image links"))
        self.open_button.setText(self.tr("Open the raw reply"))
        self.open_button.setToolTip(self.tr("The reply exactly as the provider sent it"))
        self.discard_button.setText(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Delete this reply from the journal"))

    def _reason(self) -> str:
        if not self.entries:
            return ""
        try:
            reason = self.entries[0].meta().get("quarantine_reason")
        except (OSError, ValueError):
            return ""
        return str(reason)[:300] if reason else ""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
