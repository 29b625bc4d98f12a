"""The History list at 1366×768: in the window's first-start layout (the History dock
beside the Jobs dock) its columns fit the dock, in English and in Chinese, so it never
scrolls sideways; a long prompt or model name is elided instead, and the fixed columns
still show their words whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio.core.costs import Cost
from studio.core.request import ImageRequest, Mode
from studio.core.result import ImageResult
from studio.ui.gallery.list_view import PROMPT_MIN, Column
from studio.ui.i18n import set_language
from tests.core.history.history_helpers import generated
from tests.ui.test_window_layout import first_start_at_1366

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.history import HistoryStore
    from studio.ui.gallery.list_view import GalleryTable
    from studio.ui.main_window import MainWindow

LONG_PROMPT = (
    "a lighthouse keeper's cat asleep on a stack of charts, rain on the window, "
    "warm lamp light, painted in gouache with visible brush strokes 灯塔 猫 雨夜"
)


def _jobs(store: HistoryStore, count: int) -> None:
    """Enough finished sandbox jobs for a vertical scroll bar, with a long prompt, the
    longest model name and a simulated cost."""
    for i in range(count):
        request = ImageRequest(Mode.GENERATE, "gpt-image-2.6-sunburst", f"{i} {LONG_PROMPT}")
        job = store.start_job(
            provider_id="sandbox", provider_name="Sandbox (offline)", request=request
        )
        store.finish_job(
            job,
            ImageResult(images=[generated()]),
            cost=Cost(0.0695, "USD", "OpenAI pricing page", official=True),
        )


def _sideways(table: GalleryTable) -> tuple[bool, int, int, int]:
    bar = table.horizontalScrollBar()
    total = sum(table.columnWidth(c) for c in Column)
    return bar.isVisible(), bar.maximum(), total, table.viewport().width()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_at_1366x768_the_history_list_fits_its_dock(
    qtbot: QtBot, window: MainWindow, lang: str
) -> None:
    _jobs(window.studio.history, 12)
    window.reload_providers(current="sandbox")
    assert set_language(lang)
    try:
        first_start_at_1366(qtbot, window)
        qtbot.waitUntil(lambda: window.gallery is not None, timeout=10_000)
        dock = window.gallery
        assert dock is not None
        dock.refresh()
        qtbot.waitUntil(lambda: dock.model.rowCount() == 12 and not dock.busy(), timeout=10_000)
        if not dock.view_options.list_button.isChecked():
            qtbot.mouseClick(dock.view_options.list_button, Qt.MouseButton.LeftButton)
        table = dock.table
        assert dock.pages.currentWidget() is table
        qtbot.waitUntil(lambda: table.verticalScrollBar().isVisible(), timeout=5_000)
        QApplication.processEvents()
        # the dock as a first start lays it out on a 1366×768 screen: narrower than the
        # columns were at their old widths
        assert dock.width() < 900, dock.width()
        visible, maximum, total, room = _sideways(table)
        assert not visible and maximum == 0 and total <= room, (lang, total, room)
        # the prompt keeps its room; the words of the fixed columns show whole
        assert table.columnWidth(Column.PROMPT) >= PROMPT_MIN
        columns, metrics = table.columns, table.fontMetrics()
        for column in (Column.SIZE, Column.COST, Column.DATE, Column.STATUS):
            text = str(columns.data(columns.index(0, column), Qt.ItemDataRole.DisplayRole))
            assert metrics.horizontalAdvance(text) <= table.columnWidth(column) - 8, (
                lang,
                column.name,
                text,
            )
        cost = str(columns.data(columns.index(0, Column.COST), Qt.ItemDataRole.DisplayRole))
        assert "simulated" in cost or "模拟" in cost
        # the composer narrower (the History dock wider): still no sideways scrolling,
        # and the prompt takes the room
        before = table.columnWidth(Column.PROMPT)
        window.resizeDocks([window.compose_dock], [380], Qt.Orientation.Horizontal)
        QApplication.processEvents()
        qtbot.waitUntil(lambda: table.columnWidth(Column.PROMPT) > before, timeout=5_000)
        visible, maximum, total, room = _sideways(table)
        assert not visible and maximum == 0 and total <= room, (lang, total, room)
    finally:
        set_language("en")
