"""Closing the window while a job runs asks first; the draft and the composer come back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from studio.core.request import Mode
from studio.jobs.queue import JobState
from studio.sandbox.faults import Fault
from tests.ui.test_window import choose, type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def quits_on_last_window() -> Iterator[None]:
    yield
    QApplication.setQuitOnLastWindowClosed(True)


def start_slow_job(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, provider: Provider, delay: float
) -> None:
    sandbox.inject(Fault(action="slow", delay=delay))
    use_sandbox(window, provider)
    type_prompt(qtbot, window, "a lighthouse at dusk")
    qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(sandbox.requests) > 0, timeout=10_000)


def ask_to_close(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    assert window.close() is False, "the window closed with a job running"
    assert window.isVisible()
    box = window.findChild(QMessageBox, "closeWhileRunning")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "1 job is still running" in box.text()
    return box


def test_closing_while_a_job_runs_asks_and_wait_keeps_the_result(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    start_slow_job(qtbot, window, sandbox, sandbox_provider, delay=1.5)
    job = window.queue.jobs[-1]
    ask_to_close(qtbot, window)
    button = window.close_guard.wait_button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert job.running and window.isVisible()  # still there while it runs
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert job.state is JobState.DONE and job.images
    assert job.history_id is not None


def test_run_in_background_hides_the_window_and_finishes_the_job(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    start_slow_job(qtbot, window, sandbox, sandbox_provider, delay=1.5)
    job = window.queue.jobs[-1]
    ask_to_close(qtbot, window)
    button = window.close_guard.background_button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and job.running
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert job.state is JobState.DONE and job.images
    history = window.studio.history.list_jobs()
    assert any(r.prompt == "a lighthouse at dusk" for r in history)


def test_cancel_choice_cancels_and_closes(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    start_slow_job(qtbot, window, sandbox, sandbox_provider, delay=30)
    job = window.queue.jobs[-1]
    ask_to_close(qtbot, window)
    button = window.close_guard.cancel_button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    assert job.state is JobState.CANCELLED


def test_escape_keeps_the_window_and_the_job(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    start_slow_job(qtbot, window, sandbox, sandbox_provider, delay=30)
    job = window.queue.jobs[-1]
    box = ask_to_close(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.close_guard.box is None)
    assert window.isVisible() and job.running
    ask_to_close(qtbot, window)  # and asks again next time


def reopen(qtbot: QtBot, studio: Studio) -> MainWindow:
    from studio.ui.main_window import MainWindow

    again = MainWindow(studio)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    return again


def test_the_draft_and_the_composer_come_back_after_a_restart(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "gpt-image-1")
    window.compose.set_mode(Mode.EDIT)
    quality = window.compose.params.widget_for("quality")
    assert isinstance(quality, QComboBox)
    choose(quality, "high")
    type_prompt(qtbot, window, "a draft never sent")
    assert window.close()
    again = reopen(qtbot, studio_ctx)
    assert again.compose.prompt.prompt() == "a draft never sent"
    assert again.compose.provider().id == sandbox_provider.id  # type: ignore[union-attr]
    assert again.compose.model() == "gpt-image-1"
    assert again.compose.mode is Mode.EDIT
    quality = again.compose.params.widget_for("quality")
    assert isinstance(quality, QComboBox) and quality.currentData() == "high"


def test_the_draft_is_kept_when_closing_cancels_a_job(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
) -> None:
    start_slow_job(qtbot, window, sandbox, sandbox_provider, delay=30)
    editor = window.compose.prompt.text
    editor.selectAll()
    qtbot.keyClicks(editor, "the next idea")
    ask_to_close(qtbot, window)
    button = window.close_guard.cancel_button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    again = reopen(qtbot, studio_ctx)
    assert again.compose.prompt.prompt() == "the next idea"


def test_switching_back_to_a_model_restores_its_options(
    window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "gpt-image-1")
    quality = window.compose.params.widget_for("quality")
    assert isinstance(quality, QComboBox)
    choose(quality, "low")
    choose(window.compose.model_box, "dall-e-3")
    hd = window.compose.params.widget_for("quality")
    assert isinstance(hd, QComboBox)
    choose(hd, "hd")
    choose(window.compose.model_box, "gpt-image-1")
    quality = window.compose.params.widget_for("quality")
    assert isinstance(quality, QComboBox) and quality.currentData() == "low"
    choose(window.compose.model_box, "dall-e-3")
    hd = window.compose.params.widget_for("quality")
    assert isinstance(hd, QComboBox) and hd.currentData() == "hd"


def test_closing_while_a_conversation_turn_runs_asks_and_wait_keeps_the_turn(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    """A turn in flight was not asked about: the window closed at once and the turn (sent,
    so billed) was lost when the studio quit."""
    from tests.ui.test_conversation_tab import _aim, _talk_provider

    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    sandbox.inject(Fault(path="/responses", action="slow", delay=1.5))
    qtbot.keyClicks(panel.composer, "a castle")
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(sandbox.requests) > 0, timeout=10_000)
    ask_to_close(qtbot, window)
    button = window.close_guard.wait_button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert [r.prompt for r in studio_ctx.history.list_jobs()] == ["a castle"]
    assert studio_ctx.history.list_jobs()[0].status == "succeeded"


def test_stop_ends_a_conversation_turn_and_closing_then_asks_nothing(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    from tests.ui.test_conversation_tab import _aim, _talk_provider

    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    sandbox.inject(Fault(path="/responses", action="slow", delay=30))
    qtbot.keyClicks(panel.composer, "a castle")
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(sandbox.requests) > 0, timeout=10_000)
    assert panel.stop_button.isVisible()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.stop_button.isVisible(), timeout=10_000)
    assert panel.send_button.isEnabled() and panel.retry_button.isVisible()
    assert window.close() is True
    assert window.findChild(QMessageBox, "closeWhileRunning") is None


def test_the_status_bar_counts_a_conversations_turns_with_the_jobs(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    """A turn on its way said "Jobs: 0 running" in the status bar while closing said one
    was still running; the turns are counted as the jobs are."""
    from tests.ui.test_conversation_tab import _aim, _say, _talk_provider

    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a castle", 1)
    assert window.status_jobs.text() == "Jobs: 0 running · 1 finished · 0 failed"
    sandbox.inject(Fault(path="/responses", action="slow", delay=30))
    qtbot.keyClicks(panel.composer, "at night")
    qtbot.keyClick(panel.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.status_jobs.text().startswith("Jobs: 1 running"))
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            window.status_jobs.text() == "Jobs: 0 running · 1 finished · 0 failed · 1 cancelled"
        ),
        timeout=10_000,
    )
