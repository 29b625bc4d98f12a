"""The Compare dialog's list of targets: one checkable row per model a provider offers.

Rows whose provider needs a key and has none are marked "no API key" and moved after the
others (the keyring is asked off the UI thread): such a target would fail when sent. In
Edit mode a model that cannot edit is listed last, greyed and marked "cannot edit": it
cannot be ticked (a tick it kept from Generate mode stays for Generate mode). The
ticked (provider id, model) pairs are kept in a set the window holds, and in its settings
(window.ini), so the dialog opens ticked as it was left, after a restart too; a target
that is no longer offered (its provider or model gone) is dropped.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from studio.jobs.op import BackgroundOp
from studio.ui.labels import provider_name

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

    def __init__(self, remembered: set[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareTargets")
        #: the ticked (provider id, model) pairs, kept up to date for the window
        self.remembered = remembered
        #: provider ids that need a key and have none
        self.keyless: set[str] = set()
        #: the models of the rows that cannot be ticked: they cannot edit (Edit mode)
        self.cannot_edit: set[str] = set()
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

        known = {(p.id, m) for p in providers.values() for m in p.models}
        ticked = self.remembered & known or ({current} if current else set())
        self.blockSignals(True)
        greyed: list[QListWidgetItem] = []
        for provider in providers.values():
            for model in provider.models:
                caps = studio.capabilities.get(model)
                if caps is None:
                    continue
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, (provider, model))
                if editing and not caps.supports(Mode.EDIT):
                    self.cannot_edit.add(model)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                    item.setCheckState(Qt.CheckState.Unchecked)  # its tick stays remembered
                    greyed.append(item)
                    continue
                self.addItem(item)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                chosen = (provider.id, model) in ticked
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                self._remember(item)  # what opens ticked counts as chosen
        for item in greyed:
            self.addItem(item)
        # a target no longer offered (its provider or model gone) is not kept
        self.remembered.intersection_update(
            (p.id, m)
            for p, m in (self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count()))
        )
        self.blockSignals(False)
        self.ticks_changed.emit()
        self.name_rows()
        if providers:
            self._ask_keys(studio, list(providers.values()))

    def name_rows(self) -> None:
        """Each row's words: a provider with no key says so (and why it matters)."""
        for row in range(self.count()):
            item = self.item(row)
            provider, model = item.data(Qt.ItemDataRole.UserRole)
            text = f"{model} — {provider_name(provider)}"
            if model in self.cannot_edit:
                text += " — " + self.tr("cannot edit")
                item.setToolTip(
                    self.tr("%1 cannot edit pictures: it only makes new ones.").replace("%1", model)
                )
            elif provider.id in self.keyless:
                text += " — " + self.tr("no API key")
                item.setToolTip(
                    self.tr(
                        "%1 has no API key: this target would fail. Add its key in"
                        " Settings → Providers."
                    ).replace("%1", provider_name(provider))
                )
                item.setForeground(self.palette().placeholderText())
            else:
                item.setToolTip("")
            item.setText(text)

    def checked(self) -> list[tuple[Provider, str]]:
        """The ticked (provider, model) pairs, in the list's order."""
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() is Qt.CheckState.Checked
            and self.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
        ]

    def _ask_keys(self, studio: Studio, providers: list[Provider]) -> None:
        def work() -> set[str]:
            return {p.id for p in providers if p.needs_key and not studio.api_key(p)}

        BackgroundOp(self, work, self._mark_keyless).run()

    def _mark_keyless(self, keyless: set[str]) -> None:
        """Rows whose provider has no key are marked and moved after the others (and
        before those that cannot be ticked)."""
        self.keyless = keyless

        def place(item: QListWidgetItem) -> tuple[bool, bool]:
            provider, model = item.data(Qt.ItemDataRole.UserRole)
            return model in self.cannot_edit, provider.id in keyless

        self.blockSignals(True)
        items = [self.takeItem(0) for _ in range(self.count())]
        for item in sorted(items, key=place):  # stable: the tables' order within each
            self.addItem(item)
        self.blockSignals(False)
        self.name_rows()

    def _remember(self, item: QListWidgetItem) -> None:
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        if model in self.cannot_edit:  # not offered here: its tick is kept as it was
            return
        before = len(self.remembered)
        if item.checkState() is Qt.CheckState.Checked:
            self.remembered.add((provider.id, model))
        else:
            self.remembered.discard((provider.id, model))
        if len(self.remembered) != before:
            self.ticks_changed.emit()
