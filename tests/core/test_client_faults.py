"""The client under failure: retries only when safe, cancel, timeouts, caps, bad bodies."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

from studio.core.cancel import CancelToken
from studio.core.capabilities import CapabilityRegistry, load_capabilities
from studio.core.client import ClientEvent, ImagesClient, Retrying
from studio.core.errors import ErrorKind, StudioError
from studio.core.http import HttpSettings
from studio.core.journal import Journal
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.validated import validated
from studio.sandbox.faults import Fault, dmx_errcode, html_page, new_api_error
from studio.sandbox.server import SandboxServer
from tests.core.clienthelpers import KEY, caps, provider
from tests.core.imagebytes import png

GEN = ImageRequest(Mode.GENERATE, "gpt-image-1", "a fox", {"size": "1024x1024", "quality": "low"})
NO_TABLES = CapabilityRegistry({})


def _client(
    base_url: str, tmp_path: Path | None = None, *, key: str | None = None, **http: object
) -> ImagesClient:
    return ImagesClient(
        provider(base_url),
        key,
        http=HttpSettings(**http),  # type: ignore[arg-type]
        journal=Journal(tmp_path / "journal") if tmp_path is not None else None,
        capabilities=NO_TABLES,
    )


def _run(client: ImagesClient, request: ImageRequest = GEN, **kw: object) -> StudioError:
    with pytest.raises(StudioError) as info:
        client.run(validated(request, caps()), **kw)  # type: ignore[arg-type]
    return info.value


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- retries ------------------------------------------------------------------------------------


def test_connection_refused_is_retried_twice_then_raised() -> None:
    events: list[ClientEvent] = []
    with _client(f"http://127.0.0.1:{_closed_port()}/v1") as client:
        err = _run(client, on_event=events.append)
    assert err.kind is ErrorKind.NETWORK and err.maybe_processed is False
    assert "connect" in err.message.lower()
    retries = [e for e in events if isinstance(e, Retrying)]
    assert [r.attempt for r in retries] == [2, 3]


def test_429_with_short_retry_after_is_retried(sandbox: SandboxServer) -> None:
    sandbox.inject(
        Fault(path="/images/generations", status=429, headers={"Retry-After": "0"}, times=2)
    )
    events: list[ClientEvent] = []
    with _client(sandbox.base_url) as client:
        result = client.run(validated(GEN, caps()), on_event=events.append)
    assert len(result.images) == 1
    assert len(sandbox.requests) == 3
    retries = [e for e in events if isinstance(e, Retrying)]
    assert [(r.attempt, r.wait) for r in retries] == [(2, 0.0), (3, 0.0)]
    assert "429" in retries[0].reason


def test_429_gives_up_after_two_retries(sandbox: SandboxServer) -> None:
    sandbox.inject(
        Fault(path="/images/generations", status=429, headers={"retry-after-ms": "10"}, times=-1)
    )
    with _client(sandbox.base_url) as client:
        err = _run(client)
    assert err.status == 429 and err.retry_after == 0.01
    assert len(sandbox.requests) == 3


def test_429_with_a_long_retry_after_is_not_waited_for(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", status=429, headers={"Retry-After": "3600"}))
    with _client(sandbox.base_url, max_retry_wait=60.0) as client:
        err = _run(client)
    assert err.retry_after == 3600.0
    assert len(sandbox.requests) == 1


def test_429_without_retry_after_is_not_retried(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", status=429))
    with _client(sandbox.base_url) as client:
        err = _run(client)
    assert err.status == 429 and "slow down" in err.message
    assert len(sandbox.requests) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 408])
def test_server_errors_are_never_retried(sandbox: SandboxServer, status: int) -> None:
    sandbox.inject(Fault(path="/images/generations", status=status, times=-1))
    with _client(sandbox.base_url) as client:
        err = _run(client)
    assert err.status == status and err.maybe_processed is True
    assert len(sandbox.requests) == 1


def test_drop_before_headers_is_not_retried(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", action="drop_before_headers"))
    with _client(sandbox.base_url) as client:
        err = _run(client)
    assert err.kind is ErrorKind.NETWORK and err.maybe_processed is True
    assert len(sandbox.requests) == 1


def test_reset_mid_body_is_not_retried(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.inject(Fault(path="/images/generations", action="reset_mid_body"))
    with _client(sandbox.base_url, tmp_path) as client:
        err = _run(client)
    assert err.kind is ErrorKind.NETWORK and err.maybe_processed is True
    assert len(sandbox.requests) == 1


def test_read_timeout_is_not_retried(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", action="slow", delay=10))
    with _client(sandbox.base_url, read_timeout=0.3) as client:
        err = _run(client)
    assert err.code == "read_timeout" and err.maybe_processed is True
    assert len(sandbox.requests) == 1


# --- cancel -------------------------------------------------------------------------------------


def test_cancel_while_waiting_for_headers(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", action="slow", delay=30))
    token = CancelToken()
    timer = threading.Timer(0.3, token.cancel)
    timer.start()
    try:
        with _client(sandbox.base_url) as client:
            err = _run(client, cancel=token)
    finally:
        timer.cancel()
    assert err.kind is ErrorKind.CANCELLED
    assert len(sandbox.requests) == 1


def test_cancel_before_sending_sends_nothing(sandbox: SandboxServer) -> None:
    token = CancelToken()
    token.cancel()
    with _client(sandbox.base_url) as client:
        err = _run(client, cancel=token)
    assert err.kind is ErrorKind.CANCELLED
    assert sandbox.requests == []


def test_cancel_during_a_retry_wait() -> None:
    token = CancelToken()

    def on_event(event: ClientEvent) -> None:
        if isinstance(event, Retrying):
            token.cancel()

    with _client(f"http://127.0.0.1:{_closed_port()}/v1") as client:
        err = _run(client, cancel=token, on_event=on_event)
    assert err.kind is ErrorKind.CANCELLED


# --- bodies -------------------------------------------------------------------------------------


def test_huge_body_is_refused_without_reading_it(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.inject(Fault(path="/images/generations", action="huge_body", size=5 * 1024 * 1024))
    with _client(sandbox.base_url, tmp_path, max_body_bytes=1024 * 1024) as client:
        err = _run(client)
    assert err.kind is ErrorKind.NETWORK and "limit" in err.message
    assert Journal(tmp_path / "journal").pending() == []


def test_truncated_json_is_journalled_and_kept(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.inject(Fault(path="/images/generations", action="truncate_json"))
    with _client(sandbox.base_url, tmp_path) as client:
        err = _run(client)
    assert err.kind is ErrorKind.NETWORK and "journal" in err.message
    (entry,) = Journal(tmp_path / "journal").pending()
    body, meta = entry.read()
    assert err.raw_body == body and body.startswith(b'{"created"')
    assert meta["model"] == "gpt-image-1"


def test_invalid_base64_is_a_protocol_error(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.inject(Fault(path="/images/generations", action="invalid_base64"))
    with _client(sandbox.base_url, tmp_path) as client:
        err = _run(client)
    assert "base64" in err.message and err.raw_body
    assert len(Journal(tmp_path / "journal").pending()) == 1


def test_expired_url_keeps_the_url_in_the_error(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.inject(Fault(path="/images/generations", action="expired_url"))
    with _client(sandbox.base_url, tmp_path) as client:
        err = _run(client)
    assert err.status == 403 and "expire" in err.message
    assert f"{sandbox.root_url}/files/" in err.message
    (entry,) = Journal(tmp_path / "journal").pending()
    assert b"/files/" in entry.read()[0]


def test_error_object_with_http_200_leaves_no_journal(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.inject(
        Fault(path="/images/generations", status=200, body=dmx_errcode(1001, "余额不足"))
    )
    with _client(sandbox.base_url, tmp_path) as client:
        err = _run(client)
    assert err.kind is ErrorKind.PROVIDER and "余额不足" in err.message
    assert Journal(tmp_path / "journal").pending() == []


def test_html_proxy_page(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", status=524, body=html_page(524)))
    with _client(sandbox.base_url) as client:
        err = _run(client)
    assert err.status == 524 and "proxy" in err.message and "A timeout occurred" in err.message
    assert "<" not in err.message


def test_new_api_error_request_id(sandbox: SandboxServer) -> None:
    sandbox.inject(
        Fault(
            path="/images/generations",
            status=500,
            body=new_api_error("upstream busy", request_id="RID42"),
        )
    )
    with _client(sandbox.base_url) as client:
        err = _run(client)
    # the sandbox's own x-request-id header wins over the message's id
    assert err.request_id and "upstream busy" in err.message and "RID42" not in err.message


def test_variations_not_offered(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/variations", status=501))
    req = ImageRequest(
        Mode.VARIATIONS,
        "dall-e-2",
        "",
        {"size": "256x256"},
        images=(InputImage("a.png", png(64, 64)),),
    )
    with _client(sandbox.base_url) as client:
        err = _run(client, req)
    assert "does not offer this endpoint" in err.message and err.maybe_processed is False


def test_a_redirect_is_not_followed_with_the_key(sandbox: SandboxServer) -> None:
    target = f"{sandbox.alt_base_url}/images/generations"
    sandbox.inject(
        Fault(path="/images/generations", status=307, headers={"Location": target}, body="")
    )
    with _client(sandbox.base_url, key=KEY) as client:
        err = _run(client)
    assert err.code == "redirect" and target in err.message
    assert len(sandbox.requests) == 1


def test_default_tables_validate_before_sending(sandbox: SandboxServer) -> None:
    """With the built-in tables a request is judged before anything is sent, and the
    table it was judged by tells the client how to split ``n``."""
    dalle3 = load_capabilities(None).get("dall-e-3")
    assert dalle3 is not None
    with ImagesClient(provider(sandbox.base_url), None) as client:
        with pytest.raises(StudioError) as info:
            client.run(
                validated(ImageRequest(Mode.GENERATE, "dall-e-3", "x", {"size": "999x999"}), dalle3)
            )
        assert info.value.kind is ErrorKind.VALIDATION
        assert info.value.problems[0].field == "size"
        assert sandbox.requests == []
        # dall-e-3 returns one image per request: the table makes the client split n
        result = client.run(
            validated(
                ImageRequest(
                    Mode.GENERATE,
                    "dall-e-3",
                    "x",
                    {"size": "1024x1024", "n": 2, "response_format": "b64_json"},
                ),
                dalle3,
            )
        )
    assert len(result.images) == 2
    assert [json.loads(r.body)["n"] for r in sandbox.requests] == [1, 1]
