"""Undo on a 4096×4096 image: >= 100 steps, memory follows the touched area, exact restore."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from studio.ui.canvas import MaskCanvas, Tool
from studio.ui.canvas.commands import TILE, UNDO_LIMIT
from tests.ui.canvas.canvas_support import drag_image

SIZE = 4096


@pytest.fixture
def big(qtbot: QtBot) -> MaskCanvas:
    c = MaskCanvas()
    qtbot.addWidget(c)
    c.resize(500, 500)
    c.show()
    qtbot.waitExposed(c)
    img = QImage(SIZE, SIZE, QImage.Format.Format_RGB32)
    img.fill(QColor(90, 120, 150))
    c.load_image(img)
    return c


def test_hundred_strokes_store_only_what_they_touched(big: MaskCanvas) -> None:
    assert UNDO_LIMIT >= 100
    big.set_brush_size(48)
    bound_per_step = 0
    for i in range(100):
        x = 100 + (i % 10) * 400
        y = 100 + (i // 10) * 400
        pts = [(float(x), float(y)), (x + 120.0, y + 30.0), (x + 200.0, y + 90.0)]
        drag_image(big, pts)
        # the stroke's box, grown by the brush radius and rounded out to whole tiles
        w = 200 + 48 + 2 * TILE
        h = 90 + 48 + 2 * TILE
        bound_per_step = max(bound_per_step, 2 * w * h)
    assert big.undo_stack.count() == 100
    stored = big.undo_stored_bytes()
    # raw before+after copies of the touched tiles would be at most 100 * bound_per_step;
    # compressed they are far smaller, and nowhere near a full-image copy per step
    assert 0 < stored <= 100 * bound_per_step
    assert stored < 2 * SIZE * SIZE  # less than ONE before/after copy of the whole mask
    final = big.mask_bytes()
    for _ in range(100):
        big.undo_stack.undo()
    assert big.mask_is_empty()
    for _ in range(100):
        big.undo_stack.redo()
    assert big.mask_bytes() == final


def test_a_long_diagonal_stroke_stores_its_tiles_not_its_bounding_box(big: MaskCanvas) -> None:
    big.set_brush_size(32)
    drag_image(big, [(10.0, 10.0), (2000.0, 2000.0), (4080.0, 4080.0)])
    stored = big.undo_stored_bytes()
    assert stored < 2 * SIZE * SIZE // 20  # the bounding box is the whole image
    big.undo_stack.undo()
    assert big.mask_is_empty()


def test_whole_image_operations_are_cheap_to_keep(big: MaskCanvas) -> None:
    big.set_tool(Tool.RECT_FILL)
    drag_image(big, [(1000.0, 1000.0), (3000.0, 2500.0)])
    before = big.mask_bytes()
    big.invert_mask()
    big.fill_mask()
    big.clear_mask()
    big.clear_mask()  # nothing to clear: no step
    assert big.undo_stack.count() == 4
    assert big.undo_stored_bytes() < 2 * SIZE * SIZE // 50
    big.undo_stack.undo()
    big.undo_stack.undo()
    big.undo_stack.undo()
    assert big.mask_bytes() == before


def test_the_stack_is_bounded(qtbot: QtBot) -> None:
    # the limit does not depend on the image size: a small image keeps this quick
    c = MaskCanvas()
    qtbot.addWidget(c)
    img = QImage(64, 48, QImage.Format.Format_RGB32)
    img.fill(QColor(1, 2, 3))
    c.load_image(img)
    for i in range(UNDO_LIMIT + 5):
        qtbot.keyClick(c, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
        assert c.undo_stack.count() == min(i + 1, UNDO_LIMIT)
    assert c.mask_coverage() == 1.0  # an odd number of inverts
