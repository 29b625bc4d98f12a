"""Small things that mislead: Open folder before any result, cancelled jobs counted as
finished, Retry offered where only a key helps."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from studio.jobs.queue import JobState
from studio.sandbox.faults import Fault
from tests.ui.test_window import type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url)


def generate(qtbot: QtBot, window: MainWindow, prompt: str) -> None:
    type_prompt(qtbot, window, prompt)
    with qtbot.waitSignal(window.queue.job_finished, timeout=30_000):
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)


def test_open_folder_waits_for_a_saved_image_and_says_where_it_is(
    qtbot: QtBot,
    window: MainWindow,
    sandbox_provider: Provider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    viewer = window.viewer
    assert not viewer.folder_button.isEnabled()  # nothing to show yet
    use_sandbox(window, sandbox_provider)
    generate(qtbot, window, "a saved lighthouse")
    job = window.queue.jobs[-1]
    assert job.state is JobState.DONE
    qtbot.waitUntil(viewer.folder_button.isEnabled, timeout=5_000)
    saved = viewer.folder()
    assert saved is not None and saved.is_dir()

    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "handle")
    try:
        qtbot.mouseClick(viewer.folder_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened.urls] == [str(saved)]

    # a desktop without a file launcher: the folder is named instead of nothing happening
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    qtbot.mouseClick(viewer.folder_button, Qt.MouseButton.LeftButton)
    box = viewer.folder_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.informativeText() == str(saved)
    copy = next(b for b in box.buttons() if b.text() == "Copy path")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(saved)


def test_cancelled_jobs_are_not_counted_as_finished(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider)
    generate(qtbot, window, "one that finishes")
    sandbox.inject(Fault(action="slow", delay=30))
    type_prompt(qtbot, window, " and one that is stopped")
    qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = window.queue.jobs[-1]
    qtbot.waitUntil(lambda: len(sandbox.requests) > 1, timeout=10_000)
    with qtbot.waitSignal(window.queue.job_finished, timeout=10_000):
        window.queue.cancel(job)
    assert job.state is JobState.CANCELLED
    text = window.status_jobs.text()
    assert "1 finished" in text and "1 cancelled" in text and "0 running" in text


def test_a_missing_key_offers_add_a_key_not_retry(qtbot: QtBot, window: MainWindow) -> None:
    window.reload_providers(current="openai")
    assert window.compose.provider().id == "openai"  # type: ignore[union-attr]
    with qtbot.waitSignal(window.queue.job_finished, timeout=30_000):
        type_prompt(qtbot, window, "needs a key")
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    bar = window.error_bar
    qtbot.waitUntil(bar.isVisible)
    assert "No API key" in bar.text.text()
    assert bar.action_button.isVisible() and bar.action_button.text() == "Add a key…"
    assert not bar.retry_button.isVisible()
    row = window.jobs.row_for(window.queue.jobs[-1])
    assert row is not None and not row.retry_button.isVisible()
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    from studio.ui.settings_dialog import SettingsDialog

    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.providers_page.current().id == "openai"  # type: ignore[union-attr]
    dialog.reject()
