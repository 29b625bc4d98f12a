"""Every fault action, seen from a plain httpx client."""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time

import httpx
import pytest

from studio.sandbox.faults import (
    Fault,
    dmx_errcode,
    html_page,
    new_api_error,
    one_api_error,
    openai_error,
)
from studio.sandbox.server import SandboxServer

GEN = {"model": "gpt-image-1", "prompt": "p", "size": "1024x1024"}


def test_respond_sends_status_body_and_headers(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.inject(
        Fault(
            path="/images/generations",
            status=429,
            body=openai_error(429, "Slow down", "rate_limit_exceeded", "requests"),
            headers={"Retry-After": "3"},
        )
    )
    r = client.post("/images/generations", json=GEN)
    assert r.status_code == 429
    assert r.headers["retry-after"] == "3"
    assert r.json()["error"]["code"] == "rate_limit_exceeded"
    # used up: the next request is normal
    assert client.post("/images/generations", json=GEN).status_code == 200


def test_respond_without_body_sends_a_real_looking_error(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(status=401))
    r = client.post("/images/generations", json=GEN)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "invalid_api_key"


def test_html_page_is_sent_as_html(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(status=524, body=html_page(524)))
    r = client.post("/images/generations", json=GEN)
    assert r.status_code == 524
    assert r.headers["content-type"].startswith("text/html")
    assert "<title>" in r.text and "524" in r.text
    with pytest.raises(json.JSONDecodeError):
        r.json()


def test_fault_matches_only_its_path_and_counts_times(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(path="/images/edits", status=500, times=2))
    assert client.get("/models").status_code == 200
    assert client.post("/images/generations", json=GEN).status_code == 200
    assert (
        client.post("/images/edits", data={"a": "b"}, files={"x": ("x", b"1")}).status_code == 500
    )
    assert (
        client.post("/images/edits", data={"a": "b"}, files={"x": ("x", b"1")}).status_code == 500
    )
    assert (
        client.post("/images/edits", data={"a": "b"}, files={"x": ("x", b"1")}).status_code == 400
    )


def test_forever_fault_until_cleared(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(status=503, times=-1))
    for _ in range(3):
        assert client.get("/models").status_code == 503
    sandbox.clear_faults()
    assert client.get("/models").status_code == 200


def test_injected_fault_object_is_not_mutated(sandbox: SandboxServer, client: httpx.Client) -> None:
    fault = Fault(status=500, times=1)
    sandbox.inject(fault)
    client.get("/models")
    assert fault.times == 1


def test_drop_before_headers(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="drop_before_headers"))
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/images/generations", json=GEN)
    assert len(sandbox.requests) == 1  # the request did arrive
    assert client.post("/images/generations", json=GEN).status_code == 200


def test_reset_mid_body(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="reset_mid_body"))
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post("/images/generations", json=GEN)


def test_reset_mid_body_headers_arrive_first(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="reset_mid_body"))
    received = bytearray()
    with (
        httpx.Client(base_url=sandbox.base_url) as c,
        c.stream("POST", "/images/generations", json=GEN) as r,
    ):
        assert r.status_code == 200
        expected = int(r.headers["content-length"])
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            for chunk in r.iter_raw():
                received += chunk
    assert 0 < len(received) < expected


def test_truncate_json(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="truncate_json"))
    r = client.post("/images/generations", json=GEN)
    assert r.status_code == 200
    assert r.content.startswith(b'{"created"')
    with pytest.raises(json.JSONDecodeError):
        r.json()


def test_invalid_base64(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="invalid_base64"))
    r = client.post("/images/generations", json={**GEN, "n": 2})
    data = r.json()["data"]
    assert len(data) == 2
    for item in data:
        with pytest.raises(binascii.Error):
            base64.b64decode(item["b64_json"], validate=True)


def test_stream_cut_stops_before_completed(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="stream_cut"))
    seen: list[str] = []
    payload = {**GEN, "stream": True, "partial_images": 2}
    with client.stream("POST", "/images/generations", json=payload) as r:
        assert r.status_code == 200
        with pytest.raises(httpx.RemoteProtocolError):
            for line in r.iter_lines():
                if line.startswith("event:"):
                    seen.append(line[6:].strip())
    assert seen == ["image_generation.partial_image"] * 2


