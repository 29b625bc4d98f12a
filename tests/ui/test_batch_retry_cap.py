"""Retry on a member of a batch that had a spend cap: what the batch already spent
counts, and a retry that could pass the cap is refused, saying why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.core.history.groups import GroupStore, MemberState
from studio.sandbox.faults import Fault
from tests.ui.test_group_member_retry import _generations

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.history.groups import Group
    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.batch_panel import BatchPanel
    from studio.ui.main_window import MainWindow


def _capped_batch(
    qtbot: QtBot, window: MainWindow, provider: Provider, cap: float
) -> tuple[BatchPanel, Group]:
    """A batch of three dall-e-2 prompts ($0.016 each) under ``cap``: the first fails
    before it was processed (nothing spent), the other two succeed ($0.032 spent)."""
    window.reload_providers(current=provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.params.set_values({"size": "256x256"})
    window.open_batch()
    panel = window.batch_panel
    panel.concurrency.setValue(1)
    panel.cap.setValue(cap)
    panel.template.setText("a {animal} at night")
    panel.values.setPlainText("cat\nfox\nowl\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    group = panel.group
    assert group is not None
    assert [m.state for m in group.members] == [
        MemberState.FAILED,
        MemberState.SUCCEEDED,
        MemberState.SUCCEEDED,
    ]
    return panel, group


def _retried(qtbot: QtBot, window: MainWindow, first: BatchPanel, group: Group) -> BatchPanel:
    """Retry asked on the failed member's tile: the Batch panel reopened on its batch."""
    first.close()
    window.group_windows.retry_member(group.id, 0)
    qtbot.waitUntil(lambda: window.group_windows.batch_panel not in (None, first), timeout=10_000)
    panel = window.group_windows.batch_panel
    assert panel is not None
    qtbot.waitUntil(panel.retry_note.isVisible, timeout=10_000)
    return panel


def test_a_retry_that_could_pass_its_batchs_spend_cap_is_refused(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """A retried member ran with no cap at all: a batch capped at $0.04 that had spent
    $0.032 sent a $0.016 retry. The panel now shows the batch's cap, says the retry
    could pass it, offers no Retry, and nothing is sent."""
    sandbox.inject(Fault(path="/images/generations", status=400))
    first, group = _capped_batch(qtbot, window, sandbox_provider, 0.04)
    sent = len(_generations(sandbox))

    panel = _retried(qtbot, window, first, group)
    assert panel.cap.value() == 0.04 and not panel.cap.isEnabled()
    note = panel.retry_note.text()
    assert "a cat at night" in note and "spend cap" in note
    assert "$0.032" in note and "$0.040" in note
    assert panel.retry_button.isHidden()
    panel.retry()  # what the button would do, were it there
    qtbot.wait(300)
    assert len(_generations(sandbox)) == sent
    fresh = GroupStore(window.studio.history).get(group.id)
    assert fresh is not None and len(fresh.members) == 3


def test_a_retry_that_fits_its_batchs_spend_cap_is_sent(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """Under a cap of $0.05 the same retry ($0.032 + $0.016) fits: it is sent in the
    batch, as a batch without a cap would send it."""
    sandbox.inject(Fault(path="/images/generations", status=400))
    first, group = _capped_batch(qtbot, window, sandbox_provider, 0.05)
    sent = len(_generations(sandbox))

    panel = _retried(qtbot, window, first, group)
    qtbot.waitUntil(panel.retry_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "3 of 4 succeeded" in panel.status.text(), timeout=30_000)
    assert [p["prompt"] for p in _generations(sandbox)[sent:]] == ["a cat at night"]
