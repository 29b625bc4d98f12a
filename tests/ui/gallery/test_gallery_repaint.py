"""A job that changes in place repaints its tiles; drawn tiles are reused until they change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from studio.core.history import HistoryStore
from studio.ui.gallery import GalleryDock
from studio.ui.gallery.store_ops import JobState
from tests.ui.gallery.test_gallery import add_job, dock, settle, store

__all__ = ["dock", "store"]  # the shared fixtures

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def _render(d: GalleryDock, row: int) -> QImage:
    """The tile as the view draws it, into an image of its own."""
    option = QStyleOptionViewItem()
    d.view.initViewItemOption(option)  # type: ignore[attr-defined]
    size = d.delegate.tile()
    option.rect = QRect(0, 0, size.width(), size.height())
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    d.delegate.paint(painter, option, d.model.index(row))
    painter.end()
    return image


def test_a_job_changed_in_place_is_repainted_not_reinserted(
    qtbot: QtBot, store: HistoryStore
) -> None:
    older = add_job(store, "an older otter")
    newer = add_job(store, "a newer otter")
    d = GalleryDock(store)
    qtbot.addWidget(d)
    settle(qtbot, d)
    try:
        moved: list[str] = []
        changed: list[tuple[int, int]] = []
        d.model.rowsInserted.connect(lambda *_: moved.append("inserted"))
        d.model.rowsRemoved.connect(lambda *_: moved.append("removed"))
        d.model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
        store.set_favourite(older, True)
        record = store.get_job(older)
        assert record is not None and record.favourite
        assert d.model.apply_job(JobState(older, record))
        assert moved == [] and changed == [(1, 1)]
        assert d.model.item(1).job.favourite and d.model.item(0).job.id == newer
        record = store.get_job(newer)
        assert record is not None
        gone = JobState(newer, None)  # no longer matches: its tile goes
        assert not d.model.apply_job(gone)
        assert moved == ["removed"] and d.model.item(0).job.id == older
    finally:
        d.shutdown()


def test_a_drawn_tile_is_reused_and_drawn_anew_when_its_job_changes(
    qtbot: QtBot, dock: GalleryDock, store: HistoryStore
) -> None:
    job = add_job(store, "a plain otter")
    dock.job_added(job)
    # the job with its image (changes coming quickly are read together, soon after)
    qtbot.waitUntil(
        lambda: dock.model.rowCount() == 1 and dock.model.item(0).path is not None,
        timeout=10_000,
    )
    # the tile is drawn (and kept) once its thumbnail is in; a quiet box until then
    path = dock.model.item(0).path
    assert path is not None
    qtbot.waitUntil(lambda: dock.model.thumbs.pixmap(path) is not None, timeout=10_000)
    first = _render(dock, 0)
    drawn = len(dock.delegate._tiles)  # the view's own paints may have drawn some too
    again = _render(dock, 0)
    assert len(dock.delegate._tiles) == drawn and again == first  # drawn once, shown twice
    store.set_favourite(job, True)
    record = store.get_job(job)
    assert record is not None
    dock.model.apply_job(JobState(job, record))
    starred = _render(dock, 0)
    assert starred != first  # the star shows: the old drawing was not reused
    dock.delegate.forget_tiles()
    assert _render(dock, 0) == starred and len(dock.delegate._tiles) == 1


def test_changes_in_quick_succession_are_read_together_and_a_lone_one_at_once(
    qtbot: QtBot, dock: GalleryDock, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A running batch announces a change every few milliseconds: one read (a query on
    a worker, a repaint) takes all that came within the spacing; a change after a quiet
    spell is read without waiting."""
    from studio.ui.gallery import store_ops, store_sync

    settle(qtbot, dock)
    reads: list[set[int]] = []
    real = store_ops.snapshot

    def counted(st: HistoryStore, ids: Iterable[int], *args: Any) -> store_ops.Snapshot:
        reads.append(set(ids))
        return real(st, ids, *args)

    monkeypatch.setattr(store_ops, "snapshot", counted)
    monkeypatch.setattr(store_sync, "CHANGES_SPACING_S", 0.5)  # room for a slow machine
    qtbot.wait(600)  # quiet for longer than the spacing
    read_at_once: list[str] = []
    read_changes = dock._read_changes
    monkeypatch.setattr(dock, "_read_changes", lambda: [read_at_once.append("x"), read_changes()])
    first = add_job(store, "a lone otter")
    assert read_at_once  # its read started while the change was announced: no wait
    jobs = []
    for i in range(6):  # members landing every 10 ms, the window free in between
        jobs.append(add_job(store, f"a batch otter {i}"))
        qtbot.wait(10)
    assert dock._changes_due.isActive()  # these wait for the spacing
    qtbot.waitUntil(lambda: dock.model.rowCount() == 7 and not dock.busy(), timeout=10_000)
    assert reads[0] >= {first}
    assert set().union(*reads) >= {first, *jobs}
    assert len(reads) <= 3, reads  # not a read per change (each job is written twice)
