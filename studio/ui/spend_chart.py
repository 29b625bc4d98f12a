"""A small stacked bar chart of spending, painted with QPainter (no chart library).

One bar per period (day or month), one coloured part per provider, a legend
above and the largest total on the value axis. The data is plain numbers; what
they mean (and their sums) comes from the history's spend query.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

#: colours that stay apart on light and dark backgrounds (Okabe-Ito)
PALETTE = (
    QColor(0, 114, 178),
    QColor(230, 159, 0),
    QColor(0, 158, 115),
    QColor(204, 121, 167),
    QColor(86, 180, 233),
    QColor(213, 94, 0),
    QColor(240, 228, 66),
)


@dataclass(frozen=True)
class Bar:
    """One period: its label and the amount per series (provider)."""

    label: str
    amounts: tuple[float, ...]

    @property
    def total(self) -> float:
        return sum(self.amounts)


class SpendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spendChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._bars: list[Bar] = []
        self._series: list[str] = []
        self._unit = ""
        self.placeholder = ""

    def sizeHint(self) -> QSize:
        return QSize(520, 220)

    def set_data(self, bars: list[Bar], series: list[str], unit: str) -> None:
        """``bars`` oldest first; ``series`` names the amounts of every bar, in order."""
        self._bars = list(bars)
        self._series = list(series)
        self._unit = unit
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def series_names(self) -> list[str]:
        """The names of the parts of every bar (the legend), in order."""
        return list(self._series)

    def colour(self, index: int) -> QColor:
        return PALETTE[index % len(PALETTE)]

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        fm = p.fontMetrics()
        line = fm.height()
        area = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        top = max((b.total for b in self._bars), default=0.0)
        if not self._bars or top <= 0:
            p.setPen(text)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            p.drawText(area, int(flags), self.placeholder)
            return
        # legend: one swatch and name per series
        x = area.left()
        for i, name in enumerate(self._series):
            p.fillRect(QRectF(x, area.top() + 2, line - 4, line - 4), self.colour(i))
            p.setPen(text)
            p.drawText(QRectF(x + line, area.top(), 400, line), name)
            x += line + fm.horizontalAdvance(name) + 16
        top_label = f"{top:.4g} {self._unit}".strip()
        axis_w = fm.horizontalAdvance(top_label) + 6
        plot = QRectF(area.left() + axis_w, area.top() + line + 6, 0, 0)
        plot.setRight(area.right())
        plot.setBottom(area.bottom() - line - 2)
        p.setPen(text)
        p.drawText(
            QRectF(area.left(), plot.top() - line / 2, axis_w - 4, line),
            Qt.AlignmentFlag.AlignRight,
            top_label,
        )
        p.drawText(
            QRectF(area.left(), plot.bottom() - line / 2, axis_w - 4, line),
            Qt.AlignmentFlag.AlignRight,
            "0",
        )
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        slot = plot.width() / len(self._bars)
        width = max(2.0, min(48.0, slot * 0.7))
        every = max(1, int((fm.horizontalAdvance("0000-00-00") + 8) // max(slot, 1)) + 1)
        for i, bar in enumerate(self._bars):
            left = plot.left() + i * slot + (slot - width) / 2
            y = plot.bottom()
            for s, amount in enumerate(bar.amounts):
                if amount <= 0:
                    continue
                h = plot.height() * amount / top
                p.fillRect(QRectF(left, y - h, width, h), self.colour(s))
                y -= h
            if i % every == 0 or i == len(self._bars) - 1:
                p.setPen(text)
                p.drawText(
                    QRectF(plot.left() + i * slot - 40, plot.bottom() + 2, slot + 80, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    bar.label,
                )
