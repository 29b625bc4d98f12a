"""Expand… : choose a larger frame for the first input and where the picture sits in it.

The size comes from an aspect preset, a free width × height (checked live against
the model's size rule, the same check validation makes) or margins; a model with
fixed sizes offers only the sizes it takes that hold the picture. The picture is
placed by one of nine anchors or dragged in the preview, which shows the new area
as a checkerboard. The geometry itself is the Qt-free :mod:`studio.core.expand`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.capabilities import ParamSpec
from studio.core.expand import (
    ASPECTS,
    MAX_FEATHER,
    Anchor,
    ExpandError,
    Expansion,
    anchor_offset,
    aspect_target,
    offered_sizes,
)
from studio.core.size import Size
from studio.ui.core_text import phrase_text

_CHECK = 8  # checkerboard square, in preview pixels


class ExpandPreview(QWidget):
    """The new frame (checkerboard) with the picture in it; drag the picture to move it."""

    moved = Signal(int, int)

    def __init__(self, picture: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.picture = picture
        self.target = Size(picture.width(), picture.height())
        self.offset = (0, 0)
        self._drag: tuple[QPointF, tuple[int, int]] | None = None

    def show_geometry(self, target: Size, offset: tuple[int, int]) -> None:
        self.target, self.offset = target, offset
        self.update()

    def _scale(self) -> float:
        t = self.target
        return min((self.width() - 8) / max(1, t.width), (self.height() - 8) / max(1, t.height))

    def _frame(self) -> QRectF:
        s = self._scale()
        w, h = self.target.width * s, self.target.height * s
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            frame = self._frame()
            p.fillRect(self.rect(), self.palette().window())
            light, dark = QColor(204, 204, 204), QColor(153, 153, 153)
            p.save()
            p.setClipRect(frame)
            y, row = frame.top(), 0
            while y < frame.bottom():
                x, col = frame.left(), row % 2
                while x < frame.right():
                    p.fillRect(QRectF(x, y, _CHECK, _CHECK), dark if col % 2 else light)
                    x += _CHECK
                    col += 1
                y += _CHECK
                row += 1
            s = self._scale()
            ox, oy = self.offset
            placed = QRectF(
                frame.left() + ox * s,
                frame.top() + oy * s,
                self.picture.width() * s,
                self.picture.height() * s,
            )
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            p.drawImage(placed, self.picture)
            p.restore()
            p.setPen(QPen(QColor(0, 0, 0), 1.0))
            p.drawRect(frame)
        finally:
            p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = (event.position(), self.offset)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        start, (ox, oy) = self._drag
        s = self._scale()
        d = event.position() - start
        x = round(ox + d.x() / s)
        y = round(oy + d.y() / s)
        x = max(0, min(self.target.width - self.picture.width(), x))
        y = max(0, min(self.target.height - self.picture.height(), y))
        if (x, y) != self.offset:
            self.offset = (x, y)
            self.update()
            self.moved.emit(x, y)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)


class ExpandDialog(QDialog):
    """Returns an :class:`Expansion` (``expansion()``) once accepted."""

    FREE = "free"
    MARGINS = "margins"
    FIXED = "fixed"

    def __init__(
        self, picture: QImage, size_spec: ParamSpec | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.original = Size(picture.width(), picture.height())
        self.spec = size_spec
        self.rule = size_spec.rule if size_spec is not None else None
        self._offset = (0, 0)
        self._anchor: Anchor | None = Anchor.CENTER
        self._fixed = offered_sizes(self.original, size_spec)

        self.how = QComboBox(self)
        # a model with a size rule (or with no size at all) takes any frame; one with
        # fixed sizes only the sizes it lists
        if self.rule is not None or size_spec is None:
            for aspect in ASPECTS:
                self.how.addItem("", aspect)
            self.how.addItem("", self.FREE)
            self.how.addItem("", self.MARGINS)
        for size in self._fixed:
            self.how.addItem(str(size), size)
        self.width_box = self._spin(16, 16384)
        self.height_box = self._spin(16, 16384)
        self.margin_boxes = [self._spin(0, 8192) for _ in range(4)]
        self.feather = self._spin(0, MAX_FEATHER)
        self.rule_label = QLabel(self)
        self.rule_label.setWordWrap(True)
        self.preview = ExpandPreview(picture, self)
        self.preview.moved.connect(self._dragged)
        self.anchor_buttons: dict[Anchor, QToolButton] = {}
        anchors = QGridLayout()
        arrows = {
            Anchor.TOP_LEFT: "↖",
            Anchor.TOP: "↑",
            Anchor.TOP_RIGHT: "↗",
            Anchor.LEFT: "←",
            Anchor.CENTER: "•",
            Anchor.RIGHT: "→",
            Anchor.BOTTOM_LEFT: "↙",
            Anchor.BOTTOM: "↓",
            Anchor.BOTTOM_RIGHT: "↘",
        }
        for anchor, arrow in arrows.items():
            button = QToolButton(self)
            button.setText(arrow)
            button.setCheckable(True)
            button.setObjectName(f"anchor-{anchor.name.lower()}")
            button.clicked.connect(lambda _c=False, a=anchor: self.set_anchor(a))
            col, row = anchor.value
            anchors.addWidget(button, row, col)
            self.anchor_buttons[anchor] = button

        form = QFormLayout()
        sizes = QHBoxLayout()
        sizes.addWidget(self.width_box)
        sizes.addWidget(QLabel("×", self))
        sizes.addWidget(self.height_box)
        margins = QHBoxLayout()
        for box in self.margin_boxes:
            margins.addWidget(box)
        self.row_labels = [QLabel(self) for _ in range(5)]
        labels = iter(self.row_labels)
        form.addRow(next(labels), self.how)
        form.addRow(next(labels), sizes)
        form.addRow(next(labels), margins)
        form.addRow(next(labels), anchors)
        form.addRow(next(labels), self.feather)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

        self.how.currentIndexChanged.connect(lambda _i: self._how_changed())
        for box in (self.width_box, self.height_box, *self.margin_boxes):
            box.valueChanged.connect(lambda _v: self._refresh())
        self._built = False
        self.retranslate_ui()
        self._how_changed()
        self._built = True

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Expand the picture"))
        self.how.setToolTip(self.tr("How the new size is chosen"))
        for i in range(self.how.count()):
            data = self.how.itemData(i)
            if isinstance(data, tuple):
                a, b = data
                text = self.tr("Aspect %1:%2").replace("%1", str(a)).replace("%2", str(b))
                self.how.setItemText(i, text)
            elif data == self.FREE:
                self.how.setItemText(i, self.tr("Free size"))
            elif data == self.MARGINS:
                self.how.setItemText(i, self.tr("Margins"))
        tips = (
            (self.width_box, self.tr("Width of the new picture in pixels")),
            (self.height_box, self.tr("Height of the new picture in pixels")),
            (self.margin_boxes[0], self.tr("Pixels added on the left")),
            (self.margin_boxes[1], self.tr("Pixels added at the top")),
            (self.margin_boxes[2], self.tr("Pixels added on the right")),
            (self.margin_boxes[3], self.tr("Pixels added at the bottom")),
            (
                self.feather,
                self.tr(
                    "Also let the model redraw this many pixels of the picture along the "
                    "new edges, so the seam blends"
                ),
            ),
        )
        for box, tip in tips:
            box.setToolTip(tip)
            box.setAccessibleName(tip)
        where = {
            Anchor.TOP_LEFT: self.tr("Top left"),
            Anchor.TOP: self.tr("Top"),
            Anchor.TOP_RIGHT: self.tr("Top right"),
            Anchor.LEFT: self.tr("Left"),
            Anchor.CENTER: self.tr("Centre"),
            Anchor.RIGHT: self.tr("Right"),
            Anchor.BOTTOM_LEFT: self.tr("Bottom left"),
            Anchor.BOTTOM: self.tr("Bottom"),
            Anchor.BOTTOM_RIGHT: self.tr("Bottom right"),
        }
        for anchor, button in self.anchor_buttons.items():
            button.setToolTip(
                self.tr("Put the picture here in the new frame: %1").replace("%1", where[anchor])
            )
            button.setAccessibleName(where[anchor])
        rows = (
            self.tr("New size"),
            self.tr("Width × height"),
            self.tr("Margins (left, top, right, bottom)"),
            self.tr("Place"),
            self.tr("Blend band"),
        )
        for label, text in zip(self.row_labels, rows, strict=True):
            label.setText(text)
        if self._built:  # the rule's words follow
            self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _spin(self, low: int, high: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(low, high)
        box.setSuffix(" px")
        return box

    # -- reading ----------------------------------------------------------------------
    def target(self) -> Size:
        data = self.how.currentData()
        if data == self.MARGINS:
            left, top, right, bottom = (b.value() for b in self.margin_boxes)
            return Size(self.original.width + left + right, self.original.height + top + bottom)
        if isinstance(data, Size):
            return data
        return Size(self.width_box.value(), self.height_box.value())

    def offset(self) -> tuple[int, int]:
        if self.how.currentData() == self.MARGINS:
            return self.margin_boxes[0].value(), self.margin_boxes[1].value()
        return self._offset

    def problems(self) -> list[str]:
        """Why the chosen geometry cannot be sent (empty: it can)."""
        target = self.target()
        out: list[str] = []
        if self.how.count() == 0:
            return [self.tr("This model takes no size larger than this picture.")]
        try:
            Expansion(self.original, target, self.offset(), self.feather.value())
        except ExpandError:
            w, h = self.original.width, self.original.height
            if target.width < w or target.height < h:
                out.append(
                    self.tr("The new size must be at least the picture's size (%1).").replace(
                        "%1", str(self.original)
                    )
                )
            elif target == self.original:
                out.append(self.tr("The new size adds nothing around the picture."))
            else:
                out.append(self.tr("The picture must lie inside the new frame."))
        if self.rule is not None and not isinstance(self.how.currentData(), Size):
            out += [phrase_text(t) for t in target.rule_breaks(self.rule)]
        return out

    def expansion(self) -> Expansion | None:
        if self.problems():
            return None
        return Expansion(self.original, self.target(), self.offset(), self.feather.value())

    # -- changing -----------------------------------------------------------------------
    def set_anchor(self, anchor: Anchor) -> None:
        self._anchor = anchor
        self._place()

    def _dragged(self, x: int, y: int) -> None:
        self._anchor = None  # placed by hand
        self._offset = (x, y)
        if self.how.currentData() == self.MARGINS:
            target = self.target()
            self._set_margins(x, y, target)
        self._refresh()

    def _set_margins(self, x: int, y: int, target: Size) -> None:
        values = (
            x,
            y,
            target.width - self.original.width - x,
            target.height - self.original.height - y,
        )
        for box, value in zip(self.margin_boxes, values, strict=True):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)

    def _how_changed(self) -> None:
        data = self.how.currentData()
        free = data == self.FREE
        margins = data == self.MARGINS
        self.width_box.setEnabled(free)
        self.height_box.setEnabled(free)
        for box in self.margin_boxes:
            box.setEnabled(margins)
        if isinstance(data, tuple):
            rule = self.rule
            multiple, least = (rule.multiple_of, rule.min_pixels) if rule else (1, 1)
            size = aspect_target(self.original, data, multiple, least)
            self._set_size(size)
        elif isinstance(data, Size):
            self._set_size(data)
        elif free and self.width_box.value() < self.original.width:
            self._set_size(self.original)
        self._place()

    def _set_size(self, size: Size) -> None:
        for box, value in ((self.width_box, size.width), (self.height_box, size.height)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)

    def _place(self) -> None:
        target = self.target()
        if self._anchor is not None and self.how.currentData() != self.MARGINS:
            w = max(target.width, self.original.width)
            h = max(target.height, self.original.height)
            self._offset = anchor_offset(self.original, Size(w, h), self._anchor)
        if self.how.currentData() == self.MARGINS and self._anchor is not None:
            extra_w = target.width - self.original.width
            extra_h = target.height - self.original.height
            x, y = (
                anchor_offset(self.original, Size(target.width, target.height), self._anchor)
                if extra_w >= 0 and extra_h >= 0
                else (0, 0)
            )
            self._set_margins(x, y, target)
        self._refresh()

    def _refresh(self) -> None:
        target = self.target()
        offset = self.offset()
        x = max(0, min(max(0, target.width - self.original.width), offset[0]))
        y = max(0, min(max(0, target.height - self.original.height), offset[1]))
        if self.how.currentData() != self.MARGINS:
            self._offset = (x, y)
            if target.width >= self.original.width and target.height >= self.original.height:
                self._set_margins(x, y, target)  # the greyed margins read what the frame adds
        else:
            self._set_size(target)  # and the greyed width x height the frame's size
        for anchor, b in self.anchor_buttons.items():
            b.setChecked(anchor is self._anchor)
        self.preview.show_geometry(Size(max(target.width, 1), max(target.height, 1)), (x, y))
        trouble = self.problems()
        self.rule_label.setText("; ".join(trouble))
        self.rule_label.setVisible(bool(trouble))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not trouble)
