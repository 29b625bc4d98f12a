"""Groups and threads as one entry each: the newest member that matches stands for its
group or thread, search finds them by any member's prompt, and each job's stack is known."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from studio.core.history import HistoryStore, JobQuery
from studio.core.history.groups import GroupKind, GroupStore, MemberSpec, MemberState
from studio.core.history.stacks import THREAD, Stack, stacks_of
from studio.core.history.threads import add_turn
from studio.core.paths import resolve_paths
from tests.core.history.history_helpers import generate_request

TARGET = {"provider": "sandbox", "model": "gpt-image-2", "params": {}}


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths().ensure())
    yield s
    s.close()


def _job(store: HistoryStore, prompt: str) -> int:
    return store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request(prompt)
    )


def _group(store: HistoryStore, kind: GroupKind, prompts: list[str]) -> tuple[int, list[int]]:
    groups = GroupStore(store)
    gid = groups.create(kind, "{x}", {}, [MemberSpec(p, TARGET) for p in [*prompts, "unsent"]])
    ids = []
    for idx, prompt in enumerate(prompts):
        job = _job(store, prompt)
        groups.update_member(gid, idx, MemberState.SUCCEEDED, job_id=job)
        ids.append(job)
    return gid, ids


def _thread(store: HistoryStore, prompts: list[str]) -> list[int]:
    ids, parent = [], None
    for prompt in prompts:
        job = _job(store, prompt)
        parent = add_turn(store, job, parent=parent, text_model="gpt-5")
        ids.append(job)
    return ids


def test_a_group_and_a_thread_are_one_entry_each(store: HistoryStore) -> None:
    alone = _job(store, "a lone heron")
    gid, members = _group(store, GroupKind.COMPARE, ["fox one", "heron two", "fox three"])
    turns = _thread(store, ["an otter", "make it blue", "now a hat"])
    later = _job(store, "a later fox")
    collapsed = JobQuery(collapse=True)
    assert [j.id for j in store.list_jobs(collapsed)] == [later, turns[-1], members[-1], alone]
    assert store.count_jobs(collapsed) == 4
    assert store.count_jobs(JobQuery()) == 8  # without collapse every job is there
    # search: the newest member that matches stands for its group
    heron = JobQuery(text="heron", collapse=True)
    assert [j.id for j in store.list_jobs(heron)] == [members[1], alone]
    assert store.count_jobs(heron) == 2
    assert [j.id for j in store.list_jobs(JobQuery(text="blue", collapse=True))] == [turns[1]]
    # keyset pages walk the entries once each
    page = store.list_jobs(collapsed, limit=2)
    rest = store.list_jobs(collapsed, limit=10, before_id=page[-1].id)
    assert [j.id for j in [*page, *rest]] == [later, turns[-1], members[-1], alone]
    assert store.job_matches(members[-1], collapsed)
    assert not store.job_matches(members[0], collapsed)

    stacks = stacks_of(store, [alone, *members, *turns])
    assert alone not in stacks
    assert stacks[members[0]] == Stack("compare", gid, 4)  # three sent and one not yet
    assert stacks[turns[2]] == Stack(THREAD, turns[0], 3)
    assert stacks[turns[2]].is_thread and not stacks[members[0]].is_thread


def test_a_batch_is_a_stack_of_its_kind(store: HistoryStore) -> None:
    gid, members = _group(store, GroupKind.BATCH, ["cat 1", "cat 2"])
    assert stacks_of(store, members)[members[1]] == Stack("batch", gid, 3)


def test_a_groups_jobs_can_be_listed_on_their_own(store: HistoryStore) -> None:
    _job(store, "a lone heron")
    gid, members = _group(store, GroupKind.BATCH, ["fox one", "heron two", "fox three"])
    _other, others = _group(store, GroupKind.COMPARE, ["fox four"])
    query = JobQuery(group_id=gid)
    assert [j.id for j in store.list_jobs(query)] == members[::-1]
    assert store.count_jobs(query) == 3
    assert [j.id for j in store.list_jobs(JobQuery(group_id=gid, text="fox"))] == [
        members[2],
        members[0],
    ]
    assert store.job_matches(members[1], query) and not store.job_matches(others[0], query)
    assert store.list_jobs(JobQuery(group_id=gid + 99)) == []
