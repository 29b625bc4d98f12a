"""The history gallery, driven as a person would: typing, clicking, right-clicking, keys."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from studio.core.errors import ErrorKind, StudioError
from studio.core.history import HistoryStore
from studio.core.history.export import MANIFEST
from studio.core.metadata_read import read_metadata_file
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from studio.ui.gallery import GalleryDock
from studio.ui.gallery.model import Role
from studio.ui.i18n import set_language
from tests.core.history.history_helpers import edit_request, generate_request, generated


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths())
    yield s
    s.close()


def add_job(
    store: HistoryStore, prompt: str, *, images: int = 1, provider: str = "sandbox", seed: int = 0
) -> int:
    job = store.start_job(
        provider_id=provider, provider_name=provider.title(), request=generate_request(prompt)
    )
    result = ImageResult(images=[generated((seed % 256, i * 40, 90)) for i in range(images)])
    store.finish_job(job, result)
    return job


def add_failed(store: HistoryStore, prompt: str) -> int:
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request(prompt)
    )
    store.fail_job(
        job,
        StudioError(
            ErrorKind.PROVIDER,
            "Your request was rejected by the safety system.",
            status=400,
            code="moderation_blocked",
        ),
    )
    return job


@pytest.fixture
def dock(qtbot: QtBot, store: HistoryStore) -> Iterator[GalleryDock]:
    d = GalleryDock(store)
    qtbot.addWidget(d)
    d.resize(900, 700)
    d.show()
    qtbot.waitExposed(d)
    settle(qtbot, d)
    yield d
    d.shutdown()


def settle(qtbot: QtBot, d: GalleryDock) -> None:
    """Wait until the store reads and writes the gallery queued (on a worker) are applied."""
    qtbot.waitUntil(lambda: not d.busy(), timeout=10_000)


def value(d: GalleryDock, row: int, role: int) -> Any:
    """The model's data, asked in Python (``QModelIndex.data`` leaks None refs in PySide6 6.12)."""
    return d.model.data(d.model.index(row), role)


def rows(d: GalleryDock) -> list[tuple[int, str | None]]:
    m = d.model
    return [(value(d, r, Role.JOB_ID), value(d, r, Role.IMAGE_PATH)) for r in range(m.rowCount())]


def type_with_ime(widget: QWidget, text: str) -> None:
    """Commit ``text`` the way a Chinese input method does (QTest can only type ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def select_job(qtbot: QtBot, d: GalleryDock, job_id: int, image: int = 0) -> None:
    """Click the job's tile, as a person would."""
    row = d.model.rows_of_job(job_id)[image]
    idx = d.model.index(row)
    d.view.scrollTo(idx)
    rect = d.view.visualRect(idx)
    qtbot.mouseClick(d.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert d.view.currentIndex().row() == row
    focus_gallery(qtbot, d)


def focus_gallery(qtbot: QtBot, d: GalleryDock) -> None:
    """Give the gallery the keyboard (after a dialog closed, as a person clicks back into it)."""
    d.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d.window())
    d.view.setFocus()


def test_shows_one_tile_per_image_newest_job_first(qtbot: QtBot, store: HistoryStore) -> None:
    old = add_job(store, "an old otter", images=2)
    failed = add_failed(store, "a forbidden otter")
    new = add_job(store, "a new otter")
    d = GalleryDock(store)
    qtbot.addWidget(d)
    settle(qtbot, d)  # before showing: nothing paints, so no thumbnail is asked for yet
    d.show()
    try:
        got = rows(d)
        assert [job for job, _ in got] == [new, failed, old, old]
        assert got[1][1] is None  # the failed job has a tile without image
        tip = value(d, 1, Qt.ItemDataRole.ToolTipRole)
        assert "a forbidden otter" in tip and "rejected by the safety system" in tip
        assert d.count_label.text() == "3 jobs"
        assert value(d, 0, Role.FIRST_OF_JOB) and not value(d, 3, Role.FIRST_OF_JOB)
        assert value(d, 0, Role.THUMBNAIL) is None  # asks for it; made off the UI thread
        qtbot.waitUntil(lambda: value(d, 0, Role.THUMBNAIL) is not None)
        pix = value(d, 0, Role.THUMBNAIL)
        assert pix.width() == 32 and pix.height() == 24  # small images are not enlarged
        assert any(store.paths.thumbnails_dir.rglob("*.jpg"))  # cached on disk
    finally:
        d.shutdown()


