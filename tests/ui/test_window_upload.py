"""Choosing paiwo-picture leads to the Upload panel: a file or a URL goes up, the id and
URL come back with Copy buttons, and past uploads stay listed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow


def test_the_upload_model_leads_to_an_upload_panel(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, tmp_path: Path
) -> None:
    compose = window.compose
    window.reload_providers(current="sandbox")
    choose(compose.model_box, "gpt-image-1")
    panel = window.upload_panel
    assert not panel.isVisible() and compose.generate_button.isVisible()
    choose(compose.model_box, "paiwo-picture")
    assert panel.isVisible()
    assert not compose.generate_button.isVisible() and not compose.modes.isVisible()
    assert not compose.prompt.isVisible()

    picture = tmp_path / "still.png"
    Image.new("RGB", (64, 48), "orange").save(picture)
    qtbot.keyClicks(panel.source, str(picture))
    qtbot.mouseClick(panel.upload_button, Qt.MouseButton.LeftButton)
    assert panel.progress.isVisible()  # under way
    qtbot.waitUntil(lambda: bool(panel.img_id.text()), timeout=20_000)
    assert not panel.progress.isVisible()
    img_id, img_url = panel.img_id.text(), panel.img_url.text()
    assert img_url.startswith("http")
    qtbot.mouseClick(panel.copy_id, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == img_id
    qtbot.mouseClick(panel.copy_url, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == img_url
    assert panel.past.count() == 1 and img_id in panel.past.item(0).text()

    choose(compose.model_box, "gpt-image-1")  # back to making images
    assert not panel.isVisible() and compose.generate_button.isVisible()

    from studio.ui.main_window import MainWindow

    again = MainWindow(studio_ctx)
    qtbot.addWidget(again)
    assert again.upload_panel.past.count() == 1  # past uploads are kept


def test_a_missing_file_is_said_plainly(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.reload_providers(current="sandbox")
    choose(window.compose.model_box, "paiwo-picture")
    panel = window.upload_panel
    qtbot.keyClicks(panel.source, str(tmp_path / "nope.png"))
    qtbot.mouseClick(panel.upload_button, Qt.MouseButton.LeftButton)
    assert "is not a file" in panel.status.text()
    assert "color" in panel.status.styleSheet()
    assert panel.img_id.text() == ""
