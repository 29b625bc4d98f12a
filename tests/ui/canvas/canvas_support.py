"""Helpers for the canvas tests: a real test image, and mouse input through the real handlers.

Offscreen Qt does not carry held buttons through ``QTest.mouseMove``, so drags
are synthesized ``QMouseEvent``s delivered with ``QApplication.sendEvent`` to the
widget's own event handlers, at widget positions computed from image positions
through the canvas's view transform.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from studio.ui.canvas import MaskCanvas

NO_MOD = Qt.KeyboardModifier.NoModifier


def make_test_png(path: Path, w: int = 200, h: int = 150) -> Path:
    """A real PNG with a different colour at every pixel (so kept colours can be checked)."""
    img = Image.new("RGB", (w, h))
    img.putdata([((x * 7) % 256, (y * 5) % 256, (x + y) % 256) for y in range(h) for x in range(w)])
    img.save(path, format="PNG")
    return path


def source_rgb(path: Path) -> Image.Image:
    with Image.open(path) as img:
        return img.convert("RGB")


def send_mouse(
    canvas: MaskCanvas,
    kind: QEvent.Type,
    pos: QPointF,
    button: Qt.MouseButton,
    buttons: Qt.MouseButton,
    mods: Qt.KeyboardModifier = NO_MOD,
) -> None:
    glob = QPointF(canvas.mapToGlobal(pos.toPoint()))
    ev = QMouseEvent(kind, pos, glob, button, buttons, mods)
    QApplication.sendEvent(canvas, ev)


def drag_widget(
    canvas: MaskCanvas,
    points: Sequence[QPointF],
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> None:
    """Press at the first widget point, move through the rest, release at the last."""
    send_mouse(canvas, QEvent.Type.MouseButtonPress, points[0], button, button)
    for p in points[1:]:
        send_mouse(canvas, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, button)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, points[-1], button, Qt.MouseButton.NoButton)


def drag_image(
    canvas: MaskCanvas,
    image_points: Iterable[tuple[float, float]],
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> list[QPointF]:
    """Drag through image coordinates (mapped to widget coordinates by the view)."""
    pts = [canvas.image_to_widget(QPointF(x, y)) for x, y in image_points]
    for p in pts:
        assert canvas.rect().contains(p.toPoint()), f"{p} is outside the visible canvas"
    drag_widget(canvas, pts, button)
    return pts


def wheel(canvas: MaskCanvas, pos: QPointF, notches: float, mods: Qt.KeyboardModifier) -> None:
    delta = QPoint(0, int(120 * notches))
    ev = QWheelEvent(
        pos,
        QPointF(canvas.mapToGlobal(pos.toPoint())),
        QPoint(),
        delta,
        Qt.MouseButton.NoButton,
        mods,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, ev)


def seg_distance(px: float, py: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def polyline_distance(px: float, py: float, pts: Sequence[tuple[float, float]]) -> float:
    if len(pts) == 1:
        return math.hypot(px - pts[0][0], py - pts[0][1])
    return min(seg_distance(px, py, pts[i], pts[i + 1]) for i in range(len(pts) - 1))


def mask_at(data: bytes, w: int, x: int, y: int) -> int:
    return data[y * w + x]
