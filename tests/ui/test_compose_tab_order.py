"""The composer by keyboard alone: Tab goes down the column as it reads (mode, provider,
model, the prompt's buttons and text, the inputs, the options row by row, Generate),
never off to the result or the history half-way, nor onto boxes that only show text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from studio.core.request import Mode
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _tab_through(qtbot: QtBot, start: QWidget, until: QWidget, limit: int = 60) -> list[QWidget]:
    """The widgets Tab visits from ``start`` up to ``until`` (a person pressing Tab)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited = [start]
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        visited.append(now)
        if now is until:
            return visited
    raise AssertionError(f"Tab never reached {until.objectName()}: {visited}")


@pytest.mark.parametrize("fmt", ["png", "gif", "svg"])
def test_tab_goes_down_the_composer_to_generate(qtbot: QtBot, window: MainWindow, fmt: str) -> None:
    window.reload_providers(current="sandbox")
    window.activateWindow()
    compose = window.compose
    choose(compose.model_box, "gpt-image-2.6-sunburst")
    box = compose.params.widget_for("output_format")
    assert box is not None
    choose(box, fmt)  # type: ignore[arg-type]
    compose.prompt.set_prompt("a red fox in the snow")  # Generate can be pressed
    qtbot.waitUntil(compose.generate_button.isEnabled)
    params = compose.params
    visited = _tab_through(qtbot, compose.model_box, compose.generate_button)
    # nothing outside the composer, and nothing that only shows text, on the way
    assert all(compose.isAncestorOf(w) for w in visited), [w.objectName() for w in visited]
    assert compose.form_scroll not in visited and compose.messages not in visited
    prompt = compose.prompt.text
    assert visited.index(prompt) < min(visited.index(w) for w in visited if params.isAncestorOf(w))
    # the options as they read: the full-width rows, then the two columns row by row
    names = [w.objectName() for w in visited if params.isAncestorOf(w)]
    expected = {
        "png": ["size", "complexity", "quality", "n", "background", "output_format"],
        "gif": [
            "size",
            "complexity",
            "quality",
            "n",
            "background",
            "output_format",
            "frame_count",
            "frame_duration_ms",
        ],
        "svg": [
            "size",
            "complexity",
            "svg_model",
            "svg_reasoning_effort",
            "quality",
            "background",
            "output_format",
        ],
    }[fmt]
    assert [n.removeprefix("param_") for n in names if n != "moreOptions"] == expected
    assert names[-1] == "moreOptions"


def test_in_edit_mode_the_inputs_come_between_the_prompt_and_the_options(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.reload_providers(current="sandbox")
    window.activateWindow()
    compose = window.compose
    compose.set_mode(Mode.EDIT)
    inputs = compose.inputs  # shown by Edit mode
    size = compose.params.widget_for("size")
    assert size is not None
    visited = _tab_through(qtbot, compose.prompt.text, size)
    buttons = (
        inputs.add_button,
        inputs.url_button,
        inputs.paste_button,
        inputs.remove_button,
        inputs.clear_button,
    )
    # the buttons that can be pressed (Remove and Clear wait for an input), then the list
    assert visited[1:-1] == [*(b for b in buttons if b.isEnabled()), inputs.list]
    assert inputs.add_button in visited
