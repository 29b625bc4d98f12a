"""HTTP settings: explicit and environment proxies, loopback bypass, CA bundle, origins."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from studio.core.capabilities import CapabilityRegistry
from studio.core.client import ImagesClient
from studio.core.errors import ErrorKind, StudioError
from studio.core.http import HttpSettings, origin, same_origin
from studio.core.request import ImageRequest, Mode
from studio.core.validated import validated
from studio.sandbox.server import SandboxServer
from tests.core.clienthelpers import KEY, caps, provider

REMOTE = "http://images.example.invalid/v1"  # never resolved: the proxy answers for it


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_origin() -> None:
    assert origin("https://API.example.com/v1") == "https://api.example.com:443"
    assert same_origin("https://a.example/v1", "https://a.example:443/x")
    assert not same_origin("https://a.example/v1", "http://a.example/v1")
    assert not same_origin("https://a.example/v1", "https://cdn.a.example/v1")
    assert not same_origin("http://127.0.0.1:8000", "http://localhost:8000")
    assert not same_origin("http://127.0.0.1:8000", "http://127.0.0.1:8001")


def test_explicit_proxy_carries_the_request(sandbox: SandboxServer) -> None:
    """The sandbox plays the proxy: it receives the absolute URL of the remote host."""
    settings = HttpSettings(proxy=sandbox.root_url)
    remote = replace(provider(REMOTE), allow_plain_http=True)  # the sandbox speaks HTTP
    with ImagesClient(remote, KEY, http=settings, capabilities=CapabilityRegistry({})) as client:
        models = client.list_models()
    assert "gpt-image-1" in models
    (seen,) = sandbox.requests
    assert seen.path == "/v1/models"
    assert seen.header("Host") == "images.example.invalid"
    assert seen.header("Authorization") == f"Bearer {KEY}"


def test_environment_proxy_is_honoured(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", sandbox.root_url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    remote = replace(provider(REMOTE), allow_plain_http=True)
    with ImagesClient(remote, None, capabilities=CapabilityRegistry({})) as client:
        assert "dall-e-3" in client.list_models()
    assert sandbox.requests[0].header("Host") == "images.example.invalid"


def test_loopback_never_uses_an_environment_proxy(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{_closed_port()}")
    with ImagesClient(
        provider(sandbox.base_url), None, capabilities=CapabilityRegistry({})
    ) as client:
        assert client.list_models()


def test_a_missing_ca_bundle_is_a_clear_validation_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pem"
    with pytest.raises(StudioError) as info:
        ImagesClient(provider(REMOTE), None, http=HttpSettings(ca_bundle=str(missing)))
    assert info.value.kind is ErrorKind.VALIDATION and str(missing) in info.value.message


def test_a_server_that_never_answers_hits_the_read_timeout() -> None:
    """A listening socket that never accepts: the kernel completes the connect on
    loopback, so the short read timeout ends it (and it is reported as such)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        port = server.getsockname()[1]
        settings = HttpSettings(read_timeout=0.2, write_timeout=0.2, connect_timeout=0.2)
        with (
            ImagesClient(
                provider(f"http://127.0.0.1:{port}/v1"),
                None,
                http=settings,
                capabilities=CapabilityRegistry({}),
            ) as client,
            pytest.raises(StudioError) as info,
        ):
            client.list_models()
    assert info.value.kind is ErrorKind.NETWORK
    assert info.value.code == "read_timeout"


TLS_DIR = Path(__file__).resolve().parents[1] / "data" / "tls"


class _ModelsHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"data": [{"id": "tls-model"}]}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(HTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client refusing our certificate is the point of the test


@pytest.fixture
def tls_server() -> Iterator[str]:
    """A tiny HTTPS server with a self-signed certificate (tests/data/tls)."""
    server = _QuietServer(("127.0.0.1", 0), _ModelsHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS_DIR / "cert.pem", TLS_DIR / "key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_tls_is_verified_and_a_bad_certificate_is_not_retried(tls_server: str) -> None:
    events: list[object] = []
    client = ImagesClient(provider(tls_server), None, capabilities=CapabilityRegistry({}))
    with client, pytest.raises(StudioError) as info:
        client.run(
            validated(ImageRequest(Mode.GENERATE, "m", "x"), caps("m")), on_event=events.append
        )
    assert info.value.code == "tls_error" and info.value.maybe_processed is False
    assert "certificate" in info.value.message
    assert events == []  # nothing retried: another try cannot fix a certificate


def test_a_custom_ca_bundle_is_trusted(tls_server: str) -> None:
    settings = HttpSettings(ca_bundle=str(TLS_DIR / "cert.pem"))
    with ImagesClient(
        provider(tls_server), None, http=settings, capabilities=CapabilityRegistry({})
    ) as client:
        assert client.list_models() == ["tls-model"]
