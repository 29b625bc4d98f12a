"""MaskEditorPanel: the tool bar drives the canvas; import/export from files as a person does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QSlider,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studio.ui.canvas import MaskEditorPanel, Tool, ViewMode
from tests.ui.canvas.canvas_support import drag_image, make_test_png

W, H = 120, 80


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path) -> MaskEditorPanel:
    p = MaskEditorPanel()
    qtbot.addWidget(p)
    p.resize(1400, 700)  # wide enough that no control folds into the toolbar's » menu
    p.show()
    qtbot.waitExposed(p)
    p.set_image(make_test_png(tmp_path / "photo.png", W, H))
    return p


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_every_control_has_a_tooltip_and_can_take_focus(panel: MaskEditorPanel) -> None:
    controls = panel.controls()
    # nothing interactive is left out of the list (Qt's own inner widgets are named qt_*)
    kinds = (QAbstractButton, QSpinBox, QComboBox, QSlider)
    found = [
        w
        for w in panel.findChildren(QWidget)
        if isinstance(w, kinds) and not w.objectName().startswith("qt_")
    ]
    assert set(found) == set(controls)
    assert len(controls) >= 18
    for w in controls:
        name = f"{type(w).__name__} {getattr(w, 'text', lambda: '')()}"
        assert w.toolTip(), f"{name} has no tooltip"
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{name} is not reachable with Tab"


def test_the_panel_fits_a_narrow_window(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    assert panel.minimumSizeHint().width() < 500


def test_export_is_none_while_empty_then_the_api_file(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    assert panel.export_mask_png() is None
    panel.canvas.set_zoom(1.0)
    drag_image(panel.canvas, [(30.0, 30.0), (60.0, 40.0)])
    data = panel.export_mask_png()
    assert data is not None
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (W, H)
        hist = img.getchannel("A").histogram()
    assert hist[0] > 0 and hist[0] + hist[255] == W * H
    assert panel.coverage_label.text().startswith("Mask: ")
    panel.clear()
    assert panel.export_mask_png() is None


def test_tool_buttons_and_size_boxes_drive_the_canvas(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    click(qtbot, panel._tool_buttons[Tool.LASSO_FILL])
    assert panel.canvas.tool is Tool.LASSO_FILL
    panel.canvas.setFocus()
    qtbot.keyClick(panel.canvas, Qt.Key.Key_B)
    assert panel._tool_buttons[Tool.BRUSH].isChecked()
    panel.brush_size.setValue(33)
    assert panel.canvas.settings.brush_size == 33
    panel.eraser_size.setValue(7)
    assert panel.canvas.settings.eraser_size == 7
    qtbot.keyClick(panel.canvas, Qt.Key.Key_BracketRight)
    assert panel.brush_size.value() == panel.canvas.settings.brush_size > 33


def test_fill_invert_clear_undo_redo_buttons(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    c = panel.canvas
    click(qtbot, panel.fill_button)
    assert c.mask_coverage() == 1.0
    click(qtbot, panel.invert_button)
    assert c.mask_is_empty()
    click(qtbot, panel.undo_button)
    assert c.mask_coverage() == 1.0
    click(qtbot, panel.redo_button)
    assert c.mask_is_empty()
    click(qtbot, panel.undo_button)
    click(qtbot, panel.clear_button)
    assert c.mask_is_empty()
    assert not panel.redo_button.isEnabled()


def test_view_controls(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    c = panel.canvas
    click(qtbot, panel.actual_button)
    assert c.zoom() == 1.0 and panel.zoom_label.text() == "100 %"
    c.zoom_by(2.0, QPointF(10, 10))
    assert panel.zoom_label.text() == "200 %"
    click(qtbot, panel.fit_button)
    assert panel.zoom_label.text() == f"{round(c.zoom() * 100)} %"
    panel.view_mode.setCurrentIndex(1)
    assert c.view_mode() is ViewMode.MASK_ONLY
    panel.opacity.setValue(80)
    assert c.overlay_opacity() == pytest.approx(0.8)


def test_import_button_with_preview_and_one_click_invert(
    qtbot: QtBot, panel: MaskEditorPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mask = Image.new("L", (W, H), 255)
    for x in range(W // 2):
        for y in range(H):
            mask.putpixel((x, y), 0)  # left half black = edit
    path = tmp_path / "bw-mask.png"
    mask.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, panel.import_button)
    assert "bw-mask.png" in panel.notice.text()
    assert "black" in panel.notice.text()
    assert panel.canvas.mask_coverage() == pytest.approx(0.5)
    assert panel.canvas.layer.value_at(0, 0) == 255
    click(qtbot, panel.notice_invert)
    assert panel.canvas.layer.value_at(0, 0) == 0
    assert panel.canvas.layer.value_at(W - 1, 0) == 255


def test_import_of_a_wrong_size_says_both_sizes(panel: MaskEditorPanel, tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(path)
    assert not panel.import_mask_file(path)
    text = panel.notice.text()
    assert "small.png" in text and "50×40" in text and f"{W}×{H}" in text
    assert not panel.notice_invert.isVisible()
    assert panel.canvas.mask_is_empty()


def test_export_button_saves_in_the_background(
    qtbot: QtBot, panel: MaskEditorPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel.canvas.fill_mask()
    target = tmp_path / "saved" / "mask.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, panel.export_button)
    qtbot.waitUntil(lambda: "Saved" in panel.notice.text())
    with Image.open(target) as img:
        assert img.size == (W, H)
        assert img.getchannel("A").getextrema() == (0, 0)


def test_set_image_rejects_unreadable_files(panel: MaskEditorPanel, tmp_path: Path) -> None:
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(ValueError):
        panel.set_image(bad)
    assert "broken.png" in panel.notice.text()
    assert panel.canvas.image_size().width() == W  # the old image stays


def test_clicking_a_tool_button_keeps_the_keyboard_on_the_canvas(
    qtbot: QtBot, panel: MaskEditorPanel
) -> None:
    panel.activateWindow()
    panel.canvas.setFocus()
    click(qtbot, panel._tool_buttons[Tool.ERASER])
    assert panel.canvas.hasFocus()
    size = panel.canvas.settings.eraser_size
    qtbot.keyClick(panel.canvas, Qt.Key.Key_BracketRight)
    assert panel.eraser_size.value() == panel.canvas.settings.eraser_size > size


@pytest.mark.parametrize(
    ("key", "mods", "tool"),
    [
        (Qt.Key.Key_R, Qt.KeyboardModifier.NoModifier, Tool.RECT_FILL),
        (Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier, Tool.RECT_ERASE),
        (Qt.Key.Key_L, Qt.KeyboardModifier.NoModifier, Tool.LASSO_FILL),
        (Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier, Tool.LASSO_ERASE),
        (Qt.Key.Key_E, Qt.KeyboardModifier.NoModifier, Tool.ERASER),
    ],
)
def test_tool_keys_check_the_matching_button(
    qtbot: QtBot, panel: MaskEditorPanel, key: Qt.Key, mods: Qt.KeyboardModifier, tool: Tool
) -> None:
    qtbot.keyClick(panel.canvas, key, mods)
    assert panel.canvas.tool is tool
    assert panel._tool_buttons[tool].isChecked()


def test_export_is_cached_until_the_mask_changes(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    panel.canvas.set_zoom(1.0)
    drag_image(panel.canvas, [(30.0, 30.0), (60.0, 40.0)])
    first = panel.export_mask_png()
    assert first is not None and panel.export_mask_png() is first
    drag_image(panel.canvas, [(80.0, 60.0), (90.0, 70.0)])
    second = panel.export_mask_png()
    assert second is not None and second != first
    panel.canvas.undo_stack.undo()
    assert panel.export_mask_png() == first


def test_export_async_matches_the_synchronous_export(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    got: list[bytes | None] = []
    panel.export_mask_async(got.append)
    assert got == [None]  # empty mask: answered at once
    panel.canvas.set_zoom(1.0)
    drag_image(panel.canvas, [(30.0, 30.0), (60.0, 40.0)])
    panel.export_mask_async(got.append)
    qtbot.waitUntil(lambda: len(got) == 2)
    assert got[1] is not None
    assert panel.export_mask_png() is got[1]  # the worker's result was cached
    assert got[1] == panel.canvas.export_mask_png()
