"""The order of edit inputs: "Edit this" goes first, the mask follows its image,
inputs reorder by drag and context menu, and a removal can be undone."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from studio.core.request import Mode
from studio.ui.result_viewer import load_result_file
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def png(path: Path, colour: str, size: tuple[int, int] = (40, 30)) -> Path:
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def edit_with(qtbot: QtBot, window: MainWindow, *paths: Path) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    compose.set_mode(Mode.EDIT)
    for path in paths:  # one by one, so the order is the order given
        count = len(compose.inputs.entries())
        compose.inputs.add_files([path])
        qtbot.waitUntil(lambda c=count: len(compose.inputs.entries()) == c + 1, timeout=10_000)


def names(window: MainWindow) -> list[str]:
    return [e.image.filename for e in window.compose.inputs.entries()]


def editor_picture_size(window: MainWindow) -> tuple[int, int]:
    size = window.compose.mask_panel.canvas.image_size()
    return size.width(), size.height()


def test_edit_this_makes_the_result_the_first_input(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    edit_with(qtbot, window, png(tmp_path / "a.png", "red"))
    result = png(tmp_path / "result.png", "green", (50, 20))
    window.viewer.show_file(load_result_file(str(result)))
    qtbot.mouseClick(window.viewer.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.compose.inputs.entries()) == 2, timeout=10_000)
    # a stored picture keeps its file's name, as when taken from the history
    assert names(window)[0] == "result.png"
    assert window.compose.build_request().images[0].filename == "result.png"
    assert editor_picture_size(window) == (50, 20)  # the mask editor shows the result


def test_the_mask_follows_its_image_when_the_order_changes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    edit_with(qtbot, window, png(tmp_path / "a.png", "red", (40, 30)))
    canvas = window.compose.mask_panel.canvas
    canvas.fill_mask()  # paint on a
    assert not canvas.mask_is_empty()
    gallery = window.gallery
    assert gallery is not None
    gallery.use_as_input.emit(str(png(tmp_path / "b.png", "blue", (60, 20))))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: names(window) == ["b.png", "a.png"], timeout=10_000)
    assert editor_picture_size(window) == (60, 20) and canvas.mask_is_empty()
    # a first again, by the context menu: its mask comes back with it
    inputs = window.compose.inputs
    inputs.list.setCurrentRow(1)
    inputs.act_first.trigger()
    assert names(window) == ["a.png", "b.png"]
    assert editor_picture_size(window) == (40, 30)
    assert canvas.mask_coverage() == 1.0


def test_removing_the_first_input_is_undoable_with_its_mask(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    edit_with(
        qtbot, window, png(tmp_path / "a.png", "red", (40, 30)), png(tmp_path / "b.png", "blue")
    )
    canvas = window.compose.mask_panel.canvas
    canvas.fill_mask()
    inputs = window.compose.inputs
    inputs.list.setFocus()
    inputs.list.setCurrentRow(0)
    qtbot.keyClick(inputs.list, Qt.Key.Key_Delete)
    assert names(window) == ["b.png"]
    qtbot.keyClick(inputs.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert names(window) == ["a.png", "b.png"]
    assert editor_picture_size(window) == (40, 30)
    assert canvas.mask_coverage() == 1.0
    # the Clear button is undoable too
    qtbot.mouseClick(inputs.clear_button, Qt.MouseButton.LeftButton)
    assert names(window) == []
    inputs.act_undo.trigger()
    assert names(window) == ["a.png", "b.png"]


def test_inputs_reorder_by_dragging(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    edit_with(
        qtbot,
        window,
        png(tmp_path / "a.png", "red"),
        png(tmp_path / "b.png", "blue"),
        png(tmp_path / "c.png", "green"),
    )
    lst = window.compose.inputs.list
    lst.setCurrentRow(2)  # select c
    mime = lst.model().mimeData([lst.model().index(2, 0)])
    target = lst.visualItemRect(lst.item(0)).center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    move = Qt.DropAction.MoveAction
    for event in (
        QDragEnterEvent(target, move, mime, buttons, keys),
        QDragMoveEvent(target, move, mime, buttons, keys),
        QDropEvent(QPointF(target), move, mime, buttons, keys),
    ):
        QApplication.sendEvent(lst.viewport(), event)
    assert names(window) == ["c.png", "a.png", "b.png"]
    assert window.compose.build_request().images[0].filename == "c.png"
    assert lst.count() == 3  # moved, not copied or lost


def test_open_from_the_context_menu_shows_the_input(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    edit_with(qtbot, window, png(tmp_path / "a.png", "red", (33, 22)))
    assert window.right_tabs.currentIndex() == window.mask_tab
    inputs = window.compose.inputs
    inputs.list.setCurrentRow(0)
    inputs.act_open.trigger()
    assert window.right_tabs.currentWidget() is window.viewer
    current = window.viewer.current
    assert current is not None and (current.image.width, current.image.height) == (33, 22)
