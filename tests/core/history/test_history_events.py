"""The history store announces which jobs each write changed (HistoryChanged)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from studio.core.errors import ErrorKind, StudioError
from studio.core.history import HistoryStore
from studio.core.history.events import ChangeKind, HistoryChanged
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from tests.core.history.history_helpers import edit_request, generate_request, generated


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths())
    yield s
    s.close()


def test_every_write_names_the_jobs_it_changed(store: HistoryStore) -> None:
    heard: list[HistoryChanged] = []
    stop = store.listen(heard.append)

    job = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    assert heard == [HistoryChanged(frozenset({job}), ChangeKind.ADDED)]
    with_inputs = store.start_job(provider_id="p", provider_name="P", request=edit_request())
    assert heard[-1] == HistoryChanged(frozenset({with_inputs}), ChangeKind.ADDED)

    heard.clear()
    store.add_image(job, generated((1, 2, 3)))
    store.add_image(job, generated((1, 2, 3)))  # the same bytes again: nothing changes
    assert heard == [HistoryChanged(frozenset({job}), ChangeKind.CHANGED)]

    heard.clear()
    store.finish_job(job, ImageResult(images=[generated((4, 5, 6))]))
    assert heard and heard[-1] == HistoryChanged(frozenset({job}), ChangeKind.CHANGED)
    heard.clear()
    store.fail_job(with_inputs, StudioError(ErrorKind.PROVIDER, "no"))
    store.set_favourite(job, True)
    assert [(c.job_ids, c.kind) for c in heard] == [
        (frozenset({with_inputs}), ChangeKind.CHANGED),
        (frozenset({job}), ChangeKind.CHANGED),
    ]

    heard.clear()
    deleted = store.delete_job(job)
    store.restore_job(deleted)
    assert [c.kind for c in heard] == [ChangeKind.REMOVED, ChangeKind.ADDED]
    assert all(c.job_ids == {job} for c in heard)

    heard.clear()
    stop()
    store.set_favourite(job, False)
    assert heard == []


def test_listeners_hear_writes_on_the_writing_thread_and_a_failing_one_changes_nothing(
    store: HistoryStore,
) -> None:
    threads: list[str] = []

    def broken(_change: HistoryChanged) -> None:
        raise RuntimeError("a listener's bug")

    store.listen(broken)
    store.listen(lambda _c: threads.append(threading.current_thread().name))
    ids: list[int] = []
    worker = threading.Thread(
        target=lambda: ids.append(
            store.start_job(provider_id="p", provider_name="P", request=generate_request())
        ),
        name="history-writer",
    )
    worker.start()
    worker.join(10)
    assert threads == ["history-writer"]
    assert ids and store.get_job(ids[0]) is not None  # the write itself stood
