"""Saved, exported, dragged and copied files: pattern names, parameters, provenance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QMouseEvent,
)
from PySide6.QtWidgets import QApplication, QFileDialog

from studio.core.metadata_read import read_metadata_file
from studio.core.request import ImageRequest, Mode
from studio.core.result import GeneratedImage, ImageResult
from studio.core.saving import SaveMode, save_into
from studio.ui.settings_dialog import SettingsDialog
from studio.ui.settings_from_file import SettingsFromFileDialog
from tests.core import metadata_samples as samples
from tests.core.history.history_helpers import generate_request, generated
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow


def _job(window: MainWindow, images: list[GeneratedImage], prompt: str = "a small otter") -> int:
    store = window.studio.history
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request(prompt)
    )
    store.finish_job(job, ImageResult(images=images))
    return job


def test_dragged_tiles_are_files_named_by_the_pattern_with_parameters(
    qtbot: QtBot, window: MainWindow
) -> None:
    job = _job(window, [generated((200, 10, 10)), generated((10, 200, 10))])
    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()
    model = gallery.model
    qtbot.waitUntil(lambda: len(model.rows_of_job(job)) == 2, timeout=10_000)
    indexes = [model.index(r) for r in model.rows_of_job(job)]

    mime = model.mimeData(indexes)
    files = [Path(u.toLocalFile()) for u in mime.urls()]
    assert [f.name.split("_", 1)[1] for f in files] == [
        f"{job}_a-small-otter-01.png",
        f"{job}_a-small-otter-02.png",
    ]
    for f in files:
        found = read_metadata_file(f).settings
        assert found is not None and found.prompt == "a small otter"

    # drag in: the files land in the edit inputs, bytes as dragged
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    compose.set_mode(Mode.EDIT)
    target = compose.inputs.list.viewport()
    spot = target.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    for event in (
        QDragEnterEvent(spot, copy, mime, buttons, keys),
        QDragMoveEvent(spot, copy, mime, buttons, keys),
        QDropEvent(QPointF(spot), copy, mime, buttons, keys),
    ):
        QApplication.sendEvent(target, event)
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 2, timeout=10_000)
    sent = compose.build_request().images
    # each file loads on its own worker; they still arrive in the order dropped
    assert [img.data for img in sent] == [f.read_bytes() for f in files]

    # "as original" in the settings: the dragged copies are the provider's bytes
    window.studio.settings.file_pattern = "{job}-{n}.{ext}"
    window.studio.settings.save_metadata = SaveMode.ORIGINAL.value
    window._apply_file_options()
    again = [Path(u.toLocalFile()) for u in model.mimeData(indexes).urls()]
    record = window.studio.history.get_job(job)
    assert record is not None
    assert [p.name for p in again] == [f"{job}-01.png", f"{job}-02.png"]
    assert [p.read_bytes() for p in again] == [i.path.read_bytes() for i in record.images]


def test_viewer_saves_a_history_image_with_parameters_and_tells_about_credentials(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed = samples.c2pa_png()
    job = _job(window, [GeneratedImage(signed, "png", 24, 16)], prompt="雪中的红狐")
    record = window.studio.history.get_job(job)
    assert record is not None
    stored = record.images[0].path
    window.open_image(str(stored))
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.current is not None, timeout=10_000)
    assert "content credentials (C2PA)" in viewer.info.text()

    target = tmp_path / "mine"
    starts: list[str] = []

    def answer(_parent: object, _title: str, start: str, filters: str) -> tuple[str, str]:
        starts.append(start)
        return str(target), filters.split(";;")[0]  # the first offered: with parameters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    with qtbot.waitSignal(viewer.saved, timeout=10_000) as said:
        viewer.save_as()  # the job is looked up off the UI thread first
    assert Path(starts[0]).name.endswith(f"_{job}_雪中的红狐.png")
    assert "no longer verify" in said.args[0]
    found = read_metadata_file(tmp_path / "mine.png")
    assert found.settings is not None and found.settings.prompt == "雪中的红狐"
    assert found.credentials  # the chunk is still there, though it no longer verifies
    assert stored.read_bytes() == signed  # the original is untouched

    viewer.copy_image()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasImage() and [u.toLocalFile() for u in mime.urls()] == [str(stored)]


def test_settings_show_the_pattern_preview_and_store_the_choices(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    dialog = SettingsDialog(studio_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    files = dialog.files
    files.pattern.clear()
    qtbot.keyClicks(files.pattern, "{model}-{prompt-slug}")
    assert files.preview.text() == (
        "For example: gpt-image-2.6-sunburst-a-red-fox-in-the-snow-watercolour.png"
    )
    files.pattern.clear()
    qtbot.keyClicks(files.pattern, "{colour}")
    assert "{colour} is not a field" in files.preview.text()
    files.pattern.setText("{job}_{prompt-slug}")
    files.mode.setCurrentIndex(files.mode.findData("stripped"))
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    saved = json.loads(studio_ctx.paths.settings_file.read_text("utf-8"))
    assert saved["file_pattern"] == "{job}_{prompt-slug}"
    assert saved["save_metadata"] == "stripped"


def _dialog(qtbot: QtBot, window: MainWindow) -> SettingsFromFileDialog:
    qtbot.waitUntil(lambda: window.from_file.dialog is not None, timeout=10_000)
    dialog = window.from_file.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_save_with_parameters_then_open_gives_the_composer_the_same_settings(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    store = window.studio.history
    request = ImageRequest(
        mode=Mode.GENERATE,
        model="gpt-image-2.6-sunburst",
        prompt="雪中的红狐, watercolour",
        params={"size": "1024x1536", "quality": "high", "n": 1},
    )
    job = store.start_job(provider_id="sandbox", provider_name="Sandbox", request=request)
    record = store.finish_job(job, ImageResult(images=[generated((5, 5, 200))]))
    saved = save_into(tmp_path, record, record.images[0])

    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    compose.prompt.set_prompt("something else")
    window.from_file.open(str(saved.path))
    dialog = _dialog(qtbot, window)
    text = dialog.summary.text()
    assert "Read from: Image Studio" in text
    assert "Model: gpt-image-1 → gpt-image-2.6-sunburst" in text
    assert "Prompt: something else → 雪中的红狐, watercolour" in text
    assert dialog.use_button is not None
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert compose.model() == "gpt-image-2.6-sunburst"
    assert compose.prompt.prompt() == "雪中的红狐, watercolour"
    values = compose.params.values()
    assert values["size"] == "1024x1536" and values["quality"] == "high"
    assert compose.build_request().params["size"] == "1024x1536"


def test_an_automatic1111_png_dropped_on_the_viewer_offers_what_the_model_takes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "a1111.png"
    path.write_bytes(samples.a1111_png())
    compose = window.compose
    choose(compose.model_box, "gpt-image-2.6-sunburst")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    target = window.viewer
    spot = target.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(spot, copy, mime, buttons, keys)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(spot), copy, mime, buttons, keys))
    dialog = _dialog(qtbot, window)
    text = dialog.summary.text()
    assert "Read from: AUTOMATIC1111" in text
    assert "Prompt:" in text and "a lighthouse at dusk" in text
    # the model is not one the studio knows, and this model takes no negative prompt
    assert "Model: v1-5-pruned-emaonly" in text and "Negative prompt: blurry, lowres" in text
    assert dialog.use_button is not None
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert compose.prompt.prompt() == "masterpiece, a lighthouse at dusk, (oil painting:1.2)"
    assert compose.model() == "gpt-image-2.6-sunburst"


def test_an_image_without_settings_says_so_and_can_become_an_input(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "plain.png"
    path.write_bytes(samples.png())
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    window.from_file.open(str(path))
    dialog = _dialog(qtbot, window)
    assert "carries no settings the studio reads" in dialog.summary.text()
    assert dialog.use_button is None
    qtbot.mouseClick(dialog.input_button, Qt.MouseButton.LeftButton)
    assert compose.mode is Mode.EDIT
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    assert compose.build_request().images[0].data == path.read_bytes()


def test_the_viewer_drags_its_image_out_as_a_pattern_named_file(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _job(window, [generated((9, 90, 200))], prompt="blue hour")
    record = window.studio.history.get_job(job)
    assert record is not None
    window.open_image(str(record.images[0].path))
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.looked_up is not None, timeout=10_000)
    dragged: list[QMimeData] = []

    def fake_exec(drag: QDrag, *_args: object) -> Qt.DropAction:
        dragged.append(drag.mimeData())
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    handle = viewer.drag_button
    assert handle.isEnabled()
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    far = start + QPoint(QApplication.startDragDistance() + 5, 0)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(far),
        QPointF(handle.mapToGlobal(far)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(handle, move)
    assert len(dragged) == 1
    (url,) = dragged[0].urls()
    path = Path(url.toLocalFile())
    assert path.is_file() and path.name.endswith(f"_{job}_blue-hour.png")
    found = read_metadata_file(path).settings
    assert found is not None and found.prompt == "blue hour"


def test_open_dialogs_start_in_pictures_then_where_the_last_file_came_from(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.ui import save_files

    chosen = tmp_path / "photos" / "cat.png"
    chosen.parent.mkdir()
    chosen.write_bytes(samples.png())
    starts: list[str] = []

    def answer(_parent: object, _title: str, start: str, _filter: str) -> tuple[list[str], str]:
        starts.append(start)
        return [str(chosen)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(answer))
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    compose.set_mode(Mode.EDIT)
    compose.inputs.choose_files()
    compose.inputs.choose_files()
    assert starts[0] == str(save_files.pictures_folder()) and Path(starts[0]).is_dir()
    assert Path(starts[0]) != Path.cwd()
    assert starts[1] == str(chosen.parent)


def test_inputs_loaded_out_of_order_are_added_in_the_order_given(window: MainWindow) -> None:
    panel = window.compose.inputs
    arrived: list[str] = []
    panel._turns[:] = [101, 102, 103]
    panel._in_turn(103, lambda: arrived.append("third"))
    panel._in_turn(102, lambda: arrived.append("second"))
    assert arrived == []  # the first is still loading
    panel._in_turn(101, lambda: arrived.append("first"))
    assert arrived == ["first", "second", "third"] and panel._turns == []


def test_an_image_from_a_provider_not_set_up_here_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    store = window.studio.history
    request = ImageRequest(
        mode=Mode.GENERATE,
        model="gpt-image-2.6-sunburst",
        prompt="a lantern in the fog",
        params={"size": "1024x1536"},
    )
    job = store.start_job(provider_id="oldrelay", provider_name="Old relay", request=request)
    record = store.finish_job(job, ImageResult(images=[generated((9, 90, 9))]))
    saved = save_into(tmp_path, record, record.images[0])
    assert "oldrelay" not in window.studio.providers()
    compose = window.compose
    before = compose.provider()
    window.from_file.open(str(saved.path))
    dialog = _dialog(qtbot, window)
    text = dialog.summary.text()
    assert "made on the provider oldrelay, which is not set up here" in text
    assert dialog.use_button is not None
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert compose.provider() == before
    assert compose.prompt.prompt() == "a lantern in the fog"
