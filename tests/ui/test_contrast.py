"""Light and dark palettes read well: every text colour against what it is drawn on
reaches WCAG AA (4.5:1), disabled-but-informative text and selections included, and
the focused field or button wears a visible ring, and every check box and radio button
(on the window, in a list, in a menu) shows its outline at 3:1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOption,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studio.ui import theme
from studio.ui.focus_ring import FocusRingStyle
from tests.ui.test_theme import contrast

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

G = QPalette.ColorGroup
R = QPalette.ColorRole

#: (what, text group, text role, background group, background role)
PAIRS = [
    ("window text", G.Active, R.WindowText, G.Active, R.Window),
    ("field text", G.Active, R.Text, G.Active, R.Base),
    ("button text", G.Active, R.ButtonText, G.Active, R.Button),
    ("tool tip", G.Active, R.ToolTipText, G.Active, R.ToolTipBase),
    ("placeholder", G.Active, R.PlaceholderText, G.Active, R.Base),
    ("disabled label", G.Disabled, R.WindowText, G.Disabled, R.Window),
    ("disabled field", G.Disabled, R.Text, G.Disabled, R.Base),
    ("disabled button", G.Disabled, R.ButtonText, G.Disabled, R.Button),
    ("selection", G.Active, R.HighlightedText, G.Active, R.Highlight),
    ("selection, window in the back", G.Inactive, R.HighlightedText, G.Inactive, R.Highlight),
    ("disabled selection", G.Disabled, R.HighlightedText, G.Disabled, R.Highlight),
    ("link on a field", G.Active, R.Link, G.Active, R.Base),
    ("link on the window", G.Active, R.Link, G.Active, R.Window),
    ("visited link", G.Active, R.LinkVisited, G.Active, R.Base),
]


def _too_low(palette: QPalette) -> list[str]:
    low = []
    for what, tg, tr, bg, br in PAIRS:
        ratio = contrast(palette.color(tg, tr), palette.color(bg, br))
        if ratio < 4.5:
            low.append(f"{what}: {ratio:.2f}:1")
    return low


@pytest.fixture
def scheme(qapp: QApplication) -> Iterator[None]:
    base = qapp.style().name()
    yield
    theme.apply_scheme("system")
    qapp.setStyle(base)  # the plain style (and its palette) again for the tests that follow


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_every_text_colour_reads_at_4_5_to_1(choice: str, scheme: None) -> None:
    theme.apply_scheme(choice)
    palette = QGuiApplication.palette()
    assert theme.is_dark(palette) == (choice == "dark")
    assert _too_low(palette) == []
    for kind in ("error", "warning"):
        for role in (R.Window, R.Base):
            colour = QColor(theme.tone(kind))  # type: ignore[arg-type]
            assert contrast(colour, palette.color(role)) >= 4.5, (kind, role)


def test_the_palettes_themselves_pass_and_fusions_own_does_not(qapp: QApplication) -> None:
    assert _too_low(theme.light_palette()) == []
    assert _too_low(theme.dark_palette()) == []
    # the check can fail: the style's own light palette has grey disabled text
    assert _too_low(qapp.style().standardPalette())


def _ring_pixels(image: QImage, colour: QColor) -> int:
    """How many pixels of the widget's outer 3-pixel band are ``colour``."""
    hits = 0
    w, h = image.width(), image.height()
    for y in range(h):
        for x in range(w):
            if 3 <= x < w - 3 and 3 <= y < h - 3:
                continue
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) < 12
                and abs(c.green() - colour.green()) < 12
                and abs(c.blue() - colour.blue()) < 12
            ):
                hits += 1
    return hits


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_the_focused_field_and_button_wear_a_ring(qtbot: QtBot, choice: str, scheme: None) -> None:
    theme.apply_scheme(choice)
    ring = QGuiApplication.palette().color(R.Highlight)
    box = QWidget()
    lay = QVBoxLayout(box)
    field, button, other = QLineEdit("a prompt"), QPushButton("Generate"), QPushButton("Other")
    for w in (field, button, other):
        lay.addWidget(w)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # the keyboard moves on: the button shows it
    qtbot.waitUntil(button.hasFocus)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    for focused, move in ((field, None), (button, Qt.Key.Key_Tab)):
        before = focused.geometry()
        if move is not None:
            qtbot.keyClick(QApplication.focusWidget(), move)
        qtbot.waitUntil(focused.hasFocus)
        QApplication.processEvents()
        image = focused.grab().toImage()
        perimeter = 2 * (image.width() + image.height())
        assert _ring_pixels(image, ring) > perimeter, f"{type(focused).__name__}: no ring"
        assert _ring_pixels(other.grab().toImage(), ring) < perimeter // 4  # not on the rest
        assert focused.geometry() == before  # the ring moves nothing


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_the_focused_tab_of_a_tab_bar_wears_a_ring(qtbot: QtBot, choice: str, scheme: None) -> None:
    """Shift+Tab from the first field onto a dialog's tabs: the current tab shows the
    ring (the style's own mark was a faint tint of it), the other tabs do not."""
    theme.apply_scheme(choice)
    ring = QGuiApplication.palette().color(R.Highlight)
    tabs = QTabWidget()
    first = QLineEdit("a field")
    tabs.addTab(first, "Providers")
    tabs.addTab(QLineEdit(), "Network")
    qtbot.addWidget(tabs)
    tabs.show()
    qtbot.waitExposed(tabs)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    bar = tabs.tabBar()
    qtbot.keyClick(first, Qt.Key.Key_Backtab)
    qtbot.waitUntil(bar.hasFocus)
    QApplication.processEvents()
    image = bar.grab().toImage()
    current, other = (image.copy(bar.tabRect(i)) for i in (0, 1))
    perimeter = 2 * (current.width() + current.height())
    assert _ring_pixels(current, ring) > perimeter, "no ring on the focused tab"
    assert _ring_pixels(other, ring) < perimeter // 4


