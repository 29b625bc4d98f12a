"""The Conversation tab names its thread by its first words (it said "Thread 17"), and
the user can rename it: the name is kept in the history and shown when it is reopened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from studio.core.history.threads import thread_title
from studio.jobs.op import wait_for_workers
from tests.ui.test_conversation_tab import _aim, _say, _talk_provider

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def test_a_conversation_is_named_by_its_first_words_and_can_be_renamed(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    assert panel.title.text() == "New conversation" and not panel.rename_button.isEnabled()
    _say(qtbot, panel, "a harbour at noon with fishing boats and gulls", 1)
    thread = panel.thread_id
    assert thread is not None
    qtbot.waitUntil(lambda: panel.title.text().startswith("a harbour at noon with fishing…,"))
    assert panel.title.text().endswith(", continuing from turn 1")

    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    dialog = panel.rename_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.textValue() == "a harbour at noon with fishing…"
    dialog.accept()  # its first words, unchanged: not kept as a name
    qtbot.waitUntil(lambda: not panel._busy)
    wait_for_workers(10_000)
    assert thread_title(studio_ctx.history, thread) is None
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    dialog = panel.rename_dialog
    assert dialog is not None and dialog.isVisible()
    field = dialog.findChild(QLineEdit)
    assert field is not None
    field.selectAll()
    qtbot.keyClicks(field, "Harbour studies")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # OK
    qtbot.waitUntil(lambda: panel.title.text().startswith("Harbour studies,"), timeout=10_000)
    assert thread_title(studio_ctx.history, thread) == "Harbour studies"

    # another thread, in Chinese: a few characters name it
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    # (typed as an input method would commit it: QTest types only Latin-1 keys)
    panel.composer.setPlainText("把天空变得更暴风雨一些，并且加上闪电和乌云")
    _say(qtbot, panel, "", 1)
    qtbot.waitUntil(lambda: panel.title.text().startswith("把天空变得更暴风雨一些，并且…,"))

    # reopened (as its tile in the history does), the name it was given comes back
    panel.open_thread(thread)
    qtbot.waitUntil(lambda: panel.title.text().startswith("Harbour studies,"), timeout=10_000)
