"""A studio GIF or SVG carries its settings back into the window: "Use settings from
an image" (its file dialog offers GIF and SVG), a drop on the viewer, Save as with
parameters; a drawing with its parameters renders the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QFileDialog

from studio.core.metadata_read import read_metadata_file
from studio.core.request import ImageRequest, Mode
from studio.core.saving import SaveMode, save_into
from tests.ui.test_files_ui import _dialog
from tests.ui.test_window import choose, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.history.models import JobRecord
    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow

MODEL = "gpt-image-2.6-flare"


def _sandbox_job(window: MainWindow, provider: Provider, fmt: str, prompt: str) -> JobRecord:
    params: dict[str, object] = {"size": "1024x1024", "output_format": fmt}
    if fmt == "gif":
        params.update(frame_count=3, frame_duration_ms=110)
    outcome = window.studio.run_job(
        provider, ImageRequest(Mode.GENERATE, MODEL, prompt, params), source="cli"
    )
    assert outcome.error is None and outcome.record is not None, outcome.error
    return outcome.record


def _offer_the_model(window: MainWindow, provider: Provider) -> None:
    """The sandbox provider set up to offer MODEL too, the composer on gpt-image-1."""
    window.studio.settings.upsert_provider(replace(provider, models=(*provider.models, MODEL)))
    use_sandbox(window, provider, "gpt-image-1")


def test_use_settings_from_a_studio_gif_fills_the_composer(
    qtbot: QtBot,
    window: MainWindow,
    sandbox_provider: Provider,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = _sandbox_job(window, sandbox_provider, "gif", "三只跳舞的狐狸, looping")
    saved = save_into(tmp_path, record, record.images[0])
    assert saved.mode is SaveMode.PARAMETERS and saved.path.suffix == ".gif"
    _offer_the_model(window, sandbox_provider)
    compose = window.compose
    compose.prompt.set_prompt("something else")
    asked: list[str] = []

    def answer(_parent: object, _title: str, _start: str, filt: str) -> tuple[str, str]:
        asked.append(filt)
        return str(saved.path), filt

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert asked and "*.gif" in asked[0] and "*.svg" in asked[0]
    dialog = _dialog(qtbot, window)
    text = dialog.summary.text()
    assert "Read from: Image Studio" in text
    assert f"Model: gpt-image-1 → {MODEL}" in text, text
    assert dialog.use_button is not None
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert compose.model() == MODEL
    assert compose.prompt.prompt() == "三只跳舞的狐狸, looping"
    values = compose.params.values()
    assert values["output_format"] == "gif" and values["frame_count"] == 3
    assert compose.build_request().params["frame_duration_ms"] == 110


def test_a_studio_svg_dropped_on_the_viewer_fills_the_composer(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, tmp_path: Path
) -> None:
    record = _sandbox_job(window, sandbox_provider, "svg", "a lighthouse drawn in lines")
    saved = save_into(tmp_path, record, record.images[0])
    assert saved.mode is SaveMode.PARAMETERS and saved.path.suffix == ".svg"
    _offer_the_model(window, sandbox_provider)
    compose = window.compose
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(saved.path))])
    target = window.viewer
    spot = target.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(spot, copy, mime, buttons, keys)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(spot), copy, mime, buttons, keys))
    dialog = _dialog(qtbot, window)
    assert "Read from: Image Studio" in dialog.summary.text()
    assert dialog.use_button is not None
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert compose.model() == MODEL and compose.prompt.prompt() == "a lighthouse drawn in lines"
    assert compose.params.values()["output_format"] == "svg"


def _render(data: bytes) -> QImage:
    renderer = QSvgRenderer(data)
    assert renderer.isValid()
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def test_a_drawing_with_its_parameters_renders_the_same(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, tmp_path: Path
) -> None:
    record = _sandbox_job(window, sandbox_provider, "svg", 'a red kite, <bold> & "bright"')
    original = record.images[0].path.read_bytes()
    saved = save_into(tmp_path, record, record.images[0]).path.read_bytes()
    assert saved != original and b"<metadata>" in saved
    assert _render(saved) == _render(original)
    assert _render(original).pixelColor(128, 128).alpha() == 255  # it did draw something


def test_save_as_offers_a_history_gif_with_parameters(
    qtbot: QtBot,
    window: MainWindow,
    sandbox_provider: Provider,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = _sandbox_job(window, sandbox_provider, "gif", "a spinning top")
    window.open_image(str(record.images[0].path))
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.current is not None, timeout=10_000)
    target = tmp_path / "mine"
    offered: list[str] = []

    def answer(_parent: object, _title: str, _start: str, filters: str) -> tuple[str, str]:
        offered.extend(filters.split(";;"))
        return str(target), offered[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    with qtbot.waitSignal(viewer.saved, timeout=10_000):
        viewer.save_as()
    assert offered[0] == "With parameters (*.gif)"
    found = read_metadata_file(tmp_path / "mine.gif").settings
    assert found is not None and found.prompt == "a spinning top" and found.model == MODEL
    choose(window.compose.model_box, MODEL)  # the model is still offered


def _qt_frames(data: bytes) -> list[tuple[bytes, int]]:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"gif")
    out = []
    for _ in range(reader.imageCount()):
        image = reader.read().convertToFormat(QImage.Format.Format_ARGB32)
        out.append((bytes(image.constBits()), reader.nextImageDelay()))
    return out


def test_a_gif_with_its_parameters_plays_the_same_in_qt(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, tmp_path: Path
) -> None:
    record = _sandbox_job(window, sandbox_provider, "gif", "a bouncing ball")
    original = record.images[0].path.read_bytes()
    saved = save_into(tmp_path, record, record.images[0]).path.read_bytes()
    assert saved != original
    frames = _qt_frames(saved)
    assert len(frames) == 3 and frames == _qt_frames(original)
