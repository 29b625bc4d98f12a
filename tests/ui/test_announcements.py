"""What a screen reader says without the focus moving: a job that ended (a failure at
once), a batch that finished, a file saved. Qt's own accessibility update is watched
(it passes an announcement on to whatever assistive technology listens)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QFileDialog

from studio.sandbox.faults import Fault
from tests.ui.compare_steps import compare_two

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


@dataclass
class Said:
    text: str
    urgent: bool
    source: QObject


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[Said]:
    heard: list[Said] = []
    update = QAccessible.updateAccessibility

    def listen(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            urgent = event.politeness() is QAccessible.AnnouncementPoliteness.Assertive
            heard.append(Said(event.message(), urgent, event.object()))
        update(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(listen))
    return heard


def _run(qtbot: QtBot, window: MainWindow, prompt: str) -> None:
    compose = window.compose
    compose.prompt.set_prompt(prompt)
    qtbot.waitUntil(compose.generate_button.isEnabled)
    with qtbot.waitSignal(window.queue.job_finished, timeout=20_000):
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)


def test_a_job_that_ends_is_said_and_a_failure_at_once(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    said: list[Said],
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    _run(qtbot, window, "a kite over the dunes")
    (done,) = said
    assert done.text.startswith("Job #1 · gpt-image-1 · a kite over the dunes: Done in ")
    assert "1 image" in done.text and not done.urgent
    sandbox.inject(
        Fault(status=400, body={"error": {"message": "the upstream refused", "type": "x"}})
    )
    _run(qtbot, window, "a kite at night")
    failed = said[-1]
    assert "a kite at night: Failed: " in failed.text and failed.urgent, failed


def test_a_finished_batch_is_said(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, said: list[Said]
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    window.act_batch.trigger()
    panel = window.batch_panel
    qtbot.waitExposed(panel)
    panel.template.clear()
    qtbot.keyClicks(panel.template, "a {animal}")
    panel.values.setPlainText("animal\ncat\nowl\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    batch = [s for s in said if s.source is panel.status]
    assert [s.text for s in batch] == [panel.status.text()]
    assert "2 of 2 succeeded" in batch[0].text


def test_a_saved_picture_is_said(
    qtbot: QtBot,
    window: MainWindow,
    sandbox_provider: Provider,
    said: list[Said],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    _run(qtbot, window, "a red fox")
    target = tmp_path / "fox"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_a: (str(target), "")),
    )
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.current is not None, timeout=10_000)
    with qtbot.waitSignal(viewer.saved, timeout=10_000):
        qtbot.mouseClick(viewer.save_button, Qt.MouseButton.LeftButton)
    assert said[-1].text.startswith("Saved fox.")


def test_a_finished_comparison_is_said(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, said: list[Said]
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    window.compose.prompt.set_prompt("a lighthouse at dusk")
    window.open_compare()
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    compare_two(qtbot, dialog)
    qtbot.waitUntil(lambda: any(s.source is dialog.summary for s in said))
    (summary,) = [s for s in said if s.source is dialog.summary]
    assert summary.text.startswith("2 of 2 targets answered."), summary.text
