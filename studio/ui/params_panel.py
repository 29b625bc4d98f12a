"""Parameter pickers built only from the selected model's capability table.

Nothing here knows a model: the form is rebuilt from ``ModelCaps.params_for``
whenever the model or mode changes, keeping the values that still apply and
resetting the rest to the table's defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.capabilities import ModelCaps, ParamSpec, ParamType, SizeRule
from studio.core.providers import Provider
from studio.core.request import Mode
from studio.core.size import Size
from studio.core.validation import check_value
from studio.ui.labels import (
    choice_label,
    param_caption,
    param_help,
    param_label,
    relabel_choices,
)
from studio.ui.object_picker import ObjectPicker
from studio.ui.theme import style_label, unstyle_label

_INT_LIMIT = 2_000_000_000

#: options most people leave alone: behind "More options" (shown when it is opened,
#: or when one of them has a problem)
LESS_COMMON = frozenset(
    {
        "output_compression",
        "moderation",
        "stream",
        "partial_images",
        "safety_identifier",
        "user",
        "response_format",
        "seed",
    }
)


def acceptable(spec: ParamSpec, value: object) -> bool:
    """Whether ``value`` (from another model's form) may be kept for ``spec``: the
    core's own check of a value, so the form never keeps what validation refuses."""
    if value is None:
        return spec.default is None
    if isinstance(value, int) and abs(value) > _INT_LIMIT:
        return False  # more than a spin box holds (a hostile settings file)
    return check_value(spec, value, "") is None


@dataclass
class _Field:
    spec: ParamSpec
    label: QLabel
    widget: QWidget
    # a one-line explanation under the picker that also shows its live check (or None)
    note: QLabel | None = None


class ParamsPanel(QWidget):
    """A form of pickers; ``values()`` is what goes into ``ImageRequest.params``."""

    changed = Signal()
    #: "More options" was opened (True) or closed by the person
    more_toggled = Signal(bool)
    #: the fields were made again (another model or mode): their Tab order is new
    rebuilt = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # fields with an explanation line (size) span the width; the others sit in two
        # columns, so a model's options fit beside a prompt on a 768-pixel-high screen
        self._form = QFormLayout()
        self._left = QFormLayout()
        self._right = QFormLayout()
        # a long label in the right column ("Frame time (ms)") goes above its field
        # rather than push the columns wider than the composer, which cuts them off
        self._right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(self._left, 1)
        columns.addSpacing(8)
        columns.addLayout(self._right, 1)
        # the less common options, behind a disclosure that remembers its state
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("moreOptions")
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setAutoRaise(True)
        self.more_button.toggled.connect(self._more_clicked)
        self.more_box = QWidget(self)
        self._more_left = QFormLayout()
        self._more_right = QFormLayout()
        more_columns = QHBoxLayout(self.more_box)
        more_columns.setContentsMargins(0, 0, 0, 0)
        more_columns.addLayout(self._more_left, 1)
        more_columns.addSpacing(8)
        more_columns.addLayout(self._more_right, 1)
        self.more_box.setVisible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._form)
        outer.addLayout(columns)
        outer.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.more_box)
        self._form_of: dict[str, QFormLayout] = {}
        self._fields: dict[str, _Field] = {}
        self._caps: ModelCaps | None = None
        self._mode = Mode.GENERATE
        self._provider: Provider | None = None
        self._building = False
        self._problems: dict[str, str] = {}
        self._excluded: set[str] = set()
        #: fields whose row the chosen format hides
        self._hidden: set[str] = set()

    # --- public -----------------------------------------------------------
    def set_model(
        self, caps: ModelCaps | None, mode: Mode, provider: Provider | None = None
    ) -> None:
        """Offer ``caps``'s parameters for ``mode``, as far as ``provider`` takes them
        (a relay extra such as seed only where the provider declares it)."""
        kept = self.values(include_inactive=True)
        self._caps, self._mode, self._provider = caps, mode, provider
        self._rebuild(kept)

    def specs(self) -> list[ParamSpec]:
        return [f.spec for f in self._fields.values()]

    def focus_order(self) -> list[QWidget]:
        """The fields as they read: the full-width rows, the two columns row by row,
        then More options and the fields it holds (for the composer's Tab order)."""
        fields = {f.widget for f in self._fields.values()}

        def rows(*forms: QFormLayout) -> list[QWidget]:
            columns: list[list[QWidget]] = [
                [
                    w
                    for r in range(form.rowCount())
                    if (item := form.itemAt(r, QFormLayout.ItemRole.FieldRole)) is not None
                    and (w := item.widget()) is not None
                    and w in fields
                ]
                for form in forms
            ]
            across = [c[i] for i in range(max(map(len, columns))) for c in columns if i < len(c)]
            out: list[QWidget] = []
            for w in across:  # a group's own fields (the SVG author's model and effort)
                out += w.editors.values() if isinstance(w, ObjectPicker) else [w]
            return out

        return [
            *rows(self._form),
            *rows(self._left, self._right),
            self.more_button,
            *rows(self._more_left, self._more_right),
        ]

    def widget_for(self, name: str) -> QWidget | None:
        f = self._fields.get(name)
        return f.widget if f else None

    def is_active(self, name: str) -> bool:
        f = self._fields.get(name)
        return bool(f and f.widget.isEnabled())

    def values(self, include_inactive: bool = False) -> dict[str, object]:
        out: dict[str, object] = {}
        for name, f in self._fields.items():
            if not include_inactive and not f.widget.isEnabled():
                continue
            value = self._read(f)
            if value is not None:
                out[name] = value
        return out

    def note_for(self, name: str) -> QLabel | None:
        """The explanation / live check line under a picker, where it has one."""
        f = self._fields.get(name)
        return f.note if f else None

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show the validation's message for a field on that field's own line.

        The line is always there (its explanation when nothing is wrong), so a message
        appearing never moves the other controls. A problem with an option behind
        "More options" opens it, so the option at fault is in view."""
        self._problems = dict(problems)
        self._update_notes()
        if not self.more_shown() and any(n in problems for n in self.more_names()):
            self.set_more_shown(True)  # opened for the problem, not by choice: not remembered

    def set_values(self, values: Mapping[str, object]) -> None:
        """Apply saved values where the current model accepts them."""
        self._building = True
        try:
            for name, value in values.items():
                f = self._fields.get(name)
                if f is not None and acceptable(f.spec, value):
                    self._write(f, value)
        finally:
            self._building = False
        self._update_active()
        self.changed.emit()

    # --- building ----------------------------------------------------------
    def _specs_for(self, caps: ModelCaps, mode: Mode) -> list[ParamSpec]:
        provider = self._provider
        specs = [s for s in caps.params_for(mode) if provider is None or provider.offers(caps, s)]
        if "n" not in caps.params and caps.n_max > 1:
            specs.insert(
                0, ParamSpec(name="n", type=ParamType.INT, minimum=1, maximum=caps.n_max, default=1)
            )
        return specs

    def _rebuild(self, kept: dict[str, object]) -> None:
        self._building = True
        try:
            for form in (
                self._form,
                self._left,
                self._right,
                self._more_left,
                self._more_right,
            ):
                while form.rowCount():
                    form.removeRow(0)
            self._fields.clear()
            self._form_of.clear()
            self._hidden.clear()
            if self._caps is not None:
                specs = self._specs_for(self._caps, self._mode)
                more = [sp.name for sp in specs if sp.name in LESS_COMMON]
                plain = [sp.name for sp in specs if not self._spans(sp) and sp.name not in more]
                for spec in specs:
                    if spec.name in more:
                        form = (
                            self._more_left
                            if more.index(spec.name) % 2 == 0
                            else (self._more_right)
                        )
                    elif self._spans(spec):
                        form = self._form
                    else:
                        # alternating, so a row the chosen format hides (a GIF's
                        # frames) leaves the two columns even
                        form = self._left if plain.index(spec.name) % 2 == 0 else self._right
                    widget = self._make(spec)
                    label = QLabel(param_label(spec))
                    label.setBuddy(widget)
                    tip = param_help(spec)
                    widget.setToolTip(tip)
                    label.setToolTip(tip)
                    widget.setObjectName(f"param_{spec.name}")
                    form.addRow(label, widget)
                    self._form_of[spec.name] = form
                    f = _Field(spec, label, widget, self._make_note(spec))
                    if f.note is not None:
                        form.addRow("", f.note)
                    self._fields[spec.name] = f
                    value = kept.get(spec.name, spec.default)
                    self._write(f, value if acceptable(spec, value) else spec.default)
        finally:
            self._building = False
        self._problems = {}
        self._update_active()
        self._update_notes()
        self._update_more()
        self.rebuilt.emit()
        self.changed.emit()

    # --- the "More options" disclosure -------------------------------------------
    def more_names(self) -> list[str]:
        """The current model's options that sit behind "More options" (those the chosen
        format rules out left aside)."""
        more = self._more_forms()
        return [n for n in self._fields if self._form_of.get(n) in more and n not in self._hidden]

    def _more_forms(self) -> tuple[QFormLayout, QFormLayout]:
        return self._more_left, self._more_right

    def more_shown(self) -> bool:
        return self.more_button.isChecked()

    def set_more_shown(self, shown: bool) -> None:
        """Open or close "More options" (as remembered; no ``more_toggled``)."""
        self.more_button.blockSignals(True)
        self.more_button.setChecked(shown)
        self.more_button.blockSignals(False)
        self._update_more()

    def _more_clicked(self, shown: bool) -> None:
        self._update_more()
        self.more_toggled.emit(shown)

    def _update_more(self) -> None:
        names = self.more_names()
        shown = self.more_button.isChecked()
        self.more_button.setVisible(bool(names))
        self.more_box.setVisible(bool(names) and shown)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.more_button.setText(
            self.tr("Fewer options")
            if shown
            else self.tr("More options (%1)").replace("%1", str(len(names)))
        )
        self.more_button.setToolTip(
            self.tr("Options most people leave as they are: %1").replace(
                "%1", ", ".join(param_label(self._fields[n].spec) for n in names)
            )
        )

    @staticmethod
    def _spans(spec: ParamSpec) -> bool:
        """A field that takes the whole width: one with an explanation line, or a group."""
        return bool(param_caption(spec)) or spec.type is ParamType.OBJECT

    def label_for(self, name: str) -> QLabel | None:
        f = self._fields.get(name)
        return f.label if f else None

    def _make_note(self, spec: ParamSpec) -> QLabel | None:
        if not param_caption(spec):
            return None
        note = QLabel(self)
        note.setObjectName(f"note_{spec.name}")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        # two lines, whatever it says: a live check never pushes the fields below it
        # (measured on Chinese too: its glyphs come from a fallback font with taller lines)
        metrics = note.fontMetrics()
        line = max(metrics.lineSpacing(), metrics.boundingRect("中文Ag").height())
        note.setFixedHeight(2 * line + 6)
        note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return note

    def _update_notes(self) -> None:
        for name, f in self._fields.items():
            if f.note is None:
                continue
            problem = self._problems.get(name)
            f.note.setToolTip(problem or param_caption(f.spec))
            if problem:
                f.note.setText(problem)
                style_label(f.note, "error")
            else:
                f.note.setText(param_caption(f.spec))
                unstyle_label(f.note)
            f.note.setEnabled(bool(problem))  # an explanation in the palette's quiet colour

    def _make(self, spec: ParamSpec) -> QWidget:
        w: QWidget
        if spec.type is ParamType.OBJECT and spec.fields:
            picker = ObjectPicker(spec)
            picker.changed.connect(self._on_edit)
            w = picker
        elif spec.type is ParamType.BOOL:
            box = QCheckBox()
            box.toggled.connect(self._on_edit)
            w = box
        elif spec.type is ParamType.INT and not spec.choices:
            spin = QSpinBox()
            lo = spec.minimum if spec.minimum is not None else 0
            hi = spec.maximum if spec.maximum is not None else _INT_LIMIT
            if spec.default is None:  # the lowest step means "not sent"
                lo -= 1
                spin.setSpecialValueText(self.tr("Not set"))
            spin.setRange(max(lo, -_INT_LIMIT), min(hi, _INT_LIMIT))
            spin.valueChanged.connect(self._on_edit)
            w = spin
        elif spec.type in (ParamType.CHOICE, ParamType.SIZE, ParamType.INT):
            combo = QComboBox()
            if spec.default is None and spec.type is not ParamType.SIZE:
                combo.addItem(self.tr("Default"), None)
                combo.setProperty("hasDefaultItem", True)  # retranslated on a language change
            for choice in spec.choices:
                combo.addItem(choice_label(choice), choice)
            if spec.type is ParamType.SIZE and spec.rule is not None:
                combo.setEditable(True)
                self._add_presets(combo, spec.rule, spec.choices)
                combo.editTextChanged.connect(self._on_edit)
            combo.currentIndexChanged.connect(self._on_edit)
            w = combo
        else:
            line = QLineEdit()
            line.setPlaceholderText(self.tr("Not set"))
            line.textChanged.connect(self._on_edit)
            w = line
        return w

    def _add_presets(self, combo: QComboBox, rule: SizeRule, choices: tuple[object, ...]) -> None:
        """1K / 2K / 4K sizes in the common aspects that ``rule`` accepts (core computes them)."""
        from studio.core.size_presets import size_presets

        presets = [p for p in size_presets(rule) if p.value not in choices]
        if presets and combo.count():
            combo.insertSeparator(combo.count())
        for p in presets:
            combo.addItem(f"{p.scale} {p.aspect} · {p.width}×{p.height}", p.value)

    # --- reading / writing --------------------------------------------------
    def _read(self, f: _Field) -> object:
        w = f.widget
        if isinstance(w, ObjectPicker):
            return w.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            if w.specialValueText() and w.value() == w.minimum():
                return None
            return w.value()
        if isinstance(w, QComboBox):
            if w.isEditable():
                text = w.currentText().strip()
                idx = w.findText(text)
                if idx >= 0:
                    return w.itemData(idx)
                typed = Size.read(text)  # "1024 × 1536" is sent as 1024x1536
                return str(typed) if typed is not None else text or None
            return w.currentData()
        if isinstance(w, QLineEdit):
            return w.text().strip() or None
        return None

    def _write(self, f: _Field, value: object) -> None:
        w = f.widget
        if isinstance(w, ObjectPicker):
            w.set_value(value)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(value if isinstance(value, int) else w.minimum())
        elif isinstance(w, QComboBox):
            idx = w.findData(value)
            if idx >= 0:
                w.setCurrentIndex(idx)
            elif w.isEditable() and value is not None:
                w.setEditText(str(value))
            elif w.count():
                w.setCurrentIndex(0)
        elif isinstance(w, QLineEdit):
            w.setText("" if value is None else str(value))

    def forbidden(self) -> set[str]:
        """What the current choices rule out by the table's constraints ("mask" among
        them: a GIF takes none), so the window can hide it too."""
        return set(self._excluded)

    def _update_active(self) -> None:
        current = {name: self._read(f) for name, f in self._fields.items()}
        forced, self._excluded = self._constrained(current)
        for name, value in forced.items():  # e.g. SVG: n = 1, GIF/SVG: no streaming
            f = self._fields[name]
            if current.get(name) != value:
                self._write(f, value)
                current[name] = value
        for name, f in self._fields.items():
            ok = all(current.get(k) in allowed for k, allowed in f.spec.only_with.items())
            # a format's own options (frames, SVG author) only show with that format; what
            # the chosen format rules out is hidden, a forced value is shown but fixed
            hidden = name in self._excluded or (not ok and "output_format" in f.spec.only_with)
            ok = ok and name not in forced and name not in self._excluded
            f.widget.setEnabled(ok)
            f.label.setEnabled(ok)
            if hidden:
                self._hidden.add(name)
            else:
                self._hidden.discard(name)
            form = self._form_of.get(name, self._form)
            form.setRowVisible(f.widget, not hidden)
            if f.note is not None:
                form.setRowVisible(f.note, not hidden)
        self._update_more()

    def _constrained(self, current: Mapping[str, object]) -> tuple[dict[str, object], set[str]]:
        """(fields forced to one value, fields ruled out) by constraints that hold now."""
        forced: dict[str, object] = {}
        excluded: set[str] = set()
        caps = self._caps
        if caps is None:
            return forced, excluded
        for rule in caps.constraints:
            if not rule.when or not all(current.get(k) in v for k, v in rule.when.items()):
                continue
            excluded.update(rule.forbid)
            for name, allowed in rule.require.items():
                if name in self._fields and len(allowed) == 1:
                    if allowed[0] is False and isinstance(self._fields[name].widget, QCheckBox):
                        excluded.add(name)  # "no streaming": the switch goes away
                    forced[name] = allowed[0]
        return forced, excluded

    def _on_edit(self, *_: object) -> None:
        if self._building:
            return
        self._update_active()
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._building:
            for f in self._fields.values():
                f.label.setText(param_label(f.spec))
                tip = param_help(f.spec)
                f.label.setToolTip(tip)
                f.widget.setToolTip(tip)
                self._retranslate_widget(f.widget)
            self._update_notes()
            self._update_more()
        super().changeEvent(event)

    def _retranslate_widget(self, w: QWidget) -> None:
        """The words a picker shows for "nothing chosen", in the current language."""
        if isinstance(w, QSpinBox) and w.specialValueText():
            w.setSpecialValueText(self.tr("Not set"))
        elif isinstance(w, QComboBox):
            if w.property("hasDefaultItem"):
                w.setItemText(0, self.tr("Default"))
            relabel_choices(w)
        elif isinstance(w, QLineEdit) and w.placeholderText():
            w.setPlaceholderText(self.tr("Not set"))
