"""Drawing annotations with QPainter, in image coordinates.

One function draws an annotation for the screen and for the export, so what a
person sees on the canvas is what the model receives. Strokes are anti-aliased
with round caps and joins; an arrow's head is a filled triangle sized by the
stroke width; a note is its text in the note's font, drawn opaque (the colour's
opacity is the annotation's own, not an overlay's).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)

from studio.core.markup import Annotation, Kind

#: how far a note's text box reaches past its text, in image pixels per font pixel
_NOTE_PAD = 0.15


def colour_of(a: Annotation) -> QColor:
    c = QColor(a.style.colour)
    c.setAlphaF(a.style.opacity)
    return c


def note_font(a: Annotation) -> QFont:
    f = QFont()
    f.setPixelSize(a.style.font_size)
    f.setWeight(QFont.Weight.Bold if a.style.bold else QFont.Weight.Normal)
    return f


def note_rect(a: Annotation) -> QRectF:
    """The box a note's text fills (image coordinates); an empty note keeps a small box."""
    metrics = QFontMetricsF(note_font(a))
    lines = (a.text or " ").split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    height = metrics.lineSpacing() * len(lines)
    x, y = a.points[0]
    pad = a.style.font_size * _NOTE_PAD
    return QRectF(x, y, max(width, a.style.font_size * 0.5), height).adjusted(-pad, -pad, pad, pad)


def _ends(a: Annotation) -> tuple[QPointF, QPointF]:
    (x1, y1), (x2, y2) = a.points[0], a.points[-1]
    return QPointF(x1, y1), QPointF(x2, y2)


def arrow_head(a: Annotation) -> QPolygonF:
    """The filled head at the arrow's end: about 4.5 stroke widths long, at least 10 px."""
    start, end = _ends(a)
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    length = max(10.0, a.style.width * 4.5)
    spread = math.radians(26)
    left = QPointF(
        end.x() - length * math.cos(angle - spread), end.y() - length * math.sin(angle - spread)
    )
    right = QPointF(
        end.x() - length * math.cos(angle + spread), end.y() - length * math.sin(angle + spread)
    )
    return QPolygonF([end, left, right])


def shape_path(a: Annotation) -> QPainterPath:
    """The annotation's outline as a path (for drawing strokes and for hit-testing)."""
    path = QPainterPath()
    if a.kind is Kind.PEN:
        first = a.points[0]
        path.moveTo(*first)
        if len(a.points) == 1:
            path.lineTo(first[0] + 0.01, first[1])  # a dot: a zero-length segment shows a cap
        for x, y in a.points[1:]:
            path.lineTo(x, y)
    elif a.kind in (Kind.LINE, Kind.ARROW):
        start, end = _ends(a)
        path.moveTo(start)
        path.lineTo(end)
    elif a.kind is Kind.RECT:
        path.addRect(QRectF(*_ends(a)).normalized())
    elif a.kind is Kind.ELLIPSE:
        path.addEllipse(QRectF(*_ends(a)).normalized())
    elif a.kind is Kind.TEXT:
        path.addRect(note_rect(a))
    return path


def paint(p: QPainter, a: Annotation) -> None:
    """Draw ``a`` (the painter maps image coordinates)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    colour = colour_of(a)
    if a.kind is Kind.TEXT:
        p.setFont(note_font(a))
        p.setPen(colour)
        x, y = a.points[0]
        metrics = QFontMetricsF(note_font(a))
        for i, line in enumerate(a.text.split("\n")):
            p.drawText(QPointF(x, y + metrics.ascent() + i * metrics.lineSpacing()), line)
        p.restore()
        return
    if a.kind is Kind.ARROW and colour.alpha() < 255:
        # one layer: shaft and head must not double the colour where they overlap
        p.setOpacity(a.style.opacity)
        colour.setAlpha(255)
    pen = QPen(colour, a.style.width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if a.kind is Kind.ARROW:
        start = _ends(a)[0]
        head = arrow_head(a)
        # the shaft stops inside the head, so the round cap never pokes past its tip
        left, right = head.at(1), head.at(2)
        tip_back = QPointF((left.x() + right.x()) / 2, (left.y() + right.y()) / 2)
        p.drawLine(start, tip_back)
        p.setPen(QPen(colour, 1.0))
        p.setBrush(colour)
        p.drawPolygon(head)
    else:
        p.drawPath(shape_path(a))
    p.restore()


def bounds(a: Annotation) -> QRectF:
    """Everything ``a`` paints, image coordinates (stroke width and arrow head included)."""
    if a.kind is Kind.TEXT:
        return note_rect(a)
    r = shape_path(a).boundingRect()
    if a.kind is Kind.ARROW:
        r = r.united(arrow_head(a).boundingRect())
    half = a.style.width / 2 + 1
    return r.adjusted(-half, -half, half, half)


def hits(a: Annotation, pos: QPointF, tolerance: float) -> bool:
    """Whether a click at ``pos`` (image coordinates) picks ``a``: on its stroke for lines
    and outlines (within the stroke width plus ``tolerance``), anywhere inside a note."""
    if a.kind is Kind.TEXT:
        return note_rect(a).adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(pos)
    stroker = QPainterPathStroker()
    stroker.setWidth(a.style.width + 2 * tolerance)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    outline = stroker.createStroke(shape_path(a))
    if a.kind is Kind.ARROW and arrow_head(a).containsPoint(pos, Qt.FillRule.OddEvenFill):
        return True
    return outline.contains(pos)
