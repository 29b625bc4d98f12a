"""The sandbox makes real animated GIFs and SVG documents, and refuses what OpenAI refuses."""

from __future__ import annotations

import base64
import io
import itertools
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from PIL import Image, ImageChops

from studio.core.gifs import gif_timing
from studio.core.svgsafe import check_svg
from studio.sandbox.animated import frame_side_limit, svg_colours
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.sandbox.conftest import checker, png_bytes

MODEL = "gpt-image-2.6-flare"


def _gen(client: httpx.Client, **body: object) -> httpx.Response:
    return client.post("/images/generations", json={"model": MODEL, "prompt": "a fox", **body})


def _bytes(reply: httpx.Response) -> bytes:
    return base64.b64decode(reply.json()["data"][0]["b64_json"])


def test_a_gif_has_the_asked_frames_and_durations_and_they_differ(client: httpx.Client) -> None:
    reply = _gen(
        client, output_format="gif", frame_count=5, frame_duration_ms=150, size="1024x1024"
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["output_format"] == "gif"
    data = _bytes(reply)
    timing = gif_timing(data)
    assert timing.durations == (150,) * 5 and timing.loop == 0
    side = frame_side_limit(5)
    assert body["size"] == f"{side}x{side}"
    frames = []
    with Image.open(io.BytesIO(data)) as gif:
        assert gif.size == (side, side)
        for i in range(5):
            gif.seek(i)
            frames.append(gif.convert("RGB"))
    for a, b in itertools.pairwise(frames):
        assert ImageChops.difference(a, b).getbbox() is not None  # visibly different


def test_gif_defaults_are_nine_frames_of_200_ms(client: httpx.Client) -> None:
    reply = _gen(client, output_format="gif", size="1024x1024")
    assert gif_timing(_bytes(reply)).durations == (200,) * 9


def test_an_svg_is_a_real_document_with_the_authors_usage(client: httpx.Client) -> None:
    reply = _gen(
        client,
        output_format="svg",
        size="1024x1024",
        svg={"model": "gpt-5.1", "reasoning": {"effort": "low"}},
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    data = _bytes(reply)
    check = check_svg(data)
    assert check.ok and (check.width, check.height) == (1024, 1024)
    background, disc = svg_colours("a fox")
    assert background.encode() in data and disc.encode() in data
    assert body["output_format"] == "svg"
    usage = body["svg_usage"]
    assert usage["model"] == "gpt-5.1" and usage["reasoning_tokens"] == 256
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"output_format": "gif", "stream": True}, "stream"),
        ({"output_format": "gif", "partial_images": 1}, "partial_images"),
        ({"output_format": "svg", "n": 2}, "n"),
        ({"output_format": "svg", "stream": True}, "stream"),
        ({"output_format": "png", "frame_count": 4}, "frame_count"),
    ],
)
def test_what_openai_refuses_is_refused(
    client: httpx.Client, body: dict[str, object], param: str
) -> None:
    reply = _gen(client, **body)
    assert reply.status_code == 400
    assert reply.json()["error"]["param"] == param


def test_a_model_without_gif_refuses_it(client: httpx.Client) -> None:
    reply = client.post(
        "/images/generations",
        json={"model": "gpt-image-2", "prompt": "a fox", "output_format": "gif"},
    )
    assert reply.status_code == 400 and reply.json()["error"]["param"] == "output_format"


def test_an_account_without_gif_access_is_refused_on_request(
    sandbox: SandboxServer, client: httpx.Client
) -> None:
    sandbox.inject(Fault(path="/images/generations", action="no_gif_access"))
    reply = _gen(client, output_format="gif")
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "feature_not_enabled"
    assert _gen(client, output_format="gif", frame_count=2).status_code == 200  # once only


class _Pictures(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def picture_url() -> Iterator[str]:
    handler = type("Handler", (_Pictures,), {"body": png_bytes(checker((48, 48)))})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/cat.png"
    finally:
        server.shutdown()
        server.server_close()


def test_a_json_edit_takes_urls_data_urls_and_uploaded_file_ids(
    client: httpx.Client, picture_url: str
) -> None:
    uploaded = client.post(
        "/files",
        files={"file": ("a.png", png_bytes(checker((48, 48))), "image/png")},
        data={"purpose": "vision"},
    )
    assert uploaded.status_code == 200, uploaded.text
    file_id = uploaded.json()["id"]
    data_url = "data:image/png;base64," + base64.b64encode(png_bytes(checker((48, 48)))).decode()
    reply = client.post(
        "/images/edits",
        json={
            "images": [{"image_url": picture_url}, {"file_id": file_id}, {"image_url": data_url}],
            "prompt": "a hat",
            "model": MODEL,
            "size": "1024x1024",
        },
    )
    assert reply.status_code == 200, reply.text
    assert _bytes(reply).startswith(b"\x89PNG")
    missing = client.post(
        "/images/edits",
        json={"images": [{"file_id": "file-nope"}], "prompt": "x", "model": MODEL},
    )
    assert missing.status_code == 400 and "file-nope" in missing.json()["error"]["message"]
