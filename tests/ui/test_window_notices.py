"""Trouble shows in one place and one style: the error bar over the result, with the
button that deals with it; never a passing status-bar line or a raw log line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio.jobs.queue import JobState
from studio.sandbox.faults import Fault
from tests.ui.test_window import type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def _generate(qtbot: QtBot, window: MainWindow) -> object:
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def _plain(window: MainWindow) -> str:
    return window.error_bar.text.text()


def test_a_failed_job_shows_the_banner_and_its_retry_runs_it_again(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "dall-e-2")
    window.compose.params.set_values({"size": "256x256"})
    type_prompt(qtbot, window, "a kite over the dunes")
    sandbox.inject(
        Fault(status=400, body={"error": {"message": "the upstream refused", "type": "x"}})
    )
    job = _generate(qtbot, window)
    assert job.state is JobState.FAILED  # type: ignore[attr-defined]
    bar = window.error_bar
    assert bar.isVisible() and bar.retry_button.isVisible()
    assert "the upstream refused" in _plain(window)
    assert "Traceback" not in _plain(window) and "HTTP/" not in _plain(window)
    assert window.statusBar().currentMessage() == ""
    sent = len(sandbox.requests)
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as again:
        qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    assert len(sandbox.requests) > sent  # the same request went again
    retried = again.args[0]
    assert retried.state is JobState.DONE
    assert retried.request.prompt == job.request.prompt  # type: ignore[attr-defined]
    assert not bar.isVisible()


def test_a_refused_prompt_offers_to_edit_it_and_the_button_does(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "dall-e-2")
    window.compose.params.set_values({"size": "256x256"})
    type_prompt(qtbot, window, "something the filter refuses")
    sandbox.inject(
        Fault(
            status=400,
            body={"error": {"message": "rejected by safety", "code": "moderation_blocked"}},
        )
    )
    _generate(qtbot, window)
    bar = window.error_bar
    assert bar.isVisible() and bar.action_button.isVisible()
    assert bar.action_button.text() == "Edit the prompt"
    window.viewer.setFocus()
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    editor = window.compose.prompt.text
    qtbot.waitUntil(editor.hasFocus)
    assert editor.textCursor().selectedText() == "something the filter refuses"


def test_an_unreadable_input_is_said_in_the_banner(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "holiday.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    window.compose.inputs.add_files([broken])
    bar = window.error_bar
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    assert "holiday.png" in _plain(window)
    assert "Input images" in _plain(window)
    assert window.statusBar().currentMessage() == ""
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()


def test_settings_that_cannot_be_saved_offer_to_try_again(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio
) -> None:
    target = studio_ctx.paths.settings_file
    folder = target.parent
    away = folder.with_name(folder.name + ".away")
    folder.rename(away)
    folder.write_text("a file where the settings folder belongs")  # writing them fails
    window.save_settings_async()
    bar = window.error_bar
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    assert "The settings could not be saved" in _plain(window)
    assert bar.action_button.isVisible() and bar.action_button.text() == "Try again"
    assert window.statusBar().currentMessage() == ""
    folder.unlink()  # the trouble is gone: Try again saves them
    away.rename(folder)
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.is_file, timeout=10_000)
    QApplication.processEvents()
    assert not bar.isVisible()
