"""A picture of more pixels than the viewer decodes is shown reduced; "Edit this" then
reads the input from its file, never from the reduced picture (whose mask would be
of another size than the image sent)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import Qt

from studio.ui.result_viewer import load_result_file

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def test_edit_this_on_a_picture_shown_reduced_takes_the_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "wide.png"
    Image.new("RGB", (8000, 4500), (30, 120, 200)).save(path)  # 36 MP: over what is shown
    result = load_result_file(str(path))
    assert result.qimage.devicePixelRatio() == 0.5 and result.image.width == 8000
    window.viewer.show_file(result)
    qtbot.mouseClick(window.viewer.edit_button, Qt.MouseButton.LeftButton)
    inputs = window.compose.inputs
    qtbot.waitUntil(lambda: not inputs.busy() and len(inputs.entries()) == 1, timeout=30_000)
    (entry,) = inputs.entries()
    assert entry.image.data == path.read_bytes()
    assert entry.picture.width() == 8000 and entry.picture.devicePixelRatio() == 1
