"""The fault matrix through the window: a person types, picks, clicks Generate.

Every failure shows an explanation in the error bar, keeps the prompt, the
parameters, the input image and the mask in the editor, is recorded in
history, and the UI thread keeps running while the job waits (a QTimer keeps
firing).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QWidget

from studio.core.journal import Journal
from studio.core.providers import AuthStyle, Provider
from studio.core.request import Mode
from studio.jobs.queue import JobState
from tests.reliability.conftest import (
    MATRIX,
    MATRIX_IDS,
    PROMPT,
    FaultCase,
    closed_port,
    image_requests,
    write_inputs,
)

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def _choose(combo: QWidget | None, data: object) -> None:
    assert isinstance(combo, QComboBox)
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered"
    combo.setCurrentIndex(index)


#: a current model: the faults are the provider's, and a 404 on a model that has shut
#: down is (rightly) read as "shut down" rather than as an unknown model
GUI_MODEL = "gpt-image-2.6-flare"


def compose_job(
    qtbot: QtBot, window: MainWindow, studio: Studio, base_url: str, mode: str, folder: Path
) -> None:
    """Fill the editor as a person would: provider, model, mode, inputs, mask, params, prompt."""
    provider = Provider(
        id="rel-gui",
        name="Reliability sandbox",
        base_url=base_url,
        auth=AuthStyle.NONE,
        models=(GUI_MODEL,),
        default_model=GUI_MODEL,
        builtin=False,
    )
    studio.settings.upsert_provider(provider)
    window.reload_providers(current=provider.id)
    compose = window.compose
    _choose(compose.model_box, GUI_MODEL)
    if mode == "edit":
        compose.set_mode(Mode.EDIT)
        image, mask = write_inputs(folder)
        compose.inputs.add_files([image])
        qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
        qtbot.waitUntil(lambda: not compose.inputs.busy(), timeout=10_000)
        panel = compose.mask_panel
        assert panel is not None
        assert panel.import_mask_file(mask)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: compose.mask_image() is not None, timeout=10_000)
    _choose(compose.params.widget_for("size"), "1024x1024")
    _choose(compose.params.widget_for("quality"), "low")
    if mode == "stream":
        stream = compose.params.widget_for("stream")
        assert isinstance(stream, QCheckBox)
        stream.setChecked(True)
        partials = compose.params.widget_for("partial_images")
        assert isinstance(partials, QSpinBox)
        partials.setValue(1)
    editor = compose.prompt.text
    editor.setFocus()
    qtbot.keyClicks(editor, PROMPT)
    assert compose.can_generate(), compose.problems


@pytest.mark.slow
@pytest.mark.usefixtures("frozen_heap")
@pytest.mark.parametrize(("case", "mode"), MATRIX, ids=MATRIX_IDS)
def test_gui_fault(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    tmp_path: Path,
    case: FaultCase,
    mode: str,
) -> None:
    for fault in case.faults("/images/edits" if mode == "edit" else "/images/generations"):
        fault.delay = max(fault.delay, 0.3)  # the job is in flight long enough to watch the UI
        sandbox.inject(fault)
    if case.read_timeout is not None:
        studio_ctx.settings.read_timeout = case.read_timeout
    base_url = f"http://127.0.0.1:{closed_port()}/v1" if case.refused else sandbox.base_url
    compose_job(qtbot, window, studio_ctx, base_url, mode, tmp_path / "inputs")
    before = window.compose.build_request()

    ticks: list[int] = []
    timer = QTimer(window)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
        assert window.queue.jobs and window.queue.jobs[-1].state is JobState.RUNNING
    timer.stop()
    job = blocker.args[0]
    if not case.refused:
        assert len(ticks) >= 3, "the UI thread was blocked while the job ran"

    # nothing the person composed is lost
    after = window.compose.build_request()
    assert after.prompt == PROMPT and after == before
    if mode == "edit":
        assert len(after.images) == 1 and after.mask is not None
    assert image_requests(sandbox) == case.requests
    record = studio_ctx.history.get_job(int(job.history_id))
    assert record is not None and record.status == case.outcome and record.source == "gui"
    if case.outcome == "succeeded":
        assert job.state is JobState.DONE and record.images
        return
    assert job.state is JobState.FAILED
    assert job.error is not None and record.error is not None
    assert record.error.message == job.error.message
    for word in case.words:
        assert word in job.error.message.lower(), (word, job.error.message)
    qtbot.waitUntil(window.error_bar.isVisible, timeout=5_000)
    shown = html.unescape(window.error_bar.text.text())
    assert job.error.message.split(" (")[0][:40] in shown
    assert window.error_bar.retry_button.isVisible()
    if "retry_after" in case.extra:
        assert "Try again in 120 seconds" in shown
    assert len(Journal(studio_ctx.paths.journal_dir).pending()) == (1 if case.journaled else 0)
    if case.status == 401:
        from studio.ui.settings_dialog import SettingsDialog

        qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=5_000)
        dialog = window.findChild(SettingsDialog)
        assert dialog is not None
        dialog.reject()
    # still responsive: the window can run the next job at once
    sandbox.clear_faults()
    if not case.refused:
        with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as again:
            qtbot.mouseClick(window.error_bar.retry_button, Qt.MouseButton.LeftButton)
        assert again.args[0].state is JobState.DONE, again.args[0].error


def test_gui_n_split_keeps_the_images_that_arrived(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    """dall-e-3 with n=3, one of the three requests fails: two images are shown and kept."""
    import base64

    from studio.sandbox.faults import Fault
    from tests.core.imagebytes import png

    other = {"created": 1, "data": [{"b64_json": base64.b64encode(png(32, 32)).decode()}]}
    sandbox.inject(Fault(path="/images/generations", status=500, times=1))
    sandbox.inject(Fault(path="/images/generations", status=200, body=other, times=1))
    provider = Provider(
        id="rel-gui",
        name="Reliability sandbox",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=("dall-e-3",),
        default_model="dall-e-3",
        builtin=False,
    )
    studio_ctx.settings.upsert_provider(provider)
    window.reload_providers(current=provider.id)
    _choose(window.compose.model_box, "dall-e-3")
    n = window.compose.params.widget_for("n")
    assert isinstance(n, QSpinBox)
    n.setValue(3)
    window.compose.prompt.text.setFocus()
    qtbot.keyClicks(window.compose.prompt.text, "three foxes")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert image_requests(sandbox) == 3
    assert job.state is JobState.DONE and len(job.errors) == 1
    assert len(job.images) == 2
    record = studio_ctx.history.get_job(int(job.history_id))
    assert record is not None and len(record.images) == 2
    qtbot.waitUntil(window.error_bar.isVisible, timeout=5_000)
    assert "500" in html.unescape(window.error_bar.text.text())
    assert window.compose.prompt.prompt() == "three foxes"
