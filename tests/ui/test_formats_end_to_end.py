"""GIF and SVG jobs over real HTTP against the sandbox: stored as asked, shown as they are,
and the refusals that send nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor

from studio.core.errors import ErrorKind
from studio.core.events import JobOutcome
from studio.core.gifs import gif_timing
from studio.core.providers import Provider
from studio.core.request import ImageRequest, Mode
from studio.core.service import Studio
from studio.sandbox.animated import svg_colours
from studio.sandbox.server import SandboxServer
from studio.ui.result_viewer import ResultViewer, load_result_file

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

MODEL = "gpt-image-2.6-flare"


def _job(studio: Studio, provider: Provider, prompt: str, **params: object) -> JobOutcome:
    request = ImageRequest(Mode.GENERATE, MODEL, prompt, {"size": "1024x1024", **params})
    return studio.run_job(provider, request, source="cli")


def test_a_gif_job_stores_the_asked_frames_and_the_viewer_plays_them(
    qtbot: QtBot, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    outcome = _job(
        studio_ctx,
        sandbox_provider,
        "a dancing fox",
        output_format="gif",
        frame_count=6,
        frame_duration_ms=120,
    )
    assert outcome.error is None, outcome.error
    assert outcome.record is not None
    stored = outcome.record.images[0]
    assert stored.format == "gif" and stored.path.suffix == ".gif"
    assert gif_timing(stored.path.read_bytes()).durations == (120,) * 6
    viewer = ResultViewer()
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.show_file(load_result_file(str(stored.path)))
    movie = viewer.animation.movie
    assert movie is not None and viewer.animation.frame_count == 6
    numbers = []
    for _ in range(3):
        with qtbot.waitSignal(movie.frameChanged, timeout=5000) as blocker:
            pass
        numbers.append(blocker.args[0])  # type: ignore[index]
    assert len(set(numbers)) == 3  # it advances


def test_an_svg_job_stores_a_drawing_that_renders_to_the_expected_pixels(
    qtbot: QtBot, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    prompt = "a drawn fox"
    outcome = _job(
        studio_ctx,
        sandbox_provider,
        prompt,
        output_format="svg",
        svg={"model": "gpt-5.1", "reasoning": {"effort": "minimal"}},
    )
    assert outcome.error is None, outcome.error
    record = outcome.record
    assert record is not None and record.usage is not None
    stored = record.images[0]
    assert stored.format == "svg" and stored.path.suffix == ".svg"
    assert (stored.width, stored.height) == (1024, 1024)
    assert record.usage["svg_usage"]["model"] == "gpt-5.1"
    result = load_result_file(str(stored.path))
    assert result.refusal is None and result.vector is not None
    background, disc = (QColor(c) for c in svg_colours(prompt))
    picture = result.qimage
    assert picture.pixelColor(8, 8) == background  # the corner: the background
    assert picture.pixelColor(512, 512) == disc  # the centre: the disc


@pytest.mark.parametrize(
    "params",
    [
        {"output_format": "gif", "stream": True},
        {"output_format": "svg", "n": 2},
    ],
)
def test_refused_combinations_send_no_request(
    studio_ctx: Studio,
    sandbox_provider: Provider,
    sandbox: SandboxServer,
    params: dict[str, object],
) -> None:
    before = len(sandbox.requests)
    outcome = _job(studio_ctx, sandbox_provider, "a fox", **params)
    error = outcome.error
    assert error is not None and error.kind is ErrorKind.VALIDATION
    assert len(sandbox.requests) == before


def test_a_damaged_gif_file_is_shown_as_far_as_it_reads(qtbot: QtBot, tmp_path: Path) -> None:
    """A GIF whose last frame is cut short (dropped on the viewer, or opened from disk):
    Qt shows what it can read; the animation's timing gives up quietly."""
    from tests.core.test_gifs_damaged import _cut_descriptor

    path = tmp_path / "cut.gif"
    path.write_bytes(_cut_descriptor())
    viewer = ResultViewer()
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.show_file(load_result_file(str(path)))
    assert viewer.current is not None and viewer.current.image.format == "gif"
    assert viewer.animation.timing is not None and viewer.animation.timing.durations == ()
    assert not viewer.view.image().isNull()
