"""Edit mode at 1366x768 on the window's first-start layout: with an input in place and
a retired model's note above the prompt, the Edit button, the prompt and the model's
common options are all in view, nothing cut off at the side and nothing to scroll."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from studio.core.request import Mode
from studio.ui.i18n import set_language
from tests.ui.test_window import choose
from tests.ui.test_window_layout import first_start_at_1366

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _in_view(window: MainWindow, widget: QWidget) -> bool:
    viewport = window.compose.form_scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("model", ["gpt-image-1", "dall-e-2", "gpt-image-2.6-sunburst"])
def test_edit_mode_fits_at_1366x768_with_a_retired_models_note(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, model: str, lang: str
) -> None:
    assert set_language(lang)
    try:
        window.reload_providers(current="sandbox")
        first_start_at_1366(qtbot, window)
        compose = window.compose
        choose(compose.model_box, model)
        compose.set_mode(Mode.EDIT)
        picture = tmp_path / "room.png"
        Image.new("RGB", (256, 256), "teal").save(picture)
        compose.inputs.add_files([picture])
        qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
        qtbot.wait(20)
        scroll = compose.form_scroll
        body = scroll.widget()
        # nothing wider than the column: no control is cut off at the right
        assert body.width() <= scroll.viewport().width(), (body.width(), scroll.viewport().width())
        assert scroll.verticalScrollBar().maximum() == 0
        if model != "gpt-image-2.6-sunburst":  # the retired model's note and its switch
            assert compose.model_note.lifecycle.isVisible()
            assert _in_view(window, compose.model_note.switch_button)
        assert _in_view(window, compose.prompt.text)
        assert compose.prompt.text.height() >= 60
        for button in compose.inputs.findChildren(QAbstractButton):
            if button.isVisible():
                assert _in_view(window, button), button.text() or button.toolTip()
        params = compose.params
        for spec in params.specs():
            widget = params.widget_for(spec.name)
            assert widget is not None
            if widget.isVisibleTo(params):
                assert _in_view(window, widget), f"{model}: {spec.name} is cut off"
        button = compose.generate_button
        assert button.isVisible()
        assert button.visibleRegion().boundingRect().size() == button.size()
    finally:
        set_language("en")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_at_the_composers_narrowest_nothing_is_cut_off_at_the_side(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, lang: str
) -> None:
    assert set_language(lang)
    try:
        window.reload_providers(current="sandbox")
        first_start_at_1366(qtbot, window)
        compose = window.compose
        choose(compose.model_box, "gpt-image-1")  # retired: its note and switch show
        compose.set_mode(Mode.EDIT)
        picture = tmp_path / "room.png"
        Image.new("RGB", (256, 256), "teal").save(picture)
        compose.inputs.add_files([picture])
        qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
        window.resizeDocks([window.compose_dock], [1], Qt.Orientation.Horizontal)
        QApplication.processEvents()
        qtbot.wait(20)
        assert window.compose_dock.width() < 420  # as narrow as the composer goes
        scroll = compose.form_scroll
        assert scroll.widget().width() <= scroll.viewport().width()
        for button in compose.inputs.findChildren(QAbstractButton):
            if button.isVisible():
                assert _in_view(window, button), button.text() or button.toolTip()
        for spec in compose.params.specs():
            widget = compose.params.widget_for(spec.name)
            assert widget is not None
            if widget.isVisibleTo(compose.params):
                assert _in_view(window, widget), spec.name
    finally:
        set_language("en")
