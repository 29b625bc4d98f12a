"""The mask and markup canvas zoomed out under half size (a 1024 px picture fitted in
the Edit tab at 1366×768) draws the picture averaged down, not sampled: thin lines and
small text stay readable. The sandbox's Chinese prompt on the picture being edited
broke up into specks; at 100 % the picture is drawn as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QImage, QPainter

from studio.ui.canvas import MaskCanvas

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def _lines(size: int = 1024, every: int = 4) -> QImage:
    """Black, with a one-pixel white line every ``every`` columns (a quarter is white)."""
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))
    p = QPainter(image)
    p.setPen(QColor(255, 255, 255))
    for x in range(0, size, every):
        p.drawLine(x, 0, x, size - 1)
    p.end()
    return image


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
    canvas.load_image(_lines())
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
