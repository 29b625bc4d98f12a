"""Inputs from the history are named by the job they came from, so two jobs' ``01.png``
are told apart in the inputs list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.core.request import Mode
from studio.ui.i18n import set_language
from studio.ui.input_names import job_of_path, origin_name

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow


def _run(qtbot: QtBot, window: MainWindow, studio: Studio, prompt: str) -> tuple[int, Path]:
    from studio.jobs.queue import JobState

    compose = window.compose
    compose.prompt.set_prompt(prompt)
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    record = studio.history.get_job(int(job.history_id))
    assert record is not None
    return record.id, record.images[0].path


def test_two_jobs_01_png_are_told_apart_in_the_inputs(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.params.set_values({"size": "256x256"})
    first_id, first = _run(qtbot, window, studio_ctx, "a red lighthouse")
    second_id, second = _run(qtbot, window, studio_ctx, "a blue harbour")
    assert first.name == second.name == "01.png"  # the same file name in both jobs
    assert first_id != second_id
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    gallery = window.gallery
    assert gallery is not None
    # the history's "Use as Edit Input", once for each job's picture
    gallery.use_as_input.emit(str(first))
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    gallery.use_as_input.emit(str(second))
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 2, timeout=10_000)
    assert compose.mode is Mode.EDIT
    shown = [compose.inputs.list.item(i).text() for i in range(compose.inputs.list.count())]
    assert shown == [f"#{second_id} · 01.png", f"#{first_id} · 01.png"]  # the newest in front
    tips = [compose.inputs.list.item(i).toolTip() for i in range(2)]
    assert tips[0].startswith(f"#{second_id} · 01.png\n")
    # what is sent keeps the file's own name
    assert [i.filename for i in compose.build_request().images] == ["01.png", "01.png"]


def test_a_file_outside_the_history_keeps_its_own_name(tmp_path: Path) -> None:
    assert job_of_path(tmp_path / "2026-11-30" / "000017" / "01.png") == 17
    assert job_of_path(tmp_path / "holiday" / "000017" / "01.png") is None
    assert job_of_path(tmp_path / "2026-11-30" / "cats" / "01.png") is None
    assert job_of_path("01.png") is None
    assert origin_name("01.png", tmp_path / "2026-11-30" / "000017" / "01.png") == "#17 · 01.png"
    assert origin_name("cat.png", tmp_path / "cat.png") == "cat.png"


def test_the_job_number_form_is_translated(qapp: object, english: None) -> None:
    assert set_language("zh_CN")
    try:
        name = origin_name("01.png", Path("2026-11-30/000017/01.png"))
        assert name != "#17 · 01.png" and "17" in name and "01.png" in name
    finally:
        set_language("en")


def test_edit_this_names_the_input_as_the_history_does_in_the_language_of_the_moment(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.params.set_values({"size": "256x256"})
    job_id, _path = _run(qtbot, window, studio_ctx, "a red lighthouse")
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    qtbot.mouseClick(window.viewer.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    item = compose.inputs.list.item(0)
    assert item.text() == f"#{job_id} · 01.png"  # the same name "Use as Edit Input" gives
    assert set_language("zh_CN")
    try:
        assert item.text() == f"任务#{job_id} · 01.png"  # retranslated, and whole
    finally:
        assert set_language("en")
    assert item.text() == f"#{job_id} · 01.png"
