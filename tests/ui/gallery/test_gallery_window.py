"""The gallery holds only the pages around what it shows: every job has its row, pages
are read as the view reaches them (also after a jump), far pages let go and come back."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from studio.core.history import HistoryStore, JobQuery
from studio.ui.gallery import GalleryDock, store_sync
from studio.ui.gallery.list_view import Column
from tests.core.history.seed import seed_jobs
from tests.ui.gallery.test_gallery import add_job, scroll_through, settle, store

__all__ = ["store"]  # the shared fixture

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def _dock(qtbot: QtBot, store: HistoryStore, page_jobs: int) -> GalleryDock:
    d = GalleryDock(store, page_jobs=page_jobs)
    qtbot.addWidget(d)
    d.resize(600, 400)
    d.show()
    qtbot.waitExposed(d)
    settle(qtbot, d)
    return d


def _shown_rows(d: GalleryDock) -> list[int]:
    viewport = d.view.viewport().rect()
    first = d.view.indexAt(viewport.topLeft()).row()
    return [
        r
        for r in range(max(0, first), min(d.model.rowCount(), first + 60))
        if d.view.visualRect(d.model.index(r)).intersects(viewport)
    ]


def test_jobs_of_several_images_keep_their_rows_when_pages_go_and_come_back(
    qtbot: QtBot, store: HistoryStore
) -> None:
    ids = [add_job(store, f"pair {i}", images=1 + i % 2, seed=i) for i in range(24)]
    expected = [j for j in sorted(ids, reverse=True) for _ in range(1 + ids.index(j) % 2)]
    d = _dock(qtbot, store, page_jobs=3)
    try:
        assert d.model.rowCount() < len(expected)  # not read yet: one row a job
        seen = scroll_through(qtbot, d)
        assert [seen[r] for r in sorted(seen)] == expected
        assert d.model.rowCount() == len(expected)
        assert d.model.job_count_loaded() < len(ids)  # the top pages were let go
        seen_again = scroll_through(qtbot, d)  # read again, in the same rows
        assert seen_again == seen
    finally:
        d.shutdown()


def test_a_jump_to_the_middle_reads_that_page_and_the_rows_above_it(
    qtbot: QtBot, store: HistoryStore
) -> None:
    folder = store.images_dir / "seeded"
    folder.mkdir(parents=True)
    rows = []
    for i in range(400):
        path = folder / f"{i}.png"
        path.write_bytes(b"")  # never drawn here: the rows are what is checked
        rows.append({"prompt": f"seeded {i}", "images": [{"path": path, "width": 8}]})
    seed_jobs(store, rows)
    every = [j.id for j in store.list_jobs(limit=1000)]
    d = _dock(qtbot, store, page_jobs=10)
    try:
        assert d.model.rowCount() == 400
        bar = d.view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)  # the scroll bar dragged to the middle
        QApplication.processEvents()
        shown = _shown_rows(d)
        assert 150 < shown[0] < 250
        qtbot.waitUntil(lambda: all(d.model.loaded_item(r) for r in shown))
        assert [d.model.item(r).job.id for r in shown] == [every[r] for r in shown]
        assert d.model.job_count_loaded() < 100
        for _ in range(3):  # up a screen at a time: the rows just above are read
            bar.setValue(bar.value() - bar.pageStep())
            QApplication.processEvents()
            shown = _shown_rows(d)
            qtbot.waitUntil(lambda shown=shown: all(d.model.loaded_item(r) for r in shown))
            assert [d.model.item(r).job.id for r in shown] == [every[r] for r in shown]
        bar.setValue(bar.maximum())  # and to the very end
        QApplication.processEvents()
        shown = _shown_rows(d)
        qtbot.waitUntil(lambda: all(d.model.loaded_item(r) for r in shown))
        assert d.model.item(399).job.id == every[-1]
    finally:
        d.shutdown()


def test_a_search_shows_a_bounded_count_at_once_and_the_exact_one_after(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_sync, "COUNT_BOUND", 3)
    for i in range(5):
        add_job(store, f"counted otter {i}", seed=i)
    add_job(store, "a heron", seed=9)
    d = _dock(qtbot, store, page_jobs=10)
    try:
        shown: list[str] = []
        label = d.count_label
        monkeypatch.setattr(
            label, "setText", lambda text: (shown.append(text), QLabel.setText(label, text))
        )
        d._set_query(JobQuery(text="otter"))
        settle(qtbot, d)
        assert shown == ["3+ jobs", "5 jobs"]
        assert label.text() == "5 jobs"
        # a job that changes: the count past the bound is read again once changes settle
        d._recount.setInterval(50)
        add_job(store, "one more otter", seed=7)
        qtbot.waitUntil(lambda: label.text() == "6 jobs", timeout=10_000)
        assert "3+ jobs" not in shown[2:]  # the exact count is never taken back
        d._set_query(JobQuery(text="heron"))
        settle(qtbot, d)
        assert shown[-1] == "1 job"  # under the bound: counted at once
    finally:
        d.shutdown()


def test_the_lists_date_column_sorts_oldest_first_and_back(
    qtbot: QtBot, store: HistoryStore
) -> None:
    ids = [add_job(store, f"dated {i}", images=1 + i % 2, seed=i) for i in range(18)]
    expected = [j for j in ids for _ in range(1 + ids.index(j) % 2)]
    d = _dock(qtbot, store, page_jobs=3)
    try:
        d.view_options.list_button.click()
        header = d.table.horizontalHeader()
        date = header.sectionViewportPosition(Column.DATE) + 5
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(date, 5))
        settle(qtbot, d)
        assert d.oldest_first
        assert header.sortIndicatorSection() == Column.DATE
        d.view_options.list_button.click()  # the grid shows the same order
        seen = scroll_through(qtbot, d)
        assert [seen[r] for r in sorted(seen)] == expected
        newer = add_job(store, "the newest, last in this order", seed=50)
        qtbot.waitUntil(lambda: d.model.rowCount() == len(expected) + 1, timeout=10_000)
        seen = scroll_through(qtbot, d)
        assert seen[len(expected)] == newer
        d.view_options.list_button.click()
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(date, 5))
        settle(qtbot, d)
        assert not d.oldest_first
        qtbot.waitUntil(lambda: d.model.loaded_item(0) is not None, timeout=10_000)
        assert d.model.item(0).job.id == newer
    finally:
        d.shutdown()
