"""The composer at 1366x768: the prompt and every option of a common model without
scrolling; messages never move the controls; no prompt box for variations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from studio.core.request import Mode
from tests.ui.test_window import choose, type_prompt

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def small_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1366, 768 - 32)  # a 1366x768 screen less a taskbar
    window.resizeDocks([window.compose_dock], [480], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    qtbot.wait(20)


def shown_in_scroll(window: MainWindow, widget: QWidget) -> bool:
    """``widget`` lies wholly inside the composer's visible (unscrolled) area."""
    scroll = window.compose.form_scroll
    viewport = scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize(
    ("model", "mode"),
    [
        ("gpt-image-2.6-sunburst", Mode.GENERATE),
        ("gpt-image-2", Mode.GENERATE),
        ("gpt-image-1", Mode.GENERATE),
        ("dall-e-3", Mode.GENERATE),
        ("gpt-image-1", Mode.EDIT),
    ],
)
def test_the_prompt_and_every_option_fit_without_scrolling(
    qtbot: QtBot, window: MainWindow, model: str, mode: Mode
) -> None:
    window.reload_providers(current="sandbox")
    choose(window.compose.model_box, model)
    window.compose.set_mode(mode)
    small_screen(qtbot, window)
    compose = window.compose
    assert compose.form_scroll.verticalScrollBar().maximum() == 0
    assert compose.prompt.text.height() >= 60
    assert shown_in_scroll(window, compose.prompt.text)
    params = compose.params
    for spec in params.specs():
        widget = params.widget_for(spec.name)
        assert widget is not None
        if widget.isVisibleTo(params):
            assert shown_in_scroll(window, widget), f"{model}: {spec.name} is cut off"
    assert compose.generate_button.isVisible()
    assert compose.generate_button.visibleRegion().boundingRect().height() == (
        compose.generate_button.height()
    )


def test_messages_never_move_the_controls(qtbot: QtBot, window: MainWindow) -> None:
    window.reload_providers(current="sandbox")
    choose(window.compose.model_box, "gpt-image-2")
    small_screen(qtbot, window)
    compose = window.compose
    size = compose.params.widget_for("size")
    quality = compose.params.widget_for("quality")
    assert size is not None and quality is not None

    def places() -> list[QRect]:
        return [
            QRect(w.mapTo(window, QPoint(0, 0)), w.size())
            for w in (compose.generate_button, quality, compose.prompt.text, compose.estimate_label)
        ]

    before = places()
    type_prompt(qtbot, window, "a lighthouse")
    editor = size.lineEdit()  # type: ignore[attr-defined]
    editor.selectAll()
    qtbot.keyClicks(editor, "1000x7")  # not a size the rule allows: a live message
    QApplication.processEvents()
    assert compose.problems or compose.params.note_for("size").text() != ""  # type: ignore[union-attr]
    assert not compose.generate_button.isEnabled()
    assert places() == before


def test_variations_keep_no_prompt_box(qtbot: QtBot, window: MainWindow) -> None:
    window.reload_providers(current="sandbox")
    choose(window.compose.model_box, "dall-e-2")
    window.compose.set_mode(Mode.VARIATIONS)
    qtbot.wait(10)
    assert not window.compose.prompt.isVisible()
    window.compose.set_mode(Mode.GENERATE)
    assert window.compose.prompt.isVisible()


