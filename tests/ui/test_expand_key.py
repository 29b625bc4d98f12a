"""Expand has a key (Ctrl+Shift+X), named in its button's tip and in the File menu, and
pressing it from anywhere in an edit (the prompt, the canvas) opens Expand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence

from studio.core.request import Mode
from studio.ui.icons import shortcut_text
from tests.ui.sandbox_models import choose_model

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.capabilities import ParamSpec
    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow

KEY = QKeySequence("Ctrl+Shift+X")


def _press(qtbot: QtBot, widget: object) -> None:
    qtbot.keyClick(
        widget,
        Qt.Key.Key_X,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_ctrl_shift_x_opens_expand_and_says_so(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    window.show()
    _, compose = choose_model(window, studio_ctx, sandbox_provider, "gpt-image-2.5-flare")
    asked: list[tuple[int, int]] = []

    def ask(picture: QImage, _spec: ParamSpec | None) -> None:
        asked.append((picture.width(), picture.height()))  # and cancelled

    compose.expander.ask = ask
    expand = window.act_expand
    # named where the keys are named: the File menu and the button's tip
    assert expand in window.file_menu.actions() and expand.shortcut() == KEY
    assert shortcut_text(KEY) in expand.toolTip()
    panel = compose.mask_panel
    button_tip = (panel.expand_button.defaultAction() or panel.expand_button).toolTip()
    assert shortcut_text(KEY) in button_tip
    # nothing to expand yet (a generation): the key does nothing
    assert not expand.isEnabled()
    _press(qtbot, compose.prompt.text)
    assert asked == []

    compose.set_mode(Mode.EDIT)
    source = tmp_path / "room.png"
    Image.new("RGB", (300, 200), (40, 90, 160)).save(source)
    compose.inputs.add_files([source])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(expand.isEnabled, timeout=10_000)
    # from the prompt, with the Result tab in front: Expand opens, on the Mask tab
    window.right_tabs.setCurrentWidget(window.viewer)
    compose.prompt.text.setFocus()
    _press(qtbot, compose.prompt.text)
    qtbot.waitUntil(lambda: asked == [(300, 200)], timeout=10_000)
    assert window.right_tabs.currentIndex() == window.mask_tab
    # and from the canvas, where the mask's own keys are read
    panel.canvas.setFocus()
    _press(qtbot, panel.canvas)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10_000)
