"""MaskCanvas driven with the mouse and keyboard: exact mask pixels, undo, export, import."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from studio.ui.canvas import MaskCanvas, Tool, ViewMode
from tests.ui.canvas.canvas_support import (
    drag_image,
    drag_widget,
    make_test_png,
    mask_at,
    polyline_distance,
    send_mouse,
    source_rgb,
    wheel,
)

W, H = 200, 150


def pixel(canvas: MaskCanvas, x: int, y: int) -> QPoint:
    """The widget pixel showing the centre of image pixel (x, y)."""
    p = canvas.image_to_widget(QPointF(x + 0.5, y + 0.5))
    return QPoint(math.floor(p.x()), math.floor(p.y()))


@pytest.fixture
def image_path(tmp_path: Path) -> Path:
    return make_test_png(tmp_path / "photo.png", W, H)


@pytest.fixture
def canvas(qtbot: QtBot, image_path: Path) -> MaskCanvas:
    c = MaskCanvas()
    qtbot.addWidget(c)
    c.resize(420, 320)
    c.show()
    qtbot.waitExposed(c)
    c.load_image(image_path)
    return c


def check_stroke(data: bytes, pts: list[tuple[float, float]], size: float) -> None:
    """Every pixel whose centre is well inside the stroke is 255, every one well outside is 0."""
    r = size / 2
    inside = outside = 0
    for y in range(H):
        for x in range(W):
            d = polyline_distance(x + 0.5, y + 0.5, pts)
            v = mask_at(data, W, x, y)
            if d <= r - 1.5:
                assert v == 255, f"({x},{y}) at distance {d:.2f} should be painted"
                inside += 1
            elif d >= r + 1.5:
                assert v == 0, f"({x},{y}) at distance {d:.2f} should be untouched"
                outside += 1
            else:
                assert v in (0, 255)
    assert inside > 0 and outside > 0


@pytest.mark.parametrize("zoom", [1.0, 0.25, 3.0])
def test_brush_stroke_paints_exact_pixels_at_any_zoom(canvas: MaskCanvas, zoom: float) -> None:
    # zoom around the stroke's middle so the whole stroke stays on screen at 3x
    canvas.set_zoom(zoom, canvas.image_to_widget(QPointF(100, 75)))
    canvas.view.offset_x += 210 - canvas.image_to_widget(QPointF(100, 75)).x()
    canvas.view.offset_y += 160 - canvas.image_to_widget(QPointF(100, 75)).y()
    assert canvas.zoom() == zoom
    canvas.set_brush_size(16)
    pts = [(70.0, 60.0), (100.0, 70.5), (130.25, 90.0)] if zoom == 3.0 else []
    if zoom != 3.0:
        pts = [(30.0, 40.0), (100.0, 75.0), (170.5, 60.0), (160.0, 120.0)]
    assert canvas.mask_is_empty()
    drag_image(canvas, pts)
    data = canvas.mask_bytes()
    check_stroke(data, pts, 16)
    assert not canvas.mask_is_empty()
    assert 0 < canvas.mask_coverage() < 1
    assert canvas.undo_stack.count() == 1


def test_eraser_uses_its_own_size_and_right_button_erases(canvas: MaskCanvas) -> None:
    canvas.set_zoom(1.0)
    canvas.fill_mask()
    canvas.set_brush_size(10)
    canvas.set_eraser_size(30)
    canvas.set_tool(Tool.ERASER)
    assert canvas.current_size() == 30
    pts = [(40.0, 50.0), (120.0, 50.0)]
    drag_image(canvas, pts)
    data = canvas.mask_bytes()
    for y in range(H):
        for x in range(W):
            d = polyline_distance(x + 0.5, y + 0.5, pts)
            if d <= 13.5:
                assert mask_at(data, W, x, y) == 0
            elif d >= 16.5:
                assert mask_at(data, W, x, y) == 255
    # right button with the brush erases with the eraser size
    canvas.set_tool(Tool.BRUSH)
    drag_image(canvas, [(100.0, 110.0), (100.0, 111.0)], Qt.MouseButton.RightButton)
    data = canvas.mask_bytes()
    assert mask_at(data, W, 100, 110) == 0
    assert mask_at(data, W, 100 + 12, 110) == 0  # within eraser radius 15, outside brush's 5


def test_undo_restores_the_touched_rect_byte_for_byte_and_redo(canvas: MaskCanvas) -> None:
    canvas.set_zoom(1.0)
    canvas.set_brush_size(12)
    drag_image(canvas, [(20.0, 20.0), (60.0, 40.0)])
    first = canvas.mask_bytes()
    drag_image(canvas, [(50.0, 30.0), (150.0, 130.0), (180.0, 20.0)])
    second = canvas.mask_bytes()
    assert second != first
    changed: list[bytes] = []
    canvas.mask_changed.connect(lambda: changed.append(canvas.mask_bytes()))
    canvas.undo_stack.undo()
    assert canvas.mask_bytes() == first
    canvas.undo_stack.undo()
    assert canvas.mask_is_empty()
    canvas.undo_stack.redo()
    assert canvas.mask_bytes() == first
    canvas.undo_stack.redo()
    assert canvas.mask_bytes() == second
    assert len(changed) == 4
    # the overlay follows the mask through undo
    canvas.undo_stack.undo()
    canvas.undo_stack.undo()
    assert canvas.layer.overlay.pixelColor(40, 30).alpha() == 0


def test_keyboard_undo_redo(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_zoom(1.0)
    drag_image(canvas, [(100.0, 75.0), (110.0, 75.0)])
    painted = canvas.mask_bytes()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert canvas.mask_is_empty()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(canvas, Qt.Key.Key_Z, ctrl_shift)
    assert canvas.mask_bytes() == painted
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert canvas.mask_bytes() == painted


def test_rectangle_fill_and_erase(canvas: MaskCanvas) -> None:
    canvas.set_zoom(1.0)
    canvas.set_tool(Tool.RECT_FILL)
    drag_image(canvas, [(20.0, 30.0), (60.0, 50.0), (80.0, 90.0)])
    data = canvas.mask_bytes()
    for y in range(H):
        for x in range(W):
            assert mask_at(data, W, x, y) == (255 if 20 <= x < 80 and 30 <= y < 90 else 0)
    canvas.set_tool(Tool.RECT_ERASE)
    drag_image(canvas, [(70.0, 80.0), (40.0, 40.0)])  # dragged up-left
    data = canvas.mask_bytes()
    for y in range(H):
        for x in range(W):
            filled = 20 <= x < 80 and 30 <= y < 90
            erased = 40 <= x < 70 and 40 <= y < 80
            assert mask_at(data, W, x, y) == (255 if filled and not erased else 0)
    assert canvas.undo_stack.count() == 2


def test_lasso_fill_and_erase(canvas: MaskCanvas) -> None:
    canvas.set_zoom(0.5)
    canvas.set_tool(Tool.LASSO_FILL)
    # a triangle drawn in several moves
    tri = [(20.0, 20.0), (100.0, 20.0), (180.0, 20.0), (100.0, 140.0)]
    drag_image(canvas, tri)
    data = canvas.mask_bytes()

    def in_triangle(x: float, y: float) -> bool:
        # edges: y >= 20; left edge (20,20)-(100,140); right edge (180,20)-(100,140)
        left = (100 - 20) * (y - 20) - (140 - 20) * (x - 20)
        right = (100 - 180) * (y - 20) - (140 - 20) * (x - 180)
        return y >= 20 and left <= 0 and right >= 0

    for y in range(H):
        for x in range(W):
            cx, cy = x + 0.5, y + 0.5
            near_edge = any(
                in_triangle(cx + dx, cy + dy) != in_triangle(cx, cy)
                for dx, dy in ((-1.5, 0), (1.5, 0), (0, -1.5), (0, 1.5))
            )
            if not near_edge:
                assert mask_at(data, W, x, y) == (255 if in_triangle(cx, cy) else 0), (x, y)
    canvas.set_tool(Tool.LASSO_ERASE)
    drag_image(canvas, [(0.0, 0.0), (199.0, 0.0), (199.0, 60.0), (0.0, 60.0)])
    data = canvas.mask_bytes()
    assert all(mask_at(data, W, x, y) == 0 for y in range(59) for x in range(W))
    assert mask_at(data, W, 100, 100) == 255


def test_invert_clear_fill_with_keys_and_undo(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_zoom(1.0)
    canvas.set_tool(Tool.RECT_FILL)
    drag_image(canvas, [(10.0, 10.0), (50.0, 40.0)])
    before = canvas.mask_bytes()
    qtbot.keyClick(canvas, Qt.Key.Key_I, Qt.KeyboardModifier.ShiftModifier)
    inverted = canvas.mask_bytes()
    assert inverted == bytes(255 - b for b in before)
    qtbot.keyClick(canvas, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.mask_bytes() == before
    canvas.fill_mask()
    assert canvas.mask_coverage() == 1.0
    canvas.clear_mask()
    assert canvas.mask_is_empty()
    canvas.undo_stack.undo()
    assert canvas.mask_coverage() == 1.0
    canvas.undo_stack.undo()
    assert canvas.mask_bytes() == before
    canvas.undo_stack.undo()
    assert canvas.mask_bytes() == inverted


def test_brush_size_keys_and_ctrl_wheel(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(40)
    sizes: list[int] = []
    canvas.size_changed.connect(sizes.append)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.settings.brush_size > 40
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.settings.brush_size < 40
    zoom = canvas.zoom()
    small = canvas.settings.brush_size
    wheel(canvas, QPointF(100, 100), 2, Qt.KeyboardModifier.ControlModifier)
    assert canvas.settings.brush_size > small
    assert canvas.zoom() == zoom  # Ctrl+wheel sizes, it does not zoom
    assert sizes[-1] == canvas.settings.brush_size
    eraser = canvas.settings.eraser_size
    qtbot.keyClick(canvas, Qt.Key.Key_E)
    assert canvas.tool is Tool.ERASER
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.settings.eraser_size > eraser


def test_wheel_zoom_is_anchored_at_the_cursor(canvas: MaskCanvas) -> None:
    zooms: list[float] = []
    canvas.zoom_changed.connect(zooms.append)
    cursor = QPointF(123.0, 77.0)
    under = canvas.widget_to_image(cursor)
    before = canvas.zoom()
    wheel(canvas, cursor, 1, Qt.KeyboardModifier.NoModifier)
    assert canvas.zoom() == pytest.approx(before * 1.25)
    after = canvas.widget_to_image(cursor)
    assert (after.x(), after.y()) == pytest.approx((under.x(), under.y()))
    wheel(canvas, cursor, -2, Qt.KeyboardModifier.NoModifier)
    assert canvas.zoom() == pytest.approx(before / 1.25)
    assert zooms[-1] == canvas.zoom()


def test_fit_and_actual_size_keys(qtbot: QtBot, canvas: MaskCanvas) -> None:
    qtbot.keyClick(canvas, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom() == 1.0
    canvas.zoom_by(3.0)
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    # the 200x150 image fits in 420x320 at 100 % (fit never enlarges), centred
    assert canvas.zoom() == 1.0
    assert canvas.image_to_widget(QPointF(0, 0)) == QPointF(110, 85)


def test_space_drag_and_middle_drag_pan_without_painting(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_zoom(1.0)
    origin = canvas.image_to_widget(QPointF(0, 0))
    qtbot.keyPress(canvas, Qt.Key.Key_Space)
    drag_widget(canvas, [QPointF(200, 150), QPointF(230, 160)])
    qtbot.keyRelease(canvas, Qt.Key.Key_Space)
    assert canvas.image_to_widget(QPointF(0, 0)) == origin + QPointF(30, 10)
    drag_widget(canvas, [QPointF(200, 150), QPointF(190, 140)], Qt.MouseButton.MiddleButton)
    assert canvas.image_to_widget(QPointF(0, 0)) == origin + QPointF(20, 0)
    assert canvas.mask_is_empty()
    assert canvas.undo_stack.count() == 0


def test_export_has_image_size_binary_alpha_and_source_colours(
    canvas: MaskCanvas, image_path: Path
) -> None:
    canvas.set_zoom(1.0)
    canvas.set_tool(Tool.RECT_FILL)
    drag_image(canvas, [(10.0, 20.0), (90.0, 70.0)])
    mask = canvas.mask_bytes()
    data = canvas.export_mask_png()
    src = source_rgb(image_path)
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "PNG"
        assert img.size == (W, H)
        rgba = img.convert("RGBA")
    alphas = rgba.getchannel("A").histogram()
    assert alphas[0] + alphas[255] == W * H
    for y in range(H):
        for x in range(W):
            r, g, b, a = rgba.getpixel((x, y))  # type: ignore[misc]
            if mask_at(mask, W, x, y):
                assert a == 0
            else:
                assert a == 255
                assert (r, g, b) == src.getpixel((x, y))
    assert alphas[0] == 80 * 50


def test_export_async_encodes_in_a_worker_and_saves(
    qtbot: QtBot, canvas: MaskCanvas, tmp_path: Path
) -> None:
    canvas.set_zoom(1.0)
    drag_image(canvas, [(50.0, 50.0), (150.0, 100.0)])
    expected = canvas.export_mask_png()
    got: list[bytes] = []
    target = tmp_path / "out" / "mask.png"
    canvas.export_async(got.append, save_to=target)
    # painting right after the hand-over must not leak into the export
    drag_image(canvas, [(10.0, 140.0), (190.0, 140.0)])
    qtbot.waitUntil(lambda: bool(got))
    assert got[0] == expected
    assert target.read_bytes() == expected


def test_export_async_reports_errors(qtbot: QtBot, canvas: MaskCanvas, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"x")
    errors: list[str] = []
    canvas.export_async(lambda _b: None, errors.append, save_to=blocker / "mask.png")
    qtbot.waitUntil(lambda: bool(errors))
    assert "mask.png" in errors[0] or "Error" in errors[0]


def test_import_alpha_and_greyscale_masks_and_reject_wrong_size(canvas: MaskCanvas) -> None:
    alpha = Image.new("RGBA", (W, H), (0, 0, 0, 255))
    for x in range(10, 20):
        alpha.putpixel((x, 5), (0, 0, 0, 0))
    buf = io.BytesIO()
    alpha.save(buf, format="PNG")
    canvas.set_mask_from_png(buf.getvalue())
    data = canvas.mask_bytes()
    assert data.count(255) == 10 and all(mask_at(data, W, x, 5) == 255 for x in range(10, 20))
    assert canvas.last_import is not None and canvas.last_import.style.value == "alpha"

    grey = Image.new("L", (W, H), 255)
    for y in range(100, 110):
        grey.putpixel((7, y), 0)
    buf = io.BytesIO()
    grey.save(buf, format="PNG")
    canvas.set_mask_from_png(buf.getvalue())
    data = canvas.mask_bytes()
    assert data.count(255) == 10 and all(mask_at(data, W, 7, y) == 255 for y in range(100, 110))

    canvas.undo_stack.undo()  # import is one undo step
    assert canvas.mask_bytes().count(255) == 10 and mask_at(canvas.mask_bytes(), W, 12, 5) == 255

    wrong = io.BytesIO()
    Image.new("L", (100, 100), 0).save(wrong, format="PNG")
    before = canvas.mask_bytes()
    with pytest.raises(ValueError, match=r"100×100.*200×150"):
        canvas.set_mask_from_png(wrong.getvalue(), name="other.png")
    assert canvas.mask_bytes() == before


def test_overlay_does_not_darken_where_strokes_overlap(canvas: MaskCanvas) -> None:
    grey = QImage(W, H, QImage.Format.Format_RGB32)
    grey.fill(QColor(128, 128, 128))
    canvas.load_image(grey)
    canvas.set_zoom(1.0)
    canvas.set_overlay_opacity(0.5)
    drag_image(canvas, [(40.0, 75.0), (160.0, 75.0)])
    drag_image(canvas, [(100.0, 20.0), (100.0, 130.0)])
    drag_image(canvas, [(95.0, 70.0), (105.0, 80.0)])  # a third pass over the crossing
    shot = canvas.grab().toImage()
    once = shot.pixelColor(pixel(canvas, 60, 75))
    crossing = shot.pixelColor(pixel(canvas, 100, 75))
    untouched = shot.pixelColor(pixel(canvas, 20, 20))
    assert untouched == QColor(128, 128, 128)
    assert once != untouched
    assert crossing == once


def test_view_modes_draw_what_they_say(canvas: MaskCanvas) -> None:
    canvas.set_zoom(1.0)
    canvas.set_overlay_color(QColor(0, 255, 0))
    canvas.set_tool(Tool.RECT_FILL)
    drag_image(canvas, [(0.0, 0.0), (100.0, 150.0)])
    inside = pixel(canvas, 50, 70)
    outside = pixel(canvas, 150, 70)
    src = canvas.source_image().pixelColor(150, 70)
    canvas.set_view_mode(ViewMode.MASK_ONLY)
    shot = canvas.grab().toImage()
    assert shot.pixelColor(inside).name() == "#00ff00"
    assert shot.pixelColor(outside).name() == "#000000"
    canvas.set_view_mode(ViewMode.IMAGE_ONLY)
    shot = canvas.grab().toImage()
    assert shot.pixelColor(inside) == canvas.source_image().pixelColor(50, 70)
    assert shot.pixelColor(outside) == src
    canvas.set_view_mode(ViewMode.IMAGE_AND_MASK)
    shot = canvas.grab().toImage()
    assert shot.pixelColor(inside) != canvas.source_image().pixelColor(50, 70)
    assert shot.pixelColor(outside) == src


def test_load_qimage_resets_mask_and_history(canvas: MaskCanvas) -> None:
    drag_image(canvas, [(100.0, 75.0), (120.0, 75.0)])
    img = QImage(64, 32, QImage.Format.Format_RGB32)
    img.fill(Qt.GlobalColor.blue)
    canvas.load_image(img)
    assert canvas.image_size().width() == 64
    assert canvas.mask_is_empty()
    assert canvas.undo_stack.count() == 0
    with pytest.raises(ValueError, match="cannot read"):
        canvas.load_image(Path("/nonexistent/file.png"))


def test_escape_cancels_a_stroke_in_progress_and_restores_it(
    qtbot: QtBot, canvas: MaskCanvas
) -> None:
    canvas.set_zoom(1.0)
    drag_image(canvas, [(20.0, 20.0), (40.0, 20.0)])
    kept = canvas.mask_bytes()
    a = canvas.image_to_widget(QPointF(60, 60))
    b = canvas.image_to_widget(QPointF(150, 100))
    left = Qt.MouseButton.LeftButton
    send_mouse(canvas, QEvent.Type.MouseButtonPress, a, left, left)
    send_mouse(canvas, QEvent.Type.MouseMove, b, Qt.MouseButton.NoButton, left)
    assert canvas.mask_bytes() != kept  # painting shows while dragging
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.mask_bytes() == kept
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, b, left, Qt.MouseButton.NoButton)
    assert canvas.mask_bytes() == kept
    assert canvas.undo_stack.count() == 1


def test_rectangle_outline_is_drawn_while_dragging(canvas: MaskCanvas) -> None:
    canvas.set_zoom(1.0)
    canvas.set_tool(Tool.RECT_FILL)
    a = canvas.image_to_widget(QPointF(20, 20))
    b = canvas.image_to_widget(QPointF(120, 100))
    left = Qt.MouseButton.LeftButton
    send_mouse(canvas, QEvent.Type.MouseButtonPress, a, left, left)
    send_mouse(canvas, QEvent.Type.MouseMove, b, Qt.MouseButton.NoButton, left)
    assert canvas.mask_is_empty()  # nothing is filled before release
    shot = canvas.grab().toImage()
    edge = pixel(canvas, 70, 20)
    inside = pixel(canvas, 70, 60)
    assert shot.pixelColor(edge) != canvas.source_image().pixelColor(70, 20)
    assert shot.pixelColor(inside) == canvas.source_image().pixelColor(70, 60)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, b, left, Qt.MouseButton.NoButton)
    assert canvas.mask_coverage() == pytest.approx(100 * 80 / (W * H))


def test_export_of_a_translucent_source_is_an_opaque_copy(canvas: MaskCanvas) -> None:
    img = QImage(40, 30, QImage.Format.Format_ARGB32)
    img.fill(QColor(200, 100, 50, 60))  # mostly transparent source
    canvas.load_image(img)
    canvas.set_mask_bytes(bytes(255 if x < 10 else 0 for y in range(30) for x in range(40)))
    with Image.open(io.BytesIO(canvas.export_mask_png())) as out:
        rgba = out.convert("RGBA")
    assert rgba.size == (40, 30)
    assert rgba.getpixel((5, 5))[3] == 0  # type: ignore[index]
    assert rgba.getpixel((20, 5)) == (200, 100, 50, 255)


def test_transparent_pixels_show_a_checkerboard(canvas: MaskCanvas) -> None:
    """An expanded picture's new area is transparent; on the canvas it was the canvas's
    own dark grey, so in Markup mode nothing showed where the new frame ends."""
    picture = QImage(W, H, QImage.Format.Format_ARGB32)
    picture.fill(QColor(0, 0, 0, 0))
    for y in range(H):
        for x in range(W // 2, W):
            picture.setPixelColor(x, y, QColor(0, 128, 128))
    canvas.load_image(picture)
    canvas.set_zoom(1.0)
    canvas.set_view_mode(ViewMode.IMAGE_ONLY)
    shot = canvas.grab().toImage()
    seen = {shot.pixelColor(pixel(canvas, x, y)).name() for x in range(2, 40, 3) for y in (20, 30)}
    assert seen == {"#ffffff", "#cccccc"}  # both squares, nothing of the background
    assert shot.pixelColor(pixel(canvas, W - 10, 20)).name() == "#008080"
