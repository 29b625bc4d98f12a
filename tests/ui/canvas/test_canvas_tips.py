"""Every canvas button's tip names the key that really does the same thing: the key is
read from the canvas's own key map (or the tool's shortcut), pressed on the canvas, and
must do what the button does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from pytestqt.qtbot import QtBot

from studio.ui.canvas import MaskEditorPanel
from studio.ui.canvas.keys import KeyAction, key_action, named_key
from studio.ui.canvas.tools import registered_tools, tool_for_key
from studio.ui.icons import shortcut_text, with_shortcut
from tests.ui.canvas.canvas_support import make_test_png


def _press(keys: QKeySequence) -> QKeyEvent:
    combo = keys[0]
    return QKeyEvent(QEvent.Type.KeyPress, combo.key(), combo.keyboardModifiers())


def test_every_canvas_button_names_the_key_the_canvas_answers_to(
    qtbot: QtBot, tmp_path: Path
) -> None:
    panel = MaskEditorPanel()
    qtbot.addWidget(panel)
    panel.set_image(make_test_png(tmp_path / "p.png", 64, 48))
    buttons = {
        KeyAction.UNDO: panel.undo_button,
        KeyAction.REDO: panel.redo_button,
        KeyAction.INVERT: panel.invert_button,
        KeyAction.FIT: panel.fit_button,
        KeyAction.ACTUAL_SIZE: panel.actual_button,
    }
    for action, button in buttons.items():
        keys = named_key(action)
        assert not keys.isEmpty(), action
        assert shortcut_text(keys) in button.toolTip(), (action, button.toolTip())
        # the named key is one the canvas acts on, for the same action
        assert key_action(_press(keys)) is action, (action, keys.toString())
    # no tip carries a key written by hand that the map does not name
    for button in buttons.values():
        assert button.toolTip().count("(") + button.toolTip().count("（") == 1, button.toolTip()
    for tool in registered_tools():
        tip = panel._tool_buttons[tool].toolTip()
        if not tool.shortcut:
            continue
        keys = QKeySequence(tool.shortcut)
        assert shortcut_text(keys) in tip, (tool.id, tip)
        assert tip.startswith(with_shortcut(tool.tip(), tool.shortcut)), tip
        assert tool_for_key(_press(keys)) is tool, tool.id


def test_the_fit_key_named_in_the_tip_fits_the_picture(qtbot: QtBot, tmp_path: Path) -> None:
    panel = MaskEditorPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_image(make_test_png(tmp_path / "p.png", 1200, 900))
    canvas = panel.canvas
    canvas.actual_size()
    assert canvas.zoom() == 1.0
    combo = named_key(KeyAction.FIT)[0]
    qtbot.keyClick(canvas, combo.key(), combo.keyboardModifiers())
    assert canvas.zoom() < 0.5  # the large picture now fits the small view
