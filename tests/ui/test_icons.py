"""The bundled icon set: every icon draws, crisp at 2×, in the palette's colour; every
action and tool button of the window carries one, with a tool tip naming its shortcut."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QImage, QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication

from studio.core.resources import resource
from studio.ui.icons import icon, icon_names, shortcut_text, with_shortcut
from studio.ui.theme import dark_palette

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow


def _ink(image: QImage) -> list[QColor]:
    """The colours of the drawn (non-transparent) pixels."""
    img = image.convertToFormat(QImage.Format.Format_ARGB32)
    return [
        img.pixelColor(x, y)
        for y in range(img.height())
        for x in range(img.width())
        if img.pixelColor(x, y).alpha() > 200
    ]


def test_the_licence_ships_beside_the_icons() -> None:
    text = resource("icons", "LICENSE").read_text(encoding="utf-8")
    assert "ISC License" in text
    assert "Lucide" in text


@pytest.mark.parametrize("name", icon_names())
def test_every_bundled_icon_draws_sharp_at_twice_the_size(qapp: QApplication, name: str) -> None:
    pix = icon(name).pixmap(QSize(16, 16), 2.0)
    # rendered for the device pixels, not scaled up from 16 px
    assert (pix.width(), pix.height()) == (32, 32)
    assert pix.devicePixelRatio() == 2.0
    assert len(_ink(pix.toImage())) > 10, f"{name} draws nothing"


def test_an_unknown_icon_fails_where_it_is_asked_for(qapp: QApplication) -> None:
    with pytest.raises(FileNotFoundError):
        icon("no-such-icon")


def test_icons_take_the_palettes_text_colour_light_and_dark(qapp: QApplication) -> None:
    before = QGuiApplication.palette()
    try:
        colours = []
        for palette in (QApplication.style().standardPalette(), dark_palette()):
            QApplication.setPalette(palette)
            ink = _ink(icon("copy").pixmap(QSize(24, 24)).toImage())
            want = palette.color(QPalette.ColorRole.ButtonText)
            assert ink and all(c.rgb() == want.rgb() for c in ink)
            colours.append(ink[0].lightness())
        assert colours[0] < 128 < colours[1]  # dark ink on light, light ink on dark
        disabled = _ink(icon("copy").pixmap(QSize(24, 24), QIcon.Mode.Disabled).toImage())
        want = dark_palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        assert disabled and disabled[0].rgb() == want.rgb()
    finally:
        QApplication.setPalette(before)


def test_a_tip_names_its_shortcut_once() -> None:
    assert with_shortcut("Fit", "Ctrl+0") == f"Fit ({shortcut_text('Ctrl+0')})"
    assert with_shortcut("Open folder", None) == "Open folder"
    assert with_shortcut("Open folder", QKeySequence()) == "Open folder"


def _shortcut_in(tip: str, keys: QKeySequence) -> bool:
    return any(
        keys.toString(fmt) in tip
        for fmt in (
            QKeySequence.SequenceFormat.NativeText,
            QKeySequence.SequenceFormat.PortableText,
        )
    )


def test_every_window_action_has_an_icon_and_a_tip_naming_its_unique_shortcut(
    window: MainWindow,
) -> None:
    actions = [a for a in window.findChildren(QAction) if a.text() and not a.isSeparator()]
    # the menus' actions and the history's (context menu and keys)
    named = [a for a in actions if a.objectName().startswith("gallery_") or a in window.actions()]
    assert len(named) > 20
    seen: dict[str, str] = {}
    for action in named:
        assert not action.icon().isNull(), f"{action.text()!r} has no icon"
        assert action.toolTip(), f"{action.text()!r} has no tool tip"
        keys = action.shortcut()
        if keys.isEmpty():
            continue
        assert _shortcut_in(action.toolTip(), keys), (action.text(), action.toolTip())
        # the window's and the history's keys never overlap (the history's work while it
        # has focus, so they could; they do not, to keep one key one meaning)
        key = keys.toString()
        assert key not in seen, f"{key} is both {seen[key]!r} and {action.text()!r}"
        seen[key] = action.text()


def test_every_viewer_canvas_and_job_button_has_an_icon_and_a_tip(window: MainWindow) -> None:
    v = window.viewer
    viewer_buttons = [
        v.fit_button,
        v.actual_button,
        v.copy_button,
        v.save_button,
        v.folder_button,
        v.edit_button,
        v.variation_button,
        v.drag_button,
    ]
    canvas = window.compose.mask_panel
    markup_bar = canvas.markup_bar.controls()  # colour swatches: their colour is their icon
    canvas_buttons = [
        w
        for w in canvas.controls()
        if isinstance(w, QAbstractButton) and w is not canvas.notice_invert and w not in markup_bar
    ]
    assert canvas_buttons, "the canvas's tool buttons are found"
    for b in viewer_buttons + canvas_buttons:
        assert not b.icon().isNull(), f"{b.text()!r} has no icon"
        assert b.toolTip(), f"{b.text()!r} has no tool tip"
    # the viewer's keys are the window's: its tips say them
    assert _shortcut_in(v.fit_button.toolTip(), window.act_fit.shortcut())
    assert _shortcut_in(v.actual_button.toolTip(), window.act_actual.shortcut())
    assert _shortcut_in(v.copy_button.toolTip(), window.act_copy.shortcut())
    assert _shortcut_in(v.save_button.toolTip(), window.act_save.shortcut())
    # every canvas tool of the registry: its key in its tip
    for tool, button in canvas._tool_buttons.items():
        if tool.shortcut:
            assert _shortcut_in(button.toolTip(), QKeySequence(tool.shortcut)), tool.id


def test_the_banners_buttons_carry_icons(window: MainWindow) -> None:
    for button in (
        window.error_bar.retry_button,
        window.error_bar.close_button,
        window.banner_button,
    ):
        assert not button.icon().isNull(), button.text()
