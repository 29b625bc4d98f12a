"""The spend view: what the history's jobs cost, per provider and per day or month.

The sums come from the history's spend query (run on a worker thread); this
window only arranges them: a chart of the periods, stacked by provider, a table
of every period and provider, and the totals per provider.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.history.queries import SpendRow
from studio.jobs.op import BackgroundOp
from studio.ui.cost_text import money, simulated, simulated_text
from studio.ui.spend_chart import Bar, SpendChart

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: loads the rows for "day" or "month" (runs on a worker thread)
Loader = Callable[[str], Sequence[SpendRow]]


class SpendView(QDialog):
    def __init__(
        self, load: Loader, names: Mapping[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("spendView")
        self._load = load
        #: provider id -> the name to show
        self._names = dict(names)
        self._entries: list[SpendRow] = []
        self._ticket = 0
        self.by = QComboBox(self)
        self.by.setObjectName("spendBy")
        self.by.addItem("", "day")
        self.by.addItem("", "month")
        self.by.currentIndexChanged.connect(self.reload)
        self.by_label = QLabel(self)
        self.by_label.setBuddy(self.by)
        self.chart = SpendChart(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("spendTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows go along it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.totals = QLabel(self)
        self.totals.setObjectName("spendTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setEnabled(False)  # quiet text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.by_label)
        top.addWidget(self.by)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.chart, 2)
        lay.addWidget(self.table, 2)
        lay.addWidget(self.totals)
        lay.addWidget(self.note)
        lay.addWidget(buttons)
        self.resize(640, 560)
        self.retranslate_ui()
        self.reload()

    # --- data -------------------------------------------------------------------
    def period(self) -> str:
        return str(self.by.currentData() or "day")

    def entries(self) -> list[SpendRow]:
        return list(self._entries)

    def reload(self, *_: object) -> None:
        self._ticket += 1
        ticket, by, load = self._ticket, self.period(), self._load

        def done(entries: Sequence[SpendRow]) -> None:
            if ticket == self._ticket:
                self._show(list(entries))

        def failed(exc: BaseException) -> None:
            if ticket == self._ticket:
                self._entries = []
                self.chart.set_data([], [], "")
                self.totals.setText(
                    self.tr("Could not read the history: %1").replace("%1", str(exc))
                )

        self.totals.setText(self.tr("Reading the history…"))
        BackgroundOp(self, lambda: load(by), done).failure(failed).run()

    def name(self, provider_id: str) -> str:
        return self._names.get(provider_id, provider_id)

    def totals_by_provider(self) -> dict[tuple[str, str], float]:
        """(provider id, currency) -> the sum of its rows."""
        out: dict[tuple[str, str], float] = {}
        for e in self._entries:
            key = (e.provider_id, e.currency)
            out[key] = out.get(key, 0.0) + e.amount
        return out

    def _show(self, entries: list[SpendRow]) -> None:
        self._entries = sorted(entries, key=lambda e: (e.period, e.provider_id))
        self._fill_table()
        self._fill_chart()
        self._fill_totals()

    def _fill_table(self) -> None:
        rows = sorted(self._entries, key=lambda e: (e.period, e.provider_id), reverse=True)
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            amount = money(e.amount, e.currency)
            if simulated(e.provider_id):
                amount = simulated_text(amount)
            cells = (e.period, self.name(e.provider_id), str(e.jobs), amount)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(r, c, item)

    def _fill_chart(self) -> None:
        # what was charged (sandbox jobs are simulated); one currency per chart: the one
        # most of the money is in
        charged = [e for e in self._entries if not simulated(e.provider_id)]
        by_currency: dict[str, float] = {}
        for e in charged:
            by_currency[e.currency] = by_currency.get(e.currency, 0.0) + e.amount
        self.chart.placeholder = self._nothing_spent()
        if not by_currency:
            self.chart.set_data([], [], "")
            return
        currency = max(by_currency, key=lambda c: by_currency[c])
        shown = [e for e in charged if e.currency == currency]
        series = sorted({e.provider_id for e in shown})
        periods = sorted({e.period for e in shown})
        amounts = {(e.period, e.provider_id): e.amount for e in shown}
        bars = [Bar(p, tuple(amounts.get((p, pid), 0.0) for pid in series)) for p in periods]
        self.chart.set_data(bars, [self.name(pid) for pid in series], currency)

    def _nothing_spent(self) -> str:
        """The empty chart's words: with sandbox rows in the table, why they are not in it."""
        if any(simulated(e.provider_id) for e in self._entries):
            return self.tr("Nothing spent yet: sandbox jobs are simulated and not counted.")
        return self.tr("Nothing spent yet.")

    def _fill_totals(self) -> None:
        totals = self.totals_by_provider()
        if not totals:
            self.totals.setText(self.tr("No job with a known cost in the history yet."))
            return
        lines = []
        grand: dict[str, float] = {}
        for (provider_id, currency), amount in sorted(totals.items()):
            shown = money(amount, currency)
            if simulated(provider_id):  # priced like a real job, charged by nobody
                shown = simulated_text(shown)
            else:
                grand[currency] = grand.get(currency, 0.0) + amount
            lines.append(
                self.tr("%1: %2").replace("%1", self.name(provider_id)).replace("%2", shown)
            )
        total = " + ".join(money(a, c) for c, a in sorted(grand.items())) or money(0.0, "USD")
        lines.append(self.tr("Total: %1").replace("%1", total))
        if any(simulated(p) for p, _c in totals):
            lines.append(self.tr("Sandbox jobs are simulated: they are not in the total."))
        self.totals.setText("\n".join(lines))

    # --- language ---------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Spending"))
        self.by_label.setText(self.tr("&Group by"))
        self.table.setAccessibleName(self.tr("Spending"))
        self.by.setItemText(0, self.tr("Day"))
        self.by.setItemText(1, self.tr("Month"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Period"), self.tr("Provider"), self.tr("Jobs"), self.tr("Cost")]
        )
        self.chart.placeholder = self._nothing_spent()
        self.chart.update()
        self.note.setText(
            self.tr(
                "Costs come from the usage each provider reported, at the rates in the model "
                "tables times the provider's price factor (Settings → Providers); jobs without "
                "usage or a known rate are not counted. Your provider's bill is what counts."
            )
        )
        if self._entries:
            self._fill_table()
            self._fill_totals()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
