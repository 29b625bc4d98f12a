"""Inputs by web address or file id in the window: a thumbnail fetched once and carefully,
the edit sent as JSON, the address (not a copy) kept in the history."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from studio.core.request import Mode
from studio.jobs.queue import JobState
from tests.core.imagebytes import png
from tests.ui.test_window import choose, type_prompt

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow

MODEL = "gpt-image-2.6-flare"


class _Picture(BaseHTTPRequestHandler):
    hits: list[dict[str, str]]

    def do_GET(self) -> None:
        self.hits.append(dict(self.headers.items()))
        body = png(300, 200, (20, 160, 90, 255))
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def picture() -> Iterator[tuple[str, list[dict[str, str]]]]:
    hits: list[dict[str, str]] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Picture,), {"hits": hits}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/cat.png", hits
    finally:
        server.shutdown()
        server.server_close()


def _provider(window: MainWindow, sandbox: SandboxServer, *, json_edits: bool) -> None:
    from studio.core.providers import AuthStyle, Provider

    provider = Provider(
        id="json" if json_edits else "plain",
        name="JSON edits" if json_edits else "Multipart only",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=(MODEL,),
        default_model=MODEL,
        builtin=False,
        json_edits=json_edits,
    )
    window.studio.settings.upsert_provider(provider)
    window.reload_providers(current=provider.id)
    choose(window.compose.model_box, MODEL)
    window.compose.set_mode(Mode.EDIT)


def _drop_url(window: MainWindow, url: str) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl(url)])
    viewport = window.compose.inputs.list.viewport()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():  # Qt 6 only offers the QPoint constructor, marked deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)


def test_a_dropped_address_is_fetched_once_sent_as_json_and_kept_as_an_address(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: SandboxServer,
    picture: tuple[str, list[dict[str, str]]],
) -> None:
    url, hits = picture
    _provider(window, sandbox, json_edits=True)  # on this machine: its address may be local
    inputs = window.compose.inputs
    _drop_url(window, url)
    qtbot.waitUntil(lambda: len(inputs.entries()) == 1, timeout=10_000)
    entry = inputs.entries()[0]
    assert entry.image.url == url and entry.image.remote
    assert max(entry.picture.width(), entry.picture.height()) <= 256  # a thumbnail
    assert len(hits) == 1 and "Authorization" not in hits[0] and "Cookie" not in hits[0]
    assert not window.compose.mask_enabled()  # the real image's size is unknown here
    type_prompt(qtbot, window, "give it a hat")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    sent = sandbox.requests[-1]
    assert sent.header("Content-Type") == "application/json"
    assert sent.json()["images"] == [{"image_url": url}]
    assert len(hits) == 2  # the second fetch is the provider's (the sandbox), not ours
    again = window.studio.history.request_for(int(job.history_id))
    assert again.images[0].url == url and again.images[0].data == entry.image.data


def test_a_local_address_is_not_fetched_for_a_provider_elsewhere(
    qtbot: QtBot, window: MainWindow, picture: tuple[str, list[dict[str, str]]]
) -> None:
    url, hits = picture
    inputs = window.compose.inputs
    inputs.set_provider_base("https://api.openai.com/v1")
    with qtbot.waitSignal(inputs.notice, timeout=10_000) as blocker:
        inputs.add_url(url)
    assert "127.0.0.1" in blocker.args[0]  # type: ignore[index]
    assert hits == [] and inputs.entries() == []
    with qtbot.waitSignal(inputs.notice, timeout=10_000):
        inputs.add_url("ftp://example.com/a.png")
    assert inputs.entries() == []


def test_a_file_id_to_a_provider_without_json_edits_cannot_be_sent(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    _provider(window, sandbox, json_edits=False)
    window.compose.inputs.add_file_id("file-abc123")
    type_prompt(qtbot, window, "give it a hat")
    assert window.compose.inputs.entries()[0].image.file_id == "file-abc123"
    assert not window.compose.generate_button.isEnabled()
    assert "URL or file id" in window.compose.problems_label.text()
    assert sandbox.requests == []


def test_reusing_a_job_gives_back_its_address_and_file_id_inputs(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    from studio.core.request import ImageRequest, InputImage

    _provider(window, sandbox, json_edits=True)
    request = ImageRequest(
        Mode.EDIT,
        MODEL,
        "a hat",
        {"n": 1},
        images=(
            InputImage.from_url("https://images.example.com/cat.png", png(40, 40)),
            InputImage.from_file_id("file-abc123"),
        ),
    )
    job_id = window.studio.history.start_job(
        provider_id="json", provider_name="JSON edits", request=request
    )
    window.reuse_history_job(job_id, run=False)
    inputs = window.compose.inputs
    qtbot.waitUntil(lambda: len(inputs.entries()) == 2, timeout=10_000)
    first, second = (e.image for e in inputs.entries())
    assert first.url == "https://images.example.com/cat.png"
    assert second.file_id == "file-abc123"
    assert all(not e.picture.isNull() for e in inputs.entries())
