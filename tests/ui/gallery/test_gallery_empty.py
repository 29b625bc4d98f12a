"""An empty history says how to find things later; an empty search says how to widen it."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from studio.core.history import HistoryStore
from studio.ui.gallery import GalleryDock
from tests.ui.gallery.test_gallery import add_job, dock, settle, store  # noqa: F401


def _drawn(d: GalleryDock) -> QImage:
    return d.view.viewport().grab().toImage()


def _shows_words(d: GalleryDock) -> bool:
    """The view with its words differs from the same view without them."""
    text = d.view.empty_text
    with_words = _drawn(d)
    d.view.set_empty_text("")
    without = _drawn(d)
    d.view.set_empty_text(text)
    return with_words != without


def test_an_empty_history_teaches_and_a_search_with_no_match_says_so(
    qtbot: QtBot,
    dock: GalleryDock,  # noqa: F811
    store: HistoryStore,  # noqa: F811
) -> None:
    d = dock
    assert d.count_label.text() == "0 jobs"
    assert "kept here" in d.view.empty_text and "favourites" in d.view.empty_text
    assert _shows_words(d)

    add_job(store, "an otter")
    d.check_for_changes()
    qtbot.waitUntil(lambda: d.count_label.text() == "1 job", timeout=10_000)
    assert d.view.empty_text == ""

    d.filters.search.setText("no such prompt anywhere")
    qtbot.waitUntil(lambda: d.count_label.text() == "0 jobs", timeout=10_000)
    settle(qtbot, d)
    assert "No job matches" in d.view.empty_text
    assert _shows_words(d)


def test_the_list_view_says_the_same_when_it_has_no_rows(
    qtbot: QtBot,
    dock: GalleryDock,  # noqa: F811
    store: HistoryStore,  # noqa: F811
) -> None:
    from PySide6.QtCore import Qt

    d = dock
    d.show()
    qtbot.waitExposed(d)
    add_job(store, "an otter")
    d.check_for_changes()
    qtbot.waitUntil(lambda: d.count_label.text() == "1 job", timeout=10_000)
    qtbot.mouseClick(d.view_options.list_button, Qt.MouseButton.LeftButton)
    table = d.table
    assert table.isVisible()
    d.filters.search.setText("no such prompt anywhere")
    qtbot.waitUntil(lambda: d.count_label.text() == "0 jobs", timeout=10_000)
    settle(qtbot, d)
    assert "No job matches" in table.empty_text
    with_words = table.viewport().grab().toImage()
    table.set_empty_text("")
    assert table.viewport().grab().toImage() != with_words  # the words are drawn