def test_typing_a_search_filters_the_gallery(qtbot: QtBot, store: HistoryStore) -> None:
    otter = add_job(store, "一只戴帽子的小海獭")
    add_job(store, "a red fox in snow")
    d = GalleryDock(store)
    qtbot.addWidget(d)
    try:
        settle(qtbot, d)
        assert len(rows(d)) == 2
        type_with_ime(d.filters.search, "小海獭")
        qtbot.waitUntil(lambda: [j for j, _ in rows(d)] == [otter])
        settle(qtbot, d)
        assert d.count_label.text() == "1 job"
        d.filters.search.clear()
        qtbot.keyClicks(d.filters.search, "fox")
        qtbot.keyClick(d.filters.search, Qt.Key.Key_Return)  # Enter searches at once
        settle(qtbot, d)
        assert [d.model.item(r).job.prompt for r in range(d.model.rowCount())] == [
            "a red fox in snow"
        ]
    finally:
        d.shutdown()


def test_filters_by_provider_status_and_favourites(qtbot: QtBot, store: HistoryStore) -> None:
    a = add_job(store, "from dmx", provider="dmxapi")
    b = add_job(store, "from sandbox")
    failed = add_failed(store, "went wrong")
    store.set_favourite(b, True)
    d = GalleryDock(store)
    qtbot.addWidget(d)
    try:
        settle(qtbot, d)
        combo = d.filters.provider
        # built-in providers by their names, in the current language
        assert [combo.itemText(i) for i in range(combo.count())][1:] == [
            "DMXAPI",
            "Sandbox (offline)",
        ]
        try:
            assert set_language("zh_CN")
            assert combo.itemText(combo.findData("sandbox")) == "沙盒（离线）"
        finally:
            set_language("en")
        assert combo.itemText(combo.findData("sandbox")) == "Sandbox (offline)"
        combo.setCurrentIndex(combo.findData("dmxapi"))
        settle(qtbot, d)
        assert [j for j, _ in rows(d)] == [a]
        combo.setCurrentIndex(0)
        d.filters.status.setCurrentIndex(d.filters.status.findData("failed"))
        settle(qtbot, d)
        assert [j for j, _ in rows(d)] == [failed]
        d.filters.status.setCurrentIndex(0)
        qtbot.mouseClick(d.filters.favourites, Qt.MouseButton.LeftButton)
        settle(qtbot, d)
        assert [j for j, _ in rows(d)] == [b]
        d.filters.period.setCurrentIndex(d.filters.period.findData("today"))
        settle(qtbot, d)
        assert [j for j, _ in rows(d)] == [b]
    finally:
        d.shutdown()


def scroll_through(qtbot: QtBot, d: GalleryDock) -> dict[int, int]:
    """Scroll from the top to the bottom a screen at a time, as a person would: the job
    id of every row seen on the way (each screen's tiles read before the next step)."""
    seen: dict[int, int] = {}
    bar = d.view.verticalScrollBar()
    bar.setValue(0)
    while True:
        QApplication.processEvents()
        viewport = d.view.viewport().rect()
        shown = [
            row
            for row in range(d.model.rowCount())
            if d.view.visualRect(d.model.index(row)).intersects(viewport)
        ]
        assert shown
        qtbot.waitUntil(lambda shown=shown: all(d.model.loaded_item(r) for r in shown))
        for row in shown:
            item = d.model.loaded_item(row)
            assert item is not None
            seen[row] = item.job.id
        if bar.value() >= bar.maximum():
            return seen
        bar.setValue(bar.value() + bar.pageStep())


def test_pages_load_as_the_view_scrolls(qtbot: QtBot, store: HistoryStore) -> None:
    ids = [add_job(store, f"job number {i}", seed=i) for i in range(45)]
    d = GalleryDock(store, page_jobs=5)
    qtbot.addWidget(d)
    d.resize(600, 400)
    d.show()
    try:
        qtbot.waitExposed(d)
        settle(qtbot, d)
        # every job has its row (counted), but only the pages around the view are read
        assert d.model.rowCount() == 45
        assert d.model.job_count_loaded() < 45
        seen = scroll_through(qtbot, d)
        assert [seen[r] for r in sorted(seen)] == sorted(ids, reverse=True)
        assert sorted(seen) == list(range(45))
        # pages far above were let go, and come back when the view returns to them
        assert d.model.loaded_item(0) is None
        assert d.model.job_count_loaded() < 45
        d.view.verticalScrollBar().setValue(0)
        qtbot.waitUntil(lambda: d.model.loaded_item(0) is not None, timeout=10_000)
        assert d.model.item(0).job.id == ids[-1]
    finally:
        d.shutdown()


