"""Deleting a conversation turn and undoing it keeps the turn in its thread: its own
row, its place in the tree, and the turns that continued it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from studio.core.history import threads
from studio.core.history.store import HistoryStore
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from tests.core.history.history_helpers import generate_request, generated


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths())
    yield s
    s.close()


def _turn(store: HistoryStore, text: str, parent: threads.TurnRow | None) -> threads.TurnRow:
    job_id = store.start_job(provider_id="p", provider_name="P", request=generate_request(text))
    row = threads.add_turn(store, job_id, parent=parent, text_model="gpt-5.5")
    store.finish_job(job_id, ImageResult(images=[generated()]))
    threads.set_reply_ids(store, job_id, f"resp_{job_id}", f"ig_{job_id}")
    return row


def _shape(store: HistoryStore, thread_id: int) -> list[tuple[int, int | None, str | None]]:
    return [
        (t.job_id, t.parent_job_id, t.response_id) for t in threads.thread_turns(store, thread_id)
    ]


def test_undoing_the_delete_of_a_middle_turn_restores_its_place_in_the_thread(
    store: HistoryStore,
) -> None:
    first = _turn(store, "a harbour at noon", None)
    middle = _turn(store, "make the sky stormier", first)
    last = _turn(store, "now remove the boat", middle)
    branch = _turn(store, "a red boat instead", middle)
    before = _shape(store, first.thread_id)
    tree_before = threads.thread_tree(store, first.thread_id)

    deleted = store.delete_job(middle.job_id)
    assert threads.get_turn(store, middle.job_id) is None
    assert threads.get_turn(store, last.job_id).parent_job_id is None  # type: ignore[union-attr]

    store.restore_job(deleted)
    assert _shape(store, first.thread_id) == before
    restored = threads.get_turn(store, middle.job_id)
    assert restored is not None
    assert (restored.thread_id, restored.parent_job_id, restored.text_model) == (
        first.thread_id,
        first.job_id,
        "gpt-5.5",
    )
    assert (restored.response_id, restored.call_id) == (
        f"resp_{middle.job_id}",
        f"ig_{middle.job_id}",
    )
    tree = threads.thread_tree(store, first.thread_id)
    assert tree is not None and tree_before is not None
    kids = tree["turns"][0]["children"][0]["children"]
    assert [k["turn_id"] for k in kids] == [last.job_id, branch.job_id]
    assert tree["turn_count"] == tree_before["turn_count"] == 4


def test_undoing_the_delete_of_a_threads_first_turn_keeps_the_thread_whole(
    store: HistoryStore,
) -> None:
    first = _turn(store, "a castle", None)
    second = _turn(store, "at night", first)
    deleted = store.delete_job(first.job_id)
    # while deleted the rest of the thread stands alone, nothing lost
    assert [t.job_id for t in threads.thread_turns(store, first.thread_id)] == [second.job_id]
    store.restore_job(deleted)
    assert _shape(store, first.thread_id) == [
        (first.job_id, None, f"resp_{first.job_id}"),
        (second.job_id, first.job_id, f"resp_{second.job_id}"),
    ]
    assert threads.latest_turn(store, first.thread_id) == threads.get_turn(store, second.job_id)


def test_a_restored_turn_whose_parent_was_deleted_since_starts_its_own_root(
    store: HistoryStore,
) -> None:
    first = _turn(store, "a field", None)
    second = _turn(store, "with poppies", first)
    gone = store.delete_job(second.job_id)
    store.delete_job(first.job_id)  # the parent goes too and stays gone
    store.restore_job(gone)
    row = threads.get_turn(store, second.job_id)
    assert row is not None and row.parent_job_id is None and row.thread_id == first.thread_id
    tree = threads.thread_tree(store, first.thread_id)
    assert tree is not None and [n["turn_id"] for n in tree["turns"]] == [second.job_id]


def test_deleting_and_restoring_a_plain_job_touches_no_thread(store: HistoryStore) -> None:
    job_id = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    store.finish_job(job_id, ImageResult(images=[generated()]))
    deleted = store.delete_job(job_id)
    assert deleted.turn_row is None and deleted.child_turns == ()
    store.restore_job(deleted)
    assert threads.get_turn(store, job_id) is None
