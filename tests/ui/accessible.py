"""What a screen reader hears: the interactive widgets a window shows without an
accessible name, read through Qt's own accessibility interfaces."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QTabBar,
    QWidget,
)


def _described(w: QWidget) -> str:
    parts = [type(w).__name__]
    if w.objectName():
        parts.append(w.objectName())
    tip = w.toolTip().split("\n")[0][:40]
    if tip:
        parts.append(f"tip={tip!r}")
    owner = w.parentWidget()
    while owner is not None and type(owner).__module__.startswith("PySide6"):
        owner = owner.parentWidget()
    if owner is not None:
        parts.append(f"in {type(owner).__name__}")
    return " ".join(parts)


def name_of(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def interactive(w: QWidget) -> bool:
    """What a keyboard user can reach: a widget that takes Tab focus (a combo box's
    or spin box's own line edit is the box itself)."""
    if not w.focusPolicy() & Qt.FocusPolicy.TabFocus or w.focusProxy() is not None:
        return False
    return not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))


def _model_rows(model: QAbstractItemModel, parent: QModelIndex, view: str) -> list[str]:
    missing = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        text = index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data(
            Qt.ItemDataRole.DisplayRole
        )
        if not str(text or "").strip():
            missing.append(f"row {row} of {view}")
    return missing


def unnamed(root: QWidget) -> list[str]:
    """Every interactive widget ``root`` shows with no accessible name, every tab with no
    text and every item of a view with neither text nor an accessible text."""
    missing = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or not interactive(w):
            continue
        if not name_of(w):
            missing.append(_described(w))
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                if not (w.accessibleTabName(i) or w.tabText(i)).strip():
                    missing.append(f"tab {i} of {_described(w)}")
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            missing += _model_rows(w.model(), w.rootIndex(), _described(w))
    return missing
