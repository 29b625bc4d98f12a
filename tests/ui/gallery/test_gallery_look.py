"""History tiles that say what they are: a badge for each thing a job is, a failed job
shows its prompt (or its input), a list with columns for searching, and a tile size
that is remembered."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from studio.core.errors import StudioError
from studio.core.history import HistoryStore
from studio.core.history.groups import GroupKind
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.result import ImageResult
from studio.ui.gallery import GalleryDock
from studio.ui.gallery.list_view import PROMPT_MIN, Column, picture_of
from studio.ui.gallery.tile_parts import badges_for, picture_path, words_without_picture
from studio.ui.i18n import set_language
from tests.core.history.history_helpers import generate_request, generated
from tests.core.imagebytes import gif
from tests.core.svgcorpus import FRIENDLY
from tests.ui.gallery.test_gallery import add_failed, add_job, dock, select_job, settle, store
from tests.ui.gallery.test_gallery_formats import _add
from tests.ui.gallery.test_gallery_stacks import make_group, make_thread

__all__ = ["dock", "store"]  # the shared fixtures

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def _badges(d: GalleryDock, job_id: int) -> list[tuple[str, str]]:
    item = d.model.item(d.model.rows_of_job(job_id).start)
    return [(b.kind, b.text) for b in badges_for(item)]


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


def test_each_badge_appears_for_the_right_job(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    plain = add_job(store, "a plain picture")
    starred = add_job(store, "a starred picture")
    store.set_favourite(starred, True)
    moving = _add(store, "a moving fox", gif(frames=3, duration=60, size=32), "gif")
    drawn = _add(store, "a drawn fox", FRIENDLY, "svg")
    failed = add_failed(store, "a refused picture")
    cancelled = store.start_job(
        provider_id="sandbox",
        provider_name="Sandbox",
        request=ImageRequest(Mode.GENERATE, "gpt-image-1", "a cancelled picture", {}),
    )
    store.fail_job(cancelled, StudioError.cancelled())
    _gid, compare = make_group(store, GroupKind.COMPARE, ["fox a", "fox b"])
    _bid, batch = make_group(store, GroupKind.BATCH, ["cat 1", "cat 2", "cat 3"])
    turns = make_thread(store, ["a boat", "at night"])
    dock.refresh()
    settle(qtbot, dock)
    assert _badges(dock, plain) == []
    assert _badges(dock, starred) == [("favourite", "★")]
    assert _badges(dock, moving) == [("format", "GIF")]
    assert _badges(dock, drawn) == [("format", "SVG")]
    assert [k for k, _t in _badges(dock, failed)] == ["status"]
    assert "Failed" in _badges(dock, failed)[0][1]
    assert "Cancelled" in _badges(dock, cancelled)[0][1]
    assert _badges(dock, compare[-1]) == [("compare", "Compare · 2")]
    assert _badges(dock, batch[-1]) == [("batch", "Batch · 3")]
    assert [k for k, _t in _badges(dock, turns[-1])] == ["thread"]
    for row in range(dock.model.rowCount()):  # every tile draws (badges, stacks, reasons)
        assert not _render(dock, row).isNull()


def test_a_failed_job_shows_its_prompt_and_a_failed_edit_its_input(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock, tmp_path: Path
) -> None:
    failed = add_failed(store, "a heron at dawn\nwith details")
    source = tmp_path / "input.png"
    Image.new("RGB", (40, 30), "orange").save(source)
    edit = store.start_job(
        provider_id="sandbox",
        provider_name="Sandbox",
        request=ImageRequest(
            Mode.EDIT,
            "gpt-image-1",
            "give it a hat",
            {},
            images=[InputImage("input.png", source.read_bytes())],
        ),
    )
    store.fail_job(edit, StudioError.cancelled())
    dock.refresh()
    settle(qtbot, dock)
    item = dock.model.item(dock.model.rows_of_job(failed).start)
    words = words_without_picture(item, False, with_reason=True)
    assert words.startswith("a heron at dawn")
    assert "safety system" in words  # and why it made nothing
    assert picture_path(item) is None  # no input: the prompt is the picture
    edited = dock.model.item(dock.model.rows_of_job(edit).start)
    shown = picture_path(edited)
    assert shown is not None and Path(shown).is_file()  # its input, not a grey box
    qtbot.waitUntil(lambda: dock.model.thumbs.pixmap(shown) is not None, timeout=10_000)
    tile = _render(dock, dock.model.rows_of_job(edit).start)
    middle = tile.pixelColor(tile.width() // 2, tile.height() // 2)
    assert middle.red() > middle.blue()  # the orange input shows (darkened under words)


def test_the_list_view_shows_the_columns(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    job = add_job(store, "a listed otter\nsecond line")
    failed = add_failed(store, "a refused otter")
    dock.refresh()
    settle(qtbot, dock)
    qtbot.mouseClick(dock.view_options.list_button, Qt.MouseButton.LeftButton)
    assert dock.pages.currentWidget() is dock.table
    columns = dock.table.columns
    headers = [columns.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Picture", "Prompt", "Model", "Size", "Cost", "Date", "Status"]
    row = dock.model.rows_of_job(job).start

    def cell(r: int, c: Column) -> object:
        return columns.data(columns.index(r, c), Qt.ItemDataRole.DisplayRole)

    assert cell(row, Column.PROMPT) == "a listed otter"
    assert cell(row, Column.MODEL) == "gpt-image-1"
    assert cell(row, Column.SIZE) == "32×24"
    assert str(cell(row, Column.DATE)).startswith("20")
    # the status is a word of its own, as the Status filter names it, in either language
    assert cell(row, Column.STATUS) == "Succeeded"
    assert cell(dock.model.rows_of_job(failed).start, Column.STATUS) == "Failed"
    try:
        assert set_language("zh_CN")
        assert cell(row, Column.STATUS) == "成功"
        assert cell(dock.model.rows_of_job(failed).start, Column.STATUS) == "失败"
    finally:
        set_language("en")
    qtbot.waitUntil(lambda: picture_of(dock.table, row) is not None, timeout=10_000)
    # a row picked in the list is the gallery's pick: the actions work on it
    dock.table.selectRow(row)
    assert dock.current_item() is not None and dock.current_item().job.id == job
    with qtbot.waitSignal(dock.open_image):
        dock.actions_.open.trigger()
    qtbot.mouseClick(dock.view_options.list_button, Qt.MouseButton.LeftButton)
    assert dock.pages.currentWidget() is dock.view


def test_the_list_shows_a_simulated_cost_whole_in_either_language(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    from studio.core.costs import Cost

    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox (offline)", request=generate_request("x")
    )
    store.finish_job(
        job,
        ImageResult(images=[generated()]),
        cost=Cost(0.0695, "USD", "OpenAI pricing page", official=True),
    )
    dock.refresh()
    settle(qtbot, dock)
    qtbot.mouseClick(dock.view_options.list_button, Qt.MouseButton.LeftButton)
    table, columns = dock.table, dock.table.columns
    row = dock.model.rows_of_job(job).start
    try:
        for language in ("en", "zh_CN"):
            assert set_language(language)
            for column in (Column.COST, Column.DATE, Column.STATUS, Column.MODEL):
                text = str(columns.data(columns.index(row, column), Qt.ItemDataRole.DisplayRole))
                needed = table.fontMetrics().horizontalAdvance(text)
                room = table.columnWidth(column) - 8  # the cell's own margins
                assert needed <= room, (language, column.name, text, needed, room)
            # at 1366×768 beside the Jobs dock the list is about this narrow: the prompt,
            # what a search reads, keeps its room and the list still fits (the window's
            # own layout: tests/ui/gallery/test_gallery_list_fit.py)
            dock.resize(760, 300)
            qtbot.waitUntil(lambda: table.columnWidth(Column.PROMPT) >= PROMPT_MIN)
            assert sum(table.columnWidth(c) for c in Column) <= table.viewport().width()
            dock.resize(1400, 600)
            qtbot.waitUntil(lambda: table.columnWidth(Column.PROMPT) > 300)
            total = sum(table.columnWidth(c) for c in Column)
            assert total <= table.viewport().width() + 1  # wide enough: no sideways scrolling
            cost = str(columns.data(columns.index(row, Column.COST), Qt.ItemDataRole.DisplayRole))
            assert "0.07" in cost and ("simulated" in cost or "模拟" in cost), cost
    finally:
        set_language("en")


def test_the_tile_size_and_the_list_view_are_remembered(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    add_job(store, "a remembered fox")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)

    def make() -> GalleryDock:
        d = GalleryDock(store)
        qtbot.addWidget(d)
        d.resize(1000, 800)
        d.use_settings(settings)
        d.show()
        qtbot.waitExposed(d)
        settle(qtbot, d)
        return d

    first = make()
    try:
        first.view_options.size_actions["large"].trigger()
        assert first.tile_size() == 240
        first.view_options.list_button.click()
    finally:
        first.shutdown()
    settings.sync()
    again = make()
    try:
        assert again.tile_size() == 240
        assert again.view_options.size_actions["large"].isChecked()
        assert again.pages.currentWidget() is again.table
        again.view_options.size_actions["small"].trigger()
        assert again.tile_size() == 112
    finally:
        again.shutdown()
    assert int(str(settings.value("gallery/tile_box"))) == 112
    QApplication.processEvents()


def test_the_new_words_change_with_the_language(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    turns = make_thread(store, ["a kite", "in the rain"])
    dock.refresh()
    settle(qtbot, dock)
    select_job(qtbot, dock, turns[-1])
    columns = dock.table.columns
    try:
        assert set_language("zh_CN")
        assert columns.headerData(Column.PROMPT, Qt.Orientation.Horizontal) == "提示词"
        assert dock.view_options.size_actions["large"].text() == "大图块"
        assert dock.actions_.open_stack.text() == "打开对话"
        assert badges_for(dock.model.item(0))[0].text == "对话 · 2 轮"
    finally:
        set_language("en")
    assert dock.actions_.open_stack.text() == "Open Conversation"


def _words_area(d: GalleryDock) -> QRect:
    """Where a tile without a picture writes its words (as the delegate lays it out)."""
    from studio.ui.gallery.delegate import HEADER

    size, box = d.delegate.tile(), d.delegate.box
    left = (size.width() - box) // 2
    picture = QRect(left, HEADER + 4, box, min(box, size.height() - HEADER - 8))
    return picture.adjusted(8, 22, -8, -22)


def _inked(tile: QImage, rows: range, columns: range, paper: int) -> int:
    """How many pixels in the band differ clearly from the box's own colour."""
    return sum(
        1 for y in rows for x in columns if abs(tile.pixelColor(x, y).lightness() - paper) > 90
    )


