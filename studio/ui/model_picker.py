"""The model picker's list: each model's lifecycle state at a glance.

Models in use come first, those with an announced shutdown carry their date
("until 1 Dec 2026"), and models their maker has shut down are grouped under a
"Retired" heading, only for providers that may still serve them. The facts come
from the capability tables and, where a provider reports them, its own
``GET /models`` shutdown dates (:mod:`studio.core.lifecycle`); the words here are
the window's own, translated (the tables' developer notes are never shown).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from studio.core.capabilities import CapabilityRegistry, ModelCaps
from studio.core.lifecycle import Lifecycle, State, today
from studio.core.providers import Provider

#: item data role holding the model's state (a ``State`` value) for tests and styling
STATE_ROLE = Qt.ItemDataRole.UserRole + 1


def date_text(day: dt.date) -> str:
    """``day`` the way the UI language writes a date ("1 Dec 2026", "2026年12月1日")."""
    fmt = QCoreApplication.translate("ModelPicker", "d MMM yyyy")
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


@dataclass(frozen=True)
class ModelEntry:
    id: str
    caps: ModelCaps | None
    lifecycle: Lifecycle
    state: State

    @property
    def name(self) -> str:
        return self.caps.display_name if self.caps else self.id


def entries(
    provider: Provider, registry: CapabilityRegistry, day: dt.date | None = None
) -> list[ModelEntry]:
    """The models ``provider`` offers, in use first, then retired ones it may still serve.

    ``registry`` is the tables as this provider sees them (its own shutdown dates laid
    over, see :func:`studio.core.model_signals.registry_for`)."""
    day = day or today()
    ids = [m for m in provider.models if m in registry] or registry.ids()
    live: list[ModelEntry] = []
    retired: list[ModelEntry] = []
    for mid in ids:
        caps = registry.get(mid)
        if caps is None:
            continue
        life = caps.lifecycle
        state = life.state_on(day)
        entry = ModelEntry(mid, caps, life, state)
        if state is not State.RETIRED:
            live.append(entry)
        elif provider.serves_retired and life.relay_may_serve:
            retired.append(entry)
    return live + retired


def fill(box: QComboBox, models: list[ModelEntry]) -> None:
    """Put ``models`` into ``box``: badges on deprecated ones, a "Retired" heading."""
    box.clear()
    heading_done = False
    for e in models:
        if e.state is State.RETIRED and not heading_done:
            heading_done = True
            box.insertSeparator(box.count())
            box.addItem(QCoreApplication.translate("ModelPicker", "Retired"), None)
            item = _item(box, box.count() - 1)
            if item is not None:
                item.setEnabled(False)  # a heading, not a choice
        box.addItem(item_text(e), e.id)
        row = box.count() - 1
        box.setItemData(row, e.state.value, STATE_ROLE)
        box.setItemData(row, item_tip(e), Qt.ItemDataRole.ToolTipRole)


def retranslate(box: QComboBox, models: list[ModelEntry]) -> None:
    """The item texts again in the current language (after a language change)."""
    by_id = {e.id: e for e in models}
    for row in range(box.count()):
        mid = box.itemData(row)
        e = by_id.get(mid) if isinstance(mid, str) else None
        if e is not None:
            box.setItemText(row, item_text(e))
            box.setItemData(row, item_tip(e), Qt.ItemDataRole.ToolTipRole)
        elif mid is None and box.itemText(row):
            box.setItemText(row, QCoreApplication.translate("ModelPicker", "Retired"))


def _item(box: QComboBox, row: int) -> QStandardItem | None:
    model = box.model()
    return model.item(row) if isinstance(model, QStandardItemModel) else None


def item_text(e: ModelEntry) -> str:
    life = e.lifecycle
    if e.state is State.DEPRECATED and life.shutdown is not None:
        return (
            QCoreApplication.translate("ModelPicker", "%1 — until %2")
            .replace("%1", e.name)
            .replace("%2", date_text(life.shutdown))
        )
    if e.state is State.RETIRED and life.shutdown is not None:
        return (
            QCoreApplication.translate("ModelPicker", "%1 — shut down %2")
            .replace("%1", e.name)
            .replace("%2", date_text(life.shutdown))
        )
    return e.name


def item_tip(e: ModelEntry) -> str:
    return f"{e.id}\n{status_text(e)}".strip()


def status_text(e: ModelEntry) -> str:
    """One or two sentences on the model's state and what to use instead ("" when active)."""
    life = e.lifecycle
    new = life.replacement
    if e.state is State.DEPRECATED and life.shutdown is not None:
        text = QCoreApplication.translate("ModelPicker", "Its maker shuts it down on %1.").replace(
            "%1", date_text(life.shutdown)
        )
        if new:
            text += " " + QCoreApplication.translate(
                "ModelPicker", "Its replacement is %1."
            ).replace("%1", new)
        return text
    if e.state is State.RETIRED and life.shutdown is not None:
        text = QCoreApplication.translate(
            "ModelPicker", "Shut down by its maker on %1; this provider may still serve it."
        ).replace("%1", date_text(life.shutdown))
        if new:
            text += " " + QCoreApplication.translate(
                "ModelPicker", "Its replacement is %1."
            ).replace("%1", new)
        return text
    return ""
