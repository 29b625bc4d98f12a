"""What the window says when the history database cannot be opened at start.

Imported only then (it names QMessageBox at module level): a damaged file can be set
aside for a new history, a newer studio's or an unreachable one only explained.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from studio.core.history.opening import HistoryUnusable, set_aside

log = logging.getLogger(__name__)


class HistoryFailureBox(QMessageBox):
    """The reason in the user's language, with a new history offered for a damaged file."""

    def __init__(self, failure: HistoryUnusable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyFailure")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("The history cannot be opened"))
        where = self.tr("File: {path}").format(path=failure.path)
        self.start_new = None
        if failure.reason == "newer":
            self.setText(
                self.tr(
                    "The history was written by a newer version of the studio (schema "
                    "version {version}; this version knows up to {known})."
                ).format(version=failure.version, known=failure.known)
            )
            self.setInformativeText(
                self.tr("Update the studio to open it. Nothing was changed.") + "\n\n" + where
            )
        elif failure.reason == "damaged":
            self.setText(
                self.tr(
                    "The history database is damaged or is not a history database, so the "
                    "studio cannot open it."
                )
            )
            self.setInformativeText(
                self.tr(
                    "You can start with a new, empty history: the damaged file is kept beside "
                    "it as {name}.broken-… for a repair, and your pictures stay in their folder."
                ).format(name=failure.path.name)
                + "\n\n"
                + where
                + "\n"
                + self.tr("Reason: {detail}").format(detail=failure.detail)
            )
            self.start_new = self.addButton(
                self.tr("Start a &New History"), QMessageBox.ButtonRole.AcceptRole
            )
        else:
            self.setText(self.tr("The history database could not be opened."))
            self.setInformativeText(
                self.tr(
                    "Check that its folder can be written and has free space, and that no "
                    "other program holds the file; then start the studio again."
                )
                + "\n\n"
                + where
                + "\n"
                + self.tr("Reason: {detail}").format(detail=failure.detail)
            )
        quit_button = self.addButton(self.tr("&Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(quit_button)
        self.setEscapeButton(quit_button)

    def set_aside_failed(self, exc: OSError) -> None:
        """Setting the file aside failed: say so (nothing was changed)."""
        self.setText(self.tr("The damaged history could not be set aside."))
        self.setInformativeText(self.tr("Reason: {detail}").format(detail=exc))
        if self.start_new is not None:
            self.removeButton(self.start_new)
            self.start_new = None


def explain(failure: HistoryUnusable) -> bool:
    """Say why the history cannot be opened; True once a damaged file was set aside
    (open the studio again), False to quit."""
    box = HistoryFailureBox(failure)
    box.exec()
    if box.start_new is None or box.clickedButton() is not box.start_new:
        return False
    try:
        aside = set_aside(failure.path)
    except OSError as exc:
        box.set_aside_failed(exc)
        box.exec()
        return False
    log.warning("Set the damaged history aside as %s; starting a new one", aside)
    return True