def _background(image: QImage) -> QColor:
    """The colour most pixels of ``image`` have: what the indicator (or icon) is drawn on."""
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    return QColor.fromRgb(max(counts, key=counts.__getitem__))


def _outline_pixels(image: QImage) -> int:
    """How many pixels of ``image`` stand out from its background at 3:1 or more (WCAG's
    contrast for the parts of a control one must see to use it)."""
    back = _background(image)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if contrast(image.pixelColor(x, y), back) >= 3.0
    )


def _button(qtbot: QtBot, box: QAbstractButton) -> QImage:
    """``box`` has no text: whatever stands out is the indicator."""
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box.grab().toImage()


def _list_item(qtbot: QtBot) -> QImage:
    view = QListWidget()
    item = QListWidgetItem("")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    view.addItem(item)
    view.setFrameShape(QFrame.Shape.NoFrame)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view.viewport().grab(view.visualItemRect(item)).toImage()


def _menu_item(qtbot: QtBot) -> QImage:
    menu = QMenu()
    action = menu.addAction("")
    action.setCheckable(True)
    qtbot.addWidget(menu)
    menu.popup(menu.mapToGlobal(menu.rect().topLeft()))
    qtbot.waitExposed(menu)
    return menu.grab(menu.actionGeometry(action)).toImage()


@pytest.mark.parametrize("where", ["check box", "radio button", "list item", "menu item"])
@pytest.mark.parametrize("choice", ["light", "dark"])
def test_an_unchecked_indicator_has_a_visible_outline(
    qtbot: QtBot, choice: str, where: str, scheme: None
) -> None:
    theme.apply_scheme(choice)
    grabs = {
        "check box": lambda: _button(qtbot, QCheckBox()),
        "radio button": lambda: _button(qtbot, QRadioButton()),
        "list item": lambda: _list_item(qtbot),
        "menu item": lambda: _menu_item(qtbot),
    }
    image = grabs[where]()
    # a 13-16 px outline is 28 pixels or more (a circle, smoothed); the style's own, 0
    assert _outline_pixels(image) >= 24, f"{where} ({choice}): the box does not show"


class _IconsOnDialogButtons(FocusRingStyle):
    """The studio's style as a Linux desktop has it: icons on a dialog's standard buttons
    (the platform's choice; the offscreen platform of the tests shows none)."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: object = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)  # type: ignore[arg-type]


def _ink(image: QImage) -> list[QColor]:
    """The colours of an icon's drawn (all but opaque) pixels."""
    img = image.convertToFormat(QImage.Format.Format_ARGB32)
    return [
        img.pixelColor(x, y)
        for y in range(img.height())
        for x in range(img.width())
        if img.pixelColor(x, y).alpha() > 200
    ]


@pytest.mark.parametrize("dialog", ["Spending", "About", "Help"])
@pytest.mark.parametrize("choice", ["light", "dark"])
def test_a_dialogs_close_icon_reads_on_its_button(
    qtbot: QtBot, qapp: QApplication, window: MainWindow, choice: str, dialog: str, scheme: None
) -> None:
    qapp.setStyle(_IconsOnDialogButtons("Fusion"))
    theme.apply_scheme(choice)
    before = set(window.findChildren(QDialog))
    {"Spending": window.act_spend, "About": window.act_about, "Help": window.act_help}[
        dialog
    ].trigger()
    opened = [d for d in window.findChildren(QDialog) if d not in before and d.isVisible()]
    assert len(opened) == 1, opened
    qtbot.waitExposed(opened[0])
    box = opened[0].findChild(QDialogButtonBox)
    assert box is not None
    close = box.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.isVisible()
    assert not close.icon().isNull()
    face = close.grab().toImage()
    # what the icon is drawn on: the button's face, inside its frame and focus ring
    back = _background(face.copy(4, 4, face.width() - 8, face.height() - 8))
    ink = _ink(close.icon().pixmap(close.iconSize()).toImage())
    assert ink
    low = [c.name() for c in ink if contrast(c, back) < 3.0]
    assert not low, f"{dialog} ({choice}): {low[0]} on {back.name()}"
    opened[0].close()
