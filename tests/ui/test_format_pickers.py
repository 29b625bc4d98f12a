"""Output format GIF or SVG in the window: the pickers that apply, what they exclude, and
the job reaching the sandbox with exactly those fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from studio.core.gifs import gif_timing
from studio.core.request import Mode
from studio.jobs.queue import JobState
from studio.ui.object_picker import ObjectPicker
from tests.ui.test_window import choose, type_prompt

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def _use_2_6(window: MainWindow, sandbox: SandboxServer) -> None:
    from studio.core.providers import AuthStyle, Provider

    provider = Provider(
        id="formats",
        name="Formats",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=("gpt-image-2.6-flare",),
        default_model="gpt-image-2.6-flare",
        builtin=False,
    )
    window.studio.settings.upsert_provider(provider)
    window.reload_providers(current=provider.id)
    choose(window.compose.model_box, "gpt-image-2.6-flare")


def _shown(window: MainWindow, name: str) -> bool:
    widget = window.compose.params.widget_for(name)
    return widget is not None and not widget.isHidden()


def test_gif_shows_frames_and_hides_what_it_excludes(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    _use_2_6(window, sandbox)
    params = window.compose.params
    fmt = params.widget_for("output_format")
    assert isinstance(fmt, QComboBox)
    assert not _shown(window, "frame_count") and _shown(window, "stream")
    choose(fmt, "gif")
    assert _shown(window, "frame_count") and _shown(window, "frame_duration_ms")
    for gone in ("stream", "partial_images", "output_compression"):
        assert not _shown(window, gone), gone
    window.compose.set_mode(Mode.EDIT)
    assert not window.compose.mask_enabled()  # a GIF takes no mask
    window.compose.set_mode(Mode.GENERATE)  # the form is rebuilt; GIF is kept
    fmt = params.widget_for("output_format")
    assert isinstance(fmt, QComboBox) and fmt.currentData() == "gif"
    frames, duration = params.widget_for("frame_count"), params.widget_for("frame_duration_ms")
    assert isinstance(frames, QSpinBox) and isinstance(duration, QSpinBox)
    frames.setValue(4)
    duration.setValue(80)
    type_prompt(qtbot, window, "a spinning top")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    sent = sandbox.requests[-1].json()
    assert (sent["output_format"], sent["frame_count"], sent["frame_duration_ms"]) == (
        "gif",
        4,
        80,
    )
    assert "stream" not in sent and "output_compression" not in sent
    assert gif_timing(job.images[0].image.data).durations == (80,) * 4
    choose(fmt, "png")
    assert not _shown(window, "frame_count") and _shown(window, "stream")


def test_svg_offers_its_author_and_keeps_one_image(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    _use_2_6(window, sandbox)
    params = window.compose.params
    n = params.widget_for("n")
    assert isinstance(n, QSpinBox)
    n.setValue(3)
    choose(params.widget_for("output_format"), "svg")  # type: ignore[arg-type]
    assert n.value() == 1 and not n.isEnabled()
    picker = params.widget_for("svg")
    assert isinstance(picker, ObjectPicker) and _shown(window, "svg")
    author = picker.editors["model"]
    effort = picker.editors["reasoning.effort"]
    assert isinstance(author, QLineEdit) and isinstance(effort, QComboBox)
    qtbot.keyClicks(author, "gpt-5.1")
    choose(effort, "high")
    type_prompt(qtbot, window, "a lighthouse, flat colours")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    sent = sandbox.requests[-1].json()
    assert sent["svg"] == {"model": "gpt-5.1", "reasoning": {"effort": "high"}}
    assert sent.get("n", 1) == 1 and len(job.images) == 1
    assert job.images[0].image.format == "svg" and job.images[0].vector is not None
    choose(params.widget_for("output_format"), "png")  # type: ignore[arg-type]
    assert n.isEnabled() and not _shown(window, "svg")