def test_huge_body_streams_without_end(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="huge_body"))
    with client.stream("POST", "/images/generations", json=GEN) as r:
        assert r.status_code == 200
        assert int(r.headers["content-length"]) == 300 * 1024 * 1024
        got = 0
        for chunk in r.iter_bytes():
            if got == 0:
                assert chunk.startswith(b'{"created"')
            got += len(chunk)
            if got > 2 * 1024 * 1024:
                break  # a client with a size cap gives up here
    assert client.get("/models").status_code == 200  # the server is fine


def test_huge_body_with_small_size_is_complete(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(action="huge_body", size=100_000))
    r = client.post("/images/generations", json=GEN)
    assert len(r.content) == 100_000


def test_delay_then_slow_succeeds(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="slow", delay=0.3))
    r = client.post("/images/generations", json=GEN)
    assert r.status_code == 200
    assert r.json()["data"][0]["b64_json"]


def test_delay_times_out_a_client_and_server_recovers(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="slow", delay=30))
    with (
        httpx.Client(base_url=sandbox.base_url, timeout=0.3) as c,
        pytest.raises(httpx.ReadTimeout),
    ):
        c.post("/images/generations", json=GEN)
    with httpx.Client(base_url=sandbox.base_url, timeout=10) as c:
        assert c.get("/models").status_code == 200


def test_stop_interrupts_a_long_delay() -> None:
    server = SandboxServer(profile="relay").start()
    server.inject(Fault(action="slow", delay=60))
    errors: list[BaseException] = []

    def call() -> None:
        try:
            with httpx.Client(base_url=server.base_url, timeout=60) as c:
                c.post("/images/generations", json=GEN)
        except httpx.HTTPError as exc:
            errors.append(exc)

    worker = threading.Thread(target=call)
    worker.start()
    while not server.requests:
        time.sleep(0.01)
    server.stop()
    worker.join(timeout=20)
    assert not worker.is_alive()
    assert len(errors) == 1


def test_expired_url(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="expired_url", path="/images/generations"))
    r = client.post("/images/generations", json=GEN)
    assert r.status_code == 200
    url = r.json()["data"][0]["url"]  # even gpt-image answers with a url here
    download = httpx.get(url)
    assert download.status_code == 403
    assert download.headers["content-type"] == "application/xml"
    assert "<Code>AuthenticationFailed</Code>" in download.text
    missing = httpx.get(url.rsplit("/", 1)[0] + "/nothing.png")
    assert missing.status_code == 404
    assert "BlobNotFound" in missing.text


def test_expired_url_as_404(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="expired_url", status=404))
    url = client.post("/images/generations", json=GEN).json()["data"][0]["url"]
    assert httpx.get(url).status_code == 404


def test_client_leaving_ends_a_delay(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(action="slow", delay=60))
    with (
        httpx.Client(base_url=sandbox.base_url, timeout=0.3) as c,
        pytest.raises(httpx.ReadTimeout),
    ):
        c.post("/images/generations", json=GEN)
    deadline = time.monotonic() + 15
    while sandbox.active_connections and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sandbox.active_connections == 0  # the handler noticed and stopped waiting


def test_fault_validation() -> None:
    with pytest.raises(ValueError):
        Fault(action="explode")
    with pytest.raises(ValueError):
        Fault(times=0)


def test_canned_relay_errors() -> None:
    new_api = new_api_error("upstream busy", code="bad_response", request_id="abc123")
    assert new_api["error"]["message"] == "upstream busy (request id: abc123)"
    assert new_api["error"]["type"] == "new_api_error"
    assert one_api_error("bad token")["error"]["type"] == "one_api_error"
    dmx = dmx_errcode(2, "no balance")
    assert dmx["ErrCode"] == 2 and dmx["ErrMsg"] == "no balance"
    assert openai_error(400, "m", "c", "t", "size") == {
        "error": {"message": "m", "type": "t", "param": "size", "code": "c"}
    }
    assert html_page(502).startswith("<!DOCTYPE html>")
