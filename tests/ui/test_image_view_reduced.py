"""A picture shown well under its size (a 1024 px result fitted into the window at
1366x768) is averaged down, not sampled: thin lines and small text stay readable. The
sandbox's Chinese prompt drawn on its pictures broke up into specks at fit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

from studio.ui.image_view import ImageView
from tests.ui.line_pictures import thin_lines

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def _mean_grey(view: ImageView) -> float:
    """Across the middle row, inside the picture (it fills the square view at fit)."""
    shot = view.grab().toImage()
    y = shot.height() // 2
    values = [QColor(shot.pixel(x, y)).red() for x in range(16, shot.width() - 16)]
    return sum(values) / len(values)


def test_a_picture_at_a_quarter_size_is_averaged_not_sampled(qtbot: QtBot) -> None:
    view = ImageView()
    qtbot.addWidget(view)
    view.resize(256, 256)
    view.show()
    qtbot.waitExposed(view)
    view.set_image(thin_lines())
    assert view.scale <= 0.26 * view.devicePixelRatioF()
    # a quarter of the pixels are white: about a quarter grey everywhere (sampling every
    # fourth column hit only the black ones, or only the lines)
    assert 40 <= _mean_grey(view) <= 90, _mean_grey(view)
    view.actual_size()  # at 100 % the lines are drawn as they are
    qtbot.wait(10)
    shot = view.grab().toImage()
    values = {QColor(shot.pixel(x, 128)).red() for x in range(60, 200)}
    assert values == {0, 255}, values
