"""GIF and SVG results in the viewer: playing, stepping, vector drawing, copy, save, Edit this."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QByteArray, QPointF
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from studio.jobs.queue import ResultImage
from studio.ui.result_formats import GIF_MIME, SVG_MIME
from studio.ui.result_viewer import ResultViewer, load_result_file
from tests.core.imagebytes import gif
from tests.core.svgcorpus import FRIENDLY, hostile

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def _viewer(qtbot: QtBot) -> ResultViewer:
    viewer = ResultViewer()
    qtbot.addWidget(viewer)
    viewer.resize(640, 480)
    viewer.show()
    qtbot.waitExposed(viewer)
    return viewer


def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _colour(image: QImage, x: int, y: int) -> tuple[int, int, int]:
    c = QColor(image.pixel(x, y))
    return c.red(), c.green(), c.blue()


def test_a_gif_plays_and_steps_frame_by_frame(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = _viewer(qtbot)
    viewer.show_file(load_result_file(_file(tmp_path, "a.gif", gif(frames=4, duration=120))))
    bar = viewer.animation
    assert bar.isVisible() and bar.frame_count == 4
    assert bar.timing.durations == (120, 120, 120, 120)
    assert "of 4" in bar.label.text() and "120 ms" in bar.label.text()
    assert bar.playing and bar.movie is not None
    seen: set[int] = set()
    for _ in range(4):
        with qtbot.waitSignal(bar.movie.frameChanged, timeout=5000) as blocker:
            pass
        seen.add(int(blocker.args[0]))  # type: ignore[index]
    assert len(seen) >= 2  # the movie really advances
    bar.toggle_play()
    assert not bar.playing
    start = bar.current_frame()
    bar.next_button.click()
    assert bar.current_frame() == (start + 1) % 4
    bar.prev_button.click()
    bar.prev_button.click()
    assert bar.current_frame() == (start - 1) % 4
    # each frame has its own colour (see tests.core.imagebytes.gif): the view shows it
    shown = viewer.view.image()
    assert _colour(shown, 2, 2) == _colour(bar.current_image(), 2, 2)


def test_edit_this_on_a_gif_offers_the_frame_on_show_as_png(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = _viewer(qtbot)
    viewer.show_file(load_result_file(_file(tmp_path, "a.gif", gif(frames=3))))
    viewer.animation.toggle_play()
    viewer.animation.step(1)
    viewer.animation.step(1)
    frame = viewer.animation.current_image()
    with qtbot.waitSignal(viewer.use_as_input) as blocker:
        viewer.edit_button.click()
    still: ResultImage = blocker.args[0]  # type: ignore[index]
    assert still.image.format == "png" and still.image.data.startswith(b"\x89PNG")
    decoded = QImage.fromData(still.image.data)
    assert _colour(decoded, 3, 3) == _colour(frame, 3, 3)
    assert _colour(decoded, 3, 3) != _colour(load_result_file(str(tmp_path / "a.gif")).qimage, 3, 3)


def test_a_gif_is_saved_and_copied_unchanged(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = gif(frames=5)
    viewer = _viewer(qtbot)
    viewer.show_file(load_result_file(_file(tmp_path, "a.gif", data)))
    target = tmp_path / "out" / "saved.gif"
    target.parent.mkdir()
    asked: list[str] = []

    def answer(_parent: object, _title: str, start: str, filt: str) -> tuple[str, str]:
        asked.append(filt)
        return str(target), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    viewer.save_as()
    qtbot.waitUntil(target.exists, timeout=5000)
    # a file from outside the history has no parameters to add: as original comes first
    assert target.read_bytes() == data
    assert asked[0].split(";;")[0] == "As original, content credentials kept (*.gif)"
    viewer.copy_image()
    mime = QGuiApplication.clipboard().mimeData()
    assert bytes(mime.data(GIF_MIME).data()) == data
    assert mime.hasImage()


def test_an_svg_from_outside_the_history_is_saved_as_received(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = _viewer(qtbot)
    viewer.show_file(load_result_file(_file(tmp_path, "d.svg", FRIENDLY)))
    target = tmp_path / "out" / "saved.svg"
    target.parent.mkdir()
    asked: list[str] = []

    def answer(_parent: object, _title: str, start: str, filt: str) -> tuple[str, str]:
        asked.append(filt)
        return str(target), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    viewer.save_as()
    qtbot.waitUntil(target.exists, timeout=5000)
    assert target.read_bytes() == FRIENDLY
    assert asked[0].split(";;")[0] == "As original, content credentials kept (*.svg)"


def test_an_svg_is_drawn_as_a_vector_sharp_at_any_zoom(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = _viewer(qtbot)
    result = load_result_file(_file(tmp_path, "d.svg", FRIENDLY))
    assert result.refusal is None and result.vector is not None
    assert (result.qimage.width(), result.qimage.height()) == (40, 20)
    assert _colour(result.qimage, 5, 10) == (255, 0, 0)
    assert _colour(result.qimage, 35, 10) == (0, 0, 255)
    viewer.show_file(result)
    assert viewer.view.vector is not None and not viewer.animation.isVisible()
    view = viewer.view
    assert view.vector is not None
    box = view.vector.viewBoxF()
    # zoom in around the left quarter of the drawing (x = 10 of 40: inside the red half)
    before = view._target_rect(view._offset)
    anchor = QPointF(before.x() + before.width() / 4, before.y() + before.height() / 2)
    view.zoom_by(16.0, anchor)
    grab = view.grab().toImage()
    dpr = grab.devicePixelRatio()
    target = view._target_rect(view._offset)
    seam = target.x() + target.width() / 2  # x = 20 of the drawing: red | blue
    assert target.width() > view.width() and view.width() / 2 < seam < view.width() - 4
    y = int(anchor.y() * dpr)
    # the seam is where the zoomed drawing puts it, not where the whole drawing would be
    assert _colour(grab, int((seam - 3) * dpr), y) == (255, 0, 0)
    assert _colour(grab, int((seam + 3) * dpr), y) == (0, 0, 255)
    assert _colour(grab, int(view.width() / 2 * dpr), y) == (255, 0, 0)
    assert view.vector.viewBoxF() == box  # the renderer is left as it was
    assert "SVG" in viewer.info.text()


def test_copying_an_svg_gives_its_text_and_a_raster(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = _viewer(qtbot)
    viewer.show_file(load_result_file(_file(tmp_path, "d.svg", FRIENDLY)))
    viewer.copy_image()
    mime = QGuiApplication.clipboard().mimeData()
    assert bytes(mime.data(SVG_MIME).data()) == FRIENDLY
    assert mime.text() == FRIENDLY.decode()
    assert mime.hasImage()


def test_edit_this_on_an_svg_rasterises_it_as_png(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = _viewer(qtbot)
    viewer.show_file(load_result_file(_file(tmp_path, "d.svg", FRIENDLY)))
    with qtbot.waitSignal(viewer.use_as_input) as blocker:
        viewer.edit_button.click()
    still: ResultImage = blocker.args[0]  # type: ignore[index]
    decoded = QImage.fromData(QByteArray(still.image.data))
    assert still.image.format == "png" and (decoded.width(), decoded.height()) == (40, 20)
    assert _colour(decoded, 30, 10) == (0, 0, 255)


def test_a_refused_svg_shows_a_placeholder_with_the_reason_and_keeps_its_bytes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    doc = hostile("http://127.0.0.1:9")["script"]
    path = _file(tmp_path, "bad.svg", doc)
    viewer = _viewer(qtbot)
    result = load_result_file(path)
    assert result.vector is None and result.refusal is not None
    viewer.show_file(result)
    assert viewer.view.vector is None
    assert "<script>" in viewer.view.note and "<script>" in viewer.info.text()
    assert Path(path).read_bytes() == doc == result.image.data


def test_the_jobs_list_plays_a_gif_result(qtbot: QtBot) -> None:
    from studio.core.providers import Provider
    from studio.core.request import ImageRequest, Mode
    from studio.core.responses import image_from_bytes
    from studio.jobs.queue import Job, JobState, result_for
    from studio.ui.jobs_panel import JobRow

    job = Job(
        1,
        Provider(id="sandbox", name="Sandbox", base_url="http://127.0.0.1:9/v1"),
        ImageRequest(Mode.GENERATE, "gpt-image-2.6-flare", "a fox", {"output_format": "gif"}),
    )
    job.images.append(result_for(image_from_bytes(gif(frames=3, duration=40))))
    job.state = JobState.DONE
    row = JobRow(job)
    qtbot.addWidget(row)
    row.show()
    row.refresh()
    assert row.movie is not None and row.thumb.movie() is row.movie
    with qtbot.waitSignal(row.movie.frameChanged, timeout=5000):
        pass
    assert row.movie.frameCount() == 3


def test_a_gif_or_svg_result_used_as_an_input_goes_in_as_a_still_png(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from studio.ui.inputs_panel import InputsPanel

    panel = InputsPanel()
    qtbot.addWidget(panel)
    panel.add_files([Path(_file(tmp_path, "moving.gif", gif(frames=3)))], stills=True)
    panel.add_files([Path(_file(tmp_path, "drawing.svg", FRIENDLY))], stills=True)
    qtbot.waitUntil(lambda: len(panel.entries()) == 2, timeout=10_000)
    first, second = (e.image for e in panel.entries())
    assert first.filename == "moving.png" and first.data.startswith(b"\x89PNG")
    assert second.filename == "drawing.png" and second.data.startswith(b"\x89PNG")
    drawn = QImage.fromData(QByteArray(second.data))
    assert _colour(drawn, 5, 10) == (255, 0, 0) and _colour(drawn, 35, 10) == (0, 0, 255)
    with qtbot.waitSignal(panel.notice, timeout=10_000) as blocker:
        bad = _file(tmp_path, "bad.svg", hostile("http://127.0.0.1:9")["script"])
        panel.add_files([Path(bad)], stills=True)
    assert "<script>" in blocker.args[0]  # type: ignore[index]
    assert len(panel.entries()) == 2


def test_use_as_edit_input_from_the_history_turns_a_gif_into_its_first_frame(
    qtbot: QtBot, window: object, tmp_path: Path
) -> None:
    from studio.core.request import Mode
    from studio.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.use_file(_file(tmp_path, "03.gif", gif(frames=4)), Mode.EDIT)
    inputs = window.compose.inputs
    qtbot.waitUntil(lambda: len(inputs.entries()) == 1, timeout=10_000)
    image = inputs.entries()[0].image
    assert image.filename == "03.png" and image.data.startswith(b"\x89PNG")


def test_a_job_update_does_not_restart_a_playing_gif(qtbot: QtBot) -> None:
    from studio.core.providers import Provider
    from studio.core.request import ImageRequest, Mode
    from studio.core.responses import image_from_bytes
    from studio.jobs.queue import Job, result_for

    job = Job(
        1,
        Provider(id="sandbox", name="Sandbox", base_url="http://127.0.0.1:9/v1"),
        ImageRequest(Mode.GENERATE, "gpt-image-2.6-flare", "a fox", {"output_format": "gif"}),
    )
    job.images.append(result_for(image_from_bytes(gif(frames=5, duration=40))))
    viewer = _viewer(qtbot)
    viewer.show_job(job)
    movie = viewer.animation.movie
    assert movie is not None
    with qtbot.waitSignal(movie.frameChanged, timeout=5000):
        pass
    viewer.show_job(job)  # the job changed (finished, saved): the same image stays on
    assert viewer.animation.movie is movie and viewer.animation.playing