def test_a_narrow_window_squeezes_the_result_not_the_composer(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(800, 600)
    QApplication.processEvents()
    qtbot.wait(20)
    assert window.compose.width() >= 380


def _overlaps(root: QWidget) -> list[tuple[str, str]]:
    """Pairs of visible sibling widgets whose rectangles intersect, anywhere under ``root``."""
    found: list[tuple[str, str]] = []
    stack = [root]
    while stack:
        parent = stack.pop()
        kids = [
            w
            for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisible() and not w.isWindow() and w.width() > 0 and w.height() > 0
        ]
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                if a.geometry().intersects(b.geometry()):
                    found.append((_name(a), _name(b)))
        stack.extend(kids)
    return found


def _name(w: QWidget) -> str:
    return f"{type(w).__name__}({w.objectName() or w.accessibleName() or ''})"


def first_start_at_1366(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1366, 768 - 32)
    window.show()
    qtbot.waitExposed(window)
    window.default_layout()
    QApplication.processEvents()
    qtbot.wait(20)


def test_at_1366x768_the_picture_takes_most_of_the_window(qtbot: QtBot, window: MainWindow) -> None:
    window.reload_providers(current="sandbox")
    first_start_at_1366(qtbot, window)
    view = window.viewer.view
    # the result is the largest thing on screen: well over half the width and the
    # biggest share of the height, the composer a column, jobs and history a strip
    assert view.width() >= window.width() * 0.6, (view.width(), window.width())
    assert view.height() >= window.height() * 0.4, (view.height(), window.height())
    assert window.compose_dock.width() <= window.width() * 0.36
    for dock in (window.jobs_dock, window.gallery):
        assert dock is not None
        assert window.dockWidgetArea(dock) is Qt.DockWidgetArea.BottomDockWidgetArea
        assert dock.height() <= view.height()
    # the strip folds away from the View menu and the picture takes the room
    before = view.height()
    window.jobs_dock.toggleViewAction().trigger()
    assert window.gallery is not None
    window.gallery.toggleViewAction().trigger()
    QApplication.processEvents()
    assert not window.jobs_dock.isVisible() and not window.gallery.isVisible()
    assert view.height() > before + 100


def test_at_1366x768_everything_common_shows_and_nothing_overlaps(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.reload_providers(current="sandbox")
    first_start_at_1366(qtbot, window)
    compose = window.compose
    assert compose.form_scroll.verticalScrollBar().maximum() == 0
    assert shown_in_scroll(window, compose.prompt.text)
    params = compose.params
    for spec in params.specs():
        widget = params.widget_for(spec.name)
        assert widget is not None
        if widget.isVisibleTo(params):
            assert shown_in_scroll(window, widget), f"{spec.name} is cut off"
    button = compose.generate_button
    assert button.visibleRegion().boundingRect().height() == button.height()
    assert _overlaps(window) == []


def test_at_1366x768_the_history_shows_a_whole_row_of_tiles(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A new user's first picture shows whole in the history strip, with no scroll bar
    for a single row (the strip was a few pixels short of one row of tiles)."""
    window.reload_providers(current="sandbox")
    first_start_at_1366(qtbot, window)
    qtbot.waitUntil(lambda: window.gallery is not None, timeout=10_000)
    dock = window.gallery
    assert dock is not None
    view = dock.view
    qtbot.waitUntil(lambda: view.viewport().height() > 0, timeout=5_000)
    QApplication.processEvents()
    assert view.viewport().height() >= view.gridSize().height(), (
        view.viewport().height(),
        view.gridSize().height(),
    )


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("fmt", ["gif", "svg"])
@pytest.mark.parametrize("mode", [Mode.GENERATE, Mode.EDIT])
def test_a_gif_or_svg_s_options_are_never_cut_off_at_the_right(
    qtbot: QtBot, window: MainWindow, lang: str, fmt: str, mode: Mode
) -> None:
    """Format → GIF adds Frames and "Frame time (ms)": the two columns grew wider than
    the composer of a first start, and its right edge cut the fields off."""
    from studio.ui.i18n import set_language

    window.reload_providers(current="sandbox")
    first_start_at_1366(qtbot, window)
    # the composer at its narrowest, as a first start shows it on the real screen
    window.resizeDocks([window.compose_dock], [380], Qt.Orientation.Horizontal)
    assert set_language(lang)
    compose = window.compose
    choose(compose.model_box, "gpt-image-2.6-sunburst")
    compose.set_mode(mode)
    box = compose.params.widget_for("output_format")
    assert box is not None
    choose(box, fmt)  # type: ignore[arg-type]
    QApplication.processEvents()
    qtbot.wait(20)
    viewport = compose.form_scroll.viewport()
    shown = [w for w in compose.params.findChildren(QWidget) if w.isVisibleTo(compose.params)]
    assert compose.params.widget_for("frame_duration_ms" if fmt == "gif" else "svg") in shown
    for widget in shown:
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        assert right <= viewport.width(), f"{_name(widget)} ends at {right} > {viewport.width()}"
