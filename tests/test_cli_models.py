"""The CLI for today's models: new flags, cost in the result, spend, model states,
refusals before sending, and a shut-down model's 404 naming its replacement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from studio.sandbox.server import SandboxServer
from tests.test_cli import one_json, run_cli


def test_generate_with_the_new_flags_reports_the_cost(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    proc = run_cli(
        "generate", "a paper boat", "--model", "gpt-image-2.6-sunburst",
        "--base-url", sandbox.base_url, "--quality", "xhigh", "--complexity", "low",
        "--safety-identifier", "user-42", "--size", "1536x864", "--json",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "sk-test-sentinel"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = one_json(proc)
    (sent,) = sandbox.requests
    assert sent.json() == {
        "model": "gpt-image-2.6-sunburst",
        "prompt": "a paper boat",
        "size": "1536x864",
        "quality": "xhigh",
        "complexity": "low",
        "safety_identifier": "user-42",
    }
    cost = data["cost"]
    usage = data["usage"]
    details = usage["input_tokens_details"]
    expected = (
        details["text_tokens"] * 5 + details["image_tokens"] * 8 + usage["output_tokens"] * 30
    ) / 1_000_000
    assert cost["actual"] == pytest.approx(expected) and cost["currency"] == "USD"
    assert cost["estimated"] is None  # no published token table for 2.6: no estimate
    assert "OpenAI pricing page" in cost["rates_source"]

    spend = run_cli("spend", "--json", home=studio_home)
    assert spend.returncode == 0, spend.stderr
    (row,) = one_json(spend)["spend"]
    assert row["amount"] == pytest.approx(expected, abs=1e-6) and row["jobs"] == 1
    assert row["period"] == dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    month = one_json(run_cli("spend", "--by", "month", "--json", home=studio_home))
    assert month["spend"][0]["period"] == row["period"][:7]


GIF_40 = ["--model", "gpt-image-2.6-flare", "--frame-count", "40", "--output-format", "gif"]


@pytest.mark.parametrize(
    ("args", "field", "words"),
    [
        (["--model", "gpt-image-2.5-flare", "--complexity", "low"], "complexity", "does not take"),
        (["--model", "gpt-image-2", "--quality", "xhigh"], "quality", "auto, low, medium, high"),
        (["--model", "gpt-image-2.6-flare", "--size", "4000x1000"], "size", "at most 3840"),
        (["--model", "gpt-image-2.6-flare", "--param", "user=u1"], "user", "does not take 'user'"),
        (GIF_40, "frame_count", "at most 16"),
    ],
)
def test_bad_input_is_refused_before_sending(
    studio_home: Path, sandbox: SandboxServer, args: list[str], field: str, words: str
) -> None:
    proc = run_cli(
        "generate", "x", *args, "--base-url", sandbox.base_url, "--json",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "sk-test-sentinel"},
    )  # fmt: skip
    assert proc.returncode == 2, proc.stdout + proc.stderr
    error = one_json(proc)["error"]
    assert error["kind"] == "validation"
    assert f"{field}: " in error["message"] and words in error["message"]  # the field, the rule
    assert sandbox.requests == []  # nothing was sent


def test_a_shut_down_model_names_its_replacement(studio_home: Path) -> None:
    with SandboxServer(profile="openai") as openai_like:
        proc = run_cli(
            "generate", "x", "--model", "gpt-image-1", "--base-url", openai_like.base_url,
            "--json", home=studio_home, env={"IMAGE_STUDIO_API_KEY": "sk-test-sentinel"},
        )  # fmt: skip
        assert len(openai_like.requests) == 1
    assert proc.returncode != 0
    error = one_json(proc)["error"]
    assert error["code"] == "model_not_found"
    assert error["retired"] == {
        "model": "gpt-image-1",
        "shutdown_date": "2026-10-23",
        "replacement": "gpt-image-2.5-flare",
        "replacements": ["gpt-image-2.5-flare", "gpt-image-2.5-sunburst"],
    }
    plain = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", "http://127.0.0.1:9/v1",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "sk-test-sentinel"},
    )  # fmt: skip
    assert plain.returncode != 0  # no server: not a 404, so no replacement line
    assert "use --model" not in plain.stderr


def test_models_lists_each_models_state_and_shutdown_date(studio_home: Path) -> None:
    with SandboxServer(profile="openai", today=dt.date(2026, 11, 30)) as openai_like:
        proc = run_cli(
            "models", "--base-url", openai_like.base_url, "--json",
            home=studio_home, env={"IMAGE_STUDIO_API_KEY": "sk-test-sentinel",
                                   "IMAGE_STUDIO_TODAY": "2026-11-30"},
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = one_json(proc)
    rows = {r["id"]: r for r in data["lifecycle"]}
    assert set(rows) == set(data["models"])
    assert rows["gpt-image-1.5"]["state"] == "deprecated"
    assert rows["gpt-image-1.5"]["shutdown_date"] == "2026-12-01"
    assert rows["gpt-image-1.5"]["replacement"] == "gpt-image-2.6-flare"
    assert rows["gpt-image-2.6-sunburst"]["state"] == "active"
    assert rows["gpt-image-2.6-sunburst"]["shutdown_date"] is None
    assert rows["gpt-image-2.5-flare-2026-09-08"]["known"] is True  # a snapshot alias
    assert rows["gpt-image-1.5"]["source"] == "provider"
