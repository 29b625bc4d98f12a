"""A compare or batch shows as one tile with its member count, a conversation as one tile
with its turns; opening one says which group or thread to open, and search finds them by
any member's prompt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.core.costs import Cost
from studio.core.history import HistoryStore, JobQuery
from studio.core.history.groups import GroupKind, GroupStore, MemberSpec, MemberState
from studio.core.history.threads import add_turn
from studio.core.result import ImageResult
from studio.ui.gallery import GalleryDock
from studio.ui.gallery.list_view import Column
from studio.ui.gallery.tile_parts import badges_for
from studio.ui.i18n import set_language
from tests.core.history.history_helpers import generate_request, generated
from tests.ui.gallery.test_gallery import add_job, dock, select_job, settle, store, value

__all__ = ["dock", "store"]  # the shared fixtures

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

TARGET = {"provider": "sandbox", "model": "gpt-image-2", "params": {}}


def make_group(store: HistoryStore, kind: GroupKind, prompts: list[str]) -> tuple[int, list[int]]:
    groups = GroupStore(store)
    gid = groups.create(kind, "{animal}", {}, [MemberSpec(p, TARGET) for p in prompts])
    jobs = []
    for idx, prompt in enumerate(prompts):
        job = add_job(store, prompt, seed=idx)
        groups.update_member(gid, idx, MemberState.SUCCEEDED, job_id=job)
        jobs.append(job)
    return gid, jobs


def make_thread(store: HistoryStore, prompts: list[str]) -> list[int]:
    jobs, parent = [], None
    for i, prompt in enumerate(prompts):
        job = add_job(store, prompt, seed=20 + i)
        parent = add_turn(store, job, parent=parent, text_model="gpt-5")
        jobs.append(job)
    return jobs


def shown_jobs(d: GalleryDock) -> list[int]:
    return [d.model.item(r).job.id for r in range(d.model.rowCount())]


def test_groups_and_threads_are_one_tile_each_and_open_where_they_live(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    alone = add_job(store, "a lone heron", images=2)
    gid, compare = make_group(store, GroupKind.COMPARE, ["fox a", "fox b", "otter c"])
    bid, batch = make_group(store, GroupKind.BATCH, ["cat 1", "cat 2"])
    turns = make_thread(store, ["an otter", "make it blue", "add a hat", "smaller"])
    dock.refresh()
    settle(qtbot, dock)
    assert shown_jobs(dock) == [turns[-1], batch[-1], compare[-1], alone, alone]
    kinds = {dock.model.item(r).job.id: badges_for(dock.model.item(r)) for r in range(4)}
    assert [b.kind for b in kinds[turns[-1]]] == ["thread"]
    assert "4" in kinds[turns[-1]][0].text
    assert [b.kind for b in kinds[batch[-1]]] == ["batch"] and "2" in kinds[batch[-1]][0].text
    assert [b.kind for b in kinds[compare[-1]]] == ["compare"]
    assert "3" in kinds[compare[-1]][0].text
    assert kinds[alone] == []  # a job of its own: no stack badge

    select_job(qtbot, dock, compare[-1])
    with qtbot.waitSignal(dock.group_opened) as opened:
        QTest.keyClick(dock.view, Qt.Key.Key_Return)
    assert opened.args == [gid, "compare"]
    rect = dock.view.visualRect(dock.index_of_job(batch[-1]))
    with qtbot.waitSignal(dock.group_opened) as opened:  # a double click, as a person does
        qtbot.mousePress(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [bid, "batch"]
    select_job(qtbot, dock, turns[-1])
    with qtbot.waitSignal(dock.thread_opened) as opened:
        QTest.keyClick(dock.view, Qt.Key.Key_Return)
    assert opened.args == [turns[0]]
    menu = dock.build_menu()
    assert dock.actions_.open_stack in menu.actions()
    assert dock.actions_.open not in menu.actions()
    assert dock.actions_.open_stack.text() == "Open Conversation"
    menu.deleteLater()
    with qtbot.waitSignal(dock.open_image):  # a job of its own still opens its picture
        select_job(qtbot, dock, alone)
        QTest.keyClick(dock.view, Qt.Key.Key_Return)


def test_search_finds_a_group_or_thread_by_any_members_prompt(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    _gid, compare = make_group(store, GroupKind.COMPARE, ["fox a", "a striped otter", "fox c"])
    turns = make_thread(store, ["a cat", "paint it teal", "add a hat"])
    add_job(store, "an otter alone")
    dock._set_query(JobQuery(text="otter"))
    settle(qtbot, dock)
    shown = shown_jobs(dock)
    assert compare[1] in shown and len(shown) == 2  # the group's matching member stands for it
    assert dock.model.item(shown.index(compare[1])).stack is not None
    dock._set_query(JobQuery(text="teal"))
    settle(qtbot, dock)
    assert shown_jobs(dock) == [turns[1]]
    assert dock.model.item(0).stack is not None and dock.model.item(0).stack.members == 3


def test_a_new_turn_takes_the_threads_tile_without_a_second_one(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    turns = make_thread(store, ["a boat", "at night"])
    dock.refresh()
    settle(qtbot, dock)
    assert shown_jobs(dock) == [turns[-1]]
    job = add_job(store, "with a lantern", seed=40)  # the job comes first, then its turn
    from studio.core.history.threads import get_turn

    add_turn(store, job, parent=get_turn(store, turns[-1]), text_model="gpt-5")
    store.set_favourite(job, True)  # the next change of the job shows it as the turn it is
    qtbot.waitUntil(lambda: shown_jobs(dock) == [job], timeout=10_000)
    assert dock.model.item(0).stack is not None and dock.model.item(0).stack.members == 3


def test_compare_and_batch_badges_read_alike_and_say_what_they_count(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    gid, compare = make_group(store, GroupKind.COMPARE, ["fox a", "fox b", "fox c", "fox d"])
    GroupStore(store).update_member(gid, 3, MemberState.FAILED)  # one target failed
    _bid, batch = make_group(store, GroupKind.BATCH, ["cat 1", "cat 2"])
    dock.refresh()
    settle(qtbot, dock)
    assert shown_jobs(dock) == [batch[-1], compare[-1]]
    (batch_badge,) = badges_for(dock.model.item(0))
    (compare_badge,) = badges_for(dock.model.item(1))
    assert (compare_badge.text, batch_badge.text) == ("Compare · 4", "Batch · 2")
    tip = dock.model.data(dock.index_of_job(batch[-1]), Qt.ItemDataRole.ToolTipRole)
    assert "counts every member: 2 (each target or row" in tip and "2 succeeded" in tip, tip
    tip = dock.model.data(dock.index_of_job(compare[-1]), Qt.ItemDataRole.ToolTipRole)
    assert "counts every member: 4 (" in tip and "3 succeeded" in tip, tip
    # a narrow tile: where the batch's badge fits whole, the comparison's keeps its pattern
    metrics = dock.view.fontMetrics()
    fitted = dock.view.itemDelegate().fitted_text
    for room in range(metrics.horizontalAdvance("Batch · 2"), 200):
        assert fitted(metrics, batch_badge, room) == "Batch · 2"
        shown = fitted(metrics, compare_badge, room)
        assert shown.startswith("Co") and shown.endswith(" · 4"), (room, shown)


def _answer_when_asked(qtbot: QtBot, button: QMessageBox.StandardButton) -> list[str]:
    """Answer the next question when it shows (it may come after a read on a worker)."""
    texts: list[str] = []
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and not texts:
            timer.stop()
            texts.append(box.text())
            qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    timer.timeout.connect(look)
    timer.start()
    return texts


def test_deleting_a_groups_tile_deletes_the_group_and_undo_brings_it_back(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    alone = add_job(store, "a lone heron")
    _gid, compare = make_group(store, GroupKind.COMPARE, ["fox a", "fox b", "otter c"])
    dock.refresh()
    settle(qtbot, dock)
    assert shown_jobs(dock) == [compare[-1], alone]
    select_job(qtbot, dock, compare[-1])
    asked = _answer_when_asked(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert "comparison" in asked[0] and "3 job" in asked[0], asked
    settle(qtbot, dock)
    # the whole comparison went, not one of its pictures with the rest out of sight
    assert all(store.get_job(j) is None for j in compare)
    assert shown_jobs(dock) == [alone]
    assert dock.count_label.text() == "1 job"
    assert dock.undo_label.text() == "Deleted 3 jobs."
    qtbot.mouseClick(dock.undo_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dock)
    assert all(store.get_job(j) is not None for j in compare)
    assert shown_jobs(dock) == [compare[-1], alone]
    item = dock.model.item(0)
    assert item.stack is not None and item.stack.members == 3


def test_a_deleted_comparison_of_edits_takes_its_pictures_along_once_undo_is_gone(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    """Its input pictures stay while Undo is offered and go when the window closes
    (the deletes made final on a worker)."""
    from studio.core.group_inputs import SPEC_KEY, EditInputs, store_inputs
    from studio.core.history.groups import GroupStatus
    from studio.core.request import InputImage

    edit = store_inputs(
        store.paths.group_inputs_dir, EditInputs((InputImage("a.png", b"\x89PNG..."),))
    )
    folder = store.paths.group_inputs_dir / edit["folder"]
    groups = GroupStore(store)
    gid = groups.create(
        GroupKind.COMPARE, "a fox", {SPEC_KEY: edit}, [MemberSpec(p, TARGET) for p in "ab"]
    )
    for idx, prompt in enumerate("ab"):
        groups.update_member(gid, idx, MemberState.SUCCEEDED, job_id=add_job(store, prompt))
    groups.set_status(gid, GroupStatus.FINISHED)
    dock.refresh()
    settle(qtbot, dock)
    select_job(qtbot, dock, shown_jobs(dock)[0])
    asked = _answer_when_asked(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    settle(qtbot, dock)
    assert shown_jobs(dock) == [] and dock.undo_bar.isVisible()
    assert (folder / "image-1.png").is_file()  # Undo can still bring the comparison back
    dock.shutdown()
    assert not folder.exists()
    assert groups.get(gid) is None


def test_deleting_an_unfinished_batchs_tile_gives_up_what_it_had_not_sent(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    """A batch a dead process left half-sent is offered at the next start; once the
    person deletes its tile it must not be: its queued members are given up."""
    bid, done = make_group(store, GroupKind.BATCH, ["a cat", "a dog"])
    groups = GroupStore(store)
    queued = groups.add_member(bid, MemberSpec("an owl", TARGET))
    with store._write() as conn:  # its process is gone before it finished
        conn.execute(
            "UPDATE job_groups SET status = 'interrupted', pid = 999999999, pid_start = 'gone'"
            " WHERE id = ?",
            (bid,),
        )
    assert [g.id for g in groups.unfinished()] == [bid]
    dock.refresh()
    settle(qtbot, dock)
    select_job(qtbot, dock, done[-1])
    asked = _answer_when_asked(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    settle(qtbot, dock)
    assert all(store.get_job(j) is None for j in done)
    assert groups.unfinished() == []  # the next start offers nothing
    member = groups.member(bid, queued)
    assert member is not None and member.state is MemberState.SKIPPED


def test_deleting_a_conversations_tile_deletes_its_newest_turn_and_the_tile_stays(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    alone = add_job(store, "a lone heron")
    turns = make_thread(store, ["a boat", "at night", "with a lantern"])
    dock.refresh()
    settle(qtbot, dock)
    assert shown_jobs(dock) == [turns[-1], alone]
    select_job(qtbot, dock, turns[-1])
    asked = _answer_when_asked(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert "1 job" in asked[0], asked
    settle(qtbot, dock)
    assert store.get_job(turns[-1]) is None and store.get_job(turns[0]) is not None
    # the conversation's other turns still have their tile, as the count says
    qtbot.waitUntil(lambda: shown_jobs(dock) == [turns[-2], alone], timeout=10_000)
    assert dock.count_label.text() == "2 jobs"


def test_a_groups_pictures_are_listed_one_tile_each_and_the_chip_shows_all_again(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    alone = add_job(store, "a lone heron")
    bid, batch = make_group(store, GroupKind.BATCH, ["a cat", "a dog", "an owl"])
    dock.refresh()
    settle(qtbot, dock)
    assert shown_jobs(dock) == [batch[-1], alone]
    select_job(qtbot, dock, batch[-1])
    menu = dock.build_menu()
    assert dock.actions_.show_members in menu.actions()
    menu.deleteLater()
    qtbot.keyClick(
        dock.view,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, dock)
    assert shown_jobs(dock) == batch[::-1]  # every member, each as its own picture
    assert all(dock.model.item(r).stack is None for r in range(dock.model.rowCount()))
    chip = dock.filters.group_chip
    assert chip.isVisible() and chip.text() == f"Only batch #{bid}"
    assert dock.count_label.text() == "3 jobs"
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    settle(qtbot, dock)
    assert shown_jobs(dock) == [batch[-1], alone] and not chip.isVisible()
    select_job(qtbot, dock, alone)  # a picture of its own has no members to show
    assert not dock.actions_.show_members.isEnabled()
    assert dock.actions_.show_members not in dock.build_menu().actions()


def _priced(store: HistoryStore, prompt: str, provider: str, cost: Cost | None) -> int:
    job = store.start_job(
        provider_id=provider, provider_name=provider.title(), request=generate_request(prompt)
    )
    store.finish_job(job, ImageResult(images=[generated()]), cost=cost)
    return job


def test_a_groups_row_in_the_list_costs_what_all_its_members_cost(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    """A comparison billed in dollars and in yuan shows its total per currency, not the
    cost of the member standing for it; a batch with a member whose cost nothing knows
    says its total is the least it cost; a job of its own keeps its own cost."""
    alone = _priced(store, "a lone heron", "openai", Cost(0.5, "USD", "", True))
    groups = GroupStore(store)
    gid = groups.create(GroupKind.COMPARE, "fox", {}, [MemberSpec("fox", TARGET)] * 3)
    compare = [
        _priced(store, "fox", "openai", Cost(0.04, "USD", "", True)),
        _priced(store, "fox", "openai", Cost(0.08, "USD", "", True)),
        _priced(store, "fox", "relay", Cost(0.8, "CNY", "", False)),
    ]
    for idx, job in enumerate(compare):
        groups.update_member(gid, idx, MemberState.SUCCEEDED, job_id=job)
    bid = groups.create(GroupKind.BATCH, "{animal}", {}, [MemberSpec("cat", TARGET)] * 2)
    batch = [
        _priced(store, "cat", "openai", Cost(0.25, "USD", "", True)),
        _priced(store, "cat", "openai", None),  # its usage priced nothing
    ]
    for idx, job in enumerate(batch):
        groups.update_member(bid, idx, MemberState.SUCCEEDED, job_id=job)
    dock.refresh()
    settle(qtbot, dock)
    qtbot.mouseClick(dock.view_options.list_button, Qt.MouseButton.LeftButton)
    assert dock.pages.currentWidget() is dock.table
    columns = dock.table.columns

    def cost(job: int) -> str:
        row = dock.model.rows_of_job(job).start
        return str(columns.data(columns.index(row, Column.COST), Qt.ItemDataRole.DisplayRole))

    assert shown_jobs(dock) == [batch[-1], compare[-1], alone]
    assert cost(compare[-1]) == "$0.120 + ¥0.800"  # the shown member alone cost ¥0.800
    assert cost(batch[-1]) == "≥ $0.250"
    assert cost(alone) == "$0.500"
    # its tip says it whole (the column may be narrower than two currencies)
    tip = str(value(dock, dock.model.rows_of_job(compare[-1]).start, Qt.ItemDataRole.ToolTipRole))
    assert "Cost of all members: $0.120 + ¥0.800" in tip
    assert "Cost of all members" not in str(
        value(dock, dock.model.rows_of_job(alone).start, Qt.ItemDataRole.ToolTipRole)
    )
    try:
        assert set_language("zh_CN")
        assert cost(batch[-1]) == "至少 $0.250"
        assert cost(compare[-1]) == "$0.120 + ¥0.800"
    finally:
        set_language("en")


def test_a_conversations_row_in_the_list_costs_what_all_its_turns_cost(
    qtbot: QtBot, store: HistoryStore, dock: GalleryDock
) -> None:
    """It showed the newest turn's cost alone."""
    turns, parent = [], None
    for prompt, cost in (("an otter", 0.05), ("make it blue", 0.04), ("now a hat", 0.07)):
        job = _priced(store, prompt, "openai", Cost(cost, "USD", "", True))
        parent = add_turn(store, job, parent=parent, text_model="gpt-5")
        turns.append(job)
    dock.refresh()
    settle(qtbot, dock)
    qtbot.mouseClick(dock.view_options.list_button, Qt.MouseButton.LeftButton)
    columns = dock.table.columns
    row = dock.model.rows_of_job(turns[-1]).start
    assert shown_jobs(dock) == [turns[-1]]
    assert columns.data(columns.index(row, Column.COST), Qt.ItemDataRole.DisplayRole) == "$0.160"
    tip = str(value(dock, row, Qt.ItemDataRole.ToolTipRole))
    assert "Cost of all turns: $0.160" in tip and "members" not in tip
