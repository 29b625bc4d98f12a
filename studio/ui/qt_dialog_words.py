"""Words of Qt's own file dialog that the Chinese catalogue shipped with Qt misses.

Qt 6's file dialog labels two of its fields "&Look in:" and "Files of &type:", while the
``qtbase_zh_CN`` catalogue PySide6 ships still translates the older "Look in:" and
"Files of type:", so a Chinese window's Save and Open dialogs showed those two in
English. Naming them here puts them in the studio's own catalogue under Qt's context,
where Qt finds them when its own has none (the catalogue build reads this file; nothing
needs to import it).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

WORDS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
