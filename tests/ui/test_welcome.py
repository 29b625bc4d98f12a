"""The first start shows what the studio does and one click that tries it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.core.providers import Provider
from studio.core.result import ImageResult
from studio.jobs.queue import JobState
from studio.ui.main_window import MainWindow
from tests.core.history.history_helpers import generate_request, generated
from tests.ui.test_window import use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio


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


def _started(qtbot: QtBot, studio: Studio) -> MainWindow:
    """A window as a start makes it: shown, and its gallery made and counted."""
    window = MainWindow(studio)
    qtbot.addWidget(window)
    _shown(qtbot, window)
    return window


def _shown(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.gallery_slot.gallery is not None, timeout=10_000)
    gallery = window.gallery
    assert gallery is not None
    qtbot.waitUntil(lambda: gallery.count_label.text() != "", timeout=10_000)


def test_a_returning_user_with_a_history_is_not_welcomed_again(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, studio_ctx: Studio
) -> None:
    use_sandbox(window, sandbox_provider)
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
        qtbot.mouseClick(window.viewer.welcome.button, Qt.MouseButton.LeftButton)
    window.close()

    again = MainWindow(studio_ctx)  # the next start
    qtbot.addWidget(again)
    # decided before the first paint, without asking the history: no welcome that flashes
    assert not again.viewer.welcome.isVisibleTo(again.viewer)
    _shown(qtbot, again)
    assert again.viewer.job is None and again.viewer.current is None  # an empty result view
    assert not again.viewer.welcome.isVisible()
    again.close()


def test_jobs_made_elsewhere_hide_the_welcome_once_the_history_is_counted(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    # a job the command line made: the window has not seen the history yet
    store = studio_ctx.history
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request("an otter")
    )
    store.finish_job(job, ImageResult(images=[generated()]))

    first = _started(qtbot, studio_ctx)
    qtbot.waitUntil(lambda: not first.viewer.welcome.isVisible(), timeout=5_000)
    first.close()
    again = MainWindow(studio_ctx)  # and the next start knows it before the first paint
    qtbot.addWidget(again)
    assert not again.viewer.welcome.isVisibleTo(again.viewer)
    again.close()


def test_an_empty_history_keeps_the_welcome_after_a_restart(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    first = _started(qtbot, studio_ctx)
    assert first.viewer.welcome.isVisible()
    first.close()
    again = _started(qtbot, studio_ctx)
    assert again.viewer.welcome.isVisible()
    again.close()
