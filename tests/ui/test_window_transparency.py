"""Transparent results show on a checkerboard: viewer, jobs list and history."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox

from studio.core.result import GeneratedImage, ImageResult
from studio.jobs.queue import JobState
from tests.core.history.history_helpers import generate_request
from tests.ui.test_window import choose, type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow

WHITE, GREY = (255, 255, 255), (204, 204, 204)


def colours(image: QImage) -> set[tuple[int, int, int]]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    found = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            found.add((c.red(), c.green(), c.blue()))
    return found


def clear_png(size: int = 64) -> bytes:
    buf = io.BytesIO()
    Image.new("RGBA", (size, size), (0, 0, 0, 0)).save(buf, "PNG")
    return buf.getvalue()


def test_a_transparent_result_shows_a_checkerboard_in_the_viewer_and_the_jobs_list(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "gpt-image-1")
    background = window.compose.params.widget_for("background")
    assert isinstance(background, QComboBox)
    choose(background, "transparent")
    fmt = window.compose.params.widget_for("output_format")
    assert isinstance(fmt, QComboBox)
    choose(fmt, "png")
    type_prompt(qtbot, window, "a glass marble on nothing")
    with qtbot.waitSignal(window.queue.job_finished, timeout=30_000):
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = window.queue.jobs[-1]
    assert job.state is JobState.DONE and job.images[0].qimage.hasAlphaChannel()
    view = window.viewer.view
    qtbot.waitUntil(lambda: {WHITE, GREY} <= colours(view.grab().toImage()), timeout=5_000)
    row = window.jobs.row_for(job)
    assert row is not None
    thumb = row.thumb.pixmap()
    assert thumb is not None and {WHITE, GREY} <= colours(thumb.toImage())


def test_a_transparent_image_shows_a_checkerboard_in_the_history(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.studio.history
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request()
    )
    store.finish_job(job, ImageResult(images=[GeneratedImage(clear_png(), "png", 64, 64)]))
    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()  # type: ignore[attr-defined]
    model = gallery.model  # type: ignore[attr-defined]
    view = gallery.view  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(model.rows_of_job(job)) == 1, timeout=10_000)
    row = model.rows_of_job(job).start
    qtbot.waitUntil(lambda: model.thumbs.pixmap(model.item(row).path) is not None, timeout=10_000)
    view.viewport().update()
    qtbot.wait(50)
    rect = view.visualRect(model.index(row))
    middle = rect.center()
    # the middle of the picture (away from the caption and the model's band)
    tile = view.viewport().grab(rect).toImage()
    inner = tile.copy(middle.x() - rect.left() - 20, middle.y() - rect.top() - 20, 40, 40)
    assert {WHITE, GREY} <= colours(inner)
