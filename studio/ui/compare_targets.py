"""The Compare dialog's list of targets: one checkable row per model a provider offers.

Each row names its model as the model picker does ("GPT Image 2", the id in its
tooltip) and its provider. Rows whose provider needs a key and has none are greyed,
marked "no API key" with the reason in their tooltip, and moved after the others (the
keyring is asked off the UI thread): they cannot be ticked, since such a target would
fail before anything is sent; once a key is added (:meth:`TargetList.refill`) they
are offered again, ticked as they were. In Edit mode a model that cannot edit is
listed last, greyed and marked "cannot edit": it cannot be ticked either (a tick it
kept from Generate mode stays for Generate mode). The ticked (provider id, model) pairs
are kept in a set the window holds, and in its settings (window.ini), so the dialog
opens ticked as it was left, after a restart too; a target that is no longer offered
(its provider or model gone) is dropped.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QStyleOptionViewItem, QWidget

from studio.jobs.op import BackgroundOp
from studio.ui.labels import model_name, provider_name

if TYPE_CHECKING:
    from studio.core.providers import Provider
    from studio.core.service import Studio


#: window.ini: the ticked targets, a JSON list of [provider id, model] pairs
TICKS_KEY = "compare/targets"


def load_ticks(settings: QSettings) -> set[tuple[str, str]]:
    """The ticked targets the settings keep (none when missing or unreadable)."""
    try:
        pairs = json.loads(str(settings.value(TICKS_KEY, "") or "[]"))
    except ValueError:
        return set()
    if not isinstance(pairs, list):
        return set()
    return {
        (pair[0], pair[1])
        for pair in pairs
        if isinstance(pair, list)
        and len(pair) == 2
        and all(isinstance(part, str) and part for part in pair)
    }


def save_ticks(settings: QSettings, ticks: set[tuple[str, str]]) -> None:
    settings.setValue(TICKS_KEY, json.dumps(sorted([p, m] for p, m in ticks)))


class TargetList(QListWidget):
    #: the ticked targets (``remembered``) changed: a tick, or the list was filled
    ticks_changed = Signal()
    # the keyring answered which providers have no key (``keyless``)
    keys_known = Signal()

    def __init__(self, remembered: set[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareTargets")
        #: the ticked (provider id, model) pairs, kept up to date for the window
        self.remembered = remembered
        #: provider ids that need a key and have none
        self.keyless: set[str] = set()
        #: the models of the rows that cannot be ticked: they cannot edit (Edit mode)
        self.cannot_edit: set[str] = set()
        # the providers listed, by id
        self.providers: dict[str, Provider] = {}
        # what the list was filled with (None: not filled), for a refill
        self._filled: tuple[Studio, tuple[str, str] | None, bool] | None = None
        # the keyring's answers are numbered: only the newest one is applied
        self._asked = 0
        self.itemChanged.connect(self._remember)

    def fill(
        self,
        studio: Studio,
        providers: dict[str, Provider],
        current: tuple[str, str] | None,
        *,
        editing: bool = False,
    ) -> None:
        """A row per model in the tables; ticked as last time, else the composer's target.
        ``editing``: the targets edit pictures, and a model that cannot is not offered."""
        from studio.core.request import Mode

        self._filled = (studio, current, editing)
        self.providers = dict(providers)
        known = {(p.id, m) for p in providers.values() for m in p.models}
        ticked = self.remembered & known or ({current} if current else set())
        self.blockSignals(True)
        self.clear()
        self.cannot_edit = set()
        for provider in providers.values():
            for model in provider.models:
                caps = studio.capabilities.get(model)
                if caps is None:
                    continue
                if editing and not caps.supports(Mode.EDIT):
                    self.cannot_edit.add(model)
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, (provider, model))
                self.addItem(item)
                if not self.blocked(item):
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    chosen = (provider.id, model) in ticked
                    item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                    self._remember(item)  # what opens ticked counts as chosen
        # a target no longer offered (its provider or model gone) is not kept
        self.remembered.intersection_update(
            (p.id, m)
            for p, m in (self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count()))
        )
        self._settle()  # the keyless of the last answer until the keyring answers again
        self.blockSignals(False)
        self.ticks_changed.emit()
        self.name_rows()
        if providers:
            self._ask_keys(studio, list(providers.values()))

    def refill(self, providers: dict[str, Provider]) -> None:
        """The providers or their keys changed (Settings were saved): the rows again,
        with each provider's key asked again. Nothing happens to a list never filled."""
        if self._filled is None:
            return
        studio, current, editing = self._filled
        self.fill(studio, providers, current, editing=editing)

    def blocked(self, item: QListWidgetItem) -> bool:
        """Whether ``item`` cannot be ticked: its model cannot edit, or its provider has no key."""
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        return model in self.cannot_edit or provider.id in self.keyless

    def _settle(self) -> None:
        """Each row offered or not (a row that cannot be ticked shows no tick, and the tick
        it had stays remembered for when it can be), in order: the rows that can be
        ticked first, then those whose provider has no key, then those that cannot edit.
        Called with signals blocked."""
        items = [self.takeItem(0) for _ in range(self.count())]

        def place(item: QListWidgetItem) -> tuple[bool, bool]:
            provider, model = item.data(Qt.ItemDataRole.UserRole)
            return model in self.cannot_edit, provider.id in self.keyless

        for item in sorted(items, key=place):  # stable: the tables' order within each
            self.addItem(item)
            provider, model = item.data(Qt.ItemDataRole.UserRole)
            if self.blocked(item):
                item.setFlags(
                    item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                )
                item.setCheckState(Qt.CheckState.Unchecked)  # its tick stays remembered
            else:
                item.setFlags(
                    item.flags() | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                )
                chosen = (provider.id, model) in self.remembered
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def name_rows(self) -> None:
        """Each row's words: the model's name and its provider's; a row that cannot be
        ticked says why (its tooltip says it whole, with the model's id)."""
        for row in range(self.count()):
            item = self.item(row)
            provider, model = item.data(Qt.ItemDataRole.UserRole)
            name, where = self.model_name(model), provider_name(provider)
            text = f"{name} — {where}"
            if model in self.cannot_edit:
                text += " — " + self.tr("cannot edit")
                tip = self.tr("%1 cannot edit pictures: it only makes new ones.").replace(
                    "%1", name
                )
            elif provider.id in self.keyless:
                text += " — " + self.tr("no API key")
                tip = self.tr("No API key for %1: add one in Settings → Providers.").replace(
                    "%1", where
                )
            else:
                tip = ""
            item.setToolTip(f"{model}\n{tip}".strip())
            item.setText(text)
        self._even_rows()

    def _even_rows(self) -> None:
        """Every row as tall as the tallest, and never shorter than its check box: a row
        in Latin letters only ("GPT Image 2 — DMXAPI") is shorter than one with Chinese
        in it, and its check box overlapped the next row's."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        hints: list[QSize] = []
        for row in range(self.count()):
            item = self.item(row)
            item.setData(Qt.ItemDataRole.SizeHintRole, None)  # measured afresh
            hints.append(delegate.sizeHint(option, self.indexFromItem(item)))
        box = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, self)
        tallest = max([box + 4, *(h.height() for h in hints)])
        for row, hint in enumerate(hints):
            self.item(row).setSizeHint(QSize(hint.width(), tallest))

    def model_name(self, model: str) -> str:
        """``model``'s name as the model picker shows it."""
        if self._filled is None:
            return model
        return model_name(self._filled[0].capabilities, model)

    def checked(self) -> list[tuple[Provider, str]]:
        """The ticked (provider, model) pairs, in the list's order."""
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() is Qt.CheckState.Checked
            and self.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
        ]

    def _ask_keys(self, studio: Studio, providers: list[Provider]) -> None:
        self._asked += 1
        asked = self._asked

        def work() -> set[str]:
            return {p.id for p in providers if p.needs_key and not studio.api_key(p)}

        def answered(keyless: set[str]) -> None:
            if asked == self._asked:
                self._mark_keyless(keyless)

        BackgroundOp(self, work, answered).run()

    def _mark_keyless(self, keyless: set[str]) -> None:
        """Rows whose provider has no key cannot be ticked: they are greyed, marked and
        moved after the others (and before those that cannot edit)."""
        self.keyless = keyless
        self.blockSignals(True)
        self._settle()
        self.blockSignals(False)
        self.name_rows()
        self.keys_known.emit()

    def _remember(self, item: QListWidgetItem) -> None:
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        if self.blocked(item):  # not offered here: its tick is kept as it was
            return
        before = len(self.remembered)
        if item.checkState() is Qt.CheckState.Checked:
            self.remembered.add((provider.id, model))
        else:
            self.remembered.discard((provider.id, model))
        if len(self.remembered) != before:
            self.ticks_changed.emit()
