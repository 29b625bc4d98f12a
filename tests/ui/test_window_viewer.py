"""The result viewer's picture: fit, 100 %, zoom at the cursor, drag to pan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from studio.ui.image_view import ImageView

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def make_view(qtbot: QtBot) -> ImageView:
    view = ImageView()
    qtbot.addWidget(view)
    view.resize(200, 150)
    view.show()
    qtbot.waitExposed(view)
    picture = QImage(400, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    view.set_image(picture)
    return view


def test_fit_and_actual_size(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    dpr = view.devicePixelRatioF()
    assert view.fitted
    assert abs(view.scale - 0.5 * dpr) < 1e-6
    view.actual_size()
    assert view.scale == 1.0 and not view.fitted
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton)  # double-click toggles back to fit
    assert view.fitted


def test_wheel_zoom_keeps_the_point_under_the_cursor(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    anchor = QPointF(50, 40)
    before = (anchor - view._offset) / view.scale
    view.zoom_by(2.0, anchor)
    after = (anchor - view._offset) / view.scale
    assert abs(before.x() - after.x()) < 1e-6 and abs(before.y() - after.y()) < 1e-6
    assert not view.fitted


def test_drag_pans(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    start = QPointF(view._offset)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(100, 75))
    qtbot.mouseMove(view, QPoint(130, 95))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(130, 95))
    moved = view._offset - start
    assert (round(moved.x()), round(moved.y())) == (30, 20)
