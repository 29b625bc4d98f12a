"""A picker for a nested parameter (``svg``: the author model and its reasoning effort).

Built from the table's ``fields`` (dotted paths); its value is the nested object
the wire wants (``{"model": ..., "reasoning": {"effort": ...}}``), or None when
nothing is set (the provider then chooses).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from studio.core.capabilities import ParamSpec, ParamType
from studio.ui.labels import choice_label, param_label, relabel_choices


class ObjectPicker(QWidget):
    changed = Signal()

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for path, sub in spec.fields.items():
            editor: QLineEdit | QComboBox
            if sub.type is ParamType.CHOICE:
                combo = QComboBox(self)
                combo.addItem(self.tr("Default"), "")
                for choice in sub.choices:
                    combo.addItem(choice_label(choice), str(choice))
                combo.currentIndexChanged.connect(self.changed)
                editor = combo
            else:
                line = QLineEdit(self)
                line.setPlaceholderText(self.tr("Provider's choice"))
                line.textChanged.connect(self.changed)
                editor = line
            editor.setObjectName(f"param_{spec.name}_{path.replace('.', '_')}")
            tips = {
                "model": self.tr("The text model that writes it (empty: the provider chooses)"),
                "reasoning.effort": self.tr("How hard that model reasons"),
            }
            editor.setToolTip(tips.get(path, param_label(sub) if sub.label else path))
            lay.addWidget(editor, 1)
            self.editors[path] = editor

    def value(self) -> dict[str, object] | None:
        out: dict[str, object] = {}
        for path, editor in self.editors.items():
            text = editor.currentData() if isinstance(editor, QComboBox) else editor.text().strip()
            if not text:
                continue
            node = out
            *parents, leaf = path.split(".")
            for key in parents:
                child = node.setdefault(key, {})
                assert isinstance(child, dict)
                node = child
            node[leaf] = text
        return out or None

    def set_value(self, value: object) -> None:
        for path, editor in self.editors.items():
            found: object = value
            for key in path.split("."):
                found = found.get(key) if isinstance(found, dict) else None
            text = found if isinstance(found, str) else ""
            if isinstance(editor, QComboBox):
                index = editor.findData(text)
                editor.setCurrentIndex(max(index, 0))
            else:
                editor.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for editor in self.editors.values():
                if isinstance(editor, QComboBox):
                    editor.setItemText(0, self.tr("Default"))
                    relabel_choices(editor)
                else:
                    editor.setPlaceholderText(self.tr("Provider's choice"))
        super().changeEvent(event)