def test_a_failed_tiles_words_stay_readable_selected_and_inside_their_box(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    long = "a dragon eating a knight in a burning castle under a red moon, " * 3
    failed = add_failed(store, long)
    dock.refresh()
    settle(qtbot, dock)
    row = dock.model.rows_of_job(failed).start
    area = _words_area(dock)
    paper = dock.view.palette().alternateBase().color().lightness()
    columns = range(area.left(), area.right() + 1)

    # selected: the words are still drawn in a colour that shows on the box
    option = QStyleOptionViewItem()
    dock.view.initViewItemOption(option)  # type: ignore[attr-defined]
    option.state |= QStyle.StateFlag.State_Selected
    size = dock.delegate.tile()
    option.rect = QRect(0, 0, size.width(), size.height())
    selected = QImage(size, QImage.Format.Format_ARGB32)
    selected.fill(0)
    painter = QPainter(selected)
    dock.delegate.paint(painter, option, dock.model.index(row))
    painter.end()
    assert _inked(selected, range(area.top(), area.bottom() + 1), columns, paper) > 20

    # too long for a small tile: whole lines from the first; none cut through at the top
    # (under the status badge) or at the bottom (over the time)
    dock.set_tile_size(80)
    area = _words_area(dock)
    columns = range(area.left(), area.right() + 1)
    tile = _render(dock, row)
    assert _inked(tile, range(area.top(), area.bottom() + 1), columns, paper) > 100
    assert _inked(tile, range(area.top(), area.top() + 1), columns, paper) == 0
    assert _inked(tile, range(area.bottom(), area.bottom() + 1), columns, paper) == 0
