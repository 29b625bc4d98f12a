"""The font database is filled on a worker while the window's modules load."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from studio.ui.warm_up import warm_fonts

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_the_font_warm_up_finishes_and_leaves_fonts_usable(qtbot: QtBot) -> None:
    worker = warm_fonts()
    assert worker.daemon and worker.name == "font-warm-up"
    worker.join(30)
    assert not worker.is_alive()
    assert QFontDatabase.families()  # filled, and usable from the GUI thread
    assert QFontMetrics(QFont()).horizontalAdvance("漢字 text") > 0
