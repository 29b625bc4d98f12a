"""The one-time notice of a saved default moved off a shut-down model, in the UI language."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from studio.core.paths import resolve_paths
from studio.core.service import Studio
from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


@pytest.fixture
def migrated(monkeypatch: pytest.MonkeyPatch) -> Iterator[Studio]:
    monkeypatch.setenv("IMAGE_STUDIO_TODAY", "2026-12-01")
    settings_file = resolve_paths().ensure().settings_file
    settings_file.write_text(json.dumps({"default_models": {"openai": "gpt-image-1.5"}}))
    studio = Studio.open(recover=False)
    yield studio
    studio.close()


def test_the_window_says_the_notice_in_chinese(qtbot: QtBot, migrated: Studio) -> None:
    from studio.jobs.op import wait_for_workers
    from studio.ui.main_window import MainWindow

    assert set_language("zh_CN")
    try:
        win = MainWindow(migrated)
        qtbot.addWidget(win)
        message = win.statusBar().currentMessage()
        assert "已停用的模型已在您保存的默认设置中被替换" in message
        assert "openai: gpt-image-1.5 → gpt-image-2.6-flare" in message
        win.queue.cancel_all()
        wait_for_workers(30_000)
    finally:
        set_language("en")
