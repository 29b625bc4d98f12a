"""A history database that cannot be opened: the window says why, in its language, and
a damaged one can be set aside (kept, byte for byte) for a new history."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.app import _open_studio
from studio.core.history import HistoryStore
from studio.core.paths import resolve_paths
from studio.ui.history_failure import HistoryFailureBox
from tests.core.history.history_helpers import generate_request
from tests.test_cli import run_cli


def _history_with_a_job(home: Path) -> Path:
    paths = resolve_paths(home).ensure()
    store = HistoryStore(paths)
    store.start_job(provider_id="p", provider_name="P", request=generate_request())
    store.close()  # the last connection checkpoints the WAL into the file
    return paths.history_db


def _when_the_box_shows(qtbot: QtBot, act: Callable[[HistoryFailureBox], None]) -> list[str]:
    """Run ``act`` on the box once it is up (it is modal: ``exec`` holds the caller)."""
    seen: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, HistoryFailureBox):
            QTimer.singleShot(10, look)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        act(box)

    QTimer.singleShot(0, look)
    return seen


def test_a_damaged_history_is_kept_and_a_new_one_started(
    qtbot: QtBot, studio_home: Path, english: None
) -> None:
    db = _history_with_a_job(studio_home)
    damaged = db.read_bytes()[: db.stat().st_size // 3]  # a copy cut short
    db.write_bytes(damaged)

    def start_new(box: HistoryFailureBox) -> None:
        assert box.start_new is not None
        qtbot.mouseClick(box.start_new, Qt.MouseButton.LeftButton)

    seen = _when_the_box_shows(qtbot, start_new)
    studio = _open_studio(str(studio_home), None, [])  # raised sqlite3.DatabaseError before
    assert studio is not None
    try:
        assert studio.history.count_jobs() == 0
    finally:
        studio.close()
    assert "damaged" in seen[0] and str(db) in seen[0]
    aside = db.parent.glob("history.sqlite3.broken-*")
    (kept,) = (p for p in aside if not p.name.endswith(("-wal", "-shm")))
    assert kept.read_bytes() == damaged


def test_a_newer_studios_history_is_left_alone_and_explained_in_chinese(
    qtbot: QtBot, studio_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.ui.i18n import set_language

    db = _history_with_a_job(studio_home)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db.read_bytes()
    monkeypatch.setenv("IMAGE_STUDIO_LANG", "zh_CN")

    def escape(box: HistoryFailureBox) -> None:
        assert box.start_new is None  # only an update opens it
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    seen = _when_the_box_shows(qtbot, escape)
    try:
        assert _open_studio(str(studio_home), None, []) is None
    finally:
        set_language("en")
    assert "更新版本" in seen[0] and "99" in seen[0]
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.glob("history.sqlite3*")) == ["history.sqlite3"]


@pytest.mark.parametrize("damage", ["random bytes", "newer", "a folder"])
def test_the_cli_explains_a_history_it_cannot_open(studio_home: Path, damage: str) -> None:
    db = _history_with_a_job(studio_home)
    if damage == "random bytes":
        db.write_bytes(os.urandom(db.stat().st_size))
    elif damage == "newer":
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    else:
        db.unlink()
        db.mkdir()
    proc = run_cli("history", home=studio_home)
    assert proc.returncode == 5, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"The history database {db}" in proc.stderr
    expected = {"random bytes": "is damaged", "newer": "newer version", "a folder": "could not"}
    assert expected[damage] in proc.stderr
