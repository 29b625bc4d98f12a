"""Recovery of paid replies never blocks, races or repeats; a kill at any instant of
the journal's write loses nothing complete and leaves nothing half-written.

Entries are made the way a user gets them: a CLI job killed with ``kill -9`` right
after its reply was journaled (or at a chosen instant of the journal's write).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from studio.core.journal import Journal
from studio.core.paths import resolve_paths
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.core.imagebytes import png
from tests.reliability.conftest import (
    PROMPT,
    cli_env,
    one_json,
    run_cli_bounded,
    write_settings,
)

KEY = "test-recovery-key"


def _url_job(base_url: str) -> list[str]:
    """A dall-e-2 job whose reply holds a result link (fetched after journaling)."""
    return [
        "generate",
        PROMPT,
        "--model",
        "dall-e-2",
        "--base-url",
        base_url,
        "--size",
        "256x256",
        "--response-format",
        "url",
        "--json",
    ]


def _start(home: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "studio", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(home, IMAGE_STUDIO_API_KEY=KEY, **env),
    )


def _wait_for(proc: subprocess.Popen[str], prefix: str) -> None:
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # bounded by pytest-timeout
        seen.append(line)
        if line.startswith(prefix):
            return
    raise AssertionError(f"the process ended before {prefix!r}: {''.join(seen)}")


def _kill_after_journal(home: Path, args: list[str], **env: str) -> None:
    """Run the CLI job and ``kill -9`` it once its reply is journaled."""
    pause = env or {"IMAGE_STUDIO_DEBUG_PAUSE_AFTER_JOURNAL": "120"}
    proc = _start(home, *args, **pause)
    try:
        _wait_for(proc, "journal" if not env else "journal paused")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.communicate(timeout=30)


def _file_gets(sandbox: SandboxServer) -> int:
    return sum(1 for r in sandbox.requests if r.method == "GET" and "/files/" in r.path)


def _journal(home: Path) -> Journal:
    return Journal(resolve_paths(home).journal_dir)


def _history(home: Path, **kw: object) -> dict[str, object]:
    proc = run_cli_bounded("history", "--json", home=home, **kw)  # type: ignore[arg-type]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return one_json(proc)


def test_a_hanging_result_link_does_not_block_a_command(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    write_settings(studio_home, read_timeout=300, recovery_budget=2)
    _kill_after_journal(studio_home, _url_job(sandbox.base_url))
    sandbox.inject(Fault(path="/files/", action="slow", delay=120, times=-1))
    _history(studio_home, timeout=45)  # the link hangs for 120 s; the start does not
    journal = _journal(studio_home)
    assert journal.pending() == [] and len(journal.quarantined()) == 1
    reason = journal.quarantined()[0].meta()["quarantine_reason"]
    assert "deadline" in reason


def test_a_job_another_process_is_finishing_is_left_to_it(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    owner = _start(
        studio_home, *_url_job(sandbox.base_url), IMAGE_STUDIO_DEBUG_PAUSE_AFTER_JOURNAL="10"
    )
    try:
        _wait_for(owner, "journaled")
        listing = _history(studio_home)  # meanwhile another command starts
        (row,) = listing["jobs"]  # type: ignore[misc]
        assert row["status"] == "running" and row["images"] == []
        assert _file_gets(sandbox) == 0  # its link was not fetched by the other process
        out, err = owner.communicate(timeout=60)
    finally:
        owner.kill()
    assert owner.returncode == 0, out + err
    assert _file_gets(sandbox) == 1
    (row,) = _history(studio_home)["jobs"]  # type: ignore[misc]
    assert row["status"] == "succeeded" and len(row["images"]) == 1
    assert _journal(studio_home).pending() == []


def test_a_failed_link_is_quarantined_and_not_fetched_again(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    _kill_after_journal(studio_home, _url_job(sandbox.base_url))
    sandbox.inject(Fault(path="/files/", status=404, times=-1))
    for _ in range(3):
        _history(studio_home)
    assert _file_gets(sandbox) == 1
    journal = _journal(studio_home)
    (entry,) = journal.quarantined()
    assert journal.pending() == []
    assert b'"url"' in entry.body_path.read_bytes()  # the paid reply is kept whole


def test_a_big_broken_reply_is_read_once_not_at_every_start(studio_home: Path) -> None:
    journal_dir = resolve_paths(studio_home).ensure().journal_dir
    # a process journals a 120 MB reply that is not JSON, then ends without storing it
    writer = textwrap.dedent(
        f"""
        from pathlib import Path
        from studio.core.journal import Journal
        Journal(Path({str(journal_dir)!r})).write(
            b'{{"data": [' + b'7' * (120 * 1024 * 1024), {{"model": "gpt-image-1"}}
        )
        """
    )
    subprocess.run([sys.executable, "-c", writer], check=True, timeout=120)
    _history(studio_home, timeout=120)
    assert len(_journal(studio_home).quarantined()) == 1
    # later starts do not read it again: a small memory limit is enough
    _history(studio_home, memory=420 * 1024 * 1024, timeout=60)
    _history(studio_home, memory=420 * 1024 * 1024, timeout=60)


def test_recovery_uses_the_proxy_setting(studio_home: Path, sandbox: SandboxServer) -> None:
    name = sandbox.files.put(png(256, 256), "image/png")
    link = f"http://images.example.invalid/files/{name}"
    reply = {"created": 1_700_000_000, "data": [{"url": link}]}
    sandbox.inject(Fault(path="/images/generations", status=200, body=reply))
    _kill_after_journal(studio_home, _url_job(sandbox.base_url))
    write_settings(studio_home, proxy=sandbox.root_url)  # the sandbox plays the proxy
    (row,) = _history(studio_home)["jobs"]  # type: ignore[misc]
    assert row["status"] == "succeeded" and len(row["images"]) == 1
    (seen,) = [r for r in sandbox.requests if "/files/" in r.path]
    assert seen.header("Host") == "images.example.invalid"


def test_a_kill_once_the_reply_file_is_complete_loses_nothing(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    args = ["generate", PROMPT, "--model", "gpt-image-1", "--base-url", sandbox.base_url]
    args += ["--size", "1024x1024", "--quality", "low", "--json"]
    _kill_after_journal(studio_home, args, IMAGE_STUDIO_DEBUG_JOURNAL_PAUSE="reply:120")
    (row,) = _history(studio_home)["jobs"]  # type: ignore[misc]
    assert row["status"] == "succeeded" and len(row["images"]) == 1
    journal_dir = resolve_paths(studio_home).journal_dir
    assert [p.name for p in journal_dir.iterdir() if not p.name.startswith(".")] == []
    posts = [r for r in sandbox.requests if r.path.startswith("/v1/images")]
    assert len(posts) == 1


def test_a_kill_mid_write_leaves_no_partial_files(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    args = ["generate", PROMPT, "--model", "gpt-image-1", "--base-url", sandbox.base_url]
    args += ["--size", "1024x1024", "--quality", "low", "--json"]
    _kill_after_journal(studio_home, args, IMAGE_STUDIO_DEBUG_JOURNAL_PAUSE="meta:120")
    journal_dir = resolve_paths(studio_home).journal_dir
    (meta,) = journal_dir.glob("*.json")
    # an interrupted temp file of the same dead process, as a kill inside a write leaves
    stray = journal_dir / f".{meta.stem}.json.x1y2z3.tmp"
    stray.write_bytes(b'{"half": ')
    (row,) = _history(studio_home)["jobs"]  # type: ignore[misc]
    assert row["status"] == "interrupted"
    left = sorted(p.name for p in journal_dir.iterdir() if p.is_file())
    assert left == [], left
