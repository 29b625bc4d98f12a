"""``image-studio prompts`` as scripts use it: subprocesses against a real home folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from studio.core.paths import resolve_paths


def run_cli(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, "IMAGE_STUDIO_HOME": str(home)},
        timeout=60,
    )


def ok_json(proc: subprocess.CompletedProcess[str]) -> dict:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert data["ok"] is True
    return data


def test_add_then_list_and_search(studio_home: Path) -> None:
    added = ok_json(
        run_cli(
            "prompts",
            "add",
            "a {animal} in {style}",
            "--title",
            "Animals",
            "--tag",
            "style",
            "--tag",
            "动物",
            "--json",
            home=studio_home,
        )
    )
    assert added["prompt"]["variables"] == ["animal", "style"]
    assert added["prompt"]["tags"] == ["style", "动物"]
    ok_json(run_cli("prompts", "add", "-", "--json", home=studio_home, stdin="a castle\n"))
    listed = ok_json(run_cli("prompts", "list", "--json", home=studio_home))
    assert listed["count"] == 2
    assert {p["text"] for p in listed["prompts"]} == {"a {animal} in {style}", "a castle"}
    found = ok_json(run_cli("prompts", "list", "--tag", "动物", "--json", home=studio_home))
    assert [p["title"] for p in found["prompts"]] == ["Animals"]
    found = ok_json(run_cli("prompts", "list", "castle", "--json", home=studio_home))
    assert [p["text"] for p in found["prompts"]] == ["a castle"]
    plain = run_cli("prompts", "list", home=studio_home)
    assert plain.returncode == 0 and "Animals: a {animal} in {style}  [style, 动物]" in plain.stdout


def test_export_to_stdout_and_file_then_import_elsewhere(studio_home: Path, tmp_path: Path) -> None:
    run_cli("prompts", "add", "a fox", "--tag", "animal", home=studio_home)
    run_cli("prompts", "add", "a tower", home=studio_home)
    doc = json.loads(run_cli("prompts", "export", home=studio_home).stdout)
    assert doc["format"] == "image-studio-prompts" and len(doc["prompts"]) == 2
    target = tmp_path / "animals.json"
    done = ok_json(
        run_cli("prompts", "export", str(target), "--tag", "animal", "--json", home=studio_home)
    )
    assert done["exported"] == 1
    other = tmp_path / "other-home"
    report = ok_json(run_cli("prompts", "import", str(target), "--json", home=other))
    assert (report["added"], report["merged"], report["skipped"]) == (1, 0, 0)
    again = ok_json(run_cli("prompts", "import", str(target), "--json", home=other))
    assert (again["added"], again["merged"]) == (0, 1)
    listed = ok_json(run_cli("prompts", "list", "--json", home=other))
    assert [p["text"] for p in listed["prompts"]] == ["a fox"]


def test_a_bad_file_is_refused_with_exit_2(studio_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "image-studio-prompts", "version": 1, "prompts": [\xff]}')
    proc = run_cli("prompts", "import", str(bad), "--json", home=studio_home)
    assert proc.returncode == 2
    error = json.loads(proc.stdout)["error"]
    assert error["kind"] == "validation" and "not UTF-8" in error["message"]
    plain = run_cli("prompts", "import", str(tmp_path / "missing.json"), home=studio_home)
    assert plain.returncode == 2 and "cannot read" in plain.stderr


def test_skipped_prompts_are_named_and_exit_2(studio_home: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.json"
    prompts = [{"text": "fine"}, {"text": 7}]
    mixed.write_text(
        json.dumps({"format": "image-studio-prompts", "version": 1, "prompts": prompts})
    )
    proc = run_cli("prompts", "import", str(mixed), home=studio_home)
    assert proc.returncode == 2
    assert "1 added, 0 merged, 1 skipped" in proc.stdout
    assert "prompt 2: its text is missing or not text" in proc.stdout


def test_the_cli_moves_old_snippets_in_and_lists_recent(studio_home: Path) -> None:
    paths = resolve_paths(studio_home).ensure()
    old = {"snippets": [{"name": "Ink", "text": "ink wash"}], "recent_prompts": ["b", "a"]}
    paths.settings_file.write_text(json.dumps(old), "utf-8")
    listed = ok_json(run_cli("prompts", "list", "#snippet", "--json", home=studio_home))
    assert [(p["title"], p["text"]) for p in listed["prompts"]] == [("Ink", "ink wash")]
    recent = ok_json(run_cli("prompts", "list", "--recent", "--json", home=studio_home))
    assert [p["text"] for p in recent["prompts"]] == ["b", "a"]


def test_an_empty_prompt_is_refused(studio_home: Path) -> None:
    proc = run_cli("prompts", "add", "   ", "--json", home=studio_home)
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["message"] == "the prompt is empty"


def test_the_prompts_command_does_not_import_qt(studio_home: Path) -> None:
    probe = (
        "import sys\nfrom studio.cli import run_cli\n"
        "code = run_cli(['prompts', 'list', '--json'])\n"
        "assert code == 0, code\n"
        "print('qt:', any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "IMAGE_STUDIO_HOME": str(studio_home)},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("qt: False")


def test_a_library_file_that_is_not_a_database_is_a_storage_error(studio_home: Path) -> None:
    paths = resolve_paths(studio_home).ensure()
    paths.prompt_library_db.write_bytes(b"this is not a database at all" * 100)
    proc = run_cli("prompts", "list", "--json", home=studio_home)
    assert proc.returncode == 5
    error = json.loads(proc.stdout)["error"]
    assert error["kind"] == "storage" and "prompt library could not be used" in error["message"]
    assert paths.prompt_library_db.read_bytes().startswith(b"this is not")  # left as it was


def test_an_export_too_big_to_import_at_once_says_so(studio_home: Path, tmp_path: Path) -> None:
    from studio.core.prompt_library import PromptLibrary
    from studio.core.prompt_library.store import Incoming

    paths = resolve_paths(studio_home).ensure()
    with PromptLibrary(paths.prompt_library_db) as lib:
        lib.merge_many(Incoming(f"{i} " + "y" * 30_000) for i in range(150))
    target = tmp_path / "all.json"
    proc = run_cli("prompts", "export", str(target), "--json", home=studio_home)
    data = ok_json(proc)
    assert data["exported"] == 150 and data["importable"] is False
    assert "more than one import takes" in proc.stderr


def test_an_empty_list_says_why(studio_home: Path) -> None:
    empty = run_cli("prompts", "list", home=studio_home)
    assert empty.returncode == 0
    assert empty.stdout.strip() == (
        'the library is empty; save a prompt with: image-studio prompts add "TEXT"'
    )
    run_cli("prompts", "add", "雪中的红狐", "--tag", "snow", home=studio_home)
    missed = run_cli("prompts", "list", "斑马", "--tag", "zoo", home=studio_home)
    assert missed.stdout.strip() == "no saved prompt matches 斑马 tag:zoo"


def test_importing_a_named_pipe_or_a_device_is_refused_at_once(
    studio_home: Path, tmp_path: Path
) -> None:
    """The import read up to its limit, but a pipe's open waited for a writer for good."""
    pipe = tmp_path / "prompts.json"
    os.mkfifo(pipe)
    for picked in (pipe, Path("/dev/zero")):
        proc = run_cli("prompts", "import", str(picked), home=studio_home)
        assert proc.returncode == 2, proc.stderr
        assert f"cannot read {picked}: not a regular file" in proc.stderr
