"""Retry on the history tile of a failed comparison or batch member: the member is sent
again in its group (its grid's cell, its Batch panel), never as a job outside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.core.history.groups import GroupStatus, GroupStore, MemberState
from studio.sandbox.faults import Fault
from tests.ui.gallery.test_gallery import select_job, settle
from tests.ui.test_compare_grid import _compare

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.history.groups import Group
    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.batch_panel import BatchPanel
    from studio.ui.gallery import GalleryDock
    from studio.ui.main_window import MainWindow


def _generations(sandbox: SandboxServer) -> list[dict]:
    return [r.json() for r in sandbox.requests if r.path.endswith("/images/generations")]


def _members_shown(qtbot: QtBot, window: MainWindow, group: Group, job_id: int) -> GalleryDock:
    """The history listing the group's jobs one tile each (Show Its Pictures), the failed
    member's tile picked, the gallery holding the keyboard."""
    gallery = window.gallery
    assert gallery is not None
    gallery.show_group(group.id, group.kind.value)
    settle(qtbot, gallery)
    qtbot.waitUntil(lambda: bool(gallery.model.rows_of_job(job_id)), timeout=10_000)
    select_job(qtbot, gallery, job_id)
    item = gallery.current_item()
    assert item is not None and item.job.id == job_id and item.stack is None
    return gallery


def _press_retry(gallery: GalleryDock) -> None:
    QTest.keyClick(
        gallery.view,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_retry_on_a_failed_compare_members_tile_retries_it_in_its_grid(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """Retry (Ctrl+Shift+R) on the tile of a comparison's failed target sent a plain job
    outside the comparison: the grid never showed it and its counts stayed wrong. It
    now reopens the grid with that target's cell in view and its Retry ready; pressing
    it sends the target as a new member of the same comparison."""
    sandbox.inject(Fault(path="/images/generations", status=400))
    first = _compare(qtbot, window, sandbox_provider, {"gpt-image-1", "dall-e-2"})
    group = first.group
    assert group is not None
    (failed,) = [m for m in group.members if m.state is MemberState.FAILED]
    assert failed.job_id is not None
    first.close()
    gallery = _members_shown(qtbot, window, group, failed.job_id)
    assert gallery.actions_.retry.isEnabled()
    sent = len(_generations(sandbox))

    _press_retry(gallery)
    qtbot.waitUntil(
        lambda: window.group_windows.compare_dialog not in (None, first), timeout=10_000
    )
    dialog = window.group_windows.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "Press Retry" in dialog.summary.text(), timeout=10_000)
    position = dialog.cell_of[failed.idx]
    cell = dialog.cells[position]
    assert cell.title_text in dialog.summary.text()
    assert dialog.focusWidget() is cell.retry_button and cell.retry_button.isEnabled()
    qtbot.wait(300)
    assert len(_generations(sandbox)) == sent and window.queue.jobs == []  # nothing on its own

    qtbot.keyClick(cell.retry_button, Qt.Key.Key_Space)  # the focused Retry, pressed
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=30_000)
    assert "2 of 2 targets answered" in dialog.summary.text()
    assert cell.state is MemberState.SUCCEEDED
    fresh = GroupStore(window.studio.history).get(group.id)
    assert fresh is not None and len(fresh.members) == 3
    again = fresh.members[2]
    assert again.target == failed.target and again.state is MemberState.SUCCEEDED
    assert again.job_id is not None
    assert GroupStore(window.studio.history).group_of_job(again.job_id) == (group.id, 2)
    posts = _generations(sandbox)[sent:]
    assert [p["model"] for p in posts] == [failed.target["model"]]
    assert window.queue.jobs == []  # no job outside the comparison


