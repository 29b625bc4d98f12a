"""Groups reopened from history: a comparison as its grid (pictures, states, costs; the
winner still becomes the result), a batch as its panel with how far it got."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.core.history.groups import MemberState
from tests.ui.test_compare_grid import _compare

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def test_a_comparison_reopens_as_its_grid(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    first = _compare(qtbot, window, sandbox_provider, {"gpt-image-1", "dall-e-2", "dall-e-3"})
    group = first.group
    assert group is not None
    shown = {
        c.title.text(): (c.state, c.status.text().split("\n")[0]) for c in first.cells.values()
    }
    first.close()
    sent = len(sandbox.requests)
    window.group_windows.open_group(group.id)
    qtbot.waitUntil(lambda: window.group_windows.compare_dialog is not None, timeout=10_000)
    dialog = window.group_windows.compare_dialog
    assert dialog is not None and dialog is not first
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=10_000)
    assert dialog.summary.text() == first.summary.text()
    assert "a heron in the reeds" in dialog.prompt_label.text()
    assert dialog.targets.isHidden() and dialog.compare_button.isHidden()
    again = {
        c.title.text(): (c.state, c.status.text().split("\n")[0]) for c in dialog.cells.values()
    }
    assert again == shown
    for cell in dialog.cells.values():
        if cell.state is MemberState.SUCCEEDED:
            assert not cell.image.pixmap().isNull() and cell.path is not None
    winner = next(c for c in dialog.cells.values() if c.done)
    qtbot.mouseClick(winner.winner_button, Qt.MouseButton.LeftButton)
    viewer = window.viewer
    qtbot.waitUntil(
        lambda: viewer.current is not None and viewer.current.path == winner.path, timeout=10_000
    )
    assert len(sandbox.requests) == sent  # reopening sends nothing


def test_a_batch_reopens_as_its_panel_with_its_progress(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.params.set_values({"size": "256x256"})
    window.open_batch()
    panel = window.batch_panel
    panel.template.setText("a {animal} at night")
    panel.values.setPlainText("cat\nfox\nowl\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    group = panel.group
    assert group is not None
    panel.close()
    window.group_windows.open_group(group.id)
    qtbot.waitUntil(lambda: window.group_windows.batch_panel is not None, timeout=10_000)
    shown = window.group_windows.batch_panel
    assert shown is not None and shown is not panel
    assert shown.template.text() == "a {animal} at night" and shown.template.isReadOnly()
    assert shown.progress_bar.value() == 3 and shown.progress_bar.maximum() == 3
    assert "Finished: 3 of 3 succeeded." in shown.status.text()
    assert "3 of 3 done, 0 failed, $0.048 spent" in shown.status.text()
    assert not shown.start_button.isEnabled()


def test_a_batch_tile_in_the_gallery_reopens_its_panel(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    from tests.ui.test_window_gallery_stacks import _activate

    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.params.set_values({"size": "256x256"})
    window.open_batch()
    panel = window.batch_panel
    panel.template.setText("a {animal} by the sea")
    panel.values.setPlainText("cat\nfox\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    panel.close()
    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()
    qtbot.waitUntil(
        lambda: any(
            (it := gallery.model.loaded_item(r)) is not None and it.stack is not None
            for r in range(gallery.model.rowCount())
        ),
        timeout=10_000,
    )
    tile = next(
        it.job.id
        for r in range(gallery.model.rowCount())
        if (it := gallery.model.loaded_item(r)) is not None and it.stack is not None
    )
    _activate(qtbot, gallery, tile)
    qtbot.waitUntil(lambda: window.group_windows.batch_panel is not None, timeout=10_000)
    shown = window.group_windows.batch_panel
    assert shown is not None and shown is not panel
    assert shown.template.text() == "a {animal} by the sea"
    assert "Finished: 2 of 2 succeeded." in shown.status.text()
    assert shown.progress_bar.value() == 2


def test_a_group_gone_from_history_is_said_in_the_error_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.error_bar
    assert bar.isHidden()
    window.group_windows.open_group(987_654)
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=10_000)
    assert "The group could not be opened." in bar.text.text()
    assert "This group is no longer in the history." in bar.text.text()
    assert window.group_windows.compare_dialog is None
