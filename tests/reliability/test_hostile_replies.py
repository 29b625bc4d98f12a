"""A job always ends, in bounded memory, whatever the provider sends.

The CLI runs as a subprocess under a memory and a time limit against the
sandbox with a hostile fault queued: an event that never ends, a stream of
keep-alives, a body that trickles in, junk events around a good image, and
thousands of images for n = 1.
"""

from __future__ import annotations

from pathlib import Path

from studio.core.history.queries import JobQuery
from studio.core.journal import Journal
from studio.core.service import Studio
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.reliability.conftest import PROMPT, one_json, run_cli_bounded, write_settings

KEY = {"IMAGE_STUDIO_API_KEY": "test-hostile-key"}


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


def _stored(home: Path) -> tuple[str, int, int]:
    """The last job's status, its image count, and the journal entries left."""
    studio = Studio.open(home, recover=False)
    try:
        (record,) = studio.history.list_jobs(JobQuery(), limit=1)
        pending = len(Journal(studio.paths.journal_dir).pending())
        return record.status, len(record.images), pending
    finally:
        studio.close()


def test_an_event_that_never_ends_is_cut_at_the_event_cap(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(path="/images/generations", action="endless_event", size=400 * 2**20))
    proc = run_cli_bounded(*_generate(sandbox.base_url, "--stream"), home=studio_home, env=KEY)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = one_json(proc)
    assert proc.returncode == 4 and data["ok"] is False
    message = data["error"]["message"].lower()
    assert "event" in message and "mb" in message and "limit" in message
    assert _stored(studio_home)[:2] == ("failed", 0)


def test_a_stream_of_keepalives_ends_at_the_idle_limit(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    write_settings(studio_home, stream_idle_timeout=2)
    sandbox.inject(
        Fault(path="/images/generations", action="keepalive_forever", interval=0.1, size=3000)
    )
    proc = run_cli_bounded(*_generate(sandbox.base_url, "--stream"), home=studio_home, env=KEY)
    data = one_json(proc)
    assert proc.returncode == 4 and data["ok"] is False
    assert data["error"]["code"] == "stream_idle"
    assert "keep-alive" in data["error"]["message"]
    assert _stored(studio_home)[:2] == ("failed", 0)


def test_a_trickling_body_ends_at_the_job_deadline(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    write_settings(studio_home, job_deadline=3)
    sandbox.inject(Fault(path="/images/generations", action="trickle", interval=0.2))
    proc = run_cli_bounded(*_generate(sandbox.base_url), home=studio_home, env=KEY)
    data = one_json(proc)
    assert proc.returncode == 4 and data["ok"] is False
    assert data["error"]["code"] == "job_deadline"
    assert "deadline" in data["error"]["message"]
    assert _stored(studio_home)[:2] == ("failed", 0)


def test_junk_events_around_a_good_image_are_skipped(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(path="/images/generations", action="stream_noise"))
    proc = run_cli_bounded(
        *_generate(sandbox.base_url, "--stream", "--partial-images", "1"),
        home=studio_home,
        env=KEY,
    )
    data = one_json(proc)
    assert proc.returncode == 0, data
    assert len(data["images"]) == 1
    assert _stored(studio_home) == ("succeeded", 1, 0)
    logs = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in (studio_home / "data" / "logs").glob("*.log*")
    )
    assert "skipped a stream event" in logs


def test_two_thousand_images_for_one_are_refused_and_the_reply_kept(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(path="/images/generations", action="many_images", size=2000))
    proc = run_cli_bounded(*_generate(sandbox.base_url), home=studio_home, env=KEY)
    data = one_json(proc)
    assert proc.returncode == 4 and data["ok"] is False
    message = data["error"]["message"]
    assert "2000" in message and "journal" in message
    status, images, pending = _stored(studio_home)
    assert (status, images, pending) == ("failed", 0, 1)
    assert not any((studio_home / "data" / "images").rglob("*.png"))
