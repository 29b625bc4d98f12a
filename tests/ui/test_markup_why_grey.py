"""The Markup button in Edit mode: greyed for a model that takes no markup, it says why
and what to do instead (a new user saw it grey with no word), in the UI's language, and
the words go when a model that takes markup is picked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.ui.i18n import set_language
from tests.ui.test_window_inputs import editing_a_picture

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def test_a_greyed_markup_button_says_which_model_takes_none(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    # the built-in sandbox offers every model, those that take markup too
    editing_a_picture(qtbot, window, "sandbox", tmp_path / "in.png", (64, 64))
    panel = window.compose.mask_panel
    button = panel.markup_mode_button
    qtbot.waitUntil(lambda: panel.canvas.has_image(), timeout=10_000)
    assert not button.isEnabled()  # gpt-image-2 takes no markup
    tip = button.toolTip()
    assert "gpt-image-2 does not take markup" in tip and "paint a mask" in tip, tip

    assert set_language("zh_CN")  # said again in Chinese, live
    tip = button.toolTip()
    assert "gpt-image-2 不接受标注；请选择接受标注的模型" in tip, tip
    assert "does not take" not in tip, tip

    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-2.6-sunburst"))
    qtbot.waitUntil(button.isEnabled, timeout=5_000)
    assert "不接受标注" not in button.toolTip(), button.toolTip()
