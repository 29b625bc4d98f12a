"""The gallery's rows as runs: loaded pages of tiles and the stretches between them.

The gallery shows every job of a query (a million, say) as rows, one per image, but
holds the tiles of only a few pages around what the user sees. The rows are a list
of runs, each one of:

- **loaded**: its jobs and their tiles (one row per image, one for a job without);
- **dropped**: a loaded page scrolled far away; its tiles are gone but its first and
  last job ids are kept, so it is read again by keyset and keeps its row count;
- **unknown**: jobs never read, one row each, found by their position after the
  run before (keyset from its last id plus an offset) or before the run after.

Reading a page is planned here (:meth:`RowWindow.plan`) and its answer put in place
by the model, which tells the view what moved. No Qt and no SQL here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from studio.core.history import JobRecord
from studio.core.history.stacks import Stack
from studio.ui.gallery.items import Entry, GalleryItem, items_for, width_of


@dataclass(eq=False)
class Run:
    jobs: int
    rows: int
    items: list[GalleryItem] | None = None  # loaded: one per row
    first_id: int | None = None  # its first job's id; None: never read (one row a job)
    last_id: int | None = None  # its last job's id

    @property
    def loaded(self) -> bool:
        return self.items is not None

    @property
    def unknown(self) -> bool:
        return self.first_id is None

    @classmethod
    def of(cls, entries: list[Entry]) -> Run:
        items = [it for job, stack in entries for it in items_for(job, stack)]
        return cls(len(entries), len(items), items, entries[0][0].id, entries[-1][0].id)

    def job_ids(self) -> list[int]:
        assert self.items is not None
        return [it.job.id for it in self.items if it.first_of_job]

    def drop(self) -> None:
        self.items = None


@dataclass(frozen=True, eq=False)
class Fetch:
    """A page to read: ``jobs`` jobs filling ``run`` from its job ``start`` on."""

    run: Run
    start: int
    jobs: int
    before_id: int | None = None
    after_id: int | None = None
    offset: int = 0
    from_end: bool = False  # counted back from the listing's end (the run is its tail)


@dataclass
class RowWindow:
    page_jobs: int
    runs: list[Run] = field(default_factory=list)
    #: the listing's order: newest first (ids falling), or oldest first
    newest_first: bool = True
    #: the rank of the first job ever placed at the top: a job ranked above it goes there
    top: int | None = None
    _starts: list[int] | None = None

    # -- where rows are --------------------------------------------------------

    def changed(self) -> None:
        """The runs changed shape: row starts are computed again when next asked."""
        self._starts = None
        for run in self.runs[:1]:
            if run.first_id is not None:
                rank = self.rank(run.first_id)
                self.top = rank if self.top is None else max(self.top, rank)

    def rank(self, job_id: int) -> int:
        """Higher comes first in the listing (ids grow with time)."""
        return job_id if self.newest_first else -job_id

    def _from(self, job_id: int) -> int:
        """The keyset bound that lists ``job_id`` itself first."""
        return job_id + 1 if self.newest_first else job_id - 1

    def items_between(self, first: int, last: int) -> Iterator[GalleryItem]:
        """The read tiles of rows ``first``..``last`` (unread rows cost nothing)."""
        for start, run in self.loaded():
            assert run.items is not None
            if start > last or start + run.rows <= first:
                continue
            yield from run.items[max(0, first - start) : last - start + 1]

    def starts(self) -> list[int]:
        if self._starts is None:
            at, out = 0, []
            for run in self.runs:
                out.append(at)
                at += run.rows
            self._starts = out
        return self._starts

    def total_rows(self) -> int:
        starts = self.starts()
        return starts[-1] + self.runs[-1].rows if self.runs else 0

    def locate(self, row: int) -> tuple[int, int] | None:
        """``(run index, row within it)`` of ``row``, or None out of range."""
        if row < 0 or row >= self.total_rows():
            return None
        starts = self.starts()
        i = bisect.bisect_right(starts, row) - 1
        return i, row - starts[i]

    def item(self, row: int) -> GalleryItem | None:
        found = self.locate(row)
        if found is None:
            return None
        run = self.runs[found[0]]
        return None if run.items is None else run.items[found[1]]

    def loaded(self) -> Iterator[tuple[int, Run]]:
        """``(first row, run)`` of every loaded run, top to bottom."""
        for start, run in zip(self.starts(), self.runs, strict=True):
            if run.items is not None:
                yield start, run

    def rows_of_stack(self, stack: Stack) -> list[range]:
        """The rows of loaded tiles standing for ``stack`` (a group or thread)."""
        out = []
        for start, run in self.loaded():
            for k, it in enumerate(run.items or ()):
                if it.stack is not None and (it.stack.kind, it.stack.id) == (stack.kind, stack.id):
                    out.append(range(start + k, start + k + 1))
        return out

    def rows_of_job(self, job_id: int) -> range:
        for start, run in self.loaded():
            assert run.items is not None
            if run.first_id is not None and run.last_id is not None:
                rank = self.rank(job_id)
                if not self.rank(run.last_id) <= rank <= self.rank(run.first_id):
                    continue
            rows = [i for i, it in enumerate(run.items) if it.job.id == job_id]
            if rows:
                return range(start + rows[0], start + rows[-1] + 1)
        return range(0)

    def loaded_jobs(self) -> int:
        return sum(run.jobs for _s, run in self.loaded())

    # -- reading pages ---------------------------------------------------------

    def plan(self, row: int) -> Fetch | None:
        """The read that brings ``row``'s tile, or None when it is there already."""
        found = self.locate(row)
        if found is None:
            return None
        i, k = found
        run = self.runs[i]
        if run.loaded:
            return None
        if not run.unknown:  # dropped: the same jobs again, by keyset
            assert run.first_id is not None
            return Fetch(run, 0, run.jobs, before_id=self._from(run.first_id))
        page = self.page_jobs
        if k < page:
            begin = 0
        elif run.jobs - k <= page:
            begin = max(0, run.jobs - page)
        else:
            begin = k - page // 2
        end = min(run.jobs, begin + page)
        before = self.runs[i - 1] if i > 0 else None
        after = self.runs[i + 1] if i + 1 < len(self.runs) else None
        from_after = run.jobs - end
        if after is not None and after.first_id is not None and from_after < begin:
            return Fetch(run, begin, end - begin, after_id=after.first_id, offset=from_after)
        if after is None and from_after < begin:  # the counted tail: back from the end
            return Fetch(run, begin, end - begin, from_end=True, offset=from_after)
        before_id = None if before is None else before.last_id
        return Fetch(run, begin, end - begin, before_id=before_id, offset=begin)

    def index_of(self, run: Run) -> int | None:
        for i, r in enumerate(self.runs):
            if r is run:
                return i
        return None

    def placement(self, fetch: Fetch, jobs: list[Entry]) -> tuple[int, int, int] | None:
        """Where a page read for ``fetch`` goes: ``(first row, rows it replaces, rows it
        brings)``, or None when the runs changed since it was planned (read again)."""
        i = self.index_of(fetch.run)
        if i is None:
            return None
        start = self.starts()[i]
        brings = sum(width_of(job, stack) for job, stack in jobs)
        if not fetch.run.unknown:
            return start, fetch.run.rows, brings
        return start + fetch.start, fetch.jobs, brings

    def fill(self, fetch: Fetch, jobs: list[Entry]) -> None:
        """Put the page in place (after :meth:`placement` said where). A page shorter
        than planned (jobs deleted meanwhile by another process) shrinks the stretch."""
        i = self.index_of(fetch.run)
        assert i is not None
        run = fetch.run
        parts: list[Run] = []
        if run.unknown and fetch.start:
            parts.append(Run(fetch.start, fetch.start))
        if jobs:
            parts.append(Run.of(jobs))
        rest = run.jobs - fetch.start - fetch.jobs if run.unknown else 0
        if rest:
            parts.append(Run(rest, rest))
        self.runs[i : i + 1] = parts
        self.changed()

    # -- jobs that come, change and go -------------------------------------------

    def replace_job(self, job: JobRecord, stack: Stack | None) -> range | None:
        """Show a changed job whose tiles keep their number and place; its rows, or None."""
        rows = self.rows_of_job(job.id)
        new = items_for(job, stack)
        if not rows or len(rows) != len(new):
            return None
        found = self.locate(rows.start)
        assert found is not None
        run = self.runs[found[0]]
        assert run.items is not None
        run.items[found[1] : found[1] + len(new)] = new
        return rows

    def remove_rows_of(self, job_id: int, rows: range) -> None:
        found = self.locate(rows.start)
        assert found is not None
        i, k = found
        run = self.runs[i]
        assert run.items is not None
        del run.items[k : k + len(rows)]
        run.jobs -= 1
        run.rows -= len(rows)
        if not run.items:
            del self.runs[i]
        else:
            run.first_id, run.last_id = run.items[0].job.id, run.items[-1].job.id
        self.changed()

    def insert_plan(
        self, job: JobRecord, stack: Stack | None, *, complete: bool
    ) -> tuple[int, int, Callable[[], None]] | None:
        """``(row, rows, put)`` for a new job: where its rows go, how many, and the change
        to make (between the model's begin/end of the insertion); None when no run
        holds its place yet (older than every page read while the rest is not counted:
        a later page brings it). ``complete``: the runs cover every job of the query."""
        jid, new = job.id, items_for(job, stack)
        rank = self.rank(jid)
        starts = self.starts()
        for i, run in enumerate(self.runs):
            start = starts[i]
            if run.unknown:
                after = self.runs[i + 1] if i + 1 < len(self.runs) else None
                if after is not None and after.first_id and self.rank(after.first_id) > rank:
                    continue
                if i == 0 and (self.top is None or rank > self.top):  # a page of its own on top
                    return 0, len(new), lambda: self._put_run(0, (job, stack))
                return start + run.rows, 1, partial(self._grow, run, 1)
            assert run.last_id is not None and run.first_id is not None
            if rank < self.rank(run.last_id):
                continue
            if run.items is None:  # a dropped page: before it, or in it (read again later)
                if rank > self.rank(run.first_id):
                    return start, len(new), partial(self._put_run, i, (job, stack))
                return start + run.rows, len(new), partial(self._grow, run, len(new))
            local = next(k for k, it in enumerate(run.items) if self.rank(it.job.id) < rank)
            return start + local, len(new), partial(self._put_items, run, local, new)
        if not complete:
            return None
        if self.runs and self.runs[-1].items is not None:
            last = self.runs[-1]
            return self.total_rows(), len(new), lambda: self._put_items(last, last.rows, new)
        return self.total_rows(), len(new), lambda: self._put_run(len(self.runs), (job, stack))

    def _put_run(self, i: int, entry: Entry) -> None:
        self.runs.insert(i, Run.of([entry]))
        self.changed()

    def _grow(self, run: Run, rows: int) -> None:
        run.jobs += 1
        run.rows += rows
        self.changed()

    def _put_items(self, run: Run, at: int, new: list[GalleryItem]) -> None:
        assert run.items is not None
        run.items[at:at] = new
        run.jobs += 1
        run.rows += len(new)
        run.first_id, run.last_id = run.items[0].job.id, run.items[-1].job.id
        self.changed()

    # -- letting go of far pages -----------------------------------------------

    def drop_outside(self, first: int, last: int) -> None:
        """Forget the tiles of loaded runs wholly outside rows ``first``..``last``."""
        for start, run in list(self.loaded()):
            if start + run.rows <= first or start > last:
                run.drop()
                if run.rows == run.jobs:  # one row a job: as good as never read
                    run.first_id = run.last_id = None
        self.merge_unknown()

    def merge_unknown(self) -> None:
        merged: list[Run] = []
        for run in self.runs:
            if merged and run.unknown and merged[-1].unknown:
                last = merged[-1]
                merged[-1] = Run(last.jobs + run.jobs, last.rows + run.jobs)
            else:
                merged.append(run)
        if len(merged) != len(self.runs):
            self.runs = merged
            self.changed()
