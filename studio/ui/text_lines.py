"""How tall some lines of text are, Chinese included.

Chinese text is laid out in a fallback font whose lines are taller than the interface
font's own line spacing, so a box sized from ``fontMetrics().lineSpacing()`` cuts a
Chinese line (or shows a scroll bar for two). This measures lines as a label lays them
out, with a Chinese glyph on each.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def lines_height(font: QFont, lines: int) -> int:
    """The height of ``lines`` laid-out lines in ``font``, Chinese or not."""
    probe = QLabel("\n".join(["Ag 汉字"] * max(1, lines)))  # never shown: no parent
    probe.setFont(font)
    return probe.sizeHint().height()
