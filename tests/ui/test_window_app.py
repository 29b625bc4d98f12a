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
    from studio.ui.main_window import MainWindow

    monkeypatch.setenv("IMAGE_STUDIO_LANG", "zh_CN")
    seen: dict[str, str] = {}

    def look_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
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
