"""The history store under stress: other processes, old databases, crashes, failed writes."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studio.core import atomic
from studio.core.history import HistoryStore, JobQuery
from studio.core.history import schema as history_schema
from studio.core.history.opening import HistoryUnusable
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from tests.core.history.history_helpers import edit_request, generate_request, generated

ROOT = Path(__file__).resolve().parents[3]

WRITER = textwrap.dedent(
    """
    import sys
    from studio.core.history import HistoryStore
    from studio.core.paths import resolve_paths
    from studio.core.result import ImageResult
    from tests.core.history.history_helpers import generate_request, generated

    tag, count = sys.argv[1], int(sys.argv[2])
    store = HistoryStore(resolve_paths())
    for i in range(count):
        job = store.start_job(provider_id=tag, provider_name=tag, request=generate_request(
            f"{tag} 第{i}只小海獭"), source="cli")
        store.add_image(job, generated((i % 250, len(tag), 1)))
        store.finish_job(job, ImageResult(images=[generated((i % 250, len(tag), 2))]))
    store.close()
    """
)


def _run_python(code: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_processes_and_this_one_write_at_once() -> None:
    store = HistoryStore(resolve_paths())
    try:
        writers = [_run_python(WRITER, tag, "25") for tag in ("cli-a", "cli-b")]
        mine = []
        for i in range(25):
            job = store.start_job(
                provider_id="gui", provider_name="gui", request=generate_request(f"gui otter {i}")
            )
            store.finish_job(job, ImageResult(images=[generated((i, 3, 3))]))
            mine.append(job)
        for w in writers:
            _out, err = w.communicate(timeout=120)
            assert w.returncode == 0, err.decode()
        jobs = store.list_jobs(limit=1000)
        assert len(jobs) == 75 and len({j.id for j in jobs}) == 75
        assert store.count_jobs(JobQuery(provider_id="cli-a")) == 25
        assert store.count_jobs(JobQuery(text="小海獭")) == 50
        for record in jobs:
            assert record.status == "succeeded"
            assert len(record.images) == (2 if record.provider_id != "gui" else 1)
            assert all(img.path.is_file() for img in record.images)
    finally:
        store.close()


def _v1_database(path: Path) -> None:
    """A database exactly as the first released schema left it, with one finished job."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(history_schema.V1)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO jobs (created_at, finished_at, provider_id, provider_name, model, mode,"
            " prompt, params, revised_prompts, status, source) VALUES"
            " (1700000000, 1700000009, 'dmxapi', 'DMXAPI', 'gpt-image-1', 'generate',"
            " '河边的小海獭', '{\"n\": 1}', '[\"a sea otter by a river\"]', 'succeeded', 'gui')"
        )
        conn.execute(
            "INSERT INTO images (job_id, idx, path, width, height, format, bytes, sha256)"
            " VALUES (1, 1, '2023-11-14/000001/01.png', 32, 24, 'png', 100, 'abc')"
        )
        conn.commit()
    finally:
        conn.close()


def test_a_v1_database_is_migrated_and_keeps_its_jobs() -> None:
    paths = resolve_paths()
    _v1_database(paths.history_db)
    store = HistoryStore(paths)
    try:
        conn = sqlite3.connect(paths.history_db)
        try:
            assert history_schema.schema_version(conn) == history_schema.LATEST == 8
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            assert "turns" in tables  # v6: conversation turns
            assert "group_members_group_job" in tables  # v7: a group's members by job
            assert "thread_titles" in tables  # v8: conversations' names
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            conn.close()
        job = store.get_job(1)
        assert job is not None and job.prompt == "河边的小海獭" and not job.favourite
        assert job.images[0].path == paths.images_dir / "2023-11-14/000001/01.png"
        # the old rows were indexed for full-text search by the migration
        assert [j.id for j in store.list_jobs(JobQuery(text="小海獭"))] == [1]
        assert [j.id for j in store.list_jobs(JobQuery(text="sea otter"))] == [1]
        # v3: an old job has no known cost and is left out of the spend summary
        assert (job.cost, job.cost_currency) == (None, None) and store.spend() == []
        store.set_favourite(1, True)
        new = store.start_job(provider_id="p", provider_name="P", request=generate_request())
        assert new == 2
        assert store.count_jobs(JobQuery(favourite=True)) == 1
    finally:
        store.close()


