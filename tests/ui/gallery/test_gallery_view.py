"""The gallery's tile view lays out by arithmetic: a row arriving asks the model about
the rows on screen only, and clicks, keys and rubber bands pick the tiles a person sees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from studio.core.history import HistoryStore
from studio.ui.gallery import GalleryDock
from studio.ui.gallery import delegate as delegate_module
from studio.ui.gallery.grid_view import GalleryView
from tests.ui.gallery.test_gallery import add_job, dock, store

__all__ = ["dock", "store"]  # the shared fixtures

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

_Index = QModelIndex | QPersistentModelIndex
TILE = QSize(100, 120)


class CountingRows(QAbstractListModel):
    """``n`` rows that count how often the view asks about them."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n
        self.row_counts = 0
        self.asked: set[int] = set()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        self.row_counts += 1
        return 0 if parent.isValid() else self.n

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        self.asked.add(index.row())
        return str(index.row()) if role == Qt.ItemDataRole.DisplayRole else None

    def add_on_top(self, count: int = 1) -> None:
        self.beginInsertRows(QModelIndex(), 0, count - 1)
        self.n += count
        self.endInsertRows()

    def remove_top(self) -> None:
        self.beginRemoveRows(QModelIndex(), 0, 0)
        self.n -= 1
        self.endRemoveRows()

    def reset(self) -> None:
        self.asked.clear()
        self.row_counts = 0


def _view(qtbot: QtBot, rows: int) -> tuple[GalleryView, CountingRows]:
    view = GalleryView()
    qtbot.addWidget(view)
    view.setGridSize(TILE)
    model = CountingRows(rows)
    view.setModel(model)
    view.setSelectionMode(GalleryView.SelectionMode.ExtendedSelection)
    # 5 tiles across, 4 lines high
    view.viewport().setFixedSize(5 * TILE.width() + 20, 4 * TILE.height())
    view.resize(5 * TILE.width() + 20 + view.verticalScrollBar().sizeHint().width(), 500)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.columns() == 5)
    return view, model


def test_a_row_arriving_asks_only_about_the_rows_on_screen(qtbot: QtBot) -> None:
    view, model = _view(qtbot, 200_000)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    view.viewport().repaint()
    model.reset()
    for _ in range(10):  # ten jobs arrive at the top, each painted
        model.add_on_top()
        view.viewport().repaint()
    shown = len(view.visible_rows())
    assert 0 < shown <= 25
    # each arrival: the scroll range, one paint of what shows; not 200,000 rows each
    assert model.row_counts < 10 * (shown + 20) * 3
    assert len(model.asked) < 10 * (shown + 5)
    assert view.verticalScrollBar().maximum() == -(-200_010 // 5) * TILE.height() - (
        view.viewport().height()
    )


def test_tiles_are_where_their_row_says(qtbot: QtBot) -> None:
    view, model = _view(qtbot, 23)
    index = model.index(7)  # line 1, column 2
    assert view.visualRect(index).topLeft() == QPoint(2 * TILE.width(), TILE.height())
    assert view.indexAt(view.visualRect(index).center()) == index
    assert not view.indexAt(QPoint(5 * TILE.width() + 5, 5)).isValid()  # beside the grid
    assert not view.indexAt(QPoint(3 * TILE.width() + 5, 4 * TILE.height() + 5)).isValid()
    view.scrollTo(model.index(22))
    assert view.viewport().rect().contains(view.visualRect(model.index(22)))
    last = view.visualRect(model.index(22)).center()
    model.remove_top()  # every tile moves up one place: the last place is empty
    assert not view.indexAt(last).isValid()
    assert view.indexAt(last - QPoint(TILE.width(), 0)) == model.index(21)


def test_keys_move_across_and_down_the_lines(qtbot: QtBot) -> None:
    view, model = _view(qtbot, 23)
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().row() == 1
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 6
    QTest.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == 22
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 17
    QTest.keyClick(view, Qt.Key.Key_Down)  # on the last line's row above: to the last row
    assert view.currentIndex().row() == 22
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0
    # Shift+keys select every row between, as in a list (not a block of the grid)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    rows = sorted(i.row() for i in view.selectionModel().selectedIndexes())
    assert rows == list(range(0, 7))


