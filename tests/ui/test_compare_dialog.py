"""The Compare dialog driven as a person would: three targets, one refuses, two answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.core.history.groups import GroupKind, MemberState

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def test_compare_three_targets_one_refused_gets_nothing(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    qtbot.keyClicks(compose.prompt.text, "a lighthouse at dusk " * 60)  # over dall-e-2's limit
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    wanted = {"dall-e-3", "dall-e-2"}
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        if provider.id == sandbox_provider.id and model in wanted:
            item.setCheckState(Qt.CheckState.Checked)
    assert [(t.provider.id, t.model) for t in dialog.checked_targets()] == [
        (sandbox_provider.id, "gpt-image-1"),
        (sandbox_provider.id, "dall-e-2"),
        (sandbox_provider.id, "dall-e-3"),
    ]
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "targets answered" in dialog.summary.text() or "stopped" in dialog.summary.text(),
        timeout=20_000,
    )
    assert "2 of 3 targets answered" in dialog.summary.text(), dialog.summary.text() + str(
        [c.status.text() for c in dialog.cells.values()]
    )
    group = dialog.group
    assert group is not None and group.kind is GroupKind.COMPARE
    states = {m.target["model"]: m.state for m in group.members}
    assert states == {
        "gpt-image-1": MemberState.SUCCEEDED,
        "dall-e-2": MemberState.REFUSED,
        "dall-e-3": MemberState.SUCCEEDED,
    }
    models = sorted(r.json()["model"] for r in sandbox.requests if r.path.endswith("/generations"))
    assert models == ["dall-e-3", "gpt-image-1"]
    refused = dialog.cells[1]
    assert "Refused (nothing sent)" in refused.status.text()
    assert "1,000" in refused.status.text() and refused.image.pixmap().isNull()
    done = dialog.cells[0]
    assert done.status.text().startswith("Done · ") and " s\nestimate " in done.status.text()
    assert not done.image.pixmap().isNull()
