"""The CLI as a newcomer meets it on the built-in sandbox: what it says when a search
finds nothing, and that the sandbox's money is simulated, not spent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import one_json, run_cli


def test_a_search_that_finds_nothing_says_so_not_that_there_are_no_jobs(
    studio_home: Path,
) -> None:
    empty = run_cli("history", home=studio_home)
    assert empty.returncode == 0 and empty.stdout.strip() == "no jobs yet"
    made = run_cli("generate", "a red fox", "--model", "gpt-image-2.6-flare", home=studio_home)
    assert made.returncode == 0, made.stderr
    proc = run_cli("history", "--search", "狐狸", home=studio_home)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "no jobs match 狐狸"
    proc = run_cli("history", "--format", "gif", home=studio_home)
    assert proc.stdout.strip() == "no jobs match --format gif"
    assert "a red fox" in run_cli("history", "--search", "fox", home=studio_home).stdout


def test_the_sandboxs_money_is_simulated_in_a_batch_and_in_spend(
    studio_home: Path, tmp_path: Path
) -> None:
    values = tmp_path / "values.txt"
    values.write_text("animal\ncat\ndog\n", encoding="utf-8")
    proc = run_cli(
        "batch", "a {animal} on the beach", "--values", str(values),
        "--model", "gpt-image-2.6-flare", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    assert "2 of 2 succeeded" in summary
    assert "simulated (the sandbox charges nothing)" in summary and "spent" not in summary

    proc = run_cli(
        "compare", "a lighthouse", "--target", "gpt-image-2.6-flare",
        "--target", "gpt-image-2.5-flare", "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = json.loads(proc.stdout.strip().splitlines()[-1])
    assert last["summary"] is True and last["simulated"] is True and last["spent"] > 0

    text = run_cli("spend", home=studio_home).stdout
    assert "sandbox" in text and "simulated" in text, text
    data = one_json(run_cli("spend", "--json", home=studio_home))
    (row,) = data["spend"]
    assert row["provider"] == "sandbox" and row["simulated"] is True and row["jobs"] == 4
    assert data["totals"] == {}  # nobody was charged
    assert data["simulated_totals"]["USD"] == pytest.approx(row["amount"])


def test_the_model_flags_example_is_a_model_in_service() -> None:
    proc = run_cli("generate", "--help", home=Path("/nonexistent-home"))
    assert proc.returncode == 0
    assert "e.g. gpt-image-1" not in proc.stdout and "gpt-image-2.6-sunburst" in proc.stdout


def test_a_missing_option_shows_the_commands_own_usage(studio_home: Path) -> None:
    """`image-studio generate` with no --model: the usage printed is generate's (what
    to type), not the program's list of commands."""
    proc = run_cli("generate", "a fox", home=studio_home)
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: image-studio generate ")
    assert "--model MODEL" in proc.stderr
    assert "image-studio generate: error: the following arguments are required: --model" in (
        proc.stderr
    )


def test_the_programs_help_shows_a_first_step_that_works_and_the_exit_codes(
    studio_home: Path, tmp_path: Path
) -> None:
    import shlex

    help_text = run_cli("--help", home=studio_home).stdout
    assert "exit codes: 0 success; 2 bad usage" in help_text
    assert "130 interrupted" in help_text
    (example,) = [
        line.strip() for line in help_text.splitlines() if "image-studio generate" in line
    ]
    words = shlex.split(example)
    assert words[-1] == "." and words[-2] == "--out"
    proc = run_cli(*words[1:-1], str(tmp_path), "--json", home=studio_home)
    assert proc.returncode == 0, proc.stderr
    assert Path(one_json(proc)["images"][0]["path"]).parent == tmp_path.resolve()


def test_every_argument_of_generate_says_what_it_is() -> None:
    proc = run_cli("generate", "--help", home=Path("/nonexistent-home"))
    lines = proc.stdout.splitlines()
    for name in ("PROMPT", "--seed SEED", "--response-format {url,b64_json}"):
        (line,) = [n for n in lines if n.strip().startswith(name)]
        at = lines.index(line)
        described = line.strip() != name or lines[at + 1].startswith(" " * 20)
        assert described, f"{name} has no help"


def test_a_mistyped_or_shortened_model_is_answered_with_the_models_meant(
    studio_home: Path,
) -> None:
    for typed, meant in (
        ("gpt-image-2.6-sunbrust", "did you mean gpt-image-2.6-sunburst?"),
        ("gpt-image-2.6", "did you mean gpt-image-2.6-flare or gpt-image-2.6-sunburst?"),
    ):
        proc = run_cli("generate", "a fox", "--model", typed, "--json", home=studio_home)
        assert proc.returncode == 2
        assert meant in one_json(proc)["error"]["message"]
    proc = run_cli("generate", "a fox", "--model", "zzzz", "--json", home=studio_home)
    assert "did you mean" not in one_json(proc)["error"]["message"]


def test_a_job_in_words_says_what_it_cost_and_that_the_sandbox_is_free(
    studio_home: Path,
) -> None:
    proc = run_cli("generate", "a lamp", "--model", "gpt-image-2.6-sunburst", home=studio_home)
    assert proc.returncode == 0, proc.stderr
    (line,) = [n for n in proc.stdout.splitlines() if "cost: " in n]
    assert line.endswith("USD (simulated: the sandbox charges nothing)")
    listed = one_json(run_cli("spend", "--json", home=studio_home))["spend"]
    amount = float(line.split("cost: ")[1].split()[0])
    assert amount == pytest.approx(listed[0]["amount"], abs=1e-4)
