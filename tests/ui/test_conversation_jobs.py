"""Conversation turns in the Jobs panel: a turn on its way is listed as jobs are (its
time, its partial image, Stop), and its end too; choosing it shows its conversation.
The panel listed none ("0 running, 0 in all" while a turn was being sent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.sandbox.faults import Fault
from tests.ui.test_conversation_tab import MODEL, _aim, _say, _talk_provider

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow
    from studio.ui.turn_row import TurnRow


def _turn_rows(window: MainWindow) -> list[TurnRow]:
    from studio.ui.turn_row import TurnRow

    rows = (
        window.jobs.list.itemWidget(window.jobs.list.item(i))
        for i in range(window.jobs.list.count())
    )
    return [row for row in rows if isinstance(row, TurnRow)]


def test_a_turn_on_its_way_is_listed_with_stop_and_its_end(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    window.resize(1366, 768)  # the Jobs strip at its usual width: the row's Stop in view
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    # a reply that never comes: the turn stays on its way until it is stopped
    sandbox.inject(Fault(path="/responses", action="keepalive_forever", interval=0.05))
    qtbot.keyClicks(panel.composer, "a harbour at noon")
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_turn_rows(window)) == 1, timeout=10_000)
    (row,) = _turn_rows(window)
    assert row.title.full_text() == f"Turn · {MODEL} · a harbour at noon"
    assert row.status.text().startswith("Sending · ")
    assert window.jobs.summary.text() == "1 running, 1 in all"
    assert row.stop_button.isVisible() and row.stop_button.isEnabled()

    qtbot.mouseClick(row.stop_button, Qt.MouseButton.LeftButton)  # the row's Stop
    qtbot.waitUntil(lambda: row.status.text().startswith("Cancelled after"), timeout=30_000)
    assert not row.stop_button.isVisible()
    assert window.jobs.summary.text() == "0 running, 1 in all"
    assert not panel._busy and panel.ended["cancelled"] == 1


def test_a_finished_turn_shows_its_picture_and_leads_to_its_conversation(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    window.show()
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a quiet lake", 1)
    (row,) = _turn_rows(window)
    qtbot.waitUntil(lambda: row.status.text().startswith("Done in"), timeout=10_000)
    turn = panel.base_turn
    assert turn is not None and row.title.full_text() == f"#{turn} · Turn · {MODEL} · a quiet lake"
    assert row.thumb.pixmap() is not None and not row.thumb.pixmap().isNull()
    assert window.jobs.summary.text() == "0 running, 1 in all"
    # chosen with the Result tab in front: the conversation comes forward
    window.right_tabs.setCurrentWidget(window.viewer)
    item = window.jobs.list.item(0)
    rect = window.jobs.list.visualItemRect(item)
    qtbot.mouseClick(window.jobs.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.right_tabs.currentIndex() == window.conversation_tab


def test_a_turn_whose_own_code_failed_says_where_to_look(qtbot: QtBot) -> None:
    """With no error to advise on (the turn's code raised), the row said "Failed: ?"."""
    from studio.ui.turn_row import TurnJob, TurnRow

    row = TurnRow(TurnJob("a castle", MODEL, state="failed", finished=1.0), 48)
    qtbot.addWidget(row)
    row.refresh()
    assert row.status.text() == "Failed (what happened is in the Conversation tab)"
    assert not row.stop_button.isVisible()
