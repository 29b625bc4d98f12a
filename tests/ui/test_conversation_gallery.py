"""A conversation's tile in the history opens the Conversation tab on that thread, its
newest branch on show and ready to continue (real HTTP to the sandbox)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio.core.service import Studio
from studio.sandbox.server import SandboxServer
from studio.ui.main_window import MainWindow
from tests.ui.gallery.test_gallery import select_job, settle
from tests.ui.test_conversation_branches import _click_turn, _switchers, _texts
from tests.ui.test_conversation_tab import _aim, _bodies, _say, _talk_provider


def test_opening_a_thread_tile_shows_the_thread_in_the_conversation_tab(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a harbour at noon", 1)
    _say(qtbot, panel, "make the sky stormier", 2)
    _click_turn(qtbot, panel, 0)
    _say(qtbot, panel, "add a red boat", 2)
    thread, newest = panel.thread_id, panel.base_turn
    assert thread is not None and newest is not None

    # elsewhere now: a new conversation, the Result tab in front
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert panel.thread_id is None and panel.turn_items() == []
    window.right_tabs.setCurrentWidget(window.viewer)
    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()
    settle(qtbot, gallery)
    select_job(qtbot, gallery, newest)  # the thread's one tile stands for its newest turn
    QTest.keyClick(gallery.view, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: len(panel.turn_items()) == 2, timeout=10_000)
    assert window.right_tabs.currentIndex() == window.conversation_tab
    assert panel.thread_id == thread and panel.base_turn == newest
    assert _texts(panel) == ["1. a harbour at noon", "2. add a red boat"]
    assert [s.label.text() for s in _switchers(panel)] == ["Branch 2 of 2"]

    # and it continues from there
    before = len(_bodies(sandbox))
    _say(qtbot, panel, "now at dusk", 3)
    sent = _bodies(sandbox)[before:]
    assert len(sent) == 1 and sent[0]["previous_response_id"].startswith("resp_")
    assert _texts(panel)[-1] == "3. now at dusk"


def test_a_turn_that_ends_after_another_thread_was_opened_leaves_that_thread_on_show(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    from studio.sandbox.faults import Fault

    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a quiet lake", 1)
    lake = panel.thread_id
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    _say(qtbot, panel, "a busy market", 1)
    market = panel.thread_id
    assert lake is not None and market is not None and lake != market

    sandbox.inject(Fault(path="/responses", action="slow", delay=1.5))
    qtbot.keyClicks(panel.composer, "at night")
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel._busy
    panel.open_thread(lake)  # as the history's thread tile does, while the turn runs
    qtbot.waitUntil(lambda: not panel._busy, timeout=30_000)
    qtbot.waitUntil(lambda: _texts(panel) == ["1. a quiet lake"], timeout=10_000)
    assert panel.thread_id == lake
    assert f"thread {market} has finished" in panel.status.text()
    # the turn is there, in its own thread
    panel.open_thread(market)
    qtbot.waitUntil(lambda: len(panel.turn_items()) == 2, timeout=10_000)
    assert _texts(panel) == ["1. a busy market", "2. at night"]


def test_retry_on_a_failed_turns_tile_brings_it_back_to_its_thread(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    """Retry on a thread tile whose newest turn had failed ran that turn as an ordinary
    edit through the Images API (paid for, outside the thread, its picture no turn).
    It now opens the thread at the turn it continued, the instruction ready to send."""
    from studio.sandbox.faults import Fault

    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a quiet lake", 1)
    thread, first = panel.thread_id, panel.base_turn
    sandbox.inject(Fault(path="/responses", status=400))
    qtbot.keyClicks(panel.composer, "add swans")
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.retry_button.isVisible(), timeout=30_000)
    failed = max(j.id for j in studio_ctx.history.list_jobs())
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    panel.composer.clear()
    window.right_tabs.setCurrentWidget(window.viewer)
    sandbox.clear_requests()

    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()
    settle(qtbot, gallery)
    select_job(qtbot, gallery, failed)
    QTest.keyClick(
        gallery.view,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: panel.composer.toPlainText() == "add swans", timeout=10_000)
    assert window.right_tabs.currentIndex() == window.conversation_tab
    assert panel.thread_id == thread and panel.base_turn == first
    qtbot.wait(300)
    assert sandbox.requests == [] and window.queue.jobs == []  # nothing sent on its own
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel._busy and len(panel.turn_items()) == 2, timeout=30_000)
    assert _texts(panel) == ["1. a quiet lake", "2. add swans"]
    assert [r.path for r in sandbox.requests] == ["/v1/responses"]
