"""The main window by keyboard alone: Space presses the focused button (it played the
viewer's animation from anywhere in the window), and Tab reaches a job's Cancel from
the jobs list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from studio.ui.result_viewer import ResultViewer, load_result_file
from tests.core.imagebytes import gif

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def _tab(qtbot: QtBot, field: QWidget) -> QWidget | None:
    """Put the focus in ``field`` (as Tab would), press Tab there: the focus after."""
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_space_on_generate_generates(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    compose.prompt.set_prompt("a fox")
    qtbot.waitUntil(compose.generate_button.isEnabled)
    button = compose.generate_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(window.queue.jobs) == 1, timeout=5_000)


def test_space_in_the_viewer_presses_its_buttons_and_plays_on_the_picture(
    qtbot: QtBot, tmp_path: Path
) -> None:
    viewer = ResultViewer()
    qtbot.addWidget(viewer)
    viewer.resize(640, 480)
    viewer.show()
    qtbot.waitExposed(viewer)
    path = tmp_path / "a.gif"
    path.write_bytes(gif(frames=4, duration=120))
    viewer.show_file(load_result_file(str(path)))
    bar = viewer.animation
    assert bar.playing and viewer.view.fitted
    button = viewer.actual_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert not viewer.view.fitted and bar.playing  # 100 %, and it plays on
    viewer.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(viewer.view.hasFocus)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Space)
    assert not bar.playing


def test_tab_goes_from_the_jobs_list_to_a_running_jobs_cancel(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """The row's Cancel comes right after the list (it came after the whole history)."""
    sandbox.latency = 5.0
    window.reload_providers(current=sandbox_provider.id)
    window.compose.model_box.setCurrentIndex(window.compose.model_box.findData("gpt-image-1"))
    window.compose.prompt.set_prompt("a fox")
    qtbot.waitUntil(window.compose.generate_button.isEnabled)
    qtbot.keyClick(
        window.compose.prompt.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: len(window.queue.jobs) == 1)
    job = window.queue.jobs[0]
    row = window.jobs.row_for(job)
    assert row is not None
    qtbot.waitUntil(row.cancel_button.isVisible)
    assert _tab(qtbot, window.jobs.list) is row.cancel_button
    with qtbot.waitSignal(row.cancel_clicked, timeout=2000):
        qtbot.keyClick(row.cancel_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    assert job.token.cancelled