def test_job_added_inserts_at_the_top_without_a_reload(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    first = add_job(store, "first")
    dock.refresh()
    settle(qtbot, dock)
    resets: list[int] = []
    dock.model.modelReset.connect(lambda: resets.append(1))
    running = store.start_job(
        provider_id="newprov", provider_name="New", request=generate_request("still going")
    )
    dock.job_added(running)
    settle(qtbot, dock)
    assert rows(dock) == [(running, None), (first, rows(dock)[1][1])]
    assert dock.filters.provider.findData("newprov") > 0
    store.finish_job(running, ImageResult(images=[generated((1, 1, 1)), generated((2, 2, 2))]))
    dock.job_added(running)  # the same job, now finished: its tiles replace the placeholder
    settle(qtbot, dock)
    assert [j for j, _ in rows(dock)] == [running, running, first]
    assert resets == []
    assert dock.count_label.text() == "2 jobs"


def _run_menu(qtbot: QtBot, dock: GalleryDock, job_id: int, action_text: str) -> None:
    """Right-click the job's tile and pick ``action_text`` from the menu with the keyboard."""
    row = dock.model.rows_of_job(job_id)[0]
    rect = dock.view.visualRect(dock.model.index(row))
    seen: list[list[str]] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.append([a.text() for a in menu.actions() if a.isVisible()])
        for action in menu.actions():
            if action.text() == action_text and action.isEnabled():
                menu.setActiveAction(action)
                qtbot.keyClick(menu, Qt.Key.Key_Return)
                return
        menu.close()

    QTimer.singleShot(0, pick)
    dock.view.customContextMenuRequested.emit(rect.center())
    assert seen, "no context menu appeared"


def test_context_menu_actions_emit_for_the_main_window(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    job = add_job(store, "menu otter")
    failed = add_failed(store, "menu failure")
    dock.refresh()
    settle(qtbot, dock)
    path = dock.model.item(dock.model.rows_of_job(job)[0]).path
    with qtbot.waitSignal(dock.reuse_job) as reuse:
        _run_menu(qtbot, dock, job, "Reuse Settings")
    assert reuse.args == [job]
    with qtbot.waitSignal(dock.use_as_input) as used:
        _run_menu(qtbot, dock, job, "Use as Edit Input")
    assert used.args == [path]
    with qtbot.waitSignal(dock.make_variations) as var:
        _run_menu(qtbot, dock, job, "Make Variations")
    assert var.args == [path]
    with qtbot.waitSignal(dock.open_image) as opened:
        _run_menu(qtbot, dock, job, "Open in Viewer")
    assert opened.args == [path]
    with qtbot.waitSignal(dock.retry_job) as retry:
        _run_menu(qtbot, dock, failed, "Retry")
    assert retry.args == [failed]
    _run_menu(qtbot, dock, job, "Favourite")
    settle(qtbot, dock)
    fav = store.get_job(job)
    assert fav is not None and fav.favourite


def test_keyboard_shortcuts(qtbot: QtBot, store: HistoryStore, dock: GalleryDock) -> None:
    job = add_job(store, "keyboard otter")
    failed = add_failed(store, "keyboard failure")
    dock.refresh()
    settle(qtbot, dock)
    path = dock.model.item(dock.model.rows_of_job(job)[0]).path
    select_job(qtbot, dock, job)
    opened: list[str] = []
    dock.open_image.connect(opened.append)
    qtbot.keyClick(dock.view, Qt.Key.Key_Return)
    assert opened == [path]  # once, not also through the view's own activation
    rect = dock.view.visualRect(dock.view.currentIndex())
    qtbot.mouseDClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [path, path]
    with qtbot.waitSignal(dock.reuse_job) as reuse:
        qtbot.keyClick(dock.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert reuse.args == [job]
    with qtbot.waitSignal(dock.use_as_input):
        qtbot.keyClick(dock.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(dock.make_variations):
        qtbot.keyClick(
            dock.view,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    qtbot.keyClick(dock.view, Qt.Key.Key_F)
    settle(qtbot, dock)
    record = store.get_job(job)
    assert record is not None and record.favourite
    assert value(dock, dock.view.currentIndex().row(), Role.JOB_ID) == job  # selection kept
    qtbot.keyClick(dock.view, Qt.Key.Key_F)
    settle(qtbot, dock)
    record = store.get_job(job)
    assert record is not None and not record.favourite

    qtbot.keyClick(
        dock.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert QGuiApplication.clipboard().text() == "keyboard otter"
    qtbot.keyClick(dock.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().image()
    assert (copied.width(), copied.height()) == (32, 24)

    # a succeeded job has nothing to retry; a failed one has
    with qtbot.assertNotEmitted(dock.retry_job):
        qtbot.keyClick(
            dock.view,
            Qt.Key.Key_R,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    select_job(qtbot, dock, failed)
    with qtbot.waitSignal(dock.retry_job) as retry:
        qtbot.keyClick(
            dock.view,
            Qt.Key.Key_R,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert retry.args == [failed]
    with qtbot.assertNotEmitted(dock.open_image):  # no image to open
        qtbot.keyClick(dock.view, Qt.Key.Key_Return)

    qtbot.keyClick(dock.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert dock.filters.search.hasFocus()


def _answer_next_dialog(qtbot: QtBot, button: QMessageBox.StandardButton) -> list[str]:
    texts: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return texts


def test_delete_asks_then_removes_and_undo_restores(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    keep = add_job(store, "keep me")
    doomed = add_job(store, "delete me", images=2)
    dock.refresh()
    settle(qtbot, dock)
    record = store.get_job(doomed)
    assert record is not None and record.folder is not None
    folder = record.folder

    select_job(qtbot, dock, doomed)
    texts = _answer_next_dialog(qtbot, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    assert texts and "1 job" in texts[0]
    assert store.get_job(doomed) is not None  # cancelled: nothing happened

    select_job(qtbot, dock, doomed)
    _answer_next_dialog(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    settle(qtbot, dock)
    assert store.get_job(doomed) is None and not folder.exists()
    assert [j for j, _ in rows(dock)] == [keep]
    assert dock.undo_bar.isVisible()
    assert dock.count_label.text() == "1 job"

    qtbot.mouseClick(dock.undo_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dock)
    assert [j for j, _ in rows(dock)] == [doomed, doomed, keep]
    assert folder.is_dir() and store.get_job(doomed) is not None
    assert not dock.undo_bar.isVisible()

    select_job(qtbot, dock, keep)
    _answer_next_dialog(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    settle(qtbot, dock)
    assert store.get_job(keep) is None
    focus_gallery(qtbot, dock)
    qtbot.keyClick(dock.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, dock)
    assert [j for j, _ in rows(dock)] == [doomed, doomed, keep]


def test_save_as_writes_parameters_by_default_and_the_original_on_request(
    qtbot: QtBot,
    store: HistoryStore,
    dock: GalleryDock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job = add_job(store, "save me")
    dock.refresh()
    settle(qtbot, dock)
    target = tmp_path / "saved"
    asked: list[tuple[str, str]] = []
    choice = {"filter": ""}

    def answer(_parent: object, _title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append((start, filters))
        return str(target), choice["filter"] or filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    select_job(qtbot, dock, job)
    qtbot.keyClick(dock.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dock.notice.text() == "Saved saved.png")  # written off the UI thread
    record = store.get_job(job)
    assert record is not None
    start, filters = asked[0]
    # the dialog starts in Pictures/Image Studio under a name made by the pattern
    assert Path(start).parent.name == "Image Studio"
    assert Path(start).name.endswith(f"_{job}_save-me.png")
    assert filters.split(";;")[0] == "With parameters (*.png)"
    found = read_metadata_file(tmp_path / "saved.png").settings
    assert found is not None and found.prompt == "save me" and found.model == record.model

    choice["filter"] = "As original, content credentials kept (*.png)"
    target = tmp_path / "original.png"
    qtbot.keyClick(dock.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dock.notice.text() == "Saved original.png")
    assert target.read_bytes() == record.images[0].path.read_bytes()
    # the next dialog starts where the last save went
    assert Path(asked[1][0]).parent == tmp_path


def test_export_selection_writes_images_and_parameters(
    qtbot: QtBot,
    store: HistoryStore,
    dock: GalleryDock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = add_job(store, "export one", images=2)
    b = add_job(store, "导出二")
    add_job(store, "not exported")
    dock.refresh()
    settle(qtbot, dock)
    out = tmp_path / "export"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    select_job(qtbot, dock, b)
    row = dock.model.rows_of_job(a)[1]  # only the second image of job a
    rect = dock.view.visualRect(dock.model.index(row))
    qtbot.mouseClick(
        dock.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    with qtbot.waitSignal(dock.exported, timeout=10_000) as done:
        qtbot.keyClick(
            dock.view,
            Qt.Key.Key_E,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert done.args == [str(out)]
    assert dock.notice.text() == f"Exported 3 files to {out}"
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    by_id = {entry["job_id"]: entry for entry in manifest["jobs"]}
    assert set(by_id) == {a, b}
    (name,) = by_id[a]["images"]
    assert name.endswith(f"_{a}_export-one-02.png")  # named by the pattern
    assert by_id[b]["prompt"] == "导出二" and by_id[b]["model"] == "gpt-image-1"
    assert by_id[b]["images"][0].endswith(f"_{b}_导出二.png")
    found = read_metadata_file(out / name).settings  # with parameters, by default
    assert found is not None and found.prompt == "export one"
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, name, by_id[b]["images"][0]])


def test_exporting_jobs_that_made_nothing_says_so_and_asks_for_no_folder(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock, monkeypatch: pytest.MonkeyPatch
) -> None:
    failed = add_failed(store, "made nothing")
    dock.refresh()
    settle(qtbot, dock)
    asked: list[object] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: asked.append(a) or "")
    )
    select_job(qtbot, dock, failed)
    qtbot.keyClick(
        dock.view,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert dock.notice.text() == "Nothing to export: the jobs picked made no pictures."
    assert asked == []


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url)


def test_reveal_opens_the_jobs_folder(qtbot: QtBot, store: HistoryStore, dock: GalleryDock) -> None:
    job = store.start_job(provider_id="p", provider_name="P", request=edit_request())
    store.finish_job(job, ImageResult(images=[generated()]))
    dock.refresh()
    settle(qtbot, dock)
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")  # type: ignore[arg-type]
    try:
        select_job(qtbot, dock, job)
        qtbot.keyClick(
            dock.view,
            Qt.Key.Key_O,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    finally:
        QDesktopServices.unsetUrlHandler("file")
    record = store.get_job(job)
    assert record is not None and record.folder is not None
    assert [Path(u.toLocalFile()) for u in catcher.urls] == [record.folder]


def test_reveal_without_a_file_manager_says_where_the_files_are(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock, monkeypatch: pytest.MonkeyPatch
) -> None:
    failed = add_failed(store, "made nothing")  # no folder of its own: the images folder
    dock.refresh()
    settle(qtbot, dock)
    # a desktop without a file launcher
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    select_job(qtbot, dock, failed)
    qtbot.keyClick(
        dock.view,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    box = dock.folder_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    shown = Path(box.informativeText())
    assert shown.is_dir()  # the images folder, or the nearest folder that exists
    assert store.images_dir == shown or shown in store.images_dir.parents
    copy = next(b for b in box.buttons() if b.text() == "Copy path")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(shown)


def test_upload_for_video_only_when_enabled(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    job = add_job(store, "upload me")
    dock.refresh()
    settle(qtbot, dock)
    select_job(qtbot, dock, job)
    assert "Upload for Video (DMXAPI)" not in [
        a.text() for a in dock.build_menu().actions() if a.isVisible()
    ]
    with qtbot.assertNotEmitted(dock.upload_image):
        qtbot.keyClick(dock.view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dock.set_upload_enabled(True)
    with qtbot.waitSignal(dock.upload_image) as up:
        qtbot.keyClick(dock.view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert up.args == [dock.model.item(dock.model.rows_of_job(job)[0]).path]


def test_a_missing_image_file_shows_as_missing(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    job = add_job(store, "vanished")
    record = store.get_job(job)
    assert record is not None
    record.images[0].path.unlink()
    dock.refresh()
    settle(qtbot, dock)
    assert value(dock, 0, Role.THUMBNAIL) is None
    qtbot.waitUntil(lambda: bool(value(dock, 0, Role.MISSING)))
    dock.view.viewport().repaint()  # painting the placeholder must not fail
    assert dock.view.indexAt(QPoint(5, 5)).isValid() or dock.model.rowCount() == 1


def test_the_gallery_cannot_run_none_out_of_references(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    """PySide6 6.12 on Python 3.11 dropped a reference to None on every void Qt call and
    to True on every signal emit (a scrolling grid soon aborted the process); the pin in
    pyproject keeps such a release out. Painting must leave the counts where they were."""
    import sys

    for i in range(6):
        add_job(store, f"many paints {i}", images=2, seed=i)
    dock.refresh()
    settle(qtbot, dock)
    dock.view.viewport().repaint()
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for _ in range(300):  # thousands of void calls in the delegate
        dock.view.viewport().repaint()
        dock.model.dataChanged.emit(dock.model.index(0), dock.model.index(0), [])
    after = [sys.getrefcount(x) for x in (None, True, False)]
    lost = [b - a for b, a in zip(before, after, strict=True)]
    assert max(lost) < 500, f"references lost to None/True/False: {lost}"


CLI_WRITER = """
import sys
from studio.core.history import HistoryStore
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from tests.core.history.history_helpers import generate_request, generated

store = HistoryStore(resolve_paths())
job = store.start_job(provider_id="cli", provider_name="CLI", request=generate_request(
    "written by the command line"), source="cli")
if sys.argv[1] == "finish":
    store.finish_job(job, ImageResult(images=[generated((5, 6, 7))]))
print(job)
store.close()
"""


def test_jobs_written_by_another_process_appear_on_their_own(
    qtbot: QtBot, store: HistoryStore
) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    old = add_job(store, "already there")
    d = GalleryDock(store, poll_ms=50)
    qtbot.addWidget(d)
    try:
        out = subprocess.run(
            [sys.executable, "-c", CLI_WRITER, "finish"],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
            capture_output=True,
            check=True,
            timeout=60,
        )
        cli_job = int(out.stdout.decode().strip())
        qtbot.waitUntil(lambda: [j for j, _ in rows(d)] == [cli_job, old], timeout=10_000)
        settle(qtbot, d)
        assert d.filters.provider.findText("cli") > 0  # a provider of the user's: its id
        assert d.count_label.text() == "2 jobs"
        # a running job of another connection gets its final state without a reload
        running = HistoryStore(store.paths)
        try:
            job = running.start_job(
                provider_id="cli", provider_name="CLI", request=generate_request("slow")
            )
            qtbot.waitUntil(lambda: value(d, 0, Role.STATUS) == "running", timeout=10_000)
            running.finish_job(job, ImageResult(images=[generated((9, 9, 9))]))
        finally:
            running.close()
        qtbot.waitUntil(lambda: value(d, 0, Role.STATUS) == "succeeded", timeout=10_000)
        assert value(d, 0, Role.IMAGE_PATH) is not None
    finally:
        d.shutdown()


def test_between_dates_shows_only_jobs_of_those_days(qtbot: QtBot, store: HistoryStore) -> None:
    import time

    from PySide6.QtCore import QDate

    from tests.core.history.seed import seed_jobs

    def noon(y: int, m: int, d: int) -> float:
        return time.mktime((y, m, d, 12, 0, 0, 0, 0, -1))

    seed_jobs(
        store,
        [
            {"created_at": noon(2026, 1, 10), "prompt": "tenth"},
            {"created_at": noon(2026, 1, 20), "prompt": "twentieth"},
        ],
    )
    today = add_job(store, "today")
    d = GalleryDock(store)
    qtbot.addWidget(d)
    d.show()
    try:
        settle(qtbot, d)
        f = d.filters
        assert not f.date_from.isVisible()
        f.period.setCurrentIndex(f.period.findData("custom"))
        assert f.date_from.isVisible() and f.date_to.isVisible()
        f.date_from.setDate(QDate(2026, 1, 9))
        f.date_to.setDate(QDate(2026, 1, 10))
        settle(qtbot, d)
        assert [d.model.item(r).job.prompt for r in range(d.model.rowCount())] == ["tenth"]
        f.date_to.setDate(QDate(2026, 1, 20))  # the last day counts whole
        settle(qtbot, d)
        assert [d.model.item(r).job.prompt for r in range(d.model.rowCount())] == [
            "twentieth",
            "tenth",
        ]
        f.period.setCurrentIndex(f.period.findData("7d"))
        settle(qtbot, d)
        assert [j for j, _ in rows(d)] == [today]
    finally:
        d.shutdown()


def test_deletes_become_final_when_the_session_ends(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    job = add_job(store, "gone at quit")
    dock.refresh()
    settle(qtbot, dock)
    select_job(qtbot, dock, job)
    _answer_next_dialog(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    settle(qtbot, dock)
    assert store.get_job(job) is None
    assert any(store.trash_dir.iterdir())  # kept for undo while the session lasts
    dock.shutdown()
    assert not any(store.trash_dir.iterdir())


def test_ctrl_wheel_zooms_tiles_and_a_short_dock_shrinks_them(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    add_job(store, "zoom me", images=3)
    dock.refresh()
    settle(qtbot, dock)
    dock.resize(900, 700)
    qtbot.waitUntil(lambda: dock.tile_size() == 160)

    def wheel(dy: int, mods: Qt.KeyboardModifier) -> None:
        vp = dock.view.viewport()
        pos = QPointF(vp.rect().center())
        event = QWheelEvent(
            pos,
            vp.mapToGlobal(pos),
            QPoint(0, 0),
            QPoint(0, dy),
            Qt.MouseButton.NoButton,
            mods,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(vp, event)

    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert dock.tile_size() == 176
    assert dock.view.gridSize().width() == 176 + 16
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    assert dock.tile_size() == 144
    wheel(-120, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls, no zoom
    assert dock.tile_size() == 144

    dock.resize(900, 210)  # docked low in the window: tiles shrink to stay whole
    qtbot.waitUntil(lambda: dock.tile_size() < 144)
    assert dock.view.gridSize().height() <= dock.view.viewport().height()
    dock.resize(900, 700)
    qtbot.waitUntil(lambda: dock.tile_size() == 144)  # the chosen size comes back


def test_filters_share_one_row_with_search_when_wide(qtbot: QtBot, dock: GalleryDock) -> None:
    f = dock.filters
    dock.resize(1400, 500)
    qtbot.waitUntil(
        lambda: f.search.y() == f.provider.y() or abs(f.search.y() - f.provider.y()) < 8
    )
    dock.resize(600, 500)
    qtbot.waitUntil(lambda: f.provider.y() > f.search.y() + f.search.height() - 2)


def test_a_job_a_worker_writes_appears_by_the_stores_own_notice(
    qtbot: QtBot, store: HistoryStore
) -> None:
    import threading

    old = add_job(store, "written before")
    d = GalleryDock(store, poll_ms=3_600_000)  # no poll: only the store's history_changed
    qtbot.addWidget(d)
    try:
        settle(qtbot, d)
        written: list[int] = []
        worker = threading.Thread(
            target=lambda: written.append(add_job(store, "written on a worker", images=2))
        )
        worker.start()
        worker.join(10)
        qtbot.waitUntil(lambda: [j for j, _ in rows(d)] == [written[0], written[0], old])
        settle(qtbot, d)
        assert d.count_label.text() == "2 jobs"
        store.set_favourite(old, True)  # on this thread too: the tile follows
        qtbot.waitUntil(lambda: d.model.item(2).job.favourite)
    finally:
        d.shutdown()


def test_jobs_added_and_deleted_while_paging_neither_repeat_nor_go_missing(
    qtbot: QtBot, store: HistoryStore
) -> None:
    ids = [add_job(store, f"paged {i}", seed=i) for i in range(25)]
    d = GalleryDock(store, page_jobs=5)
    qtbot.addWidget(d)
    d.resize(600, 300)
    d.show()
    try:
        qtbot.waitExposed(d)
        settle(qtbot, d)
        assert 0 < d.model.job_count_loaded() < 25
        newer = [add_job(store, f"newer {i}", seed=40 + i) for i in range(3)]
        store.delete_job(ids[-1])  # the newest of the first page
        store.delete_job(ids[2])  # one in a stretch not read yet
        settle(qtbot, d)
        seen = scroll_through(qtbot, d)
        expected = sorted([*newer, *ids[3:-1], *ids[:2]], reverse=True)
        assert [seen[r] for r in sorted(seen)] == expected
        assert d.model.rowCount() == len(expected)
    finally:
        d.shutdown()