def test_a_database_from_a_newer_studio_is_refused() -> None:
    paths = resolve_paths()
    paths.ensure()
    conn = sqlite3.connect(paths.history_db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(HistoryUnusable) as refused:
        HistoryStore(paths)
    assert refused.value.reason == "newer" and refused.value.version == 99
    assert isinstance(refused.value.__cause__, history_schema.SchemaTooNew)


def test_a_failed_migration_step_leaves_the_old_version(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = resolve_paths()
    _v1_database(paths.history_db)
    broken = (history_schema.V1, history_schema.V2 + "\nTHIS IS NOT SQL;")
    monkeypatch.setattr(history_schema, "MIGRATIONS", broken)
    conn = sqlite3.connect(paths.history_db, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError):
            history_schema.migrate(conn, target=2)
        assert history_schema.schema_version(conn) == 1
        columns = {r[1] for r in conn.execute("PRAGMA table_info(jobs)")}
        assert "favourite" not in columns  # the half-applied step was rolled back
    finally:
        conn.close()


CRASHER = textwrap.dedent(
    """
    from studio.core.history import HistoryStore
    from studio.core.paths import resolve_paths
    from tests.core.history.history_helpers import generate_request

    store = HistoryStore(resolve_paths())
    print(store.start_job(provider_id="p", provider_name="P", request=generate_request("lost")))
    store.close()
    # exits without finishing the job, as a crash would
    """
)


def test_jobs_left_running_by_a_dead_process_become_interrupted() -> None:
    proc = _run_python(CRASHER)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    orphan = int(out.decode().strip())

    store = HistoryStore(resolve_paths())
    try:
        alive = store.start_job(provider_id="p", provider_name="P", request=generate_request())
        elsewhere = store.start_job(provider_id="p", provider_name="P", request=generate_request())
        conn = sqlite3.connect(store.paths.history_db)
        with conn:
            conn.execute(
                "UPDATE jobs SET hostname = ?, pid = 1 WHERE id = ?",
                (socket.gethostname() + "-other", elsewhere),
            )
        conn.close()

        assert store.mark_interrupted() == 1
        job = store.get_job(orphan)
        assert job is not None and job.status == "interrupted"
        assert job.error is not None and job.error.kind == "interrupted"
        still = store.get_job(alive)
        assert still is not None and still.status == "running"  # this process is alive
        other = store.get_job(elsewhere)
        assert other is not None and other.status == "running"  # can't judge another host
        assert store.mark_interrupted() == 0
    finally:
        store.close()


def test_a_reused_pid_does_not_keep_a_job_running() -> None:
    store = HistoryStore(resolve_paths())
    try:
        job = store.start_job(provider_id="p", provider_name="P", request=generate_request())
        conn = sqlite3.connect(store.paths.history_db)
        with conn:  # same live pid, but a different process start time: a reused pid
            conn.execute("UPDATE jobs SET pid_start = 'not-this-process' WHERE id = ?", (job,))
        conn.close()
        if store._pid_start is None:
            pytest.skip("no /proc to read process start times from")
        assert store.mark_interrupted() == 1
    finally:
        store.close()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_a_failed_image_write_leaves_no_partial_file_and_no_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = HistoryStore(resolve_paths())
    try:
        job_id = store.start_job(provider_id="p", provider_name="P", request=generate_request())
        store.add_image(job_id, generated((1, 1, 1)))
        real_replace = os.replace

        def disk_full(src: str, dst: str) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic.os, "replace", disk_full)
        with pytest.raises(OSError, match="No space"):
            store.add_image(job_id, generated((2, 2, 2)))
        monkeypatch.setattr(atomic.os, "replace", real_replace)

        job = store.get_job(job_id)
        assert job is not None and len(job.images) == 1
        assert _files(store.images_dir) == ["01.png"]  # no temp file, no half image
        second = store.add_image(job_id, generated((2, 2, 2)))
        assert (
            second.path.name == "02.png" and second.path.read_bytes() == generated((2, 2, 2)).data
        )
    finally:
        store.close()


def test_a_failed_input_copy_removes_the_half_recorded_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = HistoryStore(resolve_paths())
    try:
        calls = 0
        real_replace = os.replace

        def fail_second(src: str, dst: str) -> None:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise OSError(5, "I/O error")
            real_replace(src, dst)

        monkeypatch.setattr(atomic.os, "replace", fail_second)
        with pytest.raises(OSError, match="I/O error"):
            store.start_job(provider_id="p", provider_name="P", request=edit_request())
        assert store.count_jobs() == 0
        assert _files(store.images_dir) == []
    finally:
        store.close()


@pytest.mark.parametrize("position", [0, None])
def test_storing_an_image_again_mends_a_file_a_power_cut_left_short(
    position: int | None,
) -> None:
    """The journal is replayed after a power cut into a job whose row was committed but
    whose file's bytes never reached the disk: the replay writes them again."""
    store = HistoryStore(resolve_paths())
    try:
        job_id = store.start_job(provider_id="p", provider_name="P", request=generate_request())
        image = generated((7, 8, 9))
        first = store.add_image(job_id, image, position)
        first.path.write_bytes(b"")  # what a lost page cache leaves: an empty file
        again = store.add_image(job_id, image, position)
        assert again.id == first.id and again.path == first.path
        assert again.path.read_bytes() == image.data
        first.path.unlink()  # deleted by hand: brought back too
        assert store.add_image(job_id, image, position).path.read_bytes() == image.data
        job = store.get_job(job_id)
        assert job is not None and len(job.images) == 1
    finally:
        store.close()


def test_a_second_place_with_the_same_bytes_does_not_share_a_short_file() -> None:
    store = HistoryStore(resolve_paths())
    try:
        job_id = store.start_job(provider_id="p", provider_name="P", request=generate_request())
        image = generated((3, 4, 5))
        first = store.add_image(job_id, image, 0)
        first.path.write_bytes(image.data[:10])
        second = store.add_image(job_id, image, 1)
        assert second.path != first.path and second.path.read_bytes() == image.data
    finally:
        store.close()
