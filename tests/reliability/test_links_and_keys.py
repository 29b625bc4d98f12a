"""Result links, keys and plain HTTP, through the CLI as a subprocess.

- links to link-local, unspecified and cloud-metadata addresses are never
  fetched, directly or through a redirect; the reply stays in the journal;
- a key that does not look like a key (no ``sk-``) echoed back by a 200 error
  object, an SSE error event or a paid body is in no output, log, database or
  journal file;
- a plain-HTTP base URL to another machine is refused unless allowed for that
  provider, and then warned about.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.core.history.queries import JobQuery
from studio.core.journal import Journal
from studio.core.service import Studio
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.reliability.conftest import PROMPT, one_json, run_cli_bounded, write_settings

#: a relay token: no ``sk-`` prefix, nothing a shape-based filter would catch
KEY = "Zq8wRelayToken4242abcdefXYZ"


def _generate(base_url: str, *extra: str) -> list[str]:
    return [
        "generate",
        PROMPT,
        "--model",
        "gpt-image-1",
        "--base-url",
        base_url,
        "--size",
        "1024x1024",
        "--quality",
        "low",
        "--json",
        *extra,
    ]


def _links_reply(url: str) -> dict[str, object]:
    return {"created": 1_700_000_000, "data": [{"url": url}]}


@pytest.mark.parametrize(
    "link",
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[fe80::1]/image.png",
        "http://0.0.0.0:{port}/files/image.png",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
    ],
    ids=["metadata", "ipv6-link-local", "unspecified", "mapped-metadata", "alibaba-metadata"],
)
def test_a_link_to_a_forbidden_address_is_never_fetched(
    studio_home: Path, sandbox: SandboxServer, link: str
) -> None:
    write_settings(studio_home, connect_timeout=2)
    url = link.format(port=sandbox.port)
    sandbox.inject(Fault(path="/images/generations", status=200, body=_links_reply(url)))
    proc = run_cli_bounded(
        *_generate(sandbox.base_url), home=studio_home, env={"IMAGE_STUDIO_API_KEY": KEY}
    )
    data = one_json(proc)
    assert proc.returncode == 3 and data["error"]["code"] == "address_refused", data
    # nothing but the image request reached the sandbox (0.0.0.0 would have)
    assert [r.path for r in sandbox.requests] == ["/v1/images/generations"]
    studio = Studio.open(studio_home, recover=False)
    try:
        assert len(Journal(studio.paths.journal_dir).pending()) == 1  # the reply is kept
    finally:
        studio.close()


def test_a_redirect_to_the_metadata_address_is_refused(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    write_settings(studio_home, connect_timeout=2)
    link = f"{sandbox.file_url('moved.png')}"
    sandbox.inject(Fault(path="/images/generations", status=200, body=_links_reply(link)))
    sandbox.inject(
        Fault(
            path="/files/",
            status=302,
            body="",
            headers={"Location": "http://169.254.169.254/latest/meta-data/"},
        )
    )
    proc = run_cli_bounded(
        *_generate(sandbox.base_url), home=studio_home, env={"IMAGE_STUDIO_API_KEY": KEY}
    )
    data = one_json(proc)
    assert proc.returncode == 3 and data["error"]["code"] == "address_refused", data
    assert "169.254.169.254" in data["error"]["message"]
    assert sum(1 for r in sandbox.requests if r.path.startswith("/files/")) == 1


def _files_with_key(home: Path) -> list[str]:
    needle = KEY.encode()
    return [str(p) for p in home.rglob("*") if p.is_file() and needle in p.read_bytes()]


def _echo_faults(kind: str) -> list[Fault]:
    said = f"Invalid token {KEY} for this group"
    if kind == "200-error-object":
        body: object = {"error": {"message": said, "type": "new_api_error", "code": "bad"}}
        return [Fault(path="/images/generations", status=200, body=body)]
    if kind == "sse-error-event":
        event = 'event: error\ndata: {"type": "error", "error": {"message": "' + said + '"}}\n\n'
        return [
            Fault(
                path="/images/generations",
                status=200,
                body=event,
                content_type="text/event-stream",
            )
        ]
    # a paid body that cannot be read (bad base64) and echoes the key: journaled
    body = {
        "created": 1,
        "data": [{"b64_json": "!!not base64!!", "revised_prompt": said}],
    }
    return [Fault(path="/images/generations", status=200, body=body)]


@pytest.mark.parametrize("kind", ["200-error-object", "sse-error-event", "paid-body"])
def test_a_key_echoed_back_is_redacted_by_its_value_everywhere(
    studio_home: Path, sandbox: SandboxServer, kind: str
) -> None:
    for fault in _echo_faults(kind):
        sandbox.inject(fault)
    extra = ("--stream",) if kind == "sse-error-event" else ()
    proc = run_cli_bounded(
        *_generate(sandbox.base_url, *extra), home=studio_home, env={"IMAGE_STUDIO_API_KEY": KEY}
    )
    data = one_json(proc)
    assert data["ok"] is False and proc.returncode in (3, 4)
    assert "Invalid token" in data["error"]["message"] or kind == "paid-body"
    assert KEY not in proc.stdout and KEY not in proc.stderr
    # the request did carry the key (so the sandbox saw it), but nothing kept it
    assert sandbox.requests[0].headers.get("Authorization") == f"Bearer {KEY}"
    assert _files_with_key(studio_home) == []
    studio = Studio.open(studio_home, recover=False)
    try:
        (record,) = studio.history.list_jobs(JobQuery(), limit=1)
        assert record.status == "failed"
        pending = Journal(studio.paths.journal_dir).pending()
    finally:
        studio.close()
    if kind == "paid-body":
        (entry,) = pending  # kept, with the key's bytes replaced
        body, _meta = entry.read()
        assert b"revised_prompt" in body and b"Invalid token" in body and KEY.encode() not in body


def test_plain_http_to_another_machine_is_refused_before_sending(studio_home: Path) -> None:
    proc = run_cli_bounded(
        *_generate("http://203.0.113.7/v1"),
        home=studio_home,
        env={"IMAGE_STUDIO_API_KEY": KEY},
        timeout=30,
    )
    data = one_json(proc)
    assert proc.returncode == 2 and data["error"]["code"] == "plain_http", data
    assert "plain HTTP" in data["error"]["message"]


def test_plain_http_allowed_for_a_provider_is_warned_about(studio_home: Path) -> None:
    write_settings(
        studio_home,
        connect_timeout=1,
        providers=[{"id": "custom", "allow_plain_http": True}],
    )
    proc = run_cli_bounded(
        *_generate("http://203.0.113.7/v1", "--provider", "custom"),
        home=studio_home,
        env={"IMAGE_STUDIO_API_KEY": KEY},
        timeout=30,
    )
    data = one_json(proc)
    assert "plain HTTP" in proc.stderr and "unencrypted" in proc.stderr
    # sent (it fails on the way: nothing serves that address, or a proxy refuses it)
    assert proc.returncode in (3, 4) and data["error"]["code"] != "plain_http"
