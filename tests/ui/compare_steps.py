"""Steps the Compare dialog's tests share, taken as a person takes them (the keyboard
ticks a second target, the button sends the comparison)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.compare_dialog import CompareDialog


def tick_second_target(qtbot: QtBot, dialog: CompareDialog) -> None:
    """Tab into the targets, move to the next one and tick it with Space."""
    targets = dialog.targets
    targets.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(targets.hasFocus)
    qtbot.keyClick(targets, Qt.Key.Key_Down)
    qtbot.keyClick(targets, Qt.Key.Key_Space)


def compare_two(qtbot: QtBot, dialog: CompareDialog) -> None:
    """A second target ticked, Compare pressed, every target's answer in."""
    tick_second_target(qtbot, dialog)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=20_000)
