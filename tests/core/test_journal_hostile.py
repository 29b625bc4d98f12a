"""Hostile journal entries left in a home: the CLI's start recovers the journal, and no
entry may stop it, exhaust memory or cost the user a whole reply."""

from __future__ import annotations

import base64
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from studio.core.paths import resolve_paths
from tests.core.history.history_helpers import png_bytes

ID = "00000000000000000001-1-dead-0001"  # owned by a process that is gone
REPLY = json.dumps({"created": 1, "data": [{"b64_json": base64.b64encode(png_bytes()).decode()}]})


def _start_cli(home: Path) -> subprocess.CompletedProcess[str]:
    """``image-studio history`` on ``home``, in at most 1 GB of memory."""

    def one_gigabyte() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "studio", "history"],
        capture_output=True,
        text=True,
        env={**os.environ, "IMAGE_STUDIO_HOME": str(home)},
        preexec_fn=one_gigabyte,
    )


def _journal(home: Path) -> Path:
    folder = resolve_paths(home).ensure().journal_dir
    return folder


def test_a_meta_nested_past_the_parsers_limit_is_left_alone(studio_home: Path) -> None:
    journal = _journal(studio_home)
    (journal / f"{ID}.json").write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
    (journal / f"{ID}.body").write_text(REPLY)
    proc = _start_cli(studio_home)  # RecursionError ended the start before
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert (journal / f"{ID}.body").read_text() == REPLY


def test_a_body_that_is_a_device_is_quarantined_not_read_forever(studio_home: Path) -> None:
    journal = _journal(studio_home)
    (journal / f"{ID}.json").write_text(json.dumps({"owner": "1-dead"}))
    os.symlink("/dev/zero", journal / f"{ID}.body")
    proc = _start_cli(studio_home)  # read /dev/zero to a MemoryError before
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    quarantined = json.loads((journal / "quarantine" / f"{ID}.json").read_text())
    assert "not a regular file" in quarantined["quarantine_reason"]
    assert os.readlink(journal / "quarantine" / f"{ID}.body") == "/dev/zero"


def test_a_body_longer_than_its_meta_says_is_recovered_not_deleted(studio_home: Path) -> None:
    """Only a body shorter than its meta says is an unfinished write; a longer one was
    deleted as one, and the paid reply in it was lost."""
    journal = _journal(studio_home)
    meta = {"owner": "1-dead", "body_bytes": 10, "model": "gpt-image-1", "prompt": "a fox"}
    (journal / f"{ID}.json").write_text(json.dumps(meta))
    (journal / f"{ID}.body").write_text(REPLY)
    proc = _start_cli(studio_home)
    assert proc.returncode == 0, proc.stderr
    assert "a fox" in proc.stdout and "succeeded" in proc.stdout
    assert not (journal / f"{ID}.body").exists()
