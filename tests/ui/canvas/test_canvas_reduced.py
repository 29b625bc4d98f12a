"""The mask and markup canvas zoomed out under half size (a 1024 px picture fitted in
the Edit tab at 1366×768) draws the picture averaged down, not sampled: thin lines and
small text stay readable. The sandbox's Chinese prompt on the picture being edited
broke up into specks; at 100 % the picture is drawn as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

from studio.ui.canvas import MaskCanvas
from tests.ui.line_pictures import thin_lines

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def _middle_row(canvas: MaskCanvas, left: int, right: int) -> list[int]:
    shot = canvas.grab().toImage()
    y = shot.height() // 2
    return [QColor(shot.pixel(x, y)).red() for x in range(left, right)]


def test_a_picture_zoomed_out_is_averaged_not_sampled(qtbot: QtBot) -> None:
    canvas = MaskCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(256, 256)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.load_image(thin_lines())
    assert canvas.view.scale < 0.5
    values = _middle_row(canvas, 40, 216)  # inside the fitted picture
    mean = sum(values) / len(values)
    # a quarter of the pixels are white: about a quarter grey (sampling every fourth
    # column hit only the black ones)
    assert 40 <= mean <= 90, mean
    assert all(20 <= v <= 140 for v in values), values  # no column black or white
    canvas.actual_size()  # at 100 % the lines are drawn as they are
    qtbot.wait(10)
    assert set(_middle_row(canvas, 40, 216)) == {0, 255}
