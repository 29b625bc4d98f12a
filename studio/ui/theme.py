"""Light or dark: follow the system, or the person's choice in Settings.

Qt follows the system's scheme by itself where the platform reports one (Windows,
macOS, GNOME and KDE through their platform themes). Choosing Light or Dark asks Qt
for that scheme; where the platform cannot switch (plain X11, offscreen), the Fusion
style gets a matching palette instead. The few colours the studio sets itself (errors,
warnings) come from :func:`tone`, which picks a shade readable on the current window
colour, and are set again whenever the scheme changes.
"""

from __future__ import annotations

import weakref
from typing import Literal

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from studio.ui.focus_ring import install_focus_ring

#: values of the ``appearance`` setting
SCHEMES = ("system", "light", "dark")
Tone = Literal["error", "warning"]

# readable on a light window (#efefef) and on a dark one (#2d2d30): contrast >= 4.5:1
_TONES: dict[Tone, tuple[str, str]] = {
    "error": ("#c62828", "#ff7070"),
    "warning": ("#9a5b00", "#f0a040"),
}
_styled: weakref.WeakKeyDictionary[QWidget, tuple[Tone, str]] = weakref.WeakKeyDictionary()
_watching = False


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether text is light on a dark window (the palette in effect, by default)."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(kind: Tone, palette: QPalette | None = None) -> str:
    """The colour for ``kind`` text that reads well on ``palette``'s window."""
    light, dark = _TONES[kind]
    return dark if is_dark(palette) else light


def style_label(label: QWidget, kind: Tone, extra: str = "") -> None:
    """Colour ``label``'s text (a label's, or a text box's) as ``kind`` now and again
    after every change of scheme."""
    _styled[label] = (kind, extra)
    label.setStyleSheet(f"color: {tone(kind)};{extra}")
    _watch()


def unstyle_label(label: QWidget) -> None:
    """Back to the palette's own text colour."""
    _styled.pop(label, None)
    label.setStyleSheet("")


#: text on the window, on fields and buttons, disabled text that still informs (a
#: field's explanation, a fixed value), placeholders, selections and links all read at
#: 4.5:1 or more in both schemes (WCAG AA for normal text)
_LIGHT_FIXES: tuple[tuple[QPalette.ColorGroup | None, QPalette.ColorRole, str], ...] = (
    (None, QPalette.ColorRole.Highlight, "#1f6fb2"),
    (None, QPalette.ColorRole.HighlightedText, "#ffffff"),
    (None, QPalette.ColorRole.PlaceholderText, "#666666"),
    (None, QPalette.ColorRole.Link, "#0b57d0"),
    (None, QPalette.ColorRole.LinkVisited, "#6a1b9a"),
    (QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, "#666666"),
    (QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, "#666666"),
    (QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, "#666666"),
    (QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, "#6e6e6e"),
)


def light_palette() -> QPalette:
    """The Fusion style's light colours, with text, selections and links tuned to read
    at 4.5:1 or more (Fusion's own grey disabled text reads at 1.6:1)."""
    app = QApplication.instance()
    p = app.style().standardPalette() if isinstance(app, QApplication) else QPalette()
    for group, role, colour in _LIGHT_FIXES:
        if group is None:
            p.setColor(role, QColor(colour))
        else:
            p.setColor(group, role, QColor(colour))
    return p


def dark_palette() -> QPalette:
    """The Fusion style's colours for a dark scheme (for platforms that cannot switch)."""
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    disabled = QColor("#a3a3a3")  # 4.7:1 on a button, more on the window and fields
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor(40, 40, 43)),
        (QPalette.ColorRole.ToolTipBase, QColor(60, 60, 64)),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, disabled),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor(55, 55, 58)),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(255, 90, 90)),
        (QPalette.ColorRole.Light, QColor(75, 75, 78)),
        (QPalette.ColorRole.Midlight, QColor(62, 62, 65)),
        (QPalette.ColorRole.Mid, QColor(40, 40, 42)),
        (QPalette.ColorRole.Dark, QColor(25, 25, 27)),
        (QPalette.ColorRole.Shadow, QColor(0, 0, 0)),
        (QPalette.ColorRole.Highlight, QColor("#1e67b4")),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.Link, QColor(100, 170, 255)),
        (QPalette.ColorRole.LinkVisited, QColor(180, 160, 255)),
    ):
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#5a5a5e"))
    return p


def apply_scheme(choice: str) -> None:
    """Follow the system (``"system"``) or force ``"light"`` / ``"dark"`` for this app."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    install_focus_ring(app)  # first: a new style resets the palette
    hints = app.styleHints()
    if choice == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        if hints.colorScheme() != Qt.ColorScheme.Dark or not is_dark(app.palette()):
            app.setPalette(dark_palette())
    elif choice == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        if is_dark(app.palette()) or _plain_fusion(app):
            app.setPalette(light_palette())
    else:
        hints.unsetColorScheme()
        # an empty palette drops ours: Qt's own, which keeps following the system
        app.setPalette(QPalette())
        if _plain_fusion(app):  # no colours from the system: the tuned light ones
            app.setPalette(light_palette())
    _retone()
    _restyle(app)


def _plain_fusion(app: QApplication) -> bool:
    """Whether the palette in effect is the Fusion style's own (no platform colours)."""
    return app.palette() == app.style().standardPalette()


def _restyle(app: QApplication) -> None:
    """Widgets under a style sheet of their own (the tinted banners and bars) took their
    colours from the palette in effect when they were polished; a style sheet set again
    polishes them, and what they hold, on the new one."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet and widget not in _styled:  # those were just set again by _retone
            widget.setStyleSheet(sheet)


def _retone() -> None:
    for label, (kind, extra) in list(_styled.items()):
        if shiboken6.isValid(label):  # a closed dialog's label may be gone already
            label.setStyleSheet(f"color: {tone(kind)};{extra}")
        else:
            _styled.pop(label, None)


def _watch() -> None:
    """Re-colour after the system switches scheme by itself (Windows, macOS, portals)."""
    global _watching
    app = QGuiApplication.instance()
    if _watching or not isinstance(app, QGuiApplication):
        return
    _watching = True
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: _rescheme())


def _rescheme() -> None:
    _retone()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        _restyle(app)
