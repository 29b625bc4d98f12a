"""The Batch panel's Show the Pictures: the panel goes out of the way of the history it
shows, and the history offers the way back to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from tests.ui.test_batch_panel import _open

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def test_show_the_pictures_puts_the_panel_away_and_the_history_brings_it_back(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """Show the Pictures filtered the history but left the panel over it (the history is
    in the strip along the bottom, which the panel covers): the pictures were not seen.
    The panel now steps aside, the history holds the keyboard, and its Back to the Batch
    button beside the chip shows the same panel again, its batch still in it."""
    window.show()
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.setText("a {animal}")
    panel.values.setPlainText("animal\ncat\nfox\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    group = panel.group
    assert group is not None and panel.isVisible()
    gallery = window.gallery
    assert gallery is not None
    jobs = {m.job_id for m in group.members}

    qtbot.mouseClick(panel.pictures_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: {gallery.model.item(r).job.id for r in range(gallery.model.rowCount())} == jobs,
        timeout=10_000,
    )
    assert not panel.isVisible()  # out of the way of the pictures
    assert gallery.isVisible() and gallery.view.hasFocus()
    back = gallery.filters.group_back
    assert back.isVisible() and back.text() == "Back to the Batch"

    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.isVisible, timeout=10_000)
    assert window.group_windows.batch_panel is None  # the same panel, not one from history
    assert panel.group is not None and panel.group.id == group.id
    assert "Finished" in panel.status.text()
    # showing every job again, the way back goes with the chip
    qtbot.mouseClick(gallery.filters.group_chip, Qt.MouseButton.LeftButton)
    assert back.isHidden()
