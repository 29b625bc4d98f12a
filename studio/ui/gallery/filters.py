"""The gallery's search box and filters, producing one :class:`JobQuery`.

Typing is debounced: the query is sent once the user pauses, so a search does
not run per keystroke.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QDate, QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from studio.core.history import JobQuery
from studio.core.providers import builtin_providers
from studio.ui.icons import icon, with_shortcut
from studio.ui.labels import provider_name

DEBOUNCE_MS = 250
ONE_ROW_WIDTH = 1100
#: item data of the "any" entries. Not None: reading a None back through
#: ``currentData()`` drops a reference to None in PySide6 6.12 (Python 3.11).
ANY = ""
CUSTOM = "custom"
DAY = 24 * 3600


def _local_midnight(day: QDate) -> float:
    return time.mktime((day.year(), day.month(), day.day(), 0, 0, 0, 0, 0, -1))


def provider_text(provider_id: str) -> str:
    """A provider as the filter lists it: a built-in by its name (in the current language
    where it has one), any other by the id the history keeps."""
    known = builtin_providers().get(provider_id)
    return provider_name(known) if known is not None else provider_id


class FilterBar(QWidget):
    query_changed = Signal(JobQuery)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("gallerySearch")
        self.search.setClearButtonEnabled(True)
        self.provider = self._combo("galleryProvider")
        self.model = self._combo("galleryModel")
        self.status = self._combo("galleryStatus")
        for value in ("succeeded", "failed", "cancelled", "interrupted", "running"):
            self.status.addItem("", value)
        self.format = self._combo("galleryFormat")
        for value in ("png", "jpeg", "webp", "gif", "svg"):
            self.format.addItem("", value)
        self.period = self._combo("galleryPeriod")
        for value in ("today", "7d", "30d", "365d", CUSTOM):
            self.period.addItem("", value)
        today = QDate.currentDate()
        self.date_from = self._date_edit("galleryDateFrom", today.addDays(-7))
        self.date_to = self._date_edit("galleryDateTo", today)
        self.favourites = QCheckBox(self)
        self.favourites.setObjectName("galleryFavourites")
        # the jobs of one comparison or batch only ("Show Its Pictures"): a click shows all
        self.group_chip = QPushButton(icon("x"), "", self)
        self.group_chip.setObjectName("galleryGroupChip")
        self.group_chip.hide()
        self.group_chip.clicked.connect(self.clear_group)
        # beside a batch's chip: its Batch panel again (the panel steps aside to show them)
        self.group_back = QPushButton(icon("layers"), "", self)
        self.group_back.setObjectName("galleryGroupBack")
        self.group_back.hide()
        #: (group id, kind) while only that group's jobs are shown
        self.group: tuple[int, str] | None = None

        # one row when wide (a dock along the bottom), search above the filters when narrow
        layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout = layout
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()  # the search, and beside it the way back to a batch's panel
        top.addWidget(self.search, 1)
        top.addWidget(self.group_back)
        layout.addLayout(top, 3)
        # the filters in one row, or in two where one does not fit (a large font)
        self._filters = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        first, second = QHBoxLayout(), QHBoxLayout()
        for combo in (self.provider, self.model, self.status):
            first.addWidget(combo)
        for w in (self.format, self.period, self.date_from, self.date_to, self.favourites):
            second.addWidget(w)
        second.addWidget(self.group_chip)
        second.addStretch(1)
        self._halves = (first, second)
        self._filters.addLayout(first)
        self._filters.addLayout(second, 1)
        layout.addLayout(self._filters, 2)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._emit_now)
        for combo in (self.provider, self.model, self.status, self.format, self.period):
            combo.currentIndexChanged.connect(self._emit_now)
        self.favourites.toggled.connect(self._emit_now)
        self.period.currentIndexChanged.connect(self._show_dates)
        self.date_from.dateChanged.connect(self._emit_now)
        self.date_to.dateChanged.connect(self._emit_now)
        self._show_dates()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every word of the bar in the current language (at start and on a change)."""
        self.search.setPlaceholderText(self.tr("Search prompts…"))
        self.search.setAccessibleName(self.tr("Search the history"))
        # the key that reaches the field from anywhere, where a pointer's hover shows it
        self.search.setToolTip(with_shortcut(self.tr("Search the history's prompts"), "Ctrl+F"))
        self.provider.setItemText(0, self.tr("All providers"))
        for i in range(1, self.provider.count()):
            self.provider.setItemText(i, provider_text(str(self.provider.itemData(i))))
        self.model.setItemText(0, self.tr("All models"))
        labels = {
            "succeeded": self.tr("Succeeded"),
            "failed": self.tr("Failed"),
            "cancelled": self.tr("Cancelled"),
            "interrupted": self.tr("Interrupted"),
            "running": self.tr("Running"),
            "png": "PNG",
            "jpeg": "JPEG",
            "webp": "WebP",
            "gif": self.tr("GIF (animated)"),
            "svg": self.tr("SVG (vector)"),
            "today": self.tr("Today"),
            "7d": self.tr("Last 7 days"),
            "30d": self.tr("Last 30 days"),
            "365d": self.tr("Last 12 months"),
            CUSTOM: self.tr("Between dates…"),
        }
        anys = {
            self.status: self.tr("Any status"),
            self.format: self.tr("Any format"),
            self.period: self.tr("Any time"),
        }
        for combo, any_label in anys.items():
            for i in range(combo.count()):
                label = labels.get(str(combo.itemData(i)))
                combo.setItemText(i, any_label if i == 0 else (label or combo.itemText(i)))
        self.favourites.setText(self.tr("Favourites"))
        self.group_chip.setToolTip(self.tr("Show every job again"))
        self.group_back.setText(self.tr("Back to the Batch"))
        self.group_back.setToolTip(self.tr("Show this batch's panel: its progress and Retry"))
        if self.group is not None:
            group_id, kind = self.group
            words = self.tr("Only batch #%1") if kind == "batch" else self.tr("Only comparison #%1")
            self.group_chip.setText(words.replace("%1", str(group_id)))

    def show_group(self, group_id: int, kind: str) -> None:
        """List only the jobs of the comparison or batch ``group_id``, one tile each."""
        self.group = (group_id, kind)
        self.retranslate_ui()
        self.group_chip.show()
        self.group_back.setVisible(kind == "batch")
        self._emit_now()

    def clear_group(self) -> None:
        """Every job again (a group as one tile)."""
        if self.group is None:
            return
        self.group = None
        self.group_chip.hide()
        self.group_back.hide()
        self._emit_now()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the search box, or as the filters in two rows."""
        widths = [self.search.minimumSizeHint().width()]
        widths += [half.minimumSize().width() for half in self._halves]
        return QSize(max(widths), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = event.size().width()
        spacing = self._layout.spacing()
        filters = sum(half.sizeHint().width() for half in self._halves) + spacing
        beside = self.search.minimumSizeHint().width() + spacing + filters
        wide = width >= max(ONE_ROW_WIDTH, beside)
        for box, one_row in ((self._layout, wide), (self._filters, filters <= width)):
            direction = (
                QBoxLayout.Direction.LeftToRight if one_row else QBoxLayout.Direction.TopToBottom
            )
            if box.direction() != direction:
                box.setDirection(direction)
        super().resizeEvent(event)

    def _date_edit(self, name: str, date: QDate) -> QDateEdit:
        edit = QDateEdit(date, self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _show_dates(self) -> None:
        custom = self.period.currentData() == CUSTOM
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem("", ANY)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def set_choices(self, providers: Iterable[str], models: Iterable[str]) -> None:
        """Fill the provider and model pickers, keeping the current choice."""
        for combo, values in ((self.provider, providers), (self.model, models)):
            current = combo.currentData()  # a str: every item carries one
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for v in values:
                combo.addItem(provider_text(v) if combo is self.provider else v, v)
            pos = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(pos, 0))
            combo.blockSignals(False)
            if current and pos < 0:  # the chosen value is gone
                self._emit_now()

    def add_choice(self, provider: str, model: str) -> None:
        for combo, value in ((self.provider, provider), (self.model, model)):
            if value and combo.findData(value) < 0:
                combo.blockSignals(True)
                combo.addItem(provider_text(value) if combo is self.provider else value, value)
                combo.blockSignals(False)

    def query(self, now: float | None = None) -> JobQuery:
        now = time.time() if now is None else now
        since: float | None = None
        until: float | None = None
        period = self.period.currentData()
        if period == CUSTOM:
            first, last = sorted((self.date_from.date(), self.date_to.date()))
            since = _local_midnight(first)
            until = _local_midnight(last.addDays(1))  # the last day counts whole
        elif period == "today":
            since = time.mktime((*time.localtime(now)[:3], 0, 0, 0, 0, 0, -1))
        elif isinstance(period, str) and period.endswith("d"):
            since = now - int(period[:-1]) * DAY
        return JobQuery(
            text=self.search.text().strip() or None,
            provider_id=self.provider.currentData() or None,
            model=self.model.currentData() or None,
            status=self.status.currentData() or None,
            format=self.format.currentData() or None,
            favourite=True if self.favourites.isChecked() else None,
            since=since,
            until=until,
            group_id=self.group[0] if self.group is not None else None,
        )

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        self.query_changed.emit(self.query())
