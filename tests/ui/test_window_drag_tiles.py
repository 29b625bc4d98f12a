"""History tiles drag out as real files, and into the edit inputs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

from studio.core.request import Mode
from studio.core.result import ImageResult
from tests.core.history.history_helpers import generate_request, generated
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def test_tiles_drag_as_files_into_the_edit_inputs(qtbot: QtBot, window: MainWindow) -> None:
    store = window.studio.history
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request()
    )
    store.finish_job(job, ImageResult(images=[generated((200, 10, 10)), generated((10, 200, 10))]))
    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()  # type: ignore[attr-defined]
    model = gallery.model  # type: ignore[attr-defined]
    view = gallery.view  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(model.rows_of_job(job)) == 2, timeout=10_000)
    rows = model.rows_of_job(job)
    indexes = [model.index(r) for r in rows]
    assert view.dragDropMode() is QAbstractItemView.DragDropMode.DragOnly
    assert all(model.flags(i) & Qt.ItemFlag.ItemIsDragEnabled for i in indexes)

    mime = model.mimeData(indexes)
    files = [Path(u.toLocalFile()) for u in mime.urls()]
    assert len(files) == 2 and all(f.is_file() for f in files)
    assert [f.read_bytes()[:8] for f in files] == [b"\x89PNG\r\n\x1a\n"] * 2

    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    compose.set_mode(Mode.EDIT)
    target = compose.inputs.list.viewport()
    spot = target.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    for event in (
        QDragEnterEvent(spot, copy, mime, buttons, keys),
        QDragMoveEvent(spot, copy, mime, buttons, keys),
        QDropEvent(QPointF(spot), copy, mime, buttons, keys),
    ):
        QApplication.sendEvent(target, event)
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 2, timeout=10_000)
    sent = compose.build_request().images
    assert [img.data for img in sent] == [f.read_bytes() for f in files]
