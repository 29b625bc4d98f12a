"""The batch runner and compare over real HTTP against the sandbox."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from studio.core.batch import BatchRunner, MemberDone, Target, plan_batch, plan_compare, start_group
from studio.core.history.groups import Group, GroupKind, GroupStatus, MemberState
from studio.core.providers import Provider
from studio.core.service import Studio
from studio.core.templates import TemplateError
from studio.sandbox.server import SandboxServer

SMALL = {"size": "256x256"}


def _posts(sandbox: SandboxServer) -> list[dict]:
    return [r.json() for r in sandbox.requests if r.path.endswith("/images/generations")]


def test_a_batch_of_50_keeps_to_the_concurrency_cap(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    sandbox.latency = 0.05
    values = "n\n" + "".join(f"{i}\n" for i in range(50))
    members = plan_batch(
        studio_ctx, "fox number {n}", values, Target(sandbox_provider, "dall-e-2", SMALL)
    )
    gid = start_group(studio_ctx, GroupKind.BATCH, "fox number {n}", {}, members)
    seen: list[MemberDone] = []
    group = BatchRunner(studio_ctx, gid, concurrency=3, on_member=seen.append).run()
    assert group.status is GroupStatus.FINISHED
    assert all(m.state is MemberState.SUCCEEDED for m in group.members)
    assert 1 < sandbox.max_in_flight <= 3
    prompts = sorted(p["prompt"] for p in _posts(sandbox))
    assert prompts == sorted(f"fox number {i}" for i in range(50))
    assert len(seen) == 50 and all(d.paths for d in seen)
    jobs = {m.job_id for m in group.members}
    assert len(jobs) == 50
    record = studio_ctx.history.get_job(group.members[7].job_id or 0)
    assert record is not None and record.prompt == "fox number 7" and record.images


def test_the_spend_cap_stops_before_the_member_that_would_pass_it(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    members = plan_batch(
        studio_ctx,
        "a {animal}",
        "cat\ndog\nowl\ncow\nemu\n",
        Target(sandbox_provider, "dall-e-2", SMALL),
    )
    assert [m.estimate for m in members] == [0.016] * 5
    gid = start_group(studio_ctx, GroupKind.BATCH, "a {animal}", {}, members)
    runner = BatchRunner(studio_ctx, gid, concurrency=1, max_cost=0.05)
    group = runner.run()
    # 3 × 0.016 = 0.048 fits under 0.05; a fourth would make 0.064
    assert group.status is GroupStatus.CAPPED
    assert [m.state for m in group.members] == [MemberState.SUCCEEDED] * 3 + [
        MemberState.SKIPPED
    ] * 2
    assert [p["prompt"] for p in _posts(sandbox)] == ["a cat", "a dog", "a owl"]
    assert runner.progress().spent == pytest.approx(0.048)
    assert runner.progress().failed == 2 and runner.progress().done == 5


def test_a_batch_the_model_refuses_sends_nothing(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    with pytest.raises(TemplateError) as info:
        plan_batch(
            studio_ctx,
            "a {animal}",
            "cat\n" + "x" * 1200 + "\n",
            Target(sandbox_provider, "dall-e-2", SMALL),
        )
    assert [b.line for b in info.value.bad_rows] == [2]
    with pytest.raises(TemplateError) as info:
        plan_batch(
            studio_ctx,
            "a {animal}",
            "cat\ndog\n",
            Target(sandbox_provider, "dall-e-2", {"size": "100x100"}),
        )
    assert [b.line for b in info.value.bad_rows] == [1, 2]
    assert sandbox.requests == []


def test_compare_sends_nothing_to_a_target_that_refuses(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    prompt = "a lighthouse at dusk " * 60  # 1,260 characters: dall-e-2 takes at most 1,000
    targets = [
        Target(sandbox_provider, "gpt-image-1", {"size": "1024x1024", "quality": "low"}),
        Target(sandbox_provider, "dall-e-2", SMALL),
        Target(sandbox_provider, "dall-e-3", {}),
    ]
    members = plan_compare(studio_ctx, prompt.strip(), targets)
    gid = start_group(studio_ctx, GroupKind.COMPARE, prompt.strip(), {}, members)
    group = BatchRunner(studio_ctx, gid).run()
    states = {m.target["model"]: m.state for m in group.members}
    assert states == {
        "gpt-image-1": MemberState.SUCCEEDED,
        "dall-e-2": MemberState.REFUSED,
        "dall-e-3": MemberState.SUCCEEDED,
    }
    refused = group.members[1]
    assert (
        refused.job_id is None and refused.error is not None and "1,000" in refused.error["message"]
    )
    assert sorted(p["model"] for p in _posts(sandbox)) == ["dall-e-3", "gpt-image-1"]


def test_pause_holds_the_queue_and_cancel_skips_the_rest(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    values = "".join(f"{i}\n" for i in range(20))
    members = plan_batch(studio_ctx, "owl {n}", values, Target(sandbox_provider, "dall-e-2", SMALL))
    gid = start_group(studio_ctx, GroupKind.BATCH, "owl {n}", {}, members)
    runner: BatchRunner

    def on_member(done: MemberDone) -> None:
        if done.member.state is MemberState.SUCCEEDED:
            runner.cancel()

    runner = BatchRunner(studio_ctx, gid, concurrency=1, on_member=on_member)
    runner.pause()
    result: list[Group] = []
    worker = threading.Thread(target=lambda: result.append(runner.run()))
    worker.start()
    assert runner.held.wait(30)
    assert runner.progress().status is GroupStatus.PAUSED
    assert sandbox.requests == []
    runner.resume()
    worker.join(30)
    (group,) = result
    assert group.status is GroupStatus.CANCELLED
    states = [m.state for m in group.members]
    assert states[0] is MemberState.SUCCEEDED
    # the member the dispatcher had already handed on when the cancel came is cancelled
    # on its way (or finishes); every later one is skipped and never sent
    started = [m for m in group.members if m.job_id is not None]
    assert 1 <= len(started) <= 2
    assert all(m.state is MemberState.SKIPPED for m in group.members[len(started) :])
    for m in started[1:]:
        assert m.state is MemberState.SUCCEEDED or (m.error or {}).get("kind") == "cancelled"
    assert len(_posts(sandbox)) <= len(started)


def test_a_resumed_batch_promises_no_time_left_before_it_has_done_a_member(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """The members finished before the studio stopped took none of this run's time: the
    time left comes from the members this run finishes ("about 1 s left" for a batch
    that needs minutes came from counting them)."""
    sandbox.latency = 0.05
    values = "".join(f"{i}\n" for i in range(6))
    members = plan_batch(studio_ctx, "owl {n}", values, Target(sandbox_provider, "dall-e-2", SMALL))
    gid = start_group(studio_ctx, GroupKind.BATCH, "owl {n}", {}, members)
    first: BatchRunner

    def on_member(done: MemberDone) -> None:
        if done.member.state is MemberState.SUCCEEDED:
            first.stop()  # the studio closes: the rest stays queued

    first = BatchRunner(studio_ctx, gid, concurrency=1, on_member=on_member)
    stopped = first.run()
    assert stopped.status is GroupStatus.INTERRUPTED
    done_before = sum(m.state is not MemberState.QUEUED for m in stopped.members)
    assert 1 <= done_before < 6
    again = BatchRunner(studio_ctx, gid, concurrency=1)
    again.pause()
    result: list[Group] = []
    worker = threading.Thread(target=lambda: result.append(again.run()))
    worker.start()
    assert again.held.wait(30)
    held = again.progress()
    again.resume()
    worker.join(30)
    assert held.done == done_before and held.eta_s is None
    (group,) = result
    assert group.status is GroupStatus.FINISHED
    assert again.progress().done == 6


def test_a_comparison_killed_mid_way_resumes_sending_only_the_targets_never_sent(
    studio_home: Path, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.core.batch import resume_limits
    from studio.core.history.groups import GroupStore
    from studio.sandbox.embedded import embedded_sandbox_url
    from tests.killed_compare import MODELS, kill_mid_compare, sent_models

    monkeypatch.setenv("IMAGE_STUDIO_API_KEY", "test-compare-key")
    group_id = kill_mid_compare(sandbox, {})
    # the next start: the comparison is offered, nothing is sent until it is resumed
    studio = Studio.open(recover=True, sandbox=embedded_sandbox_url)
    try:
        (offered,) = GroupStore(studio.history).unfinished()
        assert offered.id == group_id and offered.kind is GroupKind.COMPARE
        states = [m.state for m in offered.members]
        assert states == [MemberState.SUCCEEDED, MemberState.SENDING] + [MemberState.QUEUED] * 2
        assert resume_limits(offered) == (1, None)
        seen: list[MemberDone] = []
        group = BatchRunner(
            studio, group_id, concurrency=resume_limits(offered)[0], on_member=seen.append
        ).run()
        sent_again = [m.job_id for m in group.members]
        interrupted = studio.history.get_job(group.members[1].job_id or 0)
    finally:
        studio.close()
    assert group.status is GroupStatus.FINISHED
    assert [m.state for m in group.members] == [
        MemberState.SUCCEEDED,
        MemberState.INTERRUPTED,
        MemberState.SUCCEEDED,
        MemberState.SUCCEEDED,
    ]
    # every target reached the provider exactly once: the one in flight was not sent again
    assert sent_models(sandbox) == Counter(MODELS)
    assert len(set(sent_again)) == 4 and None not in sent_again
    # its job was the one sent before the kill, marked interrupted by the restart
    assert interrupted is not None and interrupted.status == "interrupted"
    assert group.members[1].error is not None
    assert group.members[1].error["text"]["template"].startswith("The studio closed")
    assert sorted(d.member.idx for d in seen) == [0, 1, 2, 3]


def test_a_target_whose_provider_has_no_key_is_kept_as_refused_for_want_of_one(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    from studio.core.batch import refused_for_key

    dmxapi = studio_ctx.providers()["dmxapi"]
    assert studio_ctx.api_key(dmxapi) is None
    targets = [Target(sandbox_provider, "dall-e-2", SMALL), Target(dmxapi, "gpt-image-2", {})]
    members = plan_compare(studio_ctx, "a heron", targets)
    gid = start_group(studio_ctx, GroupKind.COMPARE, "a heron", {}, members)
    group = BatchRunner(studio_ctx, gid).run()
    answered, keyless = group.members
    assert answered.state is MemberState.SUCCEEDED and not refused_for_key(answered.error)
    assert keyless.state is MemberState.FAILED and keyless.error is not None
    assert keyless.error["cause"] == "no_key" and keyless.error["maybe_processed"] is False
    assert refused_for_key(keyless.error)
    assert [p["model"] for p in _posts(sandbox)] == ["dall-e-2"]  # nothing sent for it
    # stored before the cause was kept: known by its sentence
    older = {k: v for k, v in keyless.error.items() if k != "cause"}
    assert refused_for_key(older)
    network = {"kind": "network", "message": "timed out", "maybe_processed": True}
    assert not refused_for_key(network) and not refused_for_key(None)


def test_a_member_retried_leaves_its_batch_as_it_ended(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """A retry of one member of a batch the spend cap stopped (or one interrupted with
    members still queued) marked the whole batch finished: its queued rest was never
    offered for resuming again, and the Batch panel said "Finished"."""
    from studio.core.batch import retry_member
    from studio.core.history.groups import GroupStore

    members = plan_batch(
        studio_ctx, "a {animal}", "cat\ndog\nowl\n", Target(sandbox_provider, "dall-e-2", SMALL)
    )
    gid = start_group(studio_ctx, GroupKind.BATCH, "a {animal}", {}, members)
    group = BatchRunner(studio_ctx, gid, concurrency=1, max_cost=0.02).run()
    assert group.status is GroupStatus.CAPPED
    new_idx = retry_member(studio_ctx, gid, 1)
    group = BatchRunner(studio_ctx, gid).run(only={new_idx})
    assert group.status is GroupStatus.CAPPED
    assert [m.state for m in group.members] == [
        MemberState.SUCCEEDED,
        MemberState.SKIPPED,
        MemberState.SKIPPED,
        MemberState.SUCCEEDED,
    ]
    # an interrupted batch with a member still queued stays resumable after a retry
    store = GroupStore(studio_ctx.history)
    store.set_status(gid, GroupStatus.INTERRUPTED)
    queued = store.add_member(gid, members[2])
    assert store.resumable(gid)
    again = retry_member(studio_ctx, gid, 0)
    group = BatchRunner(studio_ctx, gid).run(only={again})
    assert group.status is GroupStatus.INTERRUPTED and store.resumable(gid)
    assert group.members[queued].state is MemberState.QUEUED
    assert group.members[again].state is MemberState.SUCCEEDED


def _yuan_and_dollars(provider: Provider) -> list[Target]:
    """seedream-3.0 (priced in yuan on a relay) and dall-e-2 (in dollars)."""
    return [Target(provider, "dall-e-2", SMALL), Target(provider, "seedream-3.0", {})]


def test_a_comparison_counts_what_it_spent_in_each_currency_apart(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """A target priced in yuan and one in dollars were added into one "spent" (0.096)."""
    from studio.core.group_spend import group_spent

    members = plan_compare(studio_ctx, "a kite", _yuan_and_dollars(sandbox_provider))
    assert [m.target["currency"] for m in members] == ["USD", "CNY"]
    assert [m.estimate for m in members] == [0.016, 0.08]
    gid = start_group(studio_ctx, GroupKind.COMPARE, "a kite", {}, members)
    runner = BatchRunner(studio_ctx, gid, concurrency=2)
    group = runner.run()
    assert all(m.state is MemberState.SUCCEEDED for m in group.members)
    progress = runner.progress()
    assert progress.spent_by_currency == pytest.approx({"USD": 0.016, "CNY": 0.08})
    assert list(progress.spent_by_currency) == ["USD", "CNY"]  # the targets' order
    assert progress.currency is None and progress.spent is None  # they do not add up
    assert group_spent(group) == pytest.approx({"USD": 0.016, "CNY": 0.08})


def test_a_spend_cap_on_targets_in_two_currencies_is_refused_before_anything_is_sent(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    from studio.core.errors import ErrorKind, StudioError
    from studio.core.history.groups import GroupStore

    members = plan_compare(studio_ctx, "a kite", _yuan_and_dollars(sandbox_provider))
    gid = start_group(studio_ctx, GroupKind.COMPARE, "a kite", {"max_cost": 0.05}, members)
    with pytest.raises(StudioError) as info:
        BatchRunner(studio_ctx, gid, max_cost=0.05).run()
    assert info.value.kind is ErrorKind.VALIDATION and not info.value.maybe_processed
    assert "priced in USD, CNY" in info.value.message
    assert "without a cap" in info.value.message
    assert _posts(sandbox) == []
    group = GroupStore(studio_ctx.history).get(gid)
    assert group is not None
    assert [m.state for m in group.members] == [MemberState.QUEUED] * 2  # none sent


def test_a_batch_priced_in_yuan_is_capped_and_counted_in_yuan(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    target = Target(sandbox_provider, "seedream-3.0", {})
    members = plan_batch(studio_ctx, "a {animal}", "cat\ndog\nowl\ncow\n", target)
    assert {m.target["currency"] for m in members} == {"CNY"}
    gid = start_group(studio_ctx, GroupKind.BATCH, "a {animal}", {}, members)
    runner = BatchRunner(studio_ctx, gid, concurrency=1, max_cost=0.2)  # yuan
    group = runner.run()
    # ¥0.08 each: two fit under ¥0.20, a third would make ¥0.24
    assert group.status is GroupStatus.CAPPED
    assert [p["prompt"] for p in _posts(sandbox)] == ["a cat", "a dog"]
    progress = runner.progress()
    assert progress.spent_by_currency == pytest.approx({"CNY": 0.16})
    assert progress.currency == "CNY" and progress.spent == pytest.approx(0.16)


def test_a_group_stored_before_members_knew_their_currency_reads_as_dollars(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    from studio.core.group_spend import group_spent
    from studio.core.history.groups import MemberSpec

    (planned,) = plan_batch(
        studio_ctx, "a {animal}", "cat\n", Target(sandbox_provider, "dall-e-2", SMALL)
    )
    old = {k: v for k, v in planned.target.items() if k != "currency"}
    gid = start_group(
        studio_ctx, GroupKind.BATCH, "a {animal}", {}, [MemberSpec("a cat", old, 0.016)]
    )
    runner = BatchRunner(studio_ctx, gid, max_cost=1.0)
    group = runner.run()
    assert group.members[0].state is MemberState.SUCCEEDED
    assert runner.progress().spent_by_currency == pytest.approx({"USD": 0.016})
    assert group_spent(group) == pytest.approx({"USD": 0.016})


def test_a_retry_run_under_a_cap_counts_what_its_group_already_spent(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """A retry runs only its new member; the cap counted only that member's spend, so a
    batch at its cap still sent it. What the rest of the group spent now counts."""
    from studio.core.batch import retry_member

    members = plan_batch(
        studio_ctx, "a {animal}", "cat\ndog\nowl\n", Target(sandbox_provider, "dall-e-2", SMALL)
    )
    gid = start_group(studio_ctx, GroupKind.BATCH, "a {animal}", {}, members)
    group = BatchRunner(studio_ctx, gid, concurrency=1, max_cost=0.04).run()
    assert [m.state for m in group.members][2] is MemberState.SKIPPED  # 0.032 spent
    sent = len(_posts(sandbox))
    again = retry_member(studio_ctx, gid, 2)
    group = BatchRunner(studio_ctx, gid, max_cost=0.04).run(only={again})
    assert group.members[again].state is MemberState.SKIPPED
    assert group.status is GroupStatus.CAPPED
    assert len(_posts(sandbox)) == sent
    # under a cap it fits, the same retry is sent
    again = retry_member(studio_ctx, gid, 2)
    group = BatchRunner(studio_ctx, gid, max_cost=0.05).run(only={again})
    assert group.members[again].state is MemberState.SUCCEEDED
    assert [p["prompt"] for p in _posts(sandbox)[sent:]] == ["a owl"]
