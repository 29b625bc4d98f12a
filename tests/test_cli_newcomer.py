"""The CLI as a newcomer meets it on the built-in sandbox: what it says when a search
finds nothing, and that the sandbox's money is simulated, not spent."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import run_cli


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
