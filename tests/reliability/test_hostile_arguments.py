"""Hostile files and arguments through the CLI as a subprocess, under bounded memory:
clear messages with the documented exit codes, never a traceback.

- input files are checked (regular file, size, header) before they are read;
- argv that is not UTF-8: a GBK file name still works as a path, a Latin-1 prompt or
  search text is refused with a message; an absurd ``--limit`` likewise;
- several processes opening a new home at once all succeed;
- the paiwo-picture upload sends DMXAPI's documented body and no path of this machine
  to another one.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio.sandbox.server import SandboxServer
from tests.reliability.conftest import (
    CLI_MEMORY,
    PROMPT,
    _bounded,
    cli_env,
    one_json,
    run_cli_bounded,
    write_inputs,
)

KEY = {"IMAGE_STUDIO_API_KEY": "test-arguments-key"}


def _edit(base_url: str, image: str, *extra: str) -> list[str]:
    return [
        "edit",
        PROMPT,
        "--model",
        "gpt-image-1",
        "--base-url",
        base_url,
        "--image",
        image,
        "--json",
        *extra,
    ]


@pytest.mark.parametrize("which", ["image", "mask"])
def test_a_device_as_input_is_refused_before_reading(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path, which: str
) -> None:
    image, _mask = write_inputs(tmp_path)
    args = _edit(sandbox.base_url, "/dev/zero" if which == "image" else str(image))
    if which == "mask":
        args += ["--mask", "/dev/zero"]
    proc = run_cli_bounded(*args, home=studio_home, env=KEY)
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr
    data = one_json(proc)
    assert proc.returncode == 2 and "not a regular file" in data["error"]["message"]
    assert sandbox.requests == []


def test_a_huge_input_is_refused_by_its_size(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    big = tmp_path / "huge.png"
    with open(big, "wb") as fh:  # 800 MB, sparse: costs no disk
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.truncate(800 * 1024 * 1024)
    proc = run_cli_bounded(*_edit(sandbox.base_url, str(big)), home=studio_home, env=KEY)
    data = one_json(proc)
    assert proc.returncode == 2 and "800 MB" in data["error"]["message"]
    assert sandbox.requests == []


def test_the_upload_checks_its_file_too(studio_home: Path, sandbox: SandboxServer) -> None:
    proc = run_cli_bounded(
        "upload", "--file", "/dev/zero", "--base-url", sandbox.base_url, "--json",
        home=studio_home, env=KEY,
    )  # fmt: skip
    data = one_json(proc)
    assert proc.returncode == 2 and "not a regular file" in data["error"]["message"]
    assert sandbox.requests == []


def _run_bytes(args: list[bytes], home: Path) -> subprocess.CompletedProcess[bytes]:
    """The CLI with raw argv bytes (as a shell in another encoding passes them)."""
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"studio", *args],
        capture_output=True,
        env=cli_env(home, **KEY),
        timeout=60,
        preexec_fn=_bounded(CLI_MEMORY),
    )


def _json(proc: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    text = proc.stdout.decode("utf-8")  # the output is UTF-8 whatever argv was
    (line,) = [line for line in text.splitlines() if line.strip()]
    data = json.loads(line)
    assert isinstance(data, dict)
    return data


def test_a_gbk_file_name_is_still_usable_as_a_path(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    image, mask = write_inputs(tmp_path)
    folder = os.fsencode(tmp_path)
    gbk = os.path.join(folder, "照片".encode("gbk") + b".png")
    with open(gbk, "wb") as fh:
        fh.write(image.read_bytes())
    args = [b"edit", PROMPT.encode(), b"--model", b"gpt-image-1"]
    args += [b"--base-url", sandbox.base_url.encode(), b"--image", gbk]
    args += [b"--mask", os.fsencode(mask), b"--size", b"1024x1024", b"--quality", b"low"]
    proc = _run_bytes([*args, b"--json"], studio_home)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    data = _json(proc)
    assert proc.returncode == 0 and data["ok"] is True, data
    (sent,) = [r for r in sandbox.requests if r.path == "/v1/images/edits"]
    assert any(p.filename and p.filename.endswith(".png") for p in sent.parts)
    history = _run_bytes([b"history", b"--json"], studio_home)
    assert history.returncode == 0 and _json(history)["ok"] is True


@pytest.mark.parametrize(
    "args",
    [
        [b"generate", "café au lait".encode("latin-1"), b"--model", b"gpt-image-1"],
        [b"history", b"--search", "café".encode("latin-1")],
    ],
    ids=["latin1-prompt", "latin1-search"],
)
def test_text_that_is_not_utf8_is_refused_with_a_message(
    studio_home: Path, args: list[bytes]
) -> None:
    proc = _run_bytes([*args, b"--json"], studio_home)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    data = _json(proc)
    assert proc.returncode == 2 and "not valid UTF-8" in str(data["error"])


@pytest.mark.parametrize("limit", ["99999999999999999999999", "0", "-5", "many"])
def test_an_absurd_limit_is_a_usage_error(studio_home: Path, limit: str) -> None:
    proc = run_cli_bounded("history", "--limit", limit, "--json", home=studio_home)
    assert "Traceback" not in proc.stderr, proc.stderr
    data = one_json(proc)
    assert proc.returncode == 2 and "--limit" in data["error"]["message"]


def test_a_new_home_another_process_is_creating_is_waited_for(tmp_path: Path) -> None:
    """Another process is creating the new history database (it holds the write lock,
    the file still in its first journal mode) while the CLI opens the same home: the
    switch to WAL waits instead of failing with "database is locked"."""
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    other = sqlite3.connect(home / "data" / "history.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE being_created (x)")
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio", "history", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(home),
        preexec_fn=_bounded(CLI_MEMORY),
    )
    try:
        time.sleep(2)  # the CLI meets the lock (no signal exists for "is waiting on it")
        other.execute("COMMIT")
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        other.close()
    assert "Traceback" not in err, err
    assert proc.returncode == 0 and json.loads(out)["ok"] is True


def test_the_local_upload_sends_the_documented_body(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    image, _mask = write_inputs(tmp_path)
    proc = run_cli_bounded(
        "upload", "--file", str(image), "--base-url", sandbox.base_url, "--json",
        home=studio_home, env=KEY,
    )  # fmt: skip
    data = one_json(proc)
    assert proc.returncode == 0 and data["img_id"], data
    (sent,) = [r for r in sandbox.requests if r.path == "/v1/responses"]
    # the sandbox is on this machine: the documented body names the file, nothing else
    assert sent.json() == {
        "model": "paiwo-picture",
        "input": "local",
        "image_path": str(image.resolve()),
    }


def test_a_local_upload_to_another_machine_sends_no_path(studio_home: Path) -> None:
    proc = run_cli_bounded(
        "upload", "--file", "/etc/hostname", "--base-url", "https://203.0.113.9/v1",
        "--json", home=studio_home, env=KEY, timeout=30,
    )  # fmt: skip
    data = one_json(proc)
    assert proc.returncode == 2 and data["error"]["code"] == "upload_needs_data_url", data
    assert "data URL" in data["error"]["message"]
