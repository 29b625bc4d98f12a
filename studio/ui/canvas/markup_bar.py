"""The Markup mode's style row: colour (a small palette, red first, or any colour),
stroke width, opacity, and the notes' font size and weight.

A change sets the style of the next annotation and restyles the selected one
(one undo step); selecting an annotation shows its style here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QLabel,
    QSpinBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from studio.core.markup import MAX_FONT, MIN_FONT, PALETTE, Style
from studio.ui.canvas.widget import MaskCanvas


def _swatch(colour: str) -> QIcon:
    pix = QPixmap(16, 16)
    pix.fill(QColor(colour))
    return QIcon(pix)


class MarkupBar(QToolBar):
    def __init__(self, canvas: MaskCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markup-style")
        self.setMovable(False)
        self.setFloatable(False)
        self.canvas = canvas
        self._syncing = False
        self.swatches: list[QToolButton] = []
        for colour in PALETTE:
            b = QToolButton(self)
            b.setIcon(_swatch(colour))
            b.setObjectName(f"swatch-{colour}")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.clicked.connect(lambda _c=False, c=colour: self.set_colour(c))
            self.swatches.append(b)
            self.addWidget(b)
        self.more = QToolButton(self)
        self.more.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.more.clicked.connect(self._choose_colour)
        self.addWidget(self.more)

        self.width_box = self._spin(1, 200, " px")
        self.width_box.valueChanged.connect(lambda v: self._style(width=float(v)))
        self.opacity_box = self._spin(5, 100, " %")
        self.opacity_box.valueChanged.connect(lambda v: self._style(opacity=v / 100))
        self.font_box = self._spin(MIN_FONT, MAX_FONT, " px")
        self.font_box.valueChanged.connect(lambda v: self._style(font_size=v))
        self.bold = QCheckBox(self)
        self.bold.toggled.connect(lambda on: self._style(bold=on))
        self.labels: list[QLabel] = []
        for box in (self.width_box, self.opacity_box, self.font_box):
            lab = QLabel(self)
            lab.setBuddy(box)
            self.labels.append(lab)
            self.addWidget(lab)
            self.addWidget(box)
        self.addWidget(self.bold)
        canvas.markup_shown.connect(self.show_style)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Markup style"))
        names = (
            self.tr("Red"),
            self.tr("Yellow"),
            self.tr("Green"),
            self.tr("Blue"),
            self.tr("White"),
            self.tr("Black"),
        )
        for b, name in zip(self.swatches, names, strict=True):
            b.setToolTip(name)
            b.setAccessibleName(name)
        self.more.setText(self.tr("More…"))
        self.more.setToolTip(self.tr("Any colour"))
        for box, tip in (
            (self.width_box, self.tr("Stroke width in image pixels")),
            (self.opacity_box, self.tr("Opacity of the annotation")),
            (self.font_box, self.tr("Font size of notes")),
        ):
            box.setToolTip(tip)
            box.setAccessibleName(tip)
        self.bold.setText(self.tr("Bold"))
        self.bold.setToolTip(self.tr("Bold notes"))
        for lab, text in zip(
            self.labels, (self.tr("Width"), self.tr("Opacity"), self.tr("Font")), strict=True
        ):
            lab.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _spin(self, low: int, high: int, suffix: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(low, high)
        box.setSuffix(suffix)
        return box

    def controls(self) -> list[QWidget]:
        return [
            *self.swatches,
            self.more,
            self.width_box,
            self.opacity_box,
            self.font_box,
            self.bold,
        ]

    def _style(self, **changes: object) -> None:
        if not self._syncing and self.canvas.has_image():
            self.canvas.set_markup_style(**changes)

    def set_colour(self, colour: str) -> None:
        self._style(colour=QColor(colour).name())
        self.show_style()

    def _choose_colour(self) -> None:
        if not self.canvas.has_image():
            return
        start = QColor(self.canvas.markup_layer.style.colour)
        colour = QColorDialog.getColor(start, self, self.tr("Annotation colour"))
        if colour.isValid():
            self.set_colour(colour.name())

    def show_style(self) -> None:
        """Show the selected annotation's style, else the style of the next one."""
        if not self.canvas.has_image():
            return
        layer = self.canvas.markup_layer
        selected = layer.selection()
        style: Style = selected.style if selected is not None else layer.style
        self._syncing = True
        try:
            for b, colour in zip(self.swatches, PALETTE, strict=True):
                b.setChecked(colour == style.colour.lower())
            self.width_box.setValue(round(style.width))
            self.opacity_box.setValue(round(style.opacity * 100))
            self.font_box.setValue(style.font_size)
            self.bold.setChecked(style.bold)
        finally:
            self._syncing = False
