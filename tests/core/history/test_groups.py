"""Job groups in history: the migration, members linked to jobs, search, claiming."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from studio.core.history import schema
from studio.core.history.groups import (
    GroupKind,
    GroupStatus,
    GroupStore,
    MemberSpec,
    MemberState,
)
from studio.core.history.store import HistoryStore
from studio.core.paths import resolve_paths
from studio.core.request import ImageRequest, Mode

TARGET = {"provider": "sandbox", "model": "dall-e-2", "params": {"size": "256x256"}}


@pytest.fixture
def store() -> HistoryStore:
    return HistoryStore(resolve_paths().ensure())


def test_the_latest_schema_has_the_group_tables(store: HistoryStore) -> None:
    store.close()
    conn = sqlite3.connect(resolve_paths().history_db)
    try:
        assert schema.schema_version(conn) == schema.LATEST
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"job_groups", "group_members"} <= tables
    finally:
        conn.close()


def test_members_link_to_ordinary_jobs_and_search_finds_the_group(store: HistoryStore) -> None:
    groups = GroupStore(store)
    members = [
        MemberSpec("a cat in oil", TARGET, 0.016),
        MemberSpec("a fox in ink", TARGET, 0.016),
        MemberSpec("a fox in ink", {**TARGET, "model": "dall-e-3"}, None, refused="too small"),
    ]
    gid = groups.create(GroupKind.BATCH, "a {animal} in {style}", {"concurrency": 2}, members)
    job = store.start_job(
        provider_id="sandbox",
        provider_name="Sandbox",
        request=ImageRequest(Mode.GENERATE, "dall-e-2", "a cat in oil"),
    )
    groups.update_member(gid, 0, MemberState.SUCCEEDED, job_id=job, cost=0.016)
    group = groups.get(gid)
    assert group is not None and group.kind is GroupKind.BATCH
    assert [m.state for m in group.members] == [
        MemberState.SUCCEEDED,
        MemberState.QUEUED,
        MemberState.REFUSED,
    ]
    assert group.members[0].job_id == job and group.members[0].cost == 0.016
    assert group.members[2].error == {"kind": "refused", "message": "too small"}
    assert groups.group_of_job(job) == (gid, 0)
    assert [g.id for g in groups.search("{animal}")] == [gid]
    assert [g.id for g in groups.search("fox in")] == [gid]
    assert groups.search("100%_") == []
    assert group.counts() == {"succeeded": 1, "queued": 1, "refused": 1}


def test_a_member_being_sent_by_a_dead_process_becomes_interrupted(store: HistoryStore) -> None:
    groups = GroupStore(store)
    gid = groups.create(
        GroupKind.BATCH, "{x}", {}, [MemberSpec("a", TARGET), MemberSpec("b", TARGET)]
    )
    groups.update_member(gid, 0, MemberState.SENDING)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    with store._write() as conn:
        conn.execute("UPDATE job_groups SET pid = ? WHERE id = ?", (int(dead.stdout), gid))
    assert [g.id for g in groups.unfinished()] == [gid]
    group = groups.claim(gid)
    assert [m.state for m in group.members] == [MemberState.INTERRUPTED, MemberState.QUEUED]
    assert group.status is GroupStatus.RUNNING


def test_a_group_run_by_a_live_process_cannot_be_claimed(store: HistoryStore) -> None:
    groups = GroupStore(store)
    gid = groups.create(GroupKind.COMPARE, "a cat", {}, [MemberSpec("a cat", TARGET)])
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with store._write() as conn:
            conn.execute(
                "UPDATE job_groups SET pid = ?, pid_start = NULL WHERE id = ?", (live.pid, gid)
            )
        with pytest.raises(RuntimeError, match="being run by process"):
            groups.claim(gid)
        assert groups.unfinished() == []
    finally:
        live.kill()
        live.wait()


def test_undoing_a_members_delete_puts_it_back_in_its_group(store: HistoryStore) -> None:
    groups = GroupStore(store)
    members = [MemberSpec("a cat in oil", TARGET, 0.016), MemberSpec("a fox", TARGET, 0.016)]
    gid = groups.create(GroupKind.COMPARE, "a cat", {}, members)
    jobs = []
    for idx, text in enumerate(("a cat in oil", "a fox")):
        job = store.start_job(
            provider_id="sandbox",
            provider_name="Sandbox",
            request=ImageRequest(Mode.GENERATE, "dall-e-2", text),
        )
        groups.update_member(gid, idx, MemberState.SUCCEEDED, job_id=job, cost=0.016)
        jobs.append(job)
    deleted = store.delete_job(jobs[0])
    assert groups.group_of_job(jobs[0]) is None
    assert groups.get(gid).members[0].job_id is None  # type: ignore[union-attr]
    store.restore_job(deleted)
    assert groups.group_of_job(jobs[0]) == (gid, 0)
    assert [m.job_id for m in groups.get(gid).members] == jobs  # type: ignore[union-attr]


def test_an_undo_never_takes_a_place_filled_again_since(store: HistoryStore) -> None:
    groups = GroupStore(store)
    gid = groups.create(GroupKind.COMPARE, "a cat", {}, [MemberSpec("a cat", TARGET, 0.016)])

    def job() -> int:
        return store.start_job(
            provider_id="sandbox",
            provider_name="Sandbox",
            request=ImageRequest(Mode.GENERATE, "dall-e-2", "a cat"),
        )

    first = job()
    groups.update_member(gid, 0, MemberState.SUCCEEDED, job_id=first)
    deleted = store.delete_job(first)
    retry = job()  # the person retried the cell meanwhile
    groups.update_member(gid, 0, MemberState.SUCCEEDED, job_id=retry)
    store.restore_job(deleted)
    assert groups.group_of_job(retry) == (gid, 0)
    assert groups.group_of_job(first) is None