def test_clicks_and_a_rubber_band_select_the_tiles_under_them(qtbot: QtBot) -> None:
    view, model = _view(qtbot, 23)
    vp = view.viewport()
    left = Qt.MouseButton.LeftButton
    qtbot.mouseClick(vp, left, pos=view.visualRect(model.index(3)).center())
    assert [i.row() for i in view.selectionModel().selectedIndexes()] == [3]
    qtbot.mouseClick(
        vp, left, Qt.KeyboardModifier.ShiftModifier, view.visualRect(model.index(11)).center()
    )
    assert sorted(i.row() for i in view.selectionModel().selectedIndexes()) == list(range(3, 12))
    qtbot.mouseClick(
        vp, left, Qt.KeyboardModifier.ControlModifier, view.visualRect(model.index(20)).center()
    )
    assert 20 in {i.row() for i in view.selectionModel().selectedIndexes()}
    # a rubber band from the tile in column 1 of line 0 to column 2 of line 2: the block
    view.clearSelection()
    view.setState(GalleryView.State.DragSelectingState)
    band = view.visualRect(model.index(1)).center()
    end = view.visualRect(model.index(12)).center()
    view.setSelection(QRect(band, end), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setState(GalleryView.State.NoState)
    rows = sorted(i.row() for i in view.selectionModel().selectedIndexes())
    assert rows == [1, 2, 6, 7, 11, 12]


def test_the_view_shows_kept_tiles_as_drawn_and_draws_each_once(
    qtbot: QtBot, dock: GalleryDock, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delegate_module, "DRAW_BUDGET_S", 60.0)  # all in one paint here
    jobs = [add_job(store, f"otter {i}") for i in range(3)]
    dock.refresh()
    qtbot.waitUntil(lambda: dock.model.rowCount() == 3, timeout=10_000)
    paths = [dock.model.item(r).path for r in range(3)]
    qtbot.waitUntil(
        lambda: all(p and dock.model.thumbs.pixmap(p) is not None for p in paths), timeout=10_000
    )
    dock.view.selectionModel().select(
        dock.model.index(1), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    drawn = _count_draws(dock)
    dock.delegate.forget_tiles()
    first = dock.view.viewport().grab().toImage()
    assert len(drawn) == 3  # each tile drawn once ...
    again = dock.view.viewport().grab().toImage()
    assert len(drawn) == 3 and again == first  # ... and shown from the kept drawing after
    for row in range(3):  # as the delegate draws it on its own, selection included
        rect = dock.view.visualRect(dock.model.index(row))
        option = QStyleOptionViewItem()
        dock.view.initViewItemOption(option)
        option.rect = QRect(QPoint(0, 0), rect.size())
        if row == 1:
            option.state |= QStyle.StateFlag.State_Selected
        alone = QImage(rect.size(), first.format())
        painter = QPainter(alone)
        dock.delegate.paint(painter, option, dock.model.index(row))
        painter.end()
        assert first.copy(rect) == alone, row
    assert sorted(dock.model.item(r).job.id for r in range(3)) == sorted(jobs)


def test_a_screen_of_new_tiles_is_drawn_over_several_frames(
    qtbot: QtBot, dock: GalleryDock, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paint draws new tiles only for a while (here: one), shows quiet boxes for the
    rest and paints again on the next turn of the loop until every tile is drawn."""
    for i in range(4):
        add_job(store, f"otter {i}")
    dock.refresh()
    qtbot.waitUntil(lambda: dock.model.rowCount() == 4, timeout=10_000)
    paths = [dock.model.item(r).path for r in range(4)]
    qtbot.waitUntil(
        lambda: all(p and dock.model.thumbs.pixmap(p) is not None for p in paths), timeout=10_000
    )
    monkeypatch.setattr(delegate_module, "DRAW_BUDGET_S", 0.0)
    drawn = _count_draws(dock)
    dock.delegate.forget_tiles()
    dock.view.viewport().repaint()
    assert len(drawn) == 1  # one tile this frame, quiet boxes for the others
    qtbot.waitUntil(lambda: len(drawn) == 4, timeout=10_000)  # the next frames draw the rest
    dock.view.viewport().repaint()
    assert len(drawn) == 4


def _count_draws(dock: Any) -> list[int]:
    """Wrap the delegate's tile drawing; the list grows by one per tile drawn."""
    drawn: list[int] = []
    real_draw = dock.delegate._draw

    def counting(*args: object) -> None:
        drawn.append(1)
        real_draw(*args)

    dock.delegate._draw = counting
    return drawn
