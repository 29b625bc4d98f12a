"""Light and dark: the choice in Settings switches the palette, and our own colours stay
readable on either."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from studio.ui import theme

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _luminance(color: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def scheme(qapp: QApplication) -> Iterator[None]:
    base = qapp.style().name()
    yield
    theme.apply_scheme("system")
    qapp.setStyle(base)  # the plain style (and its palette) again for the tests that follow


def _window_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.Window)


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_our_colours_are_readable_in_either_scheme(choice: str, scheme: None) -> None:
    theme.apply_scheme(choice)
    assert theme.is_dark() == (choice == "dark")
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    assert contrast(text, _window_color()) >= 7
    for kind in ("error", "warning"):
        assert contrast(QColor(theme.tone(kind)), _window_color()) >= 4.5, kind  # type: ignore[arg-type]


def test_choosing_dark_in_settings_recolours_the_window(
    qtbot: QtBot, window: MainWindow, scheme: None
) -> None:
    original = _window_color()
    assert not theme.is_dark()
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-3"))
    qtbot.keyClicks(compose.prompt.text, "x" * 4001)  # a problem shows, in the error colour
    assert compose.problems_label.isVisible()
    light_style = compose.problems_label.styleSheet()

    dialog = window.open_settings()
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        dialog.buttons.accepted.emit()
    assert window.studio.settings.appearance == "dark"
    assert theme.is_dark()
    qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() < 128)
    dark_style = compose.problems_label.styleSheet()
    assert dark_style != light_style and theme.tone("error") in dark_style
    count = compose.prompt.count
    assert theme.tone("error") in count.styleSheet()  # the over-limit count too

    dialog = window.open_settings()
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("system"))
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        dialog.buttons.accepted.emit()
    assert _window_color() == original
    assert compose.problems_label.styleSheet() == light_style


def test_a_scheme_chosen_while_open_reaches_the_banners_too(
    qtbot: QtBot, window: MainWindow, scheme: None
) -> None:
    # the sandbox banner (and the other tinted bars) carry a style sheet of their own:
    # their words and buttons must follow a change of scheme made while the window is open
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    for choice in ("dark", "light", "dark"):
        dialog = window.open_settings()
        dialog.appearance.setCurrentIndex(dialog.appearance.findData(choice))
        with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
            dialog.buttons.accepted.emit()
        window_colour = _window_color()
        text = window.banner_text.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(text, window_colour) >= 7, choice
        button = window.banner_button.palette()
        face, words = (
            button.color(QPalette.ColorRole.Button),
            button.color(QPalette.ColorRole.ButtonText),
        )
        assert (face.lightness() < 128) == (choice == "dark"), choice
        assert contrast(words, face) >= 4.5, choice
