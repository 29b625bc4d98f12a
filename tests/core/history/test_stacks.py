"""Groups and threads as one entry each: the newest member that matches stands for its
group or thread, search finds them by any member's prompt, and each job's stack is known."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from studio.core.costs import Cost
from studio.core.errors import ErrorKind, StudioError
from studio.core.history import HistoryStore, JobQuery
from studio.core.history.groups import GroupKind, GroupStore, MemberSpec, MemberState
from studio.core.history.stacks import THREAD, Stack, stacks_of
from studio.core.history.threads import add_turn
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from tests.core.history.history_helpers import generate_request, generated

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


def _priced(
    store: HistoryStore,
    prompt: str,
    provider: str,
    cost: Cost | None,
    estimate: dict[str, object] | None = None,
    *,
    fail: bool = False,
) -> int:
    job = store.start_job(
        provider_id=provider,
        provider_name=provider.title(),
        request=generate_request(prompt),
        estimate=estimate,
    )
    if fail:
        store.fail_job(job, StudioError(ErrorKind.PROVIDER, "refused", status=400))
    else:
        store.finish_job(job, ImageResult(images=[generated()]), cost=cost)
    return job


def test_a_groups_stack_carries_what_its_members_cost_per_currency(
    store: HistoryStore,
) -> None:
    """A comparison across providers billed in dollars and in yuan, one member priced
    only by its estimate, one failed (nothing priced: not counted), one sandbox member
    (simulated) and one not sent: the total is per currency, real money first."""
    members = [
        _priced(store, "fox a", "openai", Cost(0.04, "USD", "", True)),
        _priced(store, "fox b", "openai", Cost(0.08, "USD", "", True)),
        _priced(store, "fox c", "relay", Cost(0.8, "CNY", "", False)),
        _priced(store, "fox d", "relay", None, {"cost": 0.25, "currency": "CNY"}),
        _priced(store, "fox e", "relay", None, {"cost": 9.0, "currency": "CNY"}, fail=True),
        _priced(store, "fox f", "sandbox", Cost(0.069, "USD", "", True)),
    ]
    groups = GroupStore(store)
    specs = [MemberSpec(f"fox {i}", TARGET) for i in range(len(members) + 1)]
    gid = groups.create(GroupKind.COMPARE, "{x}", {}, specs)
    for idx, job in enumerate(members):
        groups.update_member(gid, idx, MemberState.SUCCEEDED, job_id=job)
    stack = stacks_of(store, [members[0]])[members[0]]
    assert stack.cost is not None
    parts = [(p.currency, round(p.amount, 6), p.simulated, p.estimated) for p in stack.cost.parts]
    assert parts == [
        ("USD", 0.12, False, False),  # in the order the members used them
        ("CNY", 1.05, False, True),  # 0.80 priced + 0.25 estimated
        ("USD", 0.069, True, False),
    ]
    assert stack.cost.unknown == 0
    # a finished member whose cost nothing knows: the total is only the least it cost
    extra = groups.create(GroupKind.BATCH, "{x}", {}, [MemberSpec("x", TARGET)] * 2)
    known = _priced(store, "cat 1", "openai", Cost(0.04, "USD", "", True))
    unpriced = _priced(store, "cat 2", "openai", None)
    groups.update_member(extra, 0, MemberState.SUCCEEDED, job_id=known)
    groups.update_member(extra, 1, MemberState.SUCCEEDED, job_id=unpriced)
    batch = stacks_of(store, [unpriced])[unpriced]
    assert batch.cost is not None and batch.cost.unknown == 1
    assert [(p.currency, p.amount) for p in batch.cost.parts] == [("USD", 0.04)]
    # a stack's cost is no part of what it is
    assert stack == Stack("compare", gid, len(specs))


def test_a_threads_stack_carries_what_its_turns_cost(store: HistoryStore) -> None:
    """A conversation's row stood for its newest turn's cost alone."""
    turns = []
    parent = None
    for prompt, cost in (
        ("an otter", Cost(0.05, "USD", "", True)),
        ("make it blue", None),  # its estimate only
        ("now a hat", Cost(0.07, "USD", "", True)),
    ):
        job = _priced(store, prompt, "openai", cost, {"cost": 0.02, "currency": "USD"})
        parent = add_turn(store, job, parent=parent, text_model="gpt-5")
        turns.append(job)
    stack = stacks_of(store, [turns[-1]])[turns[-1]]
    assert stack.is_thread and stack.cost is not None
    parts = [(p.currency, round(p.amount, 6), p.estimated) for p in stack.cost.parts]
    assert parts == [("USD", 0.14, True)]
    assert stack.cost.unknown == 0
