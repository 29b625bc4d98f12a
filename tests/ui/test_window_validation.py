"""Generate in the window: the compose panel's check is the only one the request gets."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

import studio.core.validation as validation
from studio.core.capabilities import ModelCaps
from studio.core.errors import Problem
from studio.core.request import ImageRequest
from studio.jobs.queue import JobState
from tests.ui.test_window import type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow


def test_generate_sends_the_request_the_panel_checked_without_checking_again(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "a checked request")
    threads: list[str] = []
    real = validation.validate

    def counting(request: ImageRequest, caps: ModelCaps) -> list[Problem]:
        threads.append(threading.current_thread().name)
        return real(request, caps)

    monkeypatch.setattr(validation, "validate", counting)
    emitted: list[object] = []
    window.compose.generate_requested.connect(lambda _p, valid: emitted.append(valid))
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    # the very request the panel checked went to the job, and the job path did not check it
    assert emitted == [job.validated] and job.validated.request is job.request
    # once, on the UI thread, when Generate was pressed; never on the job's worker
    assert threads == [threading.main_thread().name]
