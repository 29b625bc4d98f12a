"""The Conversation tab driven as a person would: type, Ctrl+Enter, branch from an
earlier turn, restart the window and continue (real HTTP to the sandbox)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from studio.core.providers import AuthStyle, Provider
from studio.core.service import Studio
from studio.jobs.op import wait_for_workers
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from studio.ui.conversation_panel import ConversationPanel
from studio.ui.main_window import MainWindow

MODEL = "gpt-image-2.6-sunburst"


def _talk_provider(studio: Studio, sandbox: SandboxServer) -> Provider:
    provider = Provider(
        id="talk",
        name="Talk sandbox",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=(MODEL,),
        default_model=MODEL,
        builtin=False,
        image_tool=True,
        image_tool_text_model="gpt-5.5",
    )
    studio.settings.upsert_provider(provider)
    return provider


def _aim(win: MainWindow, studio: Studio) -> ConversationPanel:
    win.compose.set_providers(studio.providers(), "talk")
    box = win.compose.model_box
    box.setCurrentIndex(box.findData(MODEL))
    win.right_tabs.setCurrentIndex(win.conversation_tab)
    return win.conversation


def _say(qtbot: QtBot, panel: ConversationPanel, text: str, turns: int) -> None:
    qtbot.keyClicks(panel.composer, text)
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel._busy and len(panel.turn_items()) == turns, timeout=30_000)


def _bodies(sandbox: SandboxServer) -> list[dict[str, Any]]:
    return [r.json() for r in sandbox.requests if r.path == "/v1/responses"]


def test_a_conversation_with_a_branch_continues_after_a_restart(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a harbour at noon", 1)
    assert window.right_tabs.currentIndex() == window.conversation_tab  # the tab stays in front
    _say(qtbot, panel, "make the sky stormier", 2)
    assert panel.composer.toPlainText() == ""
    bodies = _bodies(sandbox)
    assert bodies[1]["previous_response_id"].startswith("resp_")
    assert bodies[1]["stream"] is True  # partial images while it renders
    assert "make the sky stormier" in panel.turn_items()[1].text()
    assert not panel.turn_items()[1].icon().isNull()

    # continue from turn 1 again: a branch
    first = panel.turn_items()[0]
    rect = panel.turns.visualItemRect(first)
    qtbot.mouseClick(panel.turns.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _say(qtbot, panel, "add a red boat", 2)
    assert "add a red boat" in panel.turn_items()[1].text()
    switcher = panel.turns.itemWidget(panel.turns.item(1))
    assert switcher.label.text() == "Branch 2 of 2"  # type: ignore[attr-defined]
    assert _bodies(sandbox)[2]["previous_response_id"] == bodies[1]["previous_response_id"]
    thread = panel.thread_id

    # a restart: a new window; the provider no longer holds the stored responses
    window.close()
    wait_for_workers(30_000)
    sandbox.conversations.forget()
    again = MainWindow(studio_ctx)
    qtbot.addWidget(again)
    again.show()
    panel = _aim(again, studio_ctx)
    assert thread is not None
    panel.open_thread(thread)
    qtbot.waitUntil(lambda: len(panel.turn_items()) == 2, timeout=10_000)
    sandbox.clear_requests()
    _say(qtbot, panel, "now at night", 3)
    sent = _bodies(sandbox)
    assert len(sent) == 2  # the refused previous_response_id, then the item form once
    assert sent[1]["input"][0]["type"] == "image_generation_call"
    assert "now at night" in panel.turn_items()[2].text()
    again.close()


def test_a_cut_stream_offers_retry_and_never_retries_alone(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    sandbox.inject(Fault(path="/responses", action="stream_cut"))
    qtbot.keyClicks(panel.composer, "a castle")
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.retry_button.isVisible(), timeout=30_000)
    assert "partial image was kept" in panel.status.text()
    assert len(_bodies(sandbox)) == 1
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel._busy and len(panel.turn_items()) == 1, timeout=30_000)
    assert len(_bodies(sandbox)) == 2
    assert "a castle" in panel.turn_items()[0].text()


def test_a_thread_whose_newest_turn_failed_continues_from_the_last_picture(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    """Reopened, a thread whose newest turn had failed (or was interrupted by a closed
    studio) continued from that turn: every instruction was refused with "Turn 15 has no
    image to continue from", in English, under a row that did not say it had failed."""
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a harbour at noon", 1)
    thread = panel.thread_id
    assert thread is not None
    sandbox.inject(Fault(path="/responses", status=400))
    qtbot.keyClicks(panel.composer, "add gulls")
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.retry_button.isVisible(), timeout=30_000)

    panel.new_thread()
    panel.open_thread(thread)  # as the history's tile does
    qtbot.waitUntil(lambda: len(panel.turn_items()) == 2, timeout=10_000)
    failed = panel.turn_items()[1]
    assert "add gulls" in failed.text() and "Failed" in failed.text()
    assert "continuing from turn 1" in panel.title.text()
    rect = panel.turns.visualItemRect(failed)
    qtbot.mouseClick(panel.turns.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "no picture to continue from" in panel.status.text()
    assert "continuing from turn 1" in panel.title.text()
    panel.composer.clear()
    _say(qtbot, panel, "add a lighthouse", 2)
    assert "add a lighthouse" in panel.turn_items()[1].text()
    assert not panel.turn_items()[1].icon().isNull()


def test_a_turn_takes_the_composers_size_and_quality(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    """The composer beside the tab showed a size and a quality, and every turn went out at
    the model's defaults all the same (auto, auto): what was paid for was not what was
    set. A turn now takes the composer's options the image tool has."""
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    window.compose.params.set_values({"size": "1536x1024", "quality": "high", "n": 3})
    _say(qtbot, panel, "a harbour at noon", 1)
    (body,) = _bodies(sandbox)
    tool = body["tools"][0]
    assert tool["size"] == "1536x1024" and tool["quality"] == "high"
    assert "n" not in tool
    record = studio_ctx.history.list_jobs()[0]
    assert record.params.get("size") == "1536x1024" and record.params.get("quality") == "high"


def _stream_with_partial(sandbox: SandboxServer, body: dict[str, Any], partial: bytes) -> bytes:
    """A real stream of the sandbox for ``body``, its partial images replaced by ``partial``
    (what a hostile or broken relay could send)."""
    import base64
    import json

    import httpx

    raw = httpx.post(f"{sandbox.base_url}/responses", json=body, timeout=30).content
    lines = []
    for line in raw.decode("utf-8").split("\n"):
        if line.startswith("data: {") and "partial_image_b64" in line:
            event = json.loads(line[len("data: ") :])
            event["partial_image_b64"] = base64.b64encode(partial).decode("ascii")
            line = "data: " + json.dumps(event)
        lines.append(line)
    return "\n".join(lines).encode("utf-8")


def test_a_partial_is_shown_small_and_one_that_is_no_picture_not_at_all(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The partial was decoded whole on the UI thread by Qt's guessing loader (an SVG
    partial from a relay was parsed and drawn; anything unreadable showed an empty box);
    it is decoded and sized on the worker now, only as a raster picture."""
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    shown: list[QPixmap] = []
    set_pixmap = panel.preview.setPixmap
    monkeypatch.setattr(panel.preview, "setPixmap", lambda p: (shown.append(p), set_pixmap(p)))
    _say(qtbot, panel, "a harbour at noon", 1)
    body = _bodies(sandbox)[0]
    assert body["stream"] is True
    assert len(shown) == 1 and not shown[0].isNull()
    assert shown[0].height() / shown[0].devicePixelRatio() == panel.preview.height() == 96

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect/></svg>'
    sandbox.inject(
        Fault(
            path="/responses",
            status=200,
            body=_stream_with_partial(sandbox, body, svg),
            content_type="text/event-stream",
        )
    )
    shown.clear()
    visible: list[bool] = []
    monkeypatch.setattr(panel.preview, "show", lambda: visible.append(True))
    panel.new_thread()
    _say(qtbot, panel, "a castle", 1)
    assert shown == [] and visible == []
    assert not panel.turn_items()[0].icon().isNull()  # the turn itself came through
