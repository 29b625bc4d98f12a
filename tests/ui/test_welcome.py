"""The first start shows what the studio does and one click that tries it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.core.providers import Provider
from studio.jobs.queue import JobState
from tests.ui.test_window import use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def test_one_click_on_the_welcome_makes_a_picture_and_the_welcome_steps_aside(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider)
    window.resize(1366, 736)
    window.show()
    qtbot.waitExposed(window)
    welcome = window.viewer.welcome
    assert welcome.isVisible()
    assert "Generate" in welcome.body.text()
    view = window.viewer.view
    # inside the empty result view, whole
    assert view.rect().contains(welcome.geometry())
    assert window.compose.prompt.prompt() == ""

    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(welcome.button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    assert window.compose.prompt.prompt() == welcome.example_prompt()
    assert not window.viewer.view.image().isNull()
    assert not welcome.isVisible()
    # the job's row: its Cancel and Retry carry icons and say what they do
    rows = [row for _item, row in window.jobs._rows.values()]
    assert rows
    for row in rows:
        for button in (row.cancel_button, row.retry_button):
            assert not button.icon().isNull() and button.toolTip()
