"""Markup mode on the canvas, driven as a person does: every tool drawn with the mouse at
two zoom levels, notes typed in place (an input method too), annotations selected,
moved, resized, restyled, deleted, and every change undone and redone exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from studio.core.markup import NOTES_KEY, Kind
from studio.ui.canvas import MaskEditorPanel, Tool
from studio.ui.canvas.markup_export import encode
from studio.ui.canvas.tools import CanvasMode, registered_tools
from tests.ui.canvas.canvas_support import drag_image, make_test_png

W, H = 160, 120
ZOOMS = ["fit", 2.0]


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path) -> MaskEditorPanel:
    p = MaskEditorPanel()
    qtbot.addWidget(p)
    p.resize(1400, 800)
    p.show()
    qtbot.waitExposed(p)
    p.set_image(make_test_png(tmp_path / "photo.png", W, H))
    p.ask_keep = lambda _leaving: True
    assert p.request_mode(CanvasMode.MARKUP)
    return p


def _zoom(panel: MaskEditorPanel, zoom: object) -> None:
    c = panel.canvas
    if zoom == "fit":
        c.fit_to_view()
    else:
        c.set_zoom(float(zoom))  # type: ignore[arg-type]
        # keep the region the tests draw in on screen
        c.view.offset_x, c.view.offset_y = 10.0, 10.0
        c.update()


def _export(panel: MaskEditorPanel) -> Image.Image:
    doc = panel.canvas.markup_doc()
    assert doc is not None
    with Image.open(io.BytesIO(encode(doc))) as im:
        im.load()
        return im.copy()


SHAPES = [
    (Tool.MARKUP_PEN, Kind.PEN, [(20, 30), (40, 35), (60, 50), (80, 52)], (40, 35)),
    (Tool.MARKUP_LINE, Kind.LINE, [(20, 30), (50, 40), (80, 60)], (50, 45)),
    (Tool.MARKUP_ARROW, Kind.ARROW, [(20, 30), (50, 40), (80, 60)], (50, 45)),
    (Tool.MARKUP_RECT, Kind.RECT, [(20, 30), (50, 40), (80, 60)], (50, 30)),
    (Tool.MARKUP_ELLIPSE, Kind.ELLIPSE, [(20, 30), (50, 40), (80, 60)], (50, 30)),
]


def flat(points: tuple[tuple[float, float], ...]) -> list[float]:
    return [v for p in points for v in p]


@pytest.mark.parametrize("zoom", ZOOMS)
@pytest.mark.parametrize(("tool", "kind", "path", "on"), SHAPES, ids=[s[1].value for s in SHAPES])
def test_each_tool_draws_its_annotation_in_image_coordinates(
    panel: MaskEditorPanel,
    tool: object,
    kind: Kind,
    path: list[tuple[int, int]],
    on: tuple[int, int],
    zoom: object,
) -> None:
    _zoom(panel, zoom)
    panel.canvas.set_tool(tool)  # type: ignore[arg-type]
    drag_image(panel.canvas, path)
    (a,) = panel.canvas.markup_layer.annotations
    assert a.kind is kind and a.style.colour == "#e53935"
    assert a.points[0] == pytest.approx(path[0], abs=1e-6)
    assert a.points[-1] == pytest.approx(path[-1], abs=1e-6)
    if kind is Kind.PEN:
        assert len(a.points) == len(path)
    image = _export(panel)
    assert image.size == (W, H) and image.mode == "RGBA"
    alpha = image.getchannel("A")
    assert alpha.getpixel((150, 110)) == 0 and alpha.getpixel((2, 2)) == 0  # far away
    assert alpha.getpixel(on) == 255  # on the stroke: opaque
    if kind is Kind.ARROW:
        assert alpha.getpixel((78, 59)) > 0  # the head at the end
    if kind is Kind.RECT:
        assert alpha.getpixel((50, 45)) == 0  # an outline: the inside stays clear
        assert alpha.getpixel((50, 30)) == 255  # on the top edge, opaque
    # anti-aliased edges are allowed: some alpha between 0 and 255 exists
    assert any(0 < v < 255 for v in alpha.tobytes())


def test_a_click_without_a_drag_adds_no_shape(panel: MaskEditorPanel) -> None:
    panel.canvas.set_tool(Tool.MARKUP_RECT)
    drag_image(panel.canvas, [(30, 30), (30, 30)])
    assert panel.canvas.markup_is_empty()
    assert panel.canvas.undo_stack.count() == 0


@pytest.mark.parametrize("zoom", ZOOMS)
def test_a_note_is_typed_in_place_in_any_language(
    qtbot: QtBot, panel: MaskEditorPanel, zoom: object
) -> None:
    _zoom(panel, zoom)
    canvas = panel.canvas
    canvas.set_markup_style(font_size=24, bold=True)
    canvas.set_tool(Tool.MARKUP_TEXT)
    drag_image(canvas, [(30, 40)])
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None and field.isVisible()
    qtbot.keyClicks(field, "make it red ")
    commit = QInputMethodEvent("", [])
    commit.setCommitString("灯")  # what a pinyin input method hands over
    QApplication.sendEvent(field, commit)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    (note,) = canvas.markup_layer.annotations
    assert note.kind is Kind.TEXT and note.text == "make it red 灯"
    assert note.points == ((30.0, 40.0),) and note.style.font_size == 24 and note.style.bold
    image = _export(panel)
    box = image.getchannel("A").crop((30, 40, 150, 70))
    assert box.getextrema()[1] == 255  # the text is there, opaque
    assert image.getchannel("A").getpixel((10, 100)) == 0
    assert image.info[NOTES_KEY] == "make it red 灯"
    canvas.undo_stack.undo()
    assert canvas.markup_is_empty()


def test_esc_keeps_a_note_as_enter_does_and_an_emptied_note_is_removed(
    qtbot: QtBot, panel: MaskEditorPanel
) -> None:
    """Esc finishes typing, as in drawing tools: the note typed is kept (it was thrown
    away, with no undo to bring it back), and Ctrl+Z takes it back."""
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_TEXT)
    drag_image(canvas, [(30, 40)])
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None
    qtbot.keyClicks(field, "make this red")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert canvas.findChild(QLineEdit, "markup-note") is None  # typing is over
    assert [a.text for a in canvas.markup_layer.annotations] == ["make this red"]
    canvas.undo_stack.undo()
    assert canvas.markup_is_empty()
    drag_image(canvas, [(30, 40)])
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None
    qtbot.keyClicks(field, "kept")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert [a.text for a in canvas.markup_layer.annotations] == ["kept"]
    drag_image(canvas, [(32, 45)])  # a click on the note edits it
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None and field.text() == "kept"
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert canvas.markup_is_empty()
    canvas.undo_stack.undo()
    assert [a.text for a in canvas.markup_layer.annotations] == ["kept"]


@pytest.mark.parametrize("zoom", ZOOMS)
def test_select_move_resize_delete_and_undo_are_exact(
    qtbot: QtBot, panel: MaskEditorPanel, zoom: object
) -> None:
    _zoom(panel, zoom)
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_RECT)
    drag_image(canvas, [(20, 30), (60, 60)])
    drawn = canvas.markup_layer.annotations
    canvas.set_tool(Tool.MARKUP_SELECT)
    drag_image(canvas, [(40, 30), (50, 35), (52, 38)])  # grab the top edge, move by (12, 8)
    (moved,) = canvas.markup_layer.annotations
    assert flat(moved.points) == pytest.approx([32, 38, 72, 68], abs=1e-6)
    assert canvas.markup_layer.selected == 0
    drag_image(canvas, [(72, 68), (92, 78)])  # the bottom-right handle: resize
    (grown,) = canvas.markup_layer.annotations
    assert flat(grown.points) == pytest.approx([32, 38, 92, 78], abs=1e-6)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.markup_is_empty()
    canvas.undo_stack.undo()
    assert canvas.markup_layer.annotations == (grown,)
    canvas.undo_stack.undo()
    assert canvas.markup_layer.annotations == (moved,)
    canvas.undo_stack.undo()
    assert canvas.markup_layer.annotations == drawn
    canvas.undo_stack.redo()
    assert canvas.markup_layer.annotations == (moved,)


def test_recolouring_the_selection_is_one_undo_step(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_LINE)
    drag_image(canvas, [(20, 30), (80, 30)])
    canvas.set_tool(Tool.MARKUP_SELECT)
    drag_image(canvas, [(50, 30)])
    blue = panel.markup_bar.swatches[3]
    qtbot.mouseClick(blue, Qt.MouseButton.LeftButton)
    panel.markup_bar.width_box.setValue(12)
    (line,) = canvas.markup_layer.annotations
    assert line.style.colour == "#1e88e5" and line.style.width == 12
    canvas.undo_stack.undo()
    canvas.undo_stack.undo()
    assert canvas.markup_layer.annotations[0].style.colour == "#e53935"


def test_switching_modes_asks_to_keep_or_clear_and_only_one_is_sent(
    qtbot: QtBot, panel: MaskEditorPanel
) -> None:
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_ARROW)
    drag_image(canvas, [(20, 30), (80, 60)])
    asked: list[CanvasMode] = []

    def keep(leaving: CanvasMode) -> bool:
        asked.append(leaving)
        return True

    panel.ask_keep = keep
    qtbot.mouseClick(panel.mask_mode_button, Qt.MouseButton.LeftButton)
    assert asked == [CanvasMode.MARKUP] and panel.mode() is CanvasMode.MASK
    assert not canvas.markup_is_empty() and panel.markup_doc() is None  # kept, not sent
    canvas.set_tool(Tool.BRUSH)
    drag_image(canvas, [(10, 10), (30, 10)])
    assert panel.export_mask_png() is not None
    panel.ask_keep = lambda _leaving: False  # clear the mask this time
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    assert panel.mode() is CanvasMode.MARKUP and canvas.mask_is_empty()
    assert panel.export_mask_png() is None and panel.markup_doc() is not None
    panel.ask_keep = lambda _leaving: None  # cancel: stays
    assert not panel.request_mode(CanvasMode.MASK)
    assert panel.mode() is CanvasMode.MARKUP and panel.markup_mode_button.isChecked()


def test_a_markup_tool_key_switches_to_markup_mode(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    panel.request_mode(CanvasMode.MASK)
    canvas = panel.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_A)
    assert panel.mode() is CanvasMode.MARKUP and canvas.tool is Tool.MARKUP_ARROW
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    assert panel.mode() is CanvasMode.MASK and canvas.tool is Tool.BRUSH


def test_tool_buttons_follow_the_mode(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    def shown() -> set[str]:
        return {t.id for t, b in panel._tool_buttons.items() if b.isVisible()}

    markup = {t.id for t in registered_tools() if t.layer == "markup"}
    qtbot.waitUntil(lambda: shown() == markup)
    panel.request_mode(CanvasMode.MASK)
    mask = {t.id for t in registered_tools() if t.layer == "mask"}
    qtbot.waitUntil(lambda: shown() == mask)
    assert not panel.markup_bar.isVisible()


def test_every_tool_shortcut_is_unique() -> None:
    keys = [t.shortcut for t in registered_tools() if t.shortcut]
    assert len(keys) == len(set(keys))
    assert {"V", "P", "N", "A", "X", "O", "T"} <= set(keys)


def test_export_runs_off_the_ui_thread(qtbot: QtBot, panel: MaskEditorPanel) -> None:
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_ELLIPSE)
    drag_image(canvas, [(20, 30), (80, 60)])
    got: list[tuple[bytes | None, object]] = []
    panel.export_markup_async(lambda data, doc: got.append((data, doc)))
    qtbot.waitUntil(lambda: bool(got))
    data, doc = got[0]
    assert data is not None and doc == canvas.markup_doc()
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (W, H)


def test_only_finished_changes_count_as_changes(panel: MaskEditorPanel) -> None:
    """A drag in progress or a new selection repaints; only the finished step is a change
    (what a job sends is exported once per change, not once per mouse move)."""
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_RECT)
    drag_image(canvas, [(20, 30), (60, 60)])
    changes: list[int] = []
    canvas.markup_changed.connect(lambda: changes.append(1))
    canvas.set_tool(Tool.MARKUP_SELECT)
    drag_image(canvas, [(40, 30)])  # select only
    assert changes == [] and canvas.markup_layer.selected == 0
    drag_image(canvas, [(40, 30), (42, 31), (44, 32), (46, 33), (48, 34)])  # one move
    assert changes == [1]


def test_clicking_out_of_a_note_leaves_the_keys_where_the_click_put_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A note ended by a click on the prompt kept the text, then took the keys back to
    the canvas: what was typed next in the prompt went to the tool keys instead (E
    picked the eraser, which asked to switch to Mask mode)."""
    window = QWidget()
    qtbot.addWidget(window)
    prompt = QPlainTextEdit(window)
    panel = MaskEditorPanel(window)
    row = QHBoxLayout(window)
    row.addWidget(prompt)
    row.addWidget(panel)
    window.resize(1400, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel.set_image(make_test_png(tmp_path / "photo.png", W, H))
    panel.ask_keep = lambda _leaving: True
    assert panel.request_mode(CanvasMode.MARKUP)
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_TEXT)
    drag_image(canvas, [(30, 40)])
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None and field.hasFocus()
    qtbot.keyClicks(field, "make this red")
    qtbot.mouseClick(prompt.viewport(), Qt.MouseButton.LeftButton)
    assert [a.text for a in canvas.markup_layer.annotations] == ["make this red"]
    assert QApplication.focusWidget() is prompt
    qtbot.keyClicks(QApplication.focusWidget(), "edit")
    assert prompt.toPlainText() == "edit"
    assert canvas.tool is Tool.MARKUP_TEXT and panel.mode() is CanvasMode.MARKUP


def test_a_note_whose_field_loses_the_focus_to_nothing_gives_it_to_the_canvas(
    qtbot: QtBot, panel: MaskEditorPanel
) -> None:
    """Ended with the focus going nowhere else (the field cleared, or its window put in
    the background), the note is kept and the canvas takes the keys again."""
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_TEXT)
    drag_image(canvas, [(30, 40)])
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None
    qtbot.keyClicks(field, "keep me")
    field.clearFocus()
    assert [a.text for a in canvas.markup_layer.annotations] == ["keep me"]
    assert QApplication.focusWidget() is canvas
