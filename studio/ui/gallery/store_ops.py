"""What the gallery asks of the history store, as plain functions for a worker thread.

Each returns a frozen answer that the dock applies on the UI thread (through
:class:`studio.jobs.op.SerialOps`), so no SQL and no file move of a delete ever
runs on the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from studio.core.history import DeletedJob, HistoryStore, JobQuery, JobRecord
from studio.core.history.stacks import Stack, stacks_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobState:
    """One job as the gallery should show it now: ``record`` is None when it is gone
    or does not match the query (its tiles go)."""

    job_id: int
    record: JobRecord | None
    provider_id: str = ""
    model: str = ""
    stack: Stack | None = None  # the group or thread the job stands for


@dataclass(frozen=True)
class Snapshot:
    jobs: tuple[JobState, ...]
    count: int  # jobs matching the query (up to the bound it was asked with)


@dataclass(frozen=True)
class Watermark:
    """Where the database stood before the first page was read: the poll finds what
    other connections write after it."""

    data_version: int
    max_job_id: int


@dataclass(frozen=True)
class Overview:
    providers: tuple[str, ...]
    models: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    data_version: int
    max_job_id: int
    snapshot: Snapshot


@dataclass(frozen=True)
class Deleted:
    batch: tuple[DeletedJob, ...]
    error: BaseException | None
    count: int


def page(
    store: HistoryStore,
    query: JobQuery,
    *,
    limit: int,
    before_id: int | None = None,
    after_id: int | None = None,
    offset: int = 0,
    from_end: bool = False,
) -> list[tuple[JobRecord, Stack | None]]:
    """A page of the gallery: jobs, each with the group or thread it stands for."""
    jobs = store.list_jobs(
        query,
        limit=limit,
        before_id=before_id,
        after_id=after_id,
        offset=offset,
        from_end=from_end,
    )
    stacks = stacks_of(store, [j.id for j in jobs]) if query.collapse and jobs else {}
    return [(job, stacks.get(job.id)) for job in jobs]


def snapshot(
    store: HistoryStore, job_ids: Iterable[int], query: JobQuery, bound: int | None = None
) -> Snapshot:
    """The jobs as they are now, and the count (up to ``bound``: a count of a million
    jobs is not read again for every job that changes)."""
    states = []
    ids = sorted(set(job_ids))
    stacks = stacks_of(store, ids) if query.collapse else {}
    for job_id in ids:
        record = store.get_job(job_id)
        if record is None:
            states.append(JobState(job_id, None))
            continue
        shown = record if store.job_matches(job_id, query) else None
        states.append(JobState(job_id, shown, record.provider_id, record.model, stacks.get(job_id)))
    return Snapshot(tuple(states), store.count_jobs(query, limit=bound))


def watermark(store: HistoryStore, _query: JobQuery) -> Watermark:
    version = store.data_version()  # first: a change after it is seen by the next poll
    return Watermark(version, store.max_job_id())


def overview(store: HistoryStore, query: JobQuery) -> Overview:
    """Filter choices, read after the first page (so never older than it; the count came
    with the page)."""
    facets = store.facets()
    return Overview(tuple(facets["provider_id"]), tuple(facets["model"]))


def changes(
    store: HistoryStore,
    known_version: int,
    seen_max: int,
    running: set[int],
    query: JobQuery,
    bound: int | None = None,
) -> Changes | None:
    """Jobs other connections added, and the state of shown running jobs; None if none."""
    version = store.data_version()
    if version == known_version:
        return None
    ids = set(store.job_ids_after(seen_max)) | running
    return Changes(
        version, max(seen_max, *ids) if ids else seen_max, snapshot(store, ids, query, bound)
    )


def set_favourite(
    store: HistoryStore,
    job_ids: list[int],
    favourite: bool,
    query: JobQuery,
    bound: int | None = None,
) -> Snapshot:
    for job_id in job_ids:
        store.set_favourite(job_id, favourite)
    return snapshot(store, job_ids, query, bound)


def delete(
    store: HistoryStore,
    job_ids: list[int],
    query: JobQuery,
    bound: int | None = None,
    groups: Iterable[int] = (),
) -> Deleted:
    """Delete one job after another; what was deleted before a failure stays undoable.

    ``groups`` are the comparisons and batches whose tiles were deleted: one that is
    unfinished (its process gone) gives up what it had not sent, so the next start does
    not offer to resume a batch the person deleted (Undo brings its pictures back)."""
    batch: list[DeletedJob] = []
    error: BaseException | None = None
    for job_id in job_ids:
        try:
            batch.append(store.delete_job(job_id))
        except Exception as exc:
            error = exc
            break
    if error is None and groups:
        from studio.core.history.groups import GroupStore

        group_store = GroupStore(store)
        for group_id in groups:
            if group_store.resumable(group_id):
                group_store.discard(group_id)
    return Deleted(tuple(batch), error, store.count_jobs(query, limit=bound))


def discard(store: HistoryStore, deleted: Iterable[DeletedJob]) -> None:
    """Make deletes final (their undo is no longer offered): their files leave the
    trash, and a comparison or batch left with no job goes, with its input pictures."""
    for one in deleted:
        try:
            store.discard_deleted(one)
        except Exception:
            log.exception("making the delete of job %s final failed", one.job_id)


def group_jobs(store: HistoryStore, group_ids: Iterable[int]) -> list[int]:
    """The jobs of the groups (compare, batch) ``group_ids``, in their members' order."""
    from studio.core.history.groups import GroupStore

    groups = GroupStore(store)
    out: list[int] = []
    for group_id in group_ids:
        group = groups.get(group_id)
        for member in group.members if group is not None else ():
            if member.job_id is not None and member.job_id not in out:
                out.append(member.job_id)
    return out


def restore(
    store: HistoryStore,
    batch: tuple[DeletedJob, ...],
    query: JobQuery,
    bound: int | None = None,
) -> Snapshot:
    for deleted in batch:
        store.restore_job(deleted)
    return snapshot(store, [d.job_id for d in batch], query, bound)
