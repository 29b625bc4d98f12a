"""The CLI when the studio's files cannot take what arrived (a full disk, a file where a
job's folder belongs): it says so, the paid reply stays in the journal, and the next start
stores it."""

from __future__ import annotations

import time
from pathlib import Path

from studio.core.paths import resolve_paths
from tests.test_cli import one_json, run_cli


def test_a_result_that_cannot_be_stored_is_kept_and_stored_at_the_next_start(
    studio_home: Path,
) -> None:
    paths = resolve_paths(studio_home).ensure()
    # a file where the first job's folder belongs (today's and tomorrow's, for midnight)
    blockers = []
    for day in (time.time(), time.time() + 86_400):
        folder = paths.images_dir / time.strftime("%Y-%m-%d", time.localtime(day))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "000001").write_text("in the way")
        blockers.append(folder / "000001")
    proc = run_cli("generate", "a red fox", "--model", "gpt-image-1", home=studio_home)
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr  # was "Unexpected error: [Errno 17] …" and a trace
    assert "The result could not be stored (File exists)" in proc.stderr
    assert "The reply is kept in the journal" in proc.stderr
    assert len(list(paths.journal_dir.glob("*.body"))) == 1
    for blocker in blockers:
        blocker.unlink()
    listed = run_cli("history", "--json", home=studio_home)
    assert listed.returncode == 0, listed.stderr
    (job,) = one_json(listed)["jobs"]
    assert job["status"] == "succeeded" and job["prompt"] == "a red fox"
    assert list(paths.journal_dir.glob("*.body")) == []


def test_a_reply_the_journal_could_not_take_either_is_not_said_to_be_kept(
    studio_home: Path,
) -> None:
    """Files may grow to 150 kB only (a full disk, as RLIMIT_FSIZE): the journal refused the
    reply (a 3840x2160 picture, ~240 kB) too, and the message said it was kept."""
    import os
    import resource
    import signal
    import subprocess
    import sys

    # a first job, unlimited: the database has grown to its pages before the limit
    assert (
        run_cli("generate", "a first fox", "--model", "gpt-image-1", home=studio_home).returncode
        == 0
    )

    def files_of_150_kb() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "studio",
            "generate",
            "a red fox",
            "--size",
            "3840x2160",
            "--model",
            "gpt-image-2.6-sunburst",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "IMAGE_STUDIO_HOME": str(studio_home)},
        preexec_fn=files_of_150_kb,
    )
    assert proc.returncode == 4, proc.stderr
    assert "The result could not be stored (File too large), nor kept in the journal" in (
        proc.stderr
    )
    assert "Traceback" not in proc.stderr
