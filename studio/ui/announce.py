"""Words a screen reader says without the focus moving there: a job finished or failed,
a batch finished, a file saved. Qt passes them on only while an assistive technology
listens (otherwise this costs a check)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


def announce(source: QObject, text: str, *, urgent: bool = False) -> None:
    """Have ``text`` read out, as said by ``source``; ``urgent`` interrupts what is being
    read (a failure), otherwise it waits its turn."""
    if not text.strip():
        return
    event = QAccessibleAnnouncementEvent(source, text)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
