"""Server behaviour: lifecycle, auth, request log, HTTP control, robustness, hosts."""

from __future__ import annotations

import socket
import subprocess
import sys

import httpx
import pytest

from studio.sandbox.server import SandboxServer

GEN = {"model": "gpt-image-1", "prompt": "p", "size": "1024x1024"}


def test_lifecycle_and_idempotent_stop() -> None:
    server = SandboxServer(profile="relay")
    assert server.start() is server
    assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
    assert server.alt_base_url == f"http://localhost:{server.port}/v1"
    with httpx.Client() as c:
        assert c.get(server.base_url + "/models").status_code == 200
    server.stop()
    server.stop()
    with httpx.Client() as c, pytest.raises(httpx.ConnectError):
        c.get(server.base_url + "/models")


def test_stop_closes_idle_keep_alive_connections() -> None:
    with SandboxServer(profile="relay") as server:
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(b"GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n")
        with sock.makefile("rb") as reader:
            assert reader.readline().startswith(b"HTTP/1.1 200")
            length = 0
            while (line := reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            assert len(reader.read(length)) == length  # the whole answer; the socket stays open
    try:
        sock.settimeout(5)
        assert sock.recv(1) == b""  # the server closed it on stop
    finally:
        sock.close()


def test_requests_log_keeps_headers_body_query(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    client.post("/images/generations?trace=1", json=GEN, headers={"X-Custom-Header": "v"})
    (req,) = sandbox.requests
    assert req.method == "POST"
    assert req.path == "/v1/images/generations"
    assert req.query == "trace=1"
    assert req.client_host == "127.0.0.1"
    assert req.json() == GEN
    assert "X-Custom-Header" in req.headers  # names as sent
    assert req.header("x-custom-header") == "v"
    assert req.header("missing") is None
    sandbox.reset()
    assert sandbox.requests == []


def test_auth_required() -> None:
    with (
        SandboxServer(require_key="sk-test-sentinel", profile="relay") as server,
        httpx.Client(base_url=server.base_url) as c,
    ):
        none = c.get("/models")
        assert none.status_code == 401
        assert none.json()["error"]["code"] == "invalid_api_key"
        wrong = c.get("/models", headers={"Authorization": "Bearer sk-other"})
        assert wrong.status_code == 401
        assert "sk-other" not in wrong.text
        assert (
            c.get("/models", headers={"Authorization": "Bearer sk-test-sentinel"}).status_code
            == 200
        )
        assert (
            c.get("/models", headers={"Authorization": "bearer sk-test-sentinel"}).status_code
            == 200
        )
        assert c.get("/models", headers={"Authorization": "sk-test-sentinel"}).status_code == 200


def test_url_results_on_the_alt_host_need_no_key() -> None:
    with (
        SandboxServer(require_key="sk-test-sentinel", url_host="alt", profile="relay") as server,
        httpx.Client(base_url=server.base_url) as c,
    ):
        r = c.post(
            "/images/generations",
            json={"model": "dall-e-2", "prompt": "p", "size": "256x256"},
            headers={"Authorization": "Bearer sk-test-sentinel"},
        )
        url = r.json()["data"][0]["url"]
        assert url.startswith(f"http://localhost:{server.port}/files/")
        download = httpx.get(url)
        assert download.status_code == 200
        (last,) = [q for q in server.requests if q.path.startswith("/files/")]
        assert last.header("Host") == f"localhost:{server.port}"
        assert last.header("Authorization") is None


def test_http_control_endpoints(sandbox: SandboxServer, client: httpx.Client) -> None:
    root = sandbox.root_url
    with httpx.Client(base_url=root) as control:
        added = control.post(
            "/_sandbox/faults",
            json={
                "path": "/images/generations",
                "status": 418,
                "body": {"error": {"message": "teapot"}},
            },
        )
        assert added.status_code == 200
        assert control.get("/_sandbox/faults").json()["faults"][0]["status"] == 418
        r = client.post("/images/generations", json=GEN)
        assert r.status_code == 418 and r.json()["error"]["message"] == "teapot"

        control.post("/_sandbox/faults", json={"status": 500, "times": -1})
        assert control.delete("/_sandbox/faults").status_code == 200
        assert client.get("/models").status_code == 200

        client.post(
            "/images/edits", data={"prompt": "e"}, files={"image": ("a.png", b"x", "image/png")}
        )
        log = control.get("/_sandbox/requests").json()["requests"]
        assert [q["path"] for q in log] == [
            "/v1/images/generations",
            "/v1/models",
            "/v1/images/edits",
        ]
        assert log[0]["body_size"] > 0 and "body" not in log[0]
        assert log[0]["json"] == GEN
        assert log[2]["fields"] == {"prompt": "e"}
        assert log[2]["parts"][1] == {
            "name": "image",
            "filename": "a.png",
            "content_type": "image/png",
            "size": 1,
        }
        assert control.delete("/_sandbox/requests").status_code == 200
        assert control.get("/_sandbox/requests").json()["requests"] == []

        bad = control.post("/_sandbox/faults", json={"action": "explode"})
        assert bad.status_code == 400
        assert control.post("/_sandbox/faults", json={"nonsense": 1}).status_code == 400
    assert sandbox.requests == []  # control calls are not logged


def test_unknown_paths_are_openai_404(client: httpx.Client, sandbox: SandboxServer) -> None:
    r = client.post("/images/nothing", json={})
    assert r.status_code == 404
    assert r.json()["error"]["message"] == "Invalid URL (POST /v1/images/nothing)"
    assert httpx.get(sandbox.root_url + "/").status_code == 404


def test_handler_crash_answers_500_and_server_survives(
    client: httpx.Client, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(sandbox.api, "generate", boom)
    r = client.post("/images/generations", json=GEN)
    assert r.status_code == 500
    assert r.json()["error"]["type"] == "server_error"
    monkeypatch.undo()
    assert client.post("/images/generations", json=GEN).status_code == 200


def test_chunked_request_body_is_read(client: httpx.Client, sandbox: SandboxServer) -> None:
    def body() -> object:
        yield b'{"model": "gpt-image-1", '
        yield b'"prompt": "chunked"}'

    r = client.post(
        "/images/generations", content=body(), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 200
    assert sandbox.requests[-1].json()["prompt"] == "chunked"
    assert sandbox.requests[-1].header("Transfer-Encoding") == "chunked"


def test_latency_is_applied_and_cancellable() -> None:
    with SandboxServer(latency=30, profile="relay") as server:
        with (
            httpx.Client(base_url=server.base_url, timeout=0.3) as c,
            pytest.raises(httpx.ReadTimeout),
        ):
            c.post("/images/generations", json=GEN)
        with httpx.Client(base_url=server.base_url, timeout=5) as c:
            assert c.get("/models").status_code == 200  # no latency on the model list


def test_module_runs_in_the_foreground() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio.sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "Sandbox serving at http://127.0.0.1:" in line
        base = line.split("at ", 1)[1].split()[0]
        with httpx.Client(timeout=10) as c:
            assert c.get(base + "/models").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def test_head_of_a_file(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations", json={"model": "dall-e-2", "prompt": "p", "size": "256x256"}
    )
    url = r.json()["data"][0]["url"]
    head = httpx.head(url)
    assert head.status_code == 200
    assert int(head.headers["content-length"]) == len(httpx.get(url).content)
    assert head.content == b""


def test_log_limit_keeps_the_newest() -> None:
    with (
        SandboxServer(log_limit=2, profile="relay") as server,
        httpx.Client(base_url=server.base_url) as c,
    ):
        for q in ("a=1", "a=2", "a=3"):
            c.get("/models?" + q)
        assert [r.query for r in server.requests] == ["a=2", "a=3"]


def test_a_request_whose_body_never_fully_arrived_is_not_recorded_or_answered(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    before = len(sandbox.requests)
    with socket.create_connection(("127.0.0.1", sandbox.port)) as sock:
        sock.sendall(
            b"POST /v1/images/generations HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\nContent-Length: 200\r\n\r\n"
            b'{"model": "gpt-image-1"'
        )
        sock.shutdown(socket.SHUT_WR)  # a client cancelled mid-body
        sock.settimeout(10)
        assert sock.recv(1024) == b""  # closed, no answer for half a request
    assert len(sandbox.requests) == before
    # the server goes on answering whole requests
    assert client.post("/images/generations", json=GEN).status_code == 200
    assert len(sandbox.requests) == before + 1
