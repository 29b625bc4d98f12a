"""The hostile-SVG corpus: placeholders, no network, bounded memory, a responsive window."""

from __future__ import annotations

import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from PySide6.QtCore import QTimer

from studio.core.result import GeneratedImage
from studio.jobs.op import BackgroundOp
from studio.jobs.pictures import svg_thumbnail
from studio.jobs.queue import ResultImage, result_for
from studio.ui.result_viewer import ResultViewer
from tests.core.svgcorpus import hostile

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


class _Counter(BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Counter,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def _svg(data: bytes) -> GeneratedImage:
    return GeneratedImage(data, "svg", 0, 0)


@pytest.mark.timeout(120)
@pytest.mark.usefixtures("frozen_heap")
def test_the_corpus_renders_as_placeholders_without_fetching_anything(
    qtbot: QtBot, tmp_path: Path, counting_server: tuple[str, list[str]]
) -> None:
    url, hits = counting_server
    corpus = hostile(url)
    viewer = ResultViewer()
    qtbot.addWidget(viewer)
    viewer.resize(480, 360)
    viewer.show()
    ticks: list[int] = []
    timer = QTimer(viewer)
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    results: list[ResultImage] = []
    tracemalloc.start()
    try:
        # on a worker, as the job queue does: the UI thread keeps running its timer
        op = BackgroundOp(
            viewer, lambda: [result_for(_svg(doc)) for doc in corpus.values()], results.extend
        )
        op.run()
        qtbot.waitUntil(lambda: len(results) == len(corpus), timeout=100_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ticks, "the UI thread was blocked while the drawings were checked"
    assert peak < 64 * 1024 * 1024
    for name, result in zip(corpus, results, strict=True):
        assert result.refusal is not None and result.vector is None, name
        assert not result.qimage.isNull(), name
        assert result.image.data == corpus[name]
        viewer.show_file(result)
        viewer.view.repaint()
        assert viewer.view.note, name
        path = tmp_path / f"{name}.svg"
        path.write_bytes(corpus[name])
        thumb, _alpha = svg_thumbnail(path, 80)
        assert thumb.startswith(b"\x89PNG"), name
    qtbot.wait(50)  # give any stray fetch a chance to arrive
    assert hits == []
    # the counter itself works: a real request is seen
    httpx.get(f"{url}/probe", timeout=5)
    assert hits == ["/probe"]
