"""The studio's icons: Lucide SVGs shipped in ``studio/resources/icons``, drawn with QtSvg.

Each icon is a stroke drawing in ``currentColor``. :func:`icon` returns a ``QIcon`` whose
engine renders the SVG at the size and device pixel ratio asked for (crisp at 2×), in the
palette's text colour at the time it paints: one icon reads on a light and on a dark
palette, and follows a change of scheme without being built again. Disabled icons take
the palette's disabled text colour.

To add one: copy ``<name>.svg`` from the Lucide set into the icons folder (only icons in
use are shipped) and ask for ``icon("<name>")``; :func:`with_shortcut` puts the key into a
tool tip the same way everywhere.

Where the platform puts icons on dialog buttons (Close, Save, Cancel ... on Linux
desktops), the style hands out :data:`DIALOG_ICONS` in their place (see
:mod:`studio.ui.focus_ring`): the style's own are black drawings, faint on a dark button.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QCoreApplication, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QStyle

from studio.core.resources import resource

ICONS_DIR = ("icons",)

_SP = QStyle.StandardPixmap
#: the icons of a dialog's standard buttons (those the platform shows icons on)
DIALOG_ICONS: dict[QStyle.StandardPixmap, str] = {
    _SP.SP_DialogOkButton: "check",
    _SP.SP_DialogYesButton: "check",
    _SP.SP_DialogApplyButton: "check",
    _SP.SP_DialogCancelButton: "x",
    _SP.SP_DialogNoButton: "x",
    _SP.SP_DialogCloseButton: "x",
    _SP.SP_DialogSaveButton: "save",
    _SP.SP_DialogOpenButton: "folder-open",
    _SP.SP_DialogResetButton: "rotate-ccw",
    _SP.SP_DialogHelpButton: "circle-help",
    _SP.SP_DialogDiscardButton: "trash-2",
}


@functools.cache
def svg_source(name: str) -> bytes:
    """The SVG text of a bundled icon. Raises FileNotFoundError for an unknown name."""
    path = resource(*ICONS_DIR, f"{name}.svg")
    return path.read_bytes()


def icon_names() -> list[str]:
    """Every bundled icon's name."""
    return sorted(p.stem for p in resource(*ICONS_DIR).glob("*.svg"))


def _colour(mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.ButtonText)


@functools.lru_cache(maxsize=512)
def _render(name: str, width: int, height: int, rgba: str) -> QPixmap:
    """``name`` drawn into a transparent ``width``×``height`` pixmap in colour ``rgba``."""
    data = svg_source(name).replace(b"currentColor", rgba.encode("ascii"))
    renderer = QSvgRenderer(QByteArray(data))
    pix = QPixmap(width, height)
    pix.fill(Qt.GlobalColor.transparent)
    if renderer.isValid():
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(width, height)
        renderer.render(painter, QRect((width - side) // 2, (height - side) // 2, side, side))
        painter.end()
    return pix


class SvgIconEngine(QIconEngine):
    """Draws one bundled SVG on demand, in the palette's colour for the icon's mode."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def _pixmap(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        w = max(1, round(size.width() * scale))
        h = max(1, round(size.height() * scale))
        pix = _render(self.name, w, h, _colour(mode).name(QColor.NameFormat.HexRgb))
        pix = QPixmap(pix)  # a copy: the device pixel ratio below must not leak into the cache
        pix.setDevicePixelRatio(scale)
        return pix

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._pixmap(size, mode, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        return self._pixmap(size, mode, scale)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pix = self._pixmap(rect.size(), mode, scale)
        painter.drawPixmap(QPoint(rect.x(), rect.y()), pix)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.name)

    def key(self) -> str:
        return "studio-svg"

    def iconName(self) -> str:
        return self.name


def icon(name: str) -> QIcon:
    """The bundled icon ``name`` (a Lucide name such as ``"copy"``)."""
    svg_source(name)  # an unknown name fails here, not silently at paint time
    return QIcon(SvgIconEngine(name))


def shortcut_text(keys: QKeySequence | str) -> str:
    """A key sequence as the platform writes it (``Ctrl+0``, ``⌘0``)."""
    seq = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


def with_shortcut(tip: str, keys: QKeySequence | str | None) -> str:
    """``tip`` followed by its key in parentheses, the one way tool tips name a shortcut."""
    if keys is None:
        return tip
    text = shortcut_text(keys)
    if not text:
        return tip
    # %1 the tip, %2 the key (Chinese puts the key in full-width parentheses)
    form = QCoreApplication.translate("Shortcut", "%1 (%2)")
    return form.replace("%1", tip).replace("%2", text)
