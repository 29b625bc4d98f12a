"""Crashes: a ``kill -9`` at the worst moments loses nothing that was paid for,
and leaves no half-written file and no broken database."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PIL import Image

from studio.core.history import HistoryStore, JobQuery
from studio.core.paths import resolve_paths
from studio.core.settings import load_settings
from studio.sandbox.server import SandboxServer
from tests.reliability.conftest import PROMPT, cli_env, run_cli, write_inputs

ROOT = Path(__file__).resolve().parents[2]


def _start_cli(home: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "studio", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(home, **env),
    )


def _wait_for_line(proc: subprocess.Popen[str], prefix: str) -> str:
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # bounded by pytest-timeout
        seen.append(line)
        if line.startswith(prefix):
            return line.strip()
    raise AssertionError(f"the process ended before {prefix!r}: {''.join(seen)}")


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["generate", "edit", "stream"])
def test_kill_after_the_reply_was_journaled_is_recovered_on_next_start(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path, mode: str
) -> None:
    args = ["edit" if mode == "edit" else "generate", PROMPT, "--model", "gpt-image-1"]
    args += ["--base-url", sandbox.base_url, "--size", "1024x1024", "--quality", "low", "--json"]
    if mode == "edit":
        image, mask = write_inputs(tmp_path / "inputs")
        args += ["--image", str(image), "--mask", str(mask)]
    if mode == "stream":
        args += ["--stream", "--partial-images", "1"]
    proc = _start_cli(
        studio_home,
        *args,
        IMAGE_STUDIO_API_KEY="test-crash-key",
        IMAGE_STUDIO_DEBUG_PAUSE_AFTER_JOURNAL="120",
    )
    try:
        line = _wait_for_line(proc, "journaled ")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    journaled = Path(line.removeprefix("journaled "))
    paths = resolve_paths(studio_home)
    assert any(p.is_file() for p in paths.journal_dir.iterdir())
    assert journaled.parent == paths.journal_dir
    posts = [r for r in sandbox.requests if r.path.startswith("/v1/images")]
    assert len(posts) == 1
    # the paid image is not in history yet: the process died before storing it
    store = HistoryStore(paths)
    try:
        (job,) = store.list_jobs(JobQuery(), limit=5)
        assert job.status == "running" and not job.images
    finally:
        store.close()

    listing = run_cli("history", "--json", home=studio_home)  # any command recovers
    assert listing.returncode == 0, listing.stderr
    (row,) = json.loads(listing.stdout)["jobs"]
    assert row["status"] == "succeeded" and row["prompt"] == PROMPT
    (image_path,) = row["images"]
    with Image.open(image_path) as im:
        im.load()
        assert im.size == (1024, 1024)
    assert not [p for p in paths.journal_dir.iterdir() if not p.name.startswith(".")]
    assert (
        len([r for r in sandbox.requests if r.path.startswith("/v1/images")]) == 1
    )  # not paid twice


WRITER = textwrap.dedent(
    """
    import io, os, sys
    from PIL import Image
    from studio.core.history import HistoryStore
    from studio.core.history.export import export_jobs
    from studio.core.paths import resolve_paths
    from studio.core.result import GeneratedImage, ImageResult
    from studio.core.settings import load_settings, save_settings
    from studio.core.thumbnails import thumbnail_for
    from tests.core.history.history_helpers import generate_request

    paths = resolve_paths().ensure()
    store = HistoryStore(paths)
    settings, _ = load_settings(paths)
    export_dir = paths.data_dir / "exports"
    i = 0
    while True:
        buf = io.BytesIO()
        Image.frombytes("RGB", (192, 192), os.urandom(192 * 192 * 3)).save(buf, "PNG")
        image = GeneratedImage(buf.getvalue(), "png", 192, 192)
        job = store.start_job(provider_id="p", provider_name="P",
                              request=generate_request(f"crash test {i}"), source="cli")
        stored = store.add_image(job, image)
        thumbnail_for(stored.path, paths.thumbnails_dir, 64)
        if i % 3:
            store.finish_job(job, ImageResult(images=[image]))
        settings.add_recent_prompt(f"crash test {i} " + "x" * 2000)
        save_settings(paths, settings)
        record = store.get_job(job)
        export_jobs([record], export_dir)
        i += 1
        print("tick", i, flush=True)
    """
)


def _complete_image(path: Path) -> None:
    with Image.open(path) as im:
        im.load()  # raises on a truncated file


def _check_home(home: Path) -> None:
    paths = resolve_paths(home)
    conn = sqlite3.connect(paths.history_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    store = HistoryStore(paths)
    try:
        store.mark_interrupted()
        jobs = store.list_jobs(JobQuery(), limit=10_000)
        assert jobs, "the writer never got to write"
        assert not [j for j in jobs if j.status == "running"]
        assert {j.status for j in jobs} <= {"succeeded", "interrupted"}
        # the writer leaves every third job unfinished: those are the dead pid's
        assert any(j.status == "interrupted" for j in jobs)
        for job in jobs:
            if job.status == "interrupted":
                assert job.error is not None and job.error.kind == "interrupted"
            for image in job.images:  # every recorded image is whole
                data = image.path.read_bytes()
                assert len(data) == image.bytes
                _complete_image(image.path)
    finally:
        store.close()
    settings, problems = load_settings(paths)
    assert problems == [] and settings.recent_prompts
    for folder in (paths.images_dir, paths.thumbnails_dir, paths.data_dir / "exports"):
        for f in folder.rglob("*"):
            if not f.is_file():
                continue
            if f.name.startswith("."):
                assert f.name.endswith(".tmp"), f  # only hidden temp files may be left
                continue
            if f.suffix == ".json":
                json.loads(f.read_text(encoding="utf-8"))
            else:
                _complete_image(f)
    for f in paths.config_dir.iterdir():
        assert f.name == "settings.json" or f.name.startswith("."), f


@pytest.mark.slow
def test_kill_9_during_writes_leaves_a_sound_history_and_whole_files(studio_home: Path) -> None:
    rng = random.Random(os.getpid())
    env = {**os.environ, "PYTHONPATH": str(ROOT), "IMAGE_STUDIO_HOME": str(studio_home)}
    for _round in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            first = proc.stdout.readline()
            assert first.startswith("tick"), proc.stderr.read() if proc.stderr else ""
            time.sleep(rng.uniform(0.05, 0.6))  # a random point in the write loop
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            proc.kill()
            proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        _check_home(studio_home)
