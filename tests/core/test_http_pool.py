"""The per-provider pooled client: connections reused, cancels still cut them, no key or
connection shared across providers, no CA bundle for the plain-HTTP sandbox."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from studio.core import http
from studio.core.cancel import CancelToken
from studio.core.errors import ErrorKind, StudioError
from studio.core.http import HttpSettings, open_response, pooled_client, read_capped
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer


def _models(
    client: object, base: str, key: str, cancel: CancelToken | None = None
) -> tuple[int, int]:
    """GET /models; the local port of the connection used and the status."""
    with open_response(
        client,  # type: ignore[arg-type]
        "GET",
        f"{base}/models",
        headers={"Authorization": f"Bearer {key}"},
        cancel=cancel,
    ) as response:
        sock = response.extensions["network_stream"].get_extra_info("socket")
        port = sock.getsockname()[1]
        read_capped(response, 1 << 20)
        return port, response.status_code


def test_jobs_to_one_provider_reuse_the_connection(sandbox: SandboxServer) -> None:
    client = pooled_client(HttpSettings(), "sandbox", sandbox.base_url)
    assert pooled_client(HttpSettings(), "sandbox", sandbox.base_url) is client
    first, status = _models(client, sandbox.base_url, "k")
    second, _ = _models(client, sandbox.base_url, "k")
    assert status == 200
    assert first == second


def test_providers_never_share_a_client_or_a_connection(sandbox: SandboxServer) -> None:
    a = pooled_client(HttpSettings(), "provider-a", sandbox.base_url)
    b = pooled_client(HttpSettings(), "provider-b", sandbox.base_url)
    assert a is not b
    port_a, _ = _models(a, sandbox.base_url, "key-a")
    port_b, _ = _models(b, sandbox.base_url, "key-b")
    assert port_a != port_b
    keys = [r.header("authorization") for r in sandbox.requests[-2:]]
    assert keys == ["Bearer key-a", "Bearer key-b"]
    other = pooled_client(HttpSettings(read_timeout=5), "provider-a", sandbox.base_url)
    assert other is not a  # other network settings, another pool


def test_a_cancel_cuts_a_reused_connection_waiting_for_headers(sandbox: SandboxServer) -> None:
    client = pooled_client(HttpSettings(), "sandbox-cancel", sandbox.base_url)
    warm_port, _ = _models(client, sandbox.base_url, "k")
    sandbox.inject(Fault(path="/models", status=200, body={"data": []}, delay=60))
    token = CancelToken()
    outcome: dict[str, object] = {}

    def wait() -> None:
        try:
            outcome["value"] = _models(client, sandbox.base_url, "k", cancel=token)
        except StudioError as err:
            outcome["error"] = err

    worker = threading.Thread(target=wait, daemon=True)
    seen = len(sandbox.requests)
    worker.start()
    deadline = time.monotonic() + 20
    while len(sandbox.requests) == seen and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(sandbox.requests) > seen, "the request never reached the server"
    token.cancel()
    worker.join(20)  # the fault holds the reply for 60 s: only the cancel ends it sooner
    assert not worker.is_alive()
    error = outcome.get("error")
    assert isinstance(error, StudioError) and error.kind is ErrorKind.CANCELLED
    # the cut connection is not reused: the next request opens another one
    next_port, status = _models(client, sandbox.base_url, "k")
    assert status == 200 and next_port != warm_port


def test_the_plain_http_sandbox_loads_no_ca_bundle(sandbox: SandboxServer) -> None:
    probe = (
        "import sys\n"
        "from studio.core import http\n"
        "c = http.pooled_client(http.HttpSettings(), 'sandbox', sys.argv[1])\n"
        "r = c.get(sys.argv[1] + '/models')\n"
        "print(r.status_code, len(http._ssl_contexts))\n"
        "http.pooled_client(http.HttpSettings(), 'openai', 'https://api.openai.com/v1')\n"
        "print(len(http._ssl_contexts))\n"
    )
    env_free = {k: v for k, v in __import__("os").environ.items() if "proxy" not in k.lower()}
    out = subprocess.run(
        [sys.executable, "-c", probe, sandbox.base_url],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env_free,
    ).stdout.split()
    assert out == ["200", "0", "1"]


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_a_remote_provider_gets_a_verifying_client(scheme: str) -> None:
    client = pooled_client(HttpSettings(), f"remote-{scheme}", f"{scheme}://example.invalid/v1")
    assert not client.is_closed
    assert http._ssl_contexts  # the real CA bundle (TLS verification always on)
