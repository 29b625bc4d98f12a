"""The fault matrix through the CLI as a script runs it: a real subprocess, the
sandbox over HTTP. Each failure is one JSON error with words a person
understands and the right exit code, the job is in history, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.core.history.queries import JobQuery
from studio.core.journal import Journal
from studio.core.service import Studio
from studio.sandbox.server import SandboxServer
from tests.reliability.conftest import (
    MATRIX,
    MATRIX_IDS,
    PROMPT,
    FaultCase,
    closed_port,
    image_requests,
    one_json,
    run_cli,
    write_inputs,
    write_settings,
)

EXIT = {"provider": 3, "network": 4}


def cli_args(mode: str, base_url: str, inputs: Path) -> list[str]:
    args = [
        "edit" if mode == "edit" else "generate",
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
    ]
    if mode == "edit":
        image, mask = write_inputs(inputs)
        args += ["--image", str(image), "--mask", str(mask)]
    if mode == "stream":
        args += ["--stream", "--partial-images", "1"]
    return args


@pytest.mark.slow
@pytest.mark.parametrize(("case", "mode"), MATRIX, ids=MATRIX_IDS)
def test_cli_fault(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path, case: FaultCase, mode: str
) -> None:
    for fault in case.faults("/images/edits" if mode == "edit" else "/images/generations"):
        sandbox.inject(fault)
    if case.read_timeout is not None:
        write_settings(studio_home, read_timeout=case.read_timeout)
    base_url = f"http://127.0.0.1:{closed_port()}/v1" if case.refused else sandbox.base_url
    proc = run_cli(
        *cli_args(mode, base_url, tmp_path / "inputs"),
        home=studio_home,
        env={"IMAGE_STUDIO_API_KEY": "test-cli-key"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    data = one_json(proc)
    assert image_requests(sandbox) == case.requests
    studio = Studio.open(studio_home, recover=False)
    try:
        (record,) = studio.history.list_jobs(JobQuery(), limit=5)
        assert record.source == "cli" and record.prompt == PROMPT
        assert record.status == case.outcome
        pending = Journal(studio.paths.journal_dir).pending()
    finally:
        studio.close()
    if case.outcome == "succeeded":
        assert proc.returncode == 0 and data["ok"] is True
        assert Path(data["images"][0]["path"]).read_bytes().startswith(b"\x89PNG")
        return
    assert proc.returncode == EXIT[case.kind], proc.stdout + proc.stderr
    err = data["error"]
    assert data["ok"] is False and err["kind"] == case.kind and err["status"] == case.status
    for word in case.words:
        assert word in err["message"].lower(), (word, err["message"])
    assert record.error is not None and record.error.message == err["message"]
    assert len(pending) == (1 if case.journaled else 0)


@pytest.mark.slow
def test_cli_plain_output_explains_without_traceback(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """Without --json a person reads one line on stderr with the status and code, then
    what to do about it."""
    from studio.sandbox.faults import Fault, html_page

    sandbox.inject(Fault(path="/images/generations", status=502, body=html_page(502)))
    args = [a for a in cli_args("generate", sandbox.base_url, tmp_path) if a != "--json"]
    proc = run_cli(*args, home=studio_home, env={"IMAGE_STUDIO_API_KEY": "test-cli-key"})
    assert proc.returncode == 3
    assert proc.stdout == ""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines[-2].startswith("error: ") and "502" in lines[-2] and "proxy" in lines[-2]
    assert lines[-1].strip().startswith("What to do: ")
    assert "Traceback" not in proc.stderr and "<html" not in proc.stderr
