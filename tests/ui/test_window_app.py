"""The GUI entry point: names, language from the environment, a clean exit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from studio import APP_NAME, ORG_DOMAIN, ORG_NAME

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _windows_of(home: Path) -> list[MainWindow]:
    """The windows ``run_gui`` opened on ``home`` (earlier tests' windows may still exist,
    hidden, until Qt deletes them: closing one of those would never end ``run_gui``)."""
    from studio.core.paths import resolve_paths
    from studio.ui.main_window import MainWindow

    data = resolve_paths(home).data_dir
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.studio.paths.data_dir == data
    ]


def test_create_application_sets_the_names(qapp: QApplication) -> None:
    from studio.app import create_application

    assert create_application([]) is qapp
    assert QCoreApplication.applicationName() == APP_NAME
    assert QCoreApplication.organizationName() == ORG_NAME
    assert QCoreApplication.organizationDomain() == ORG_DOMAIN


def test_run_gui_opens_the_window_in_the_chosen_language_and_exits(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.app import run_gui
    from studio.ui.i18n import set_language

    monkeypatch.setenv("IMAGE_STUDIO_LANG", "zh_CN")
    seen: dict[str, str] = {}

    def look_and_close() -> None:
        windows = _windows_of(tmp_path / "home")
        if not windows or not windows[0].isVisible():
            QTimer.singleShot(100, look_and_close)
            return
        seen["generate"] = windows[0].compose.generate_button.text()
        windows[0].close()

    QTimer.singleShot(100, look_and_close)
    try:
        code = run_gui(["--home", str(tmp_path / "home")])
    finally:
        set_language("en")
    assert code == 0
    assert seen["generate"] == "生成(&G)"
    assert (tmp_path / "home" / "config" / "window.ini").exists()


def test_a_job_a_dead_session_left_running_shows_as_interrupted(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """Marked on a worker after the window is made; the gallery hears it from the store."""
    import sqlite3
    import subprocess
    import sys
    import time

    from studio.app import run_gui
    from studio.core.history import HistoryStore
    from studio.core.paths import resolve_paths
    from studio.ui.gallery.model import Role
    from tests.core.history.history_helpers import generate_request

    home = tmp_path / "home"
    store = HistoryStore(resolve_paths(home))
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request("left running")
    )
    store.close()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    conn = sqlite3.connect(resolve_paths(home).history_db)
    with conn:
        conn.execute(
            "UPDATE jobs SET pid = ?, pid_start = NULL WHERE id = ?", (int(gone.stdout), job)
        )
    conn.close()

    seen: list[object] = []
    deadline = time.monotonic() + 20

    def look_and_close() -> None:
        windows = _windows_of(home)
        gallery = windows[0].gallery if windows else None
        model = getattr(gallery, "model", None)
        status = None
        if model is not None and model.rowCount():
            status = model.data(model.index(0), Role.STATUS)
        if status != "interrupted" and time.monotonic() < deadline:
            QTimer.singleShot(50, look_and_close)
            return
        seen.append(status)
        windows[0].close()

    QTimer.singleShot(100, look_and_close)
    assert run_gui(["--home", str(home)]) == 0
    assert seen == ["interrupted"]
    store = HistoryStore(resolve_paths(home))
    try:
        record = store.get_job(job)
        assert record is not None and record.status == "interrupted"
    finally:
        store.close()
