"""``image-studio batch`` and ``compare`` as scripts use them: subprocesses, real HTTP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from studio.sandbox.server import SandboxServer

KEY = {"IMAGE_STUDIO_API_KEY": "test-batch-key"}


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "IMAGE_STUDIO_HOME": str(home), **KEY}


def run_cli(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=timeout,
    )


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _prompts(sandbox: SandboxServer) -> list[str]:
    return [r.json()["prompt"] for r in sandbox.requests if r.path.endswith("/images/generations")]


def _values(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "values.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_batch_prints_one_line_per_member_then_a_summary(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    values = _values(tmp_path, "animal,style\ncat,oil\nfox,ink\nowl,chalk\n")
    proc = run_cli(
        "batch", "a {animal} in {style}", "--values", str(values), "--model", "dall-e-2",
        "--size", "256x256", "--base-url", sandbox.base_url, "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    *members, summary = _lines(proc.stdout)
    assert sorted(m["prompt"] for m in members) == [
        "a cat in oil",
        "a fox in ink",
        "a owl in chalk",
    ]
    assert all(m["state"] == "succeeded" and Path(m["images"][0]).is_file() for m in members)
    assert summary["summary"] is True and summary["ok"] is True and summary["succeeded"] == 3
    assert summary["exit_code"] == 0 and summary["failed"] == []
    assert sorted(_prompts(sandbox)) == ["a cat in oil", "a fox in ink", "a owl in chalk"]
    history = run_cli("history", "--search", "fox in ink", "--json", home=studio_home)
    (job,) = json.loads(history.stdout)["jobs"]
    assert job["id"] in {m["history_id"] for m in members}


def test_hostile_values_are_refused_before_anything_is_sent(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    bad = b"animal,style\ncat,oil\nfox\n\n\xff\xfe,ink\n" + b"y" * (10 * 1024 * 1024) + b",x\n"
    values = _values(tmp_path, bad)
    proc = run_cli(
        "batch", "a {animal} in {style}", "--values", str(values), "--model", "dall-e-2",
        "--base-url", sandbox.base_url, "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stdout + proc.stderr
    (answer,) = _lines(proc.stdout)
    assert answer["ok"] is False and answer["error"]["code"] == "bad_values"
    assert [r["line"] for r in answer["error"]["bad_rows"]] == [3, 4, 5, 6]
    unknown = run_cli(
        "batch", "a {animal} in {mood}", "--values", str(_values(tmp_path, "animal\ncat\n")),
        "--model", "dall-e-2", "--base-url", sandbox.base_url, home=studio_home,
    )  # fmt: skip
    assert unknown.returncode == 2 and "{mood}" in unknown.stderr
    too_long = run_cli(
        "batch", "{x} " * 300, "--values", str(_values(tmp_path, "x\n" + "z" * 10 + "\n")),
        "--model", "dall-e-2", "--base-url", sandbox.base_url, home=studio_home,
    )  # fmt: skip
    assert too_long.returncode == 2 and "line 2" in too_long.stderr and "1,000" in too_long.stderr
    assert sandbox.requests == []


def test_compare_reports_the_refused_target_and_sends_it_nothing(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    prompt = ("a lighthouse at dusk " * 60).strip()  # over dall-e-2's 1,000 characters
    proc = run_cli(
        "compare", prompt, "--target", "gpt-image-1", "--target", "dall-e-2",
        "--target", "dall-e-3", "--base-url", sandbox.base_url, "--json", home=studio_home,
    )  # fmt: skip
    # refused here, before anything was sent to it: a validation problem, not the provider's
    assert proc.returncode == 2, proc.stdout + proc.stderr
    *members, summary = _lines(proc.stdout)
    states = {m["model"]: m["state"] for m in members}
    assert states == {"gpt-image-1": "succeeded", "dall-e-2": "refused", "dall-e-3": "succeeded"}
    (refused,) = [m for m in members if m["state"] == "refused"]
    assert "1,000" in refused["error"]["message"] and refused["history_id"] is None
    assert summary["kind"] == "compare" and summary["failed"][0]["state"] == "refused"
    assert summary["exit_code"] == 2
    (said,) = summary["refused"]
    assert said["model"] == "dall-e-2" and "1,000" in said["reason"]
    models = [r.json()["model"] for r in sandbox.requests if r.path.endswith("/generations")]
    assert sorted(models) == ["dall-e-3", "gpt-image-1"]


def test_compare_with_an_image_and_a_mask_sends_every_target_the_same_edit(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    from PIL import Image

    picture, mask = tmp_path / "quay.png", tmp_path / "mask.png"
    Image.new("RGB", (96, 64), (20, 90, 160)).save(picture)
    Image.new("RGBA", (96, 64), (0, 0, 0, 0)).save(mask)
    proc = run_cli(
        "compare", "a lantern on the quay", "--target", "gpt-image-2", "--target", "dall-e-3",
        "--target", "gpt-image-2.6-flare", "--image", str(picture), "--mask", str(mask),
        "--base-url", sandbox.base_url, "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stdout + proc.stderr  # dall-e-3 cannot edit
    *members, summary = _lines(proc.stdout)
    states = {m["model"]: m["state"] for m in members}
    assert states == {
        "gpt-image-2": "succeeded",
        "dall-e-3": "refused",
        "gpt-image-2.6-flare": "succeeded",
    }
    assert summary["kind"] == "compare" and summary["succeeded"] == 2
    assert [(r["model"], r["state"]) for r in summary["refused"]] == [("dall-e-3", "refused")]
    edits = [r for r in sandbox.requests if r.path.endswith("/images/edits")]
    assert sorted(r.fields()["model"] for r in edits) == ["gpt-image-2", "gpt-image-2.6-flare"]
    for request in edits:
        parts = {p.name: p for p in request.multipart()}
        assert parts["image"].data == picture.read_bytes()
        assert parts["mask"].data == mask.read_bytes()
    assert not [r for r in sandbox.requests if r.path.endswith("/generations")]
    lone = run_cli(
        "compare", "x", "--target", "gpt-image-2", "--target", "gpt-image-1", "--mask",
        str(mask), "--base-url", sandbox.base_url, home=studio_home,
    )  # fmt: skip
    assert lone.returncode == 2 and "--mask needs the --image" in lone.stderr


def test_a_batch_with_an_image_edits_it_once_per_row(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    from PIL import Image

    picture = tmp_path / "room.png"
    Image.new("RGB", (80, 60), (200, 180, 150)).save(picture)
    values = _values(tmp_path, "colour\nred\nteal\n")
    proc = run_cli(
        "batch", "paint the walls {colour}", "--values", str(values), "--model", "gpt-image-2",
        "--image", str(picture), "--base-url", sandbox.base_url, "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    *_members, summary = _lines(proc.stdout)
    assert summary["succeeded"] == 2
    edits = [r for r in sandbox.requests if r.path.endswith("/images/edits")]
    assert sorted(r.fields()["prompt"] for r in edits) == [
        "paint the walls red",
        "paint the walls teal",
    ]
    assert all(
        {p.name: p for p in r.multipart()}["image"].data == picture.read_bytes() for r in edits
    )
    assert not [r for r in sandbox.requests if r.path.endswith("/generations")]


def test_the_spend_cap_stops_the_batch_at_the_right_member(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    values = _values(tmp_path, "cat\ndog\nowl\ncow\n")
    proc = run_cli(
        "batch", "a {animal}", "--values", str(values), "--model", "dall-e-2", "--size",
        "256x256", "--concurrency", "1", "--max-cost", "0.035", "--base-url", sandbox.base_url,
        "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 3, proc.stdout + proc.stderr
    *members, summary = _lines(proc.stdout)
    # 0.016 each: two fit under 0.035, a third would make 0.048
    assert summary["status"] == "capped" and summary["succeeded"] == 2
    assert [f["member"] for f in summary["failed"]] == [2, 3]
    ordered = sorted(members, key=lambda m: m["member"])
    assert [m["state"] for m in ordered] == ["succeeded", "succeeded", "skipped", "skipped"]
    assert "spend cap" in ordered[2]["error"]["message"]
    assert _prompts(sandbox) == ["a cat", "a dog"]


def test_kill_9_mid_batch_then_resume_sends_no_member_twice(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.latency = 0.3
    values = _values(tmp_path, "".join(f"{i}\n" for i in range(8)))
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio", "batch", "owl number {n}", "--values", str(values),
         "--model", "dall-e-2", "--size", "256x256", "--base-url", sandbox.base_url, "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(studio_home),
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())
        second = json.loads(proc.stdout.readline())
        assert first["state"] == second["state"] == "succeeded"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    before = Counter(_prompts(sandbox))
    assert 2 <= sum(before.values()) < 8
    sandbox.latency = 0.0
    resumed = run_cli("batch", "--resume", str(first["group_id"]), "--json", home=studio_home)
    *members, summary = _lines(resumed.stdout)
    sent = Counter(_prompts(sandbox))
    assert max(sent.values()) == 1  # no member reached the provider twice
    states = Counter(m["state"] for m in members)
    assert len(members) == 8 and states["succeeded"] + states["interrupted"] == 8
    assert summary["succeeded"] == states["succeeded"]
    assert resumed.returncode == (4 if states["interrupted"] else 0), resumed.stdout
    for m in members:
        if m["state"] == "interrupted":
            assert before[m["prompt"]] <= 1 and sent[m["prompt"]] == before[m["prompt"]]


def test_a_killed_compare_resumes_with_compare_resume_and_sends_no_target_twice(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    from tests.killed_compare import MODELS, kill_mid_compare, sent_models

    group_id = kill_mid_compare(sandbox, _env(studio_home))
    wrong = run_cli("batch", "--resume", str(group_id), "--json", home=studio_home)
    assert wrong.returncode == 2 and f"image-studio compare --resume {group_id}" in wrong.stdout
    resumed = run_cli("compare", "--resume", str(group_id), "--json", home=studio_home)
    *members, summary = _lines(resumed.stdout)
    assert sent_models(sandbox) == Counter(MODELS)  # each target reached the provider once
    states = {m["model"]: m["state"] for m in members}
    assert states == {
        "gpt-image-1": "succeeded",
        "dall-e-2": "interrupted",
        "dall-e-3": "succeeded",
        "gpt-image-2": "succeeded",
    }
    assert summary["kind"] == "compare" and summary["status"] == "finished"
    assert resumed.returncode == 4, resumed.stdout + resumed.stderr  # one was interrupted
    again = run_cli("compare", "--resume", str(group_id), "--json", home=studio_home)
    assert _lines(again.stdout)[-1]["succeeded"] == 3 and sent_models(sandbox) == Counter(MODELS)
    mixed = run_cli("compare", "a fox", "--resume", str(group_id), home=studio_home)
    assert mixed.returncode == 2 and "takes no PROMPT" in mixed.stderr


def test_compare_says_which_targets_were_refused_and_a_provider_error_still_wins(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    from PIL import Image

    from studio.sandbox.faults import Fault

    picture = tmp_path / "quay.png"
    Image.new("RGB", (96, 64), (20, 90, 160)).save(picture)
    # every target refused here (one cannot edit, one edits only squares): nothing is
    # sent, exit 2, and the summary names each with the reason
    proc = run_cli(
        "compare", "a lantern on the quay", "--target", "dall-e-3", "--target", "dall-e-2",
        "--image", str(picture), "--base-url", sandbox.base_url, home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stdout + proc.stderr
    summary = proc.stdout.split("succeeded (finished)", 1)[1]
    assert "refused (nothing sent): dall-e-3 on custom: dall-e-3 does not support edit" in summary
    assert "refused (nothing sent): dall-e-2 on custom: " in summary and "square" in summary
    assert not [r for r in sandbox.requests if "/images/" in r.path]
    # one refused, one the provider turns down: the provider's error says more (exit 3)
    rejected = {"message": "Your request was rejected.", "code": "moderation_blocked"}
    sandbox.inject(Fault(path="/images/edits", status=400, body={"error": rejected}))
    mixed = run_cli(
        "compare", "a lantern on the quay", "--target", "gpt-image-2", "--target", "dall-e-3",
        "--image", str(picture), "--base-url", sandbox.base_url, "--json", home=studio_home,
    )  # fmt: skip
    assert mixed.returncode == 3, mixed.stdout + mixed.stderr
    *_members, summary = _lines(mixed.stdout)
    assert summary["exit_code"] == 3
    assert [r["model"] for r in summary["refused"]] == ["dall-e-3"]
    assert {f["model"]: f["state"] for f in summary["failed"]} == {
        "gpt-image-2": "failed",
        "dall-e-3": "refused",
    }


def test_compare_reports_what_it_spent_in_each_currency_apart(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    """seedream-3.0 (priced in yuan on a relay) and dall-e-2 (in dollars) were reported
    as one "spent" of ¥0.08 + $0.02 added together, called USD."""
    args = ("compare", "a kite", "--target", "dall-e-2", "--target", "seedream-3.0",
            "--base-url", sandbox.base_url)  # fmt: skip
    proc = run_cli(*args, "--json", home=studio_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    *members, summary = _lines(proc.stdout)
    assert {m["model"]: m["estimate"] for m in members} == {"dall-e-2": 0.02, "seedream-3.0": 0.08}
    assert {m["model"]: m["currency"] for m in members} == {
        "dall-e-2": "USD",
        "seedream-3.0": "CNY",
    }
    assert all(m["cost_currency"] in (None, m["currency"]) for m in members)
    assert summary["spent_by_currency"] == {"USD": 0.02, "CNY": 0.08}
    assert summary["currency"] is None and summary["spent"] is None
    text = run_cli(*args, home=studio_home)
    assert text.returncode == 0, text.stdout + text.stderr
    assert "spent about $0.020 + ¥0.080" in text.stdout, text.stdout
    assert "USD" not in text.stdout.splitlines()[-1]


def test_a_spend_cap_on_targets_in_two_currencies_is_refused_before_anything_is_sent(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    proc = run_cli(
        "compare", "a kite", "--target", "dall-e-2", "--target", "seedream-3.0",
        "--max-cost", "0.5", "--base-url", sandbox.base_url, home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "priced in USD and CNY" in proc.stderr and "without --max-cost" in proc.stderr
    assert not [r for r in sandbox.requests if "/images/" in r.path]
    history = run_cli("history", "--json", home=studio_home)
    assert json.loads(history.stdout)["jobs"] == []
    # one priced in a currency, the other refused here: the cap counts that currency
    long = ("a kite over the dunes " * 60).strip()  # over dall-e-2's 1,000 characters
    capped = run_cli(
        "compare", long, "--target", "dall-e-2", "--target", "seedream-3.0",
        "--max-cost", "0.5", "--base-url", sandbox.base_url, "--json", home=studio_home,
    )  # fmt: skip
    *_members, summary = _lines(capped.stdout)
    assert summary["refused"][0]["model"] == "dall-e-2" and summary["succeeded"] == 1
    assert summary["spent_by_currency"] == {"CNY": 0.08} and summary["currency"] == "CNY"
    assert summary["spent"] == 0.08


def test_resuming_a_stored_comparison_in_two_currencies_keeps_its_cap_refused(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    """A comparison stored with a cap before caps knew currencies is not run under it."""
    from studio.core.batch import Target, plan_compare, start_group
    from studio.core.history.groups import GroupKind, GroupStatus, GroupStore
    from studio.core.providers import custom_provider
    from studio.core.service import Studio

    studio = Studio.open(studio_home)
    try:
        provider = custom_provider(sandbox.base_url)
        targets = [Target(provider, "dall-e-2", {}), Target(provider, "seedream-3.0", {})]
        members = plan_compare(studio, "a kite", targets)
        spec = {"targets": [t.to_json() for t in targets], "max_cost": 0.5}
        group_id = start_group(studio, GroupKind.COMPARE, "a kite", spec, members)
        # its process stopped before sending anything
        GroupStore(studio.history).set_status(group_id, GroupStatus.INTERRUPTED)
    finally:
        studio.close()
    proc = run_cli("compare", "--resume", str(group_id), home=studio_home)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "priced in USD and CNY" in proc.stderr
    assert not [r for r in sandbox.requests if "/images/" in r.path]


def test_a_batch_priced_in_yuan_is_capped_and_summed_in_yuan(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    values = _values(tmp_path, "cat\ndog\nowl\ncow\n")
    args = ("batch", "a {animal}", "--values", str(values), "--model", "seedream-3.0",
            "--concurrency", "1", "--max-cost", "0.2", "--base-url", sandbox.base_url)  # fmt: skip
    proc = run_cli(*args, "--json", home=studio_home)
    assert proc.returncode == 3, proc.stdout + proc.stderr  # two skipped by the cap
    *_members, summary = _lines(proc.stdout)
    # ¥0.08 each: two fit under ¥0.20, a third would make ¥0.24
    assert summary["status"] == "capped" and summary["succeeded"] == 2
    assert summary["spent_by_currency"] == {"CNY": 0.16}
    assert summary["currency"] == "CNY" and summary["spent"] == 0.16
    text = run_cli(*args, home=studio_home)
    assert "spent about ¥0.160" in text.stdout and "USD" not in text.stdout, text.stdout
    helped = run_cli("batch", "--help", home=studio_home)
    assert "in the model's currency" in " ".join(helped.stdout.split())
    assert "(USD)" not in helped.stdout


def test_ctrl_c_mid_batch_exits_130_and_resume_sends_only_the_rest(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.latency = 0.3
    values = _values(tmp_path, "animal\nfox\ncat\nowl\nbear\nfrog\nhen\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio", "batch", "a {animal}", "--values", str(values),
         "--model", "dall-e-2", "--size", "256x256", "--base-url", sandbox.base_url,
         "--concurrency", "1", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(studio_home),
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())
        assert first["state"] == "succeeded"
        proc.send_signal(signal.SIGINT)
        rest, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    *members, summary = _lines(rest)
    assert proc.returncode == 130, err
    assert summary["status"] == "interrupted" and summary["exit_code"] == 130
    assert "Traceback" not in err and "--resume" in err
    # what was being sent finished and was kept: nothing cancelled that may be paid for
    assert all(m["state"] == "succeeded" for m in members)
    sandbox.latency = 0.0
    resumed = run_cli("batch", "--resume", str(first["group_id"]), "--json", home=studio_home)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    sent = Counter(_prompts(sandbox))
    assert set(sent) == {f"a {a}" for a in ("fox", "cat", "owl", "bear", "frog", "hen")}
    assert max(sent.values()) == 1  # none sent twice
