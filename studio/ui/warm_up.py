"""Work the first paint needs that can run on another core meanwhile.

Qt fills its font database (fontconfig: every installed font's names and styles) the
first time any text is measured, ~10-40 ms in C++ with the GIL released. Started on a
worker thread right after the application exists, it runs while the window's modules are
imported (Python, on this thread); the window's first text then finds it done. Qt guards
the database with its own lock, so a widget that needs it sooner simply waits.
"""

from __future__ import annotations

import threading


def _fill_font_database() -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    QFontMetrics(QFont()).height()


def warm_fonts() -> threading.Thread:
    """Start filling the font database on a worker (a QGuiApplication must exist)."""
    worker = threading.Thread(target=_fill_font_database, name="font-warm-up", daemon=True)
    worker.start()
    return worker
