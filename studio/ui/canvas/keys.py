"""The canvas's keyboard map: which key does what (kept apart so the map reads as a table).

Tool keys are not here: each tool declares its shortcut (``tools/``)."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

K = Qt.Key


class KeyAction(enum.Enum):
    UNDO = "undo"
    REDO = "redo"
    FIT = "fit"
    ACTUAL_SIZE = "actual_size"
    SMALLER = "smaller"
    LARGER = "larger"
    INVERT = "invert"
    ZOOM_IN = "zoom_in"
    ZOOM_OUT = "zoom_out"
    CANCEL = "cancel"


_PLAIN = {
    K.Key_BracketLeft: KeyAction.SMALLER,
    K.Key_BracketRight: KeyAction.LARGER,
    K.Key_Plus: KeyAction.ZOOM_IN,
    K.Key_Equal: KeyAction.ZOOM_IN,
    K.Key_Minus: KeyAction.ZOOM_OUT,
    K.Key_Escape: KeyAction.CANCEL,
}
_SHIFT = {
    K.Key_I: KeyAction.INVERT,
    K.Key_V: KeyAction.INVERT,
    K.Key_Plus: KeyAction.ZOOM_IN,
}
_CTRL = {
    K.Key_0: KeyAction.FIT,
    K.Key_ParenRight: KeyAction.FIT,
    K.Key_1: KeyAction.ACTUAL_SIZE,
    K.Key_Exclam: KeyAction.ACTUAL_SIZE,
    K.Key_Y: KeyAction.REDO,
}


def key_action(event: QKeyEvent) -> KeyAction | None:
    if event.matches(QKeySequence.StandardKey.Undo):
        return KeyAction.UNDO
    if event.matches(QKeySequence.StandardKey.Redo):
        return KeyAction.REDO
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = Qt.Key(event.key())
    if mods & Qt.KeyboardModifier.ControlModifier:
        return _CTRL.get(key)
    if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return None
    if mods & Qt.KeyboardModifier.ShiftModifier:
        return _SHIFT.get(key)
    return _PLAIN.get(key)


def named_key(action: KeyAction) -> QKeySequence:
    """The key a tool tip names for ``action`` (the platform's own for undo and redo;
    the map above also takes the alternatives, such as Ctrl+Y and Shift+V)."""
    if action is KeyAction.UNDO:
        return QKeySequence(QKeySequence.StandardKey.Undo)
    if action is KeyAction.REDO:
        return QKeySequence(QKeySequence.StandardKey.Redo)
    return QKeySequence(_NAMED[action])


_NAMED = {
    KeyAction.FIT: "Ctrl+0",
    KeyAction.ACTUAL_SIZE: "Ctrl+1",
    KeyAction.INVERT: "Shift+I",
    KeyAction.ZOOM_IN: "+",
    KeyAction.ZOOM_OUT: "-",
    KeyAction.CANCEL: "Esc",
}
