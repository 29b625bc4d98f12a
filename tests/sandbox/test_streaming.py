"""Server-sent events for ``stream: true`` (generations and edits)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from studio.sandbox.server import SandboxServer
from tests.sandbox.conftest import checker, decode_b64, png_bytes


def read_events(response: httpx.Response) -> list[tuple[str, Any]]:
    """(event, data) pairs; ``data: [DONE]`` comes back as ("", "[DONE]")."""
    events: list[tuple[str, Any]] = []
    event, data = "", ""
    for line in response.iter_lines():
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data = line[5:].strip()
        elif line == "" and data:
            events.append((event, data if data == "[DONE]" else json.loads(data)))
            event, data = "", ""
    return events


def test_generation_stream_partials_then_completed(client: httpx.Client) -> None:
    payload = {
        "model": "gpt-image-1",
        "prompt": "stream me",
        "size": "1024x1536",
        "stream": True,
        "partial_images": 2,
        "quality": "high",
    }
    with client.stream("POST", "/images/generations", json=payload) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = read_events(r)
    names = [e for e, _ in events]
    assert names == [
        "image_generation.partial_image",
        "image_generation.partial_image",
        "image_generation.completed",
    ]
    partials = [d for e, d in events if e.endswith("partial_image")]
    assert [p["partial_image_index"] for p in partials] == [0, 1]
    for p in partials:
        assert p["type"] == "image_generation.partial_image"
        assert p["size"] == "1024x1536" and p["quality"] == "high"
        assert p["background"] == "opaque" and p["output_format"] == "png"
        assert isinstance(p["created_at"], int)
        assert decode_b64(p["b64_json"]).size == (1024, 1536)
    done = events[-1][1]
    assert done["usage"]["output_tokens"] == 6240
    final = decode_b64(done["b64_json"])
    assert final.size == (1024, 1536)
    # partials are coarser versions of the final picture, not the picture itself
    assert all(p["b64_json"] != done["b64_json"] for p in partials)
    # the completed image equals the one a non-streaming request gets
    payload.pop("stream")
    payload.pop("partial_images")
    plain = client.post("/images/generations", json=payload).json()
    assert plain["data"][0]["b64_json"] == done["b64_json"]


def test_stream_without_partials_has_only_completed(client: httpx.Client) -> None:
    with client.stream(
        "POST", "/images/generations", json={"model": "gpt-image-1", "prompt": "p", "stream": True}
    ) as r:
        events = read_events(r)
    assert [e for e, _ in events] == ["image_generation.completed"]


def test_edit_stream_uses_image_edit_events(client: httpx.Client) -> None:
    with client.stream(
        "POST",
        "/images/edits",
        data={"model": "gpt-image-1", "prompt": "p", "stream": "true", "partial_images": "1"},
        files={"image": ("a.png", png_bytes(checker((64, 64))), "image/png")},
    ) as r:
        events = read_events(r)
    assert [e for e, _ in events] == ["image_edit.partial_image", "image_edit.completed"]


def test_done_terminator_when_configured() -> None:
    payload = {"model": "gpt-image-1", "prompt": "p", "stream": True}
    with (
        SandboxServer(sse_done=True, profile="relay") as server,
        httpx.Client(base_url=server.base_url) as c,
        c.stream("POST", "/images/generations", json=payload) as r,
    ):
        events = read_events(r)
    assert events[-1] == ("", "[DONE]")
    assert events[-2][0] == "image_generation.completed"


def test_dall_e_cannot_stream(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations", json={"model": "dall-e-3", "prompt": "p", "stream": True}
    )
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "stream"


def test_connection_stays_usable_after_a_stream(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    with client.stream(
        "POST", "/images/generations", json={"model": "gpt-image-1", "prompt": "p", "stream": True}
    ) as r:
        read_events(r)
    r2 = client.post("/images/generations", json={"model": "gpt-image-1", "prompt": "q"})
    assert r2.status_code == 200
    hosts = {req.client_host for req in sandbox.requests}
    assert hosts == {"127.0.0.1"}
