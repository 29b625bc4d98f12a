"""A canvas tool is one module: this file defines one (a ruler that marks a 3-pixel band
from where the drag starts to where it ends, along the start's row), registers it, and
drives it in a real panel: its button is in the toolbar, its key selects it, a drag
changes the mask, and one undo takes the change back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from studio.ui.canvas import MaskEditorPanel, Tool
from studio.ui.canvas.tools import (
    CanvasTool,
    ToolContext,
    ToolGesture,
    register,
    registered_tools,
    unregister,
)
from studio.ui.canvas.tools.mask_gesture import MaskGesture, outline_rect, to_widget
from studio.ui.canvas.view import ViewTransform
from studio.ui.icons import with_shortcut
from tests.ui.canvas.canvas_support import drag_image, make_test_png, send_mouse

W, H = 120, 80


class _Band(MaskGesture):
    def __init__(self, tool: CanvasTool, ctx: ToolContext, start: QPointF) -> None:
        super().__init__(tool, ctx, "Ruler band")
        self.start = start
        self.end = start
        self.overlay_painted = 0

    def _rect(self) -> QRect:
        x0, x1 = sorted((round(self.start.x()), round(self.end.x())))
        return QRect(x0, round(self.start.y()) - 1, x1 - x0, 3)

    def move(self, pos: QPointF) -> None:
        self.end = pos

    def apply(self) -> QRect:
        rect = self._rect()
        self.recorder.touch(rect)
        return self.layer.fill_rect(rect, erase=False)

    def paint_overlay(self, p: QPainter, view: ViewTransform) -> None:
        self.overlay_painted += 1
        r = QRectF(self._rect())
        outline_rect(p, QRectF(to_widget(view, r.topLeft()), to_widget(view, r.bottomRight())))


class RulerTool(CanvasTool):
    id = "test-ruler"
    shortcut = "U"
    icon = "slash"

    def __init__(self) -> None:
        self.gestures: list[_Band] = []

    def label(self) -> str:
        return "Ruler"

    def tip(self) -> str:
        return "Mark a band along a row"

    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        self.gestures.append(_Band(self, ctx, pos))
        return self.gestures[-1]


@pytest.fixture
def ruler() -> Iterator[RulerTool]:
    tool = RulerTool()
    register(tool)
    yield tool
    unregister(tool.id)


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path, ruler: RulerTool) -> MaskEditorPanel:
    p = MaskEditorPanel()
    qtbot.addWidget(p)
    p.resize(1600, 700)
    p.show()
    qtbot.waitExposed(p)
    p.set_image(make_test_png(tmp_path / "photo.png", W, H))
    p.canvas.set_zoom(1.0)
    return p


def test_a_tool_from_one_module_is_in_the_toolbar_and_paints_through_its_gesture(
    qtbot: QtBot, panel: MaskEditorPanel, ruler: RulerTool
) -> None:
    assert registered_tools()[-1] is ruler
    bar = panel.findChild(QToolBar, "mask-tools")
    button = bar.findChild(QToolButton, "tool-test-ruler")
    assert button is not None and button.text() == "Ruler"
    assert button.icon().name() == "slash"  # its bundled icon
    # its key named the one way tips name keys; no right-button eraser note
    assert button.toolTip() == with_shortcut("Mark a band along a row", "U")
    assert button in panel.controls()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.canvas.tool is ruler and button.isChecked()
    panel.canvas.setFocus()
    qtbot.keyClick(panel.canvas, Qt.Key.Key_B)
    assert panel.canvas.tool is Tool.BRUSH and not button.isChecked()
    qtbot.keyClick(panel.canvas, Qt.Key.Key_U)  # the tool's own shortcut
    assert panel.canvas.tool is ruler and button.isChecked()

    changes: list[int] = []
    panel.canvas.mask_changed.connect(lambda: changes.append(1))
    drag_image(panel.canvas, [(20.0, 40.0), (50.0, 30.0), (90.0, 60.0)])
    canvas = panel.canvas
    assert changes == [1]
    for x in (20, 55, 89):
        for y in (39, 40, 41):
            assert canvas.layer.value_at(x, y) == 255, (x, y)
    for x, y in ((19, 40), (90, 40), (50, 37), (50, 42), (90, 60)):
        assert canvas.layer.value_at(x, y) == 0, (x, y)
    assert canvas.undo_stack.count() == 1
    assert canvas.undo_stack.undoText() == "Ruler band"

    # a right drag does nothing: the ruler names no erasing variant
    drag_image(canvas, [(20.0, 10.0), (60.0, 10.0)], Qt.MouseButton.RightButton)
    assert canvas.layer.value_at(30, 10) == 0 and canvas.undo_stack.count() == 1

    canvas.undo_stack.undo()
    assert canvas.mask_is_empty()


def test_its_overlay_shows_while_dragging_and_esc_cancels(
    qtbot: QtBot, panel: MaskEditorPanel, ruler: RulerTool
) -> None:
    canvas = panel.canvas
    canvas.set_tool(ruler)
    start, end = canvas.image_to_widget(QPointF(10, 20)), canvas.image_to_widget(QPointF(70, 20))
    left = Qt.MouseButton.LeftButton
    send_mouse(canvas, QEvent.Type.MouseButtonPress, start, left, left)
    send_mouse(canvas, QEvent.Type.MouseMove, end, Qt.MouseButton.NoButton, left)
    canvas.repaint()
    assert ruler.gestures[-1].overlay_painted > 0
    assert canvas.mask_is_empty()  # nothing applied before the release
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)
    assert canvas.mask_is_empty() and canvas.undo_stack.count() == 0
