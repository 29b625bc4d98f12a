"""The status bar counts every job the window ran: single jobs, and the members of its
comparisons and batches that were sent (a failed one as failed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from tests.ui.test_window_status import generate

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow

BOTH = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _compare(qtbot: QtBot, window: MainWindow, wanted: set[tuple[str, str]]) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, BOTH)
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        checked = (provider.id, model) in wanted
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=30_000)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def _batch(qtbot: QtBot, window: MainWindow) -> None:
    window.act_batch.trigger()  # File → Batch from a template…
    panel = window.batch_panel
    qtbot.waitExposed(panel)
    panel.template.clear()
    qtbot.keyClicks(panel.template, "a {animal}")
    panel.values.setPlainText("animal\ncat\nfox\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    panel.close()


def test_compare_and_batch_members_count_as_jobs(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    generate(qtbot, window, "a single job")
    assert "0 running · 1 finished · 0 failed" in window.status_jobs.text()
    # two targets answer; DMXAPI has no key here, so its member fails when it is sent
    wanted = {
        (sandbox_provider.id, "gpt-image-1"),
        (sandbox_provider.id, "dall-e-3"),
        ("dmxapi", "gpt-image-1"),
    }
    _compare(qtbot, window, wanted)
    qtbot.waitUntil(
        lambda: "0 running · 3 finished · 1 failed" in window.status_jobs.text(), timeout=10_000
    )
    _batch(qtbot, window)
    qtbot.waitUntil(
        lambda: "0 running · 5 finished · 1 failed" in window.status_jobs.text(), timeout=10_000
    )
    assert "comparisons and batches" in window.status_jobs.toolTip()
