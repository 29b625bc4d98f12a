"""GIF and SVG jobs in the gallery: filtered by format, GIFs play on hover, SVGs get thumbnails."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from studio.core.history import HistoryStore
from studio.core.paths import resolve_paths
from studio.core.responses import parse_images_response
from studio.core.result import ImageResult
from studio.ui.gallery import GalleryDock
from tests.core.history.history_helpers import generate_request
from tests.core.imagebytes import b64, gif, png
from tests.core.svgcorpus import FRIENDLY


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths())
    yield s
    s.close()


def _add(store: HistoryStore, prompt: str, data: bytes, fmt: str) -> int:
    body = json.dumps({"data": [{"b64_json": b64(data)}], "output_format": fmt}).encode()
    image = parse_images_response(body).images[0]
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request(prompt)
    )
    store.finish_job(job, ImageResult(images=[image]))
    return job


@pytest.fixture
def dock(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> Iterator[GalleryDock]:
    ids = {
        "png": _add(store, "a still", png(32, 32), "png"),
        "gif": _add(store, "a moving fox", gif(frames=4, duration=60, size=32), "gif"),
        "svg": _add(store, "a drawn fox", FRIENDLY, "svg"),
    }
    d = GalleryDock(store, thumbs_dir=tmp_path / "thumbs")
    d.setProperty("job_ids", ids)
    qtbot.addWidget(d)
    d.resize(900, 700)
    d.show()
    qtbot.waitExposed(d)
    qtbot.waitUntil(lambda: not d.busy() and d.model.rowCount() == 3, timeout=10_000)
    yield d
    d.shutdown()


def _row_of(d: GalleryDock, suffix: str) -> int:
    for row in range(d.model.rowCount()):
        if (d.model.item(row).path or "").endswith(suffix):
            return row
    raise AssertionError(f"no {suffix} tile")


def test_the_format_filter_shows_only_that_format(qtbot: QtBot, dock: GalleryDock) -> None:
    combo = dock.filters.format
    for fmt in ("gif", "svg", "png"):
        combo.setCurrentIndex(combo.findData(fmt))
        qtbot.waitUntil(
            lambda fmt=fmt: (
                not dock.busy()
                and dock.model.rowCount() == 1
                and (dock.model.item(0).path or "").endswith(f".{fmt}")
            ),
            timeout=10_000,
        )
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not dock.busy() and dock.model.rowCount() == 3, timeout=10_000)


def test_a_gif_plays_while_hovered_and_stops_after(qtbot: QtBot, dock: GalleryDock) -> None:
    row = _row_of(dock, ".gif")
    path = dock.model.item(row).path
    hover = dock.hover
    assert hover.frame_for(path) is None
    frames: list[QColor] = []
    hover.hover(dock.model.index(row))
    for _ in range(3):
        with qtbot.waitSignal(hover.frame_changed, timeout=5000):
            pass
        pix = hover.frame_for(path)
        assert pix is not None and not pix.isNull()
        frames.append(pix.toImage().pixelColor(2, 2))
    assert len({c.rgb() for c in frames}) >= 2  # different frames were painted
    hover.hover(dock.model.index(_row_of(dock, ".png")))  # a still: nothing plays
    assert hover.movie is None and hover.frame_for(path) is None


def test_an_svg_gets_a_rasterised_thumbnail(qtbot: QtBot, dock: GalleryDock) -> None:
    path = dock.model.item(_row_of(dock, ".svg")).path
    assert path is not None
    qtbot.waitUntil(lambda: dock.thumbs.pixmap(path) is not None, timeout=10_000)
    image = dock.thumbs.pixmap(path).toImage()  # type: ignore[union-attr]
    assert not dock.thumbs.is_broken(path)
    left = image.pixelColor(image.width() // 8, image.height() // 2)
    right = image.pixelColor(image.width() * 7 // 8, image.height() // 2)
    assert (left.red(), left.blue()) == (255, 0) and (right.red(), right.blue()) == (0, 255)


def test_copy_image_of_an_svg_tile_gives_its_text_and_a_checked_raster(
    qtbot: QtBot, dock: GalleryDock
) -> None:
    from PySide6.QtGui import QGuiApplication

    from studio.ui.result_formats import SVG_MIME

    QGuiApplication.clipboard().clear()
    dock.view.setCurrentIndex(dock.model.index(_row_of(dock, ".svg")))
    dock.actions_.copy_image.trigger()
    clip = QGuiApplication.clipboard()
    assert bytes(clip.mimeData().data(SVG_MIME).data()) == FRIENDLY
    assert clip.mimeData().hasImage()


def test_qt_never_guesses_a_format_for_result_bytes() -> None:
    from studio.jobs.decoding import decode

    # Qt's plugins read SVG and PDF too; the fallback decoder takes known rasters only
    assert decode(FRIENDLY).isNull()
    assert decode(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n").isNull()
    assert not decode(png(4, 4)).isNull()
