"""A visible focus ring: the platform's style, with a 2 px ring in the selection colour
around the focused field (always) and the focused button (when the keyboard moved the
focus there, as browsers' :focus-visible; a tab bar's current tab too, where the style's
own mark is a faint tint).

A proxy of the style in use rather than a style sheet: a style sheet makes Qt polish
every widget through its style sheet style, which doubles the time the main window
takes to build (about 130 ms more before the first paint). The ring is drawn over
the frame, inside the widget's own rectangle, so focusing moves nothing.

The same proxy outlines every check box indicator (check boxes, checkable list and
table rows, checkable menu items: the style draws them all as one primitive) and
every radio button in a
colour between the text and the field, at 3:1 or more on the window and on fields:
Fusion's own outline is a shade of the window colour, all but invisible on a dark one.

And it hands out the studio's own icons for a dialog's standard buttons (where the
platform shows icons on them): drawn in the button text's colour, they read on a light
and on a dark button, where the style's black ones all but vanish on a dark one.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from studio.ui.icons import DIALOG_ICONS, icon

S = QStyle.StateFlag
_FIELD_PRIMITIVES = (QStyle.PrimitiveElement.PE_FrameLineEdit,)
_FIELD_CONTROLS = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)
#: a tab of a tab bar is drawn as its shape, then its label: the ring goes on the shape
_BUTTON_CONTROLS = (QStyle.ControlElement.CE_PushButton, QStyle.ControlElement.CE_TabBarTabShape)
#: how far the outline goes from the field colour towards the text colour
_OUTLINE_MIX = 0.55


def _focused(option: QStyleOption, keyboard: bool = False) -> bool:
    state = option.state
    if not (state & S.State_HasFocus) or not (state & S.State_Enabled):
        return False
    return not keyboard or bool(state & S.State_KeyboardFocusChange)


def draw_ring(painter: QPainter, option: QStyleOption) -> None:
    """The ring, inside ``option.rect``, in the palette's selection colour."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 2.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(option.rect).adjusted(1, 1, -1, -1), 3.0, 3.0)
    painter.restore()


def indicator_outline(palette: QPalette, group: QPalette.ColorGroup) -> QColor:
    """A check box's outline: ``_OUTLINE_MIX`` of the way from the field colour to the
    text colour (about 4:1 on the window and on fields, light or dark)."""
    base = palette.color(group, QPalette.ColorRole.Base)
    text = palette.color(group, QPalette.ColorRole.Text)

    def mix(b: float, t: float) -> float:
        return b + (t - b) * _OUTLINE_MIX

    return QColor.fromRgbF(
        mix(base.redF(), text.redF()),
        mix(base.greenF(), text.greenF()),
        mix(base.blueF(), text.blueF()),
    )


def draw_indicator_outline(painter: QPainter, option: QStyleOption, radio: bool = False) -> None:
    """A 1 px outline over the style's own, on the indicator's edge (a circle for a
    radio button)."""
    if _focused(option, keyboard=True):
        return  # the style outlines it in the selection colour: keep that
    enabled = bool(option.state & S.State_Enabled)
    group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(indicator_outline(option.palette, group), 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    rect = option.rect
    if radio:  # where Fusion draws its circle
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        radius = (rect.width() + (rect.width() + 1) % 2) / 2.0 - 1
        painter.drawEllipse(QPointF(rect.center()) + QPointF(1, 1), radius, radius)
    else:
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
    painter.restore()


class FocusRingStyle(QProxyStyle):
    """The style in use, plus the focus ring (and the studio's dialog button icons)."""

    def standardIcon(
        self,
        standardIcon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        name = DIALOG_ICONS.get(standardIcon)
        if name is not None:
            return icon(name)
        return super().standardIcon(standardIcon, option, widget)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _FIELD_PRIMITIVES and _focused(option):
            draw_ring(painter, option)
        elif element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            draw_indicator_outline(painter, option)
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            draw_indicator_outline(painter, option, radio=True)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element in _BUTTON_CONTROLS and _focused(option, keyboard=True):
            draw_ring(painter, option)
        elif (
            element == QStyle.ControlElement.CE_ShapedFrame
            and isinstance(widget, QAbstractScrollArea)
            and widget.hasFocus()
            and widget.isEnabled()
        ):  # a text box: its frame is drawn without the focus state
            draw_ring(painter, option)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        field = control in _FIELD_CONTROLS and _focused(option)
        button = control == QStyle.ComplexControl.CC_ToolButton and _focused(option, True)
        if field or button:
            draw_ring(painter, option)


def install_focus_ring(app: QApplication) -> None:
    """Wrap the application's style in :class:`FocusRingStyle` (once). Call before
    setting a palette: a new style resets it."""
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle(app.style().name()))
