"""The history as a new user meets it: every returned image, opened where it can be seen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from studio.core.request import Mode
from studio.jobs.queue import JobState
from tests.ui.test_window import choose, type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def test_n_identical_images_show_n_times_in_the_history(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "dall-e-3")
    n = window.compose.params.widget_for("n")
    assert isinstance(n, QSpinBox)
    n.setValue(4)
    type_prompt(qtbot, window, "four identical foxes")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = window.queue.jobs[-1]
    assert job.state is JobState.DONE and len(job.images) == 4
    assert len(sandbox.requests) == 4  # one image per request
    assert len({r.image.data for r in job.images}) == 1  # the sandbox answered alike
    record = window.studio.history.get_job(int(job.history_id or 0))
    assert record is not None and len(record.images) == 4
    gallery = window.gallery
    assert gallery is not None
    model = gallery.model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(model.rows_of_job(record.id)) == 4, timeout=10_000)


def test_opening_a_history_image_shows_it_even_from_the_mask_tab(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    compose.set_mode(Mode.EDIT)
    source = tmp_path / "input.png"
    Image.new("RGB", (48, 40), "blue").save(source)
    compose.inputs.add_files([source])
    qtbot.waitUntil(lambda: window.right_tabs.currentIndex() == window.mask_tab, timeout=10_000)
    saved = tmp_path / "saved.png"
    Image.new("RGB", (30, 20), "green").save(saved)
    gallery = window.gallery
    assert gallery is not None
    gallery.open_image.emit(str(saved))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.viewer.current is not None, timeout=10_000)
    assert window.right_tabs.currentWidget() is window.viewer
    assert window.viewer.isVisible()
    current = window.viewer.current
    assert current is not None and (current.image.width, current.image.height) == (30, 20)


def test_opening_a_failed_job_says_why_and_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    from studio.core.errors import ErrorKind, StudioError
    from studio.core.request import ImageRequest
    from tests.ui.gallery.test_gallery import select_job

    history = window.studio.history
    job = history.start_job(
        provider_id="sandbox",
        provider_name="Sandbox",
        request=ImageRequest(Mode.GENERATE, "gpt-image-2.6-sunburst", "a dragon eating a knight"),
    )
    history.fail_job(
        job,
        StudioError(
            ErrorKind.PROVIDER,
            "Your request was rejected by the safety system.",
            status=400,
            code="moderation_blocked",
        ),
    )
    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()  # type: ignore[attr-defined]
    model = gallery.model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(model.rows_of_job(job)), timeout=10_000)
    bar = window.error_bar
    assert not bar.isVisible()
    select_job(qtbot, gallery, job)  # type: ignore[arg-type]
    qtbot.keyClick(gallery.view, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    text = bar.text.text()
    assert "Blocked by the content filter" in text
    assert "rejected by the safety system" in text and "rephrasing the prompt" in text
    assert bar.action_button.isVisible() and bar.action_button.text() == "Retry"
    sent = len(window.queue.jobs)
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.queue.jobs) == sent + 1, timeout=10_000)
    assert window.queue.jobs[-1].request.prompt == "a dragon eating a knight"
