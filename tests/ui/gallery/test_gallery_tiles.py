"""History tiles read well (the prompt's first line, the model) and a notice is brief and
moves nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from studio.core.history import HistoryStore
from studio.core.result import ImageResult
from studio.ui.gallery import GalleryDock
from studio.ui.gallery.delegate import caption
from tests.core.history.history_helpers import generate_request, generated
from tests.ui.gallery.test_gallery import dock, settle, store

__all__ = ["dock", "store"]


def add(store: HistoryStore, prompt: str) -> int:
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request(prompt)
    )
    # a white picture: the model's band is the only dark thing on it
    store.finish_job(job, ImageResult(images=[generated((255, 255, 255))]))
    return job


def test_a_tile_is_captioned_with_the_prompts_first_line_and_shows_the_model(
    qtbot: QtBot,
    store: HistoryStore,
    dock: GalleryDock,
) -> None:
    job_id = add(store, "\n  a red fox in the snow  \nsecond line with details")
    dock.refresh()
    settle(qtbot, dock)
    record = store.get_job(job_id)
    assert record is not None
    assert caption(record) == "a red fox in the snow"
    qtbot.waitUntil(lambda: dock.model.rowCount() == 1, timeout=10_000)
    index = dock.model.index(0)
    rect = dock.view.visualRect(index)
    qtbot.waitUntil(lambda: dock.model.thumbs.pixmap(dock.model.item(0).path) is not None)
    dock.view.viewport().update()
    qtbot.wait(50)
    shot = dock.view.viewport().grab(rect).toImage()
    # the foot of the white picture carries the model on a dark band
    foot = shot.pixelColor(rect.width() // 2, rect.height() - 18)
    assert QColor(foot).lightness() < 128


@pytest.fixture
def fast_notices(dock: GalleryDock) -> Iterator[GalleryDock]:
    dock.notice_ms = 300
    yield dock


def test_a_notice_is_transient_and_moves_no_tile(
    qtbot: QtBot,
    fast_notices: GalleryDock,
) -> None:
    dock = fast_notices
    before = dock.view.geometry()
    dock._notify("Saved picture.png")
    assert dock.notice.text() == "Saved picture.png"
    assert dock.view.geometry() == before
    dock.undo_bar.show()  # the undo offer after a delete shares the same line
    qtbot.wait(20)
    assert dock.view.geometry() == before
    dock.undo_bar.hide()
    qtbot.waitUntil(lambda: dock.notice.text() == "", timeout=5_000)
    assert dock.view.geometry() == before
