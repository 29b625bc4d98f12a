"""The jobs strip says "Jobs" once: in its title; the line under it holds the counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from studio.ui.i18n import set_language
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_jobs_docks_label_does_not_repeat_its_title(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, lang: str
) -> None:
    assert set_language(lang)
    try:
        title = window.jobs_dock.windowTitle()
        summary = window.jobs.summary
        assert title and title not in summary.text()
        assert "0" in summary.text()
        window.reload_providers(current=sandbox_provider.id)
        compose = window.compose
        choose(compose.model_box, "dall-e-2")
        compose.params.set_values({"size": "256x256"})
        compose.prompt.set_prompt("a paper boat")
        with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
            qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "1" in summary.text())
        assert title not in summary.text()
        if lang == "en":
            assert summary.text() == "0 running, 1 in all"
    finally:
        set_language("en")
