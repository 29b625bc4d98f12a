"""The journal keeps raw replies safely until the caller removes them."""

from __future__ import annotations

import json
from pathlib import Path

from studio.core.journal import Journal


def test_write_read_remove(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    entry = journal.write(b"\x00raw body\xff", {"provider": "p", "model": "m", "mode": "edit"})
    body, meta = entry.read()
    assert body == b"\x00raw body\xff"
    assert meta["provider"] == "p" and meta["mode"] == "edit"
    assert meta["body_bytes"] == len(body)
    assert isinstance(meta["time"], float)
    assert journal.pending() == [entry]
    entry.remove()
    assert journal.pending() == []
    # only this process's owner lock is left (hidden)
    assert [p.name for p in (tmp_path / "j").iterdir()] == [".owners"]
    entry.remove()  # removing twice is harmless


def test_pending_is_oldest_first_and_survives_a_new_instance(tmp_path: Path) -> None:
    first = Journal(tmp_path).write(b"1", {})
    second = Journal(tmp_path).write(b"2", {})
    assert Journal(tmp_path).pending() == [first, second]


def test_key_and_headers_are_never_written(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = journal.write(
        b"{}",
        {"model": "m", "api_key": "sk-test-SENTINEL", "headers": {"Authorization": "x"}},
    )
    text = entry.meta_path.read_text()
    assert "SENTINEL" not in text and "Authorization" not in text
    assert json.loads(text)["model"] == "m"


def test_an_entry_without_meta_is_not_pending(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = journal.write(b"body", {})
    entry.meta_path.unlink()  # a stray body, never a complete entry
    assert journal.pending() == []
    assert not list(tmp_path.glob("*.tmp"))


def test_the_meta_comes_first_and_a_short_body_is_not_pending(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = journal.write(b"0123456789", {})
    # as if the process died while the reply file was being written
    entry.body_path.write_bytes(b"01234")
    assert journal.pending() == [] and journal.entries() == [entry]
    entry.body_path.unlink()
    assert journal.pending() == []


def test_entries_name_their_owner_and_this_process_is_alive(tmp_path: Path) -> None:
    from studio.core.journal import owner_alive

    journal = Journal(tmp_path)
    owner = journal.write(b"x", {}).meta()["owner"]
    assert owner_alive(tmp_path, owner)
    assert not owner_alive(tmp_path, "12345-000000000000")  # no such owner file
    assert not owner_alive(tmp_path, "../escape")


def test_quarantine_keeps_the_reply_with_its_reason(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = journal.write(b"paid bytes", {"model": "m"})
    moved = journal.quarantine(entry, "the link expired")
    assert journal.pending() == [] and journal.quarantined() == [moved]
    assert moved.body_path.read_bytes() == b"paid bytes"
    assert moved.meta()["quarantine_reason"] == "the link expired"
    again = journal.quarantine(moved, "still expired")  # a failed retry updates the reason
    assert journal.quarantined() == [again] and again.meta()["quarantine_reason"] == "still expired"


def test_missing_dir_has_nothing_pending(tmp_path: Path) -> None:
    assert Journal(tmp_path / "nope").pending() == []


def test_recover_through_the_journal_module(tmp_path: Path) -> None:
    import base64

    from studio.core.journal import recover
    from tests.core.imagebytes import png

    body = json.dumps({"data": [{"b64_json": base64.b64encode(png(5, 4)).decode()}]}).encode()
    entry = Journal(tmp_path).write(body, {"provider_id": "p"})
    assert entry.path == entry.body_path and entry.path.read_bytes() == body
    result = recover(entry)
    assert (result.images[0].width, result.images[0].height) == (5, 4)
    assert result.journal_entries == [entry]


def test_a_closed_studio_gives_up_its_journal_ownership(tmp_path: Path) -> None:
    """Its lock file is closed and removed: a process that opens many homes holds none."""
    from studio.core import journal as journal_module
    from studio.core.service import Studio

    studio = Studio.open(tmp_path / "home", recover=False)
    folder = studio.paths.journal_dir
    name = journal_module.owner_name(folder)
    lock = folder / journal_module.OWNERS / f"{name}.lock"
    assert lock.exists() and journal_module.owner_alive(folder, name)
    studio.close()
    assert not lock.exists()
    assert not journal_module.owner_alive(folder, name)
    assert journal_module.owner_name(folder) != name  # a new owner if it is used again
    journal_module.release_owner(folder)


def test_a_process_ending_with_its_journal_owned_leaves_no_unclosed_file(
    tmp_path: Path,
) -> None:
    """The lock file is held for the process's life; at exit it is closed quietly (the
    interpreter warned about an unclosed file in every such process), and another process
    then finds the owner gone and can recover its entries."""
    import subprocess
    import sys
    import textwrap

    from studio.core.journal import owner_alive

    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from studio.core.journal import Journal
        entry = Journal(Path({str(tmp_path / "j")!r})).write(b"{{}}", {{"job_id": 1}})
        print(entry.meta()["owner"])
        """
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-W", "error::ResourceWarning", "-X", "dev", "-c", code],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "ResourceWarning" not in done.stderr and "unclosed" not in done.stderr
    owner = done.stdout.strip()
    assert owner and not owner_alive(tmp_path / "j", owner)
    assert len(Journal(tmp_path / "j").pending()) == 1  # left for the next start