def _batch(
    qtbot: QtBot, window: MainWindow, provider: Provider, values: str = "cat\nfox\nowl\n"
) -> BatchPanel:
    window.reload_providers(current=provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.params.set_values({"size": "256x256"})
    window.open_batch()
    panel = window.batch_panel
    panel.concurrency.setValue(1)
    panel.template.setText("a {animal} at night")
    panel.values.setPlainText(values)
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    return panel


def test_retry_on_a_failed_batch_members_tile_retries_it_in_its_batch(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """Retry on the tile of a batch's failed member (from its menu) sent a plain job:
    the batch never counted it. It now opens the Batch panel on that batch with the
    member named and Retry ready; pressing it sends the prompt as a new member."""
    sandbox.inject(Fault(path="/images/generations", status=400))
    first = _batch(qtbot, window, sandbox_provider)
    group = first.group
    assert group is not None
    assert [m.state for m in group.members] == [
        MemberState.FAILED,
        MemberState.SUCCEEDED,
        MemberState.SUCCEEDED,
    ]
    failed = group.members[0]
    assert failed.job_id is not None
    first.close()
    gallery = _members_shown(qtbot, window, group, failed.job_id)
    menu = gallery.build_menu()
    assert gallery.actions_.retry in menu.actions()
    menu.deleteLater()
    sent = len(_generations(sandbox))

    gallery.actions_.retry.trigger()  # Retry, chosen in the tile's menu
    qtbot.waitUntil(lambda: window.group_windows.batch_panel not in (None, first), timeout=10_000)
    panel = window.group_windows.batch_panel
    assert panel is not None
    qtbot.waitUntil(panel.retry_button.isEnabled, timeout=10_000)
    assert panel.retry_button.isVisible() and panel.focusWidget() is panel.retry_button
    assert "a cat at night" in panel.retry_note.text()
    qtbot.wait(300)
    assert len(_generations(sandbox)) == sent and window.queue.jobs == []  # nothing on its own

    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "3 of 4 succeeded" in panel.status.text(), timeout=30_000)
    assert "Finished: 3 of 4 succeeded." in panel.status.text()
    assert panel.progress_bar.value() == 4 and panel.progress_bar.maximum() == 4
    assert panel.retry_button.isHidden()
    fresh = GroupStore(window.studio.history).get(group.id)
    assert fresh is not None and fresh.status is GroupStatus.FINISHED
    assert [m.state for m in fresh.members][3] is MemberState.SUCCEEDED
    assert fresh.members[3].prompt == "a cat at night"
    assert [p["prompt"] for p in _generations(sandbox)[sent:]] == ["a cat at night"]
    assert window.queue.jobs == []


def test_a_batch_member_refused_for_want_of_a_key_is_not_offered_again(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """A member its provider's missing key refused (nothing sent) would only fail again:
    the panel says so and offers no Retry; nor is a member sent again since."""
    first = _batch(qtbot, window, sandbox_provider)
    group = first.group
    assert group is not None
    first.close()
    store = GroupStore(window.studio.history)
    keyless = {"kind": "validation", "message": "No API key", "cause": "no_key"}
    store.update_member(group.id, 1, MemberState.FAILED, error=keyless)
    sent = len(sandbox.requests)

    window.group_windows.retry_member(group.id, 1)  # what Retry on its tile asks
    qtbot.waitUntil(lambda: window.group_windows.batch_panel not in (None, first), timeout=10_000)
    panel = window.group_windows.batch_panel
    assert panel is not None
    qtbot.waitUntil(panel.retry_note.isVisible, timeout=10_000)
    assert "refused before anything was sent" in panel.retry_note.text()
    assert "a fox at night" in panel.retry_note.text()
    assert panel.retry_button.isHidden()
    panel.retry()
    qtbot.wait(300)
    assert len(sandbox.requests) == sent
    fresh = store.get(group.id)
    assert fresh is not None and len(fresh.members) == 3


def test_retry_on_a_batch_tile_whose_newest_member_failed_retries_it_in_its_batch(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """The batch's own tile offers Retry when its newest member failed: it goes the same
    way, to the Batch panel, not outside the batch."""
    sandbox.inject(Fault(path="/images/generations", status=400))
    first = _batch(qtbot, window, sandbox_provider, "cat\n")
    group = first.group
    assert group is not None and group.members[0].state is MemberState.FAILED
    failed = group.members[0].job_id
    assert failed is not None
    first.close()
    gallery = window.gallery
    assert gallery is not None
    gallery.refresh()
    settle(qtbot, gallery)
    select_job(qtbot, gallery, failed)
    item = gallery.current_item()
    assert item is not None and item.stack is not None and item.stack.id == group.id
    sent = len(_generations(sandbox))
    _press_retry(gallery)
    qtbot.waitUntil(lambda: window.group_windows.batch_panel not in (None, first), timeout=10_000)
    panel = window.group_windows.batch_panel
    assert panel is not None
    qtbot.waitUntil(panel.retry_button.isEnabled, timeout=10_000)
    qtbot.wait(300)
    assert len(_generations(sandbox)) == sent and window.queue.jobs == []
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "1 of 2 succeeded" in panel.status.text(), timeout=30_000)
    assert window.queue.jobs == []


def test_retry_in_the_history_list_goes_to_the_comparisons_grid_too(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """The history as a list: Retry (Ctrl+Shift+R) on a failed member's row reopens its
    grid with the member's Retry ready, as on its tile; nothing is sent."""
    sandbox.inject(Fault(path="/images/generations", status=400))
    first = _compare(qtbot, window, sandbox_provider, {"gpt-image-1", "dall-e-2"})
    group = first.group
    assert group is not None
    (failed,) = [m for m in group.members if m.state is MemberState.FAILED]
    assert failed.job_id is not None
    first.close()
    gallery = _members_shown(qtbot, window, group, failed.job_id)
    qtbot.mouseClick(gallery.view_options.list_button, Qt.MouseButton.LeftButton)
    table = gallery.table
    table.selectRow(gallery.model.rows_of_job(failed.job_id)[0])
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    sent = len(sandbox.requests)
    QTest.keyClick(
        table,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: window.group_windows.compare_dialog not in (None, first), timeout=10_000
    )
    dialog = window.group_windows.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "Press Retry" in dialog.summary.text(), timeout=10_000)
    assert dialog.focusWidget() is dialog.cells[dialog.cell_of[failed.idx]].retry_button
    qtbot.wait(300)
    assert len(sandbox.requests) == sent and window.queue.jobs == []
