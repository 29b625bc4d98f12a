"""Keeping the gallery in step with the store: the first page, the count and the
filter choices of a query, changes the store announces, and jobs other processes
write (found by polling the database's ``data_version``).

A mixin of :class:`~studio.ui.gallery.dock.GalleryDock` (kept apart so each file
stays small); every read runs on the dock's worker, and its strings keep the
dock's translation context."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer, SignalInstance, Slot
from PySide6.QtWidgets import QLabel

from studio.core.history import HistoryStore, JobQuery
from studio.core.history.events import ChangeKind, HistoryChanged
from studio.jobs.op import SerialOps
from studio.ui.gallery import store_ops
from studio.ui.gallery.filters import FilterBar
from studio.ui.gallery.grid_view import GalleryView
from studio.ui.gallery.list_view import GalleryTable
from studio.ui.gallery.model import GalleryItem, GalleryModel

log = logging.getLogger(__name__)

T = TypeVar("T")

#: changes are read at most this often (s): a running batch changes a job several
#: times a second, and each read is a query on a worker and a repaint of the gallery
CHANGES_SPACING_S = 0.1

# a search counts this many matches before it shows them ("1000+"), then the rest
COUNT_BOUND = 1000


class StoreSyncMixin:
    """What the gallery reads from the store and how the answers are shown."""

    store: HistoryStore
    ops: SerialOps
    model: GalleryModel
    filters: FilterBar
    view: GalleryView
    table: GalleryTable
    count_label: QLabel
    _changed_ids: set[int]
    _seen_max_id: int
    _data_version: int | None
    _polling: bool
    _count: int | None
    _count_more: bool
    _recount: QTimer
    _changes_due: QTimer
    _changes_read_at: float
    oldest_first: bool
    holds_jobs: SignalInstance

    if TYPE_CHECKING:  # provided by the dock and its other mixin

        def current_item(self) -> GalleryItem | None: ...
        def _notify_failure(self, exc: BaseException) -> None: ...
        def _reselect_after(self, change: Callable[[], object]) -> None: ...
        def _count_text(self, n: int, *, more: bool = False) -> str: ...

    # -- public slots --------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Reload everything."""
        self.model.reload(first_page=False)
        # the database's version before the first page is read, so that a job another
        # process adds in between is found by the next poll; choices and count after it
        self._read(store_ops.watermark, self._apply_watermark)
        self.model.fetchMore()
        self._read(store_ops.overview, self._apply_overview)

    def busy(self) -> bool:
        """Reads or writes of the store are queued, due or running (tests, benchmarks)."""
        return self.ops.busy() or self._changes_due.isActive()

    def _read(
        self,
        read: Callable[[HistoryStore, JobQuery], T],
        apply: Callable[[T, int], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """``read(store, query)`` on a worker when its turn comes, then ``apply(answer,
        generation)`` here; a generation other than the model's means a reload came between."""

        def make() -> Callable[[], tuple[T, int]]:
            store, query, generation = self.store, self.model.query, self.model.generation()
            return lambda: (read(store, query), generation)

        self.ops.submit_lazy(make, lambda answer: apply(*answer), failed or self._notify_failure)

    @Slot(QModelIndex, int, int)
    def _add_choices(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Jobs shown offer their provider and model as filter choices, also those a page
        brought that were written after the overview was read."""
        for item in self.model.items_between(first, last):
            if item.first_of_job:
                self.filters.add_choice(item.job.provider_id, item.job.model)

    def _current_answer(self, generation: int) -> bool:
        return generation == self.model.generation()

    def _apply_watermark(self, mark: store_ops.Watermark, _generation: int) -> None:
        self._seen_max_id = max(self._seen_max_id, mark.max_job_id)
        if self._data_version is None:
            self._data_version = mark.data_version

    def _apply_overview(self, ov: store_ops.Overview, _generation: int) -> None:
        self.filters.set_choices(ov.providers, ov.models)

    @Slot()
    def check_for_changes(self) -> None:
        """Show jobs other connections added, and the new state of shown running jobs."""
        if self._polling or self._data_version is None:
            return
        self._polling = True
        version, seen, running = self._data_version, self._seen_max_id, self.model.running_job_ids()

        def apply(found: store_ops.Changes | None, generation: int) -> None:
            self._polling = False
            if found is None:
                return
            self._data_version = found.data_version
            self._seen_max_id = max(self._seen_max_id, found.max_job_id)
            self._apply_snapshot(found.snapshot, generation)

        def failed(exc: BaseException) -> None:
            self._polling = False
            log.warning("history poll failed: %s", exc)

        bound = self._count_bound()
        self._read(
            lambda st, q: store_ops.changes(st, version, seen, running, q, bound), apply, failed
        )

    @Slot(HistoryChanged)
    def _history_changed(self, change: HistoryChanged) -> None:
        """The store changed these jobs: read them (all announced meanwhile in one go).

        A change right after a read started waits until :data:`CHANGES_SPACING_S` has
        passed since then: a lone job shows at once, a batch's members ten times a
        second, so the window is not repainting for every member a worker records."""
        first = not self._changed_ids
        self._changed_ids |= change.job_ids
        if not first or self._changes_due.isActive():
            return  # a read is queued or due already and takes these too
        wait = self._changes_read_at + CHANGES_SPACING_S - time.monotonic()
        if wait > 0:
            self._changes_due.start(max(1, round(wait * 1000)))
        else:
            self._read_changes()

    @Slot()
    def _read_changes(self) -> None:
        self._changes_read_at = time.monotonic()

        def make() -> Callable[[], tuple[store_ops.Snapshot, int]]:
            ids, self._changed_ids = self._changed_ids, set()
            store, query, generation = self.store, self.model.query, self.model.generation()
            bound = self._count_bound()
            return lambda: (store_ops.snapshot(store, ids, query, bound), generation)

        self.ops.submit_lazy(
            make, lambda answer: self._apply_snapshot(*answer), self._notify_failure
        )

    @Slot(int)
    def job_added(self, job_id: int) -> None:
        """Show a new job (or the new state of a shown one) without reloading the rest."""
        self._history_changed(HistoryChanged.of(ChangeKind.CHANGED, [job_id]))

    job_updated = job_added

    def _apply_snapshot(self, snap: store_ops.Snapshot, generation: int) -> None:
        for state in snap.jobs:
            self._seen_max_id = max(self._seen_max_id, state.job_id)
            if state.provider_id:
                self.filters.add_choice(state.provider_id, state.model)
        if not self._current_answer(generation):
            return  # the reload's own pages bring these jobs as they are now
        current = self.current_item()
        touched = current is not None and any(s.job_id == current.job.id for s in snap.jobs)

        def apply() -> None:
            for state in snap.jobs:
                self.model.apply_job(state)

        if touched:
            self._reselect_after(apply)
        else:
            apply()
        self._show_changed_count(snap.count)

    # -- queries -------------------------------------------------------------

    def _set_query(self, query: JobQuery) -> None:
        """Show ``query``'s jobs: its first page comes with its count up to
        :data:`COUNT_BOUND` (both show at once, "1000+" past it), the exact count after."""
        self.model.set_query(replace(query, oldest_first=self.oldest_first))

    def _first_counted(self, n: int) -> None:
        self._show_count(n, more=n >= COUNT_BOUND)
        if n >= COUNT_BOUND:
            self._count_exactly()

    def _count_bound(self) -> int:
        return COUNT_BOUND

    def _show_changed_count(self, n: int) -> None:
        """A count read after a change, up to the bound: shown when under it, else the
        exact count is read again once the changes settle (a running batch changes a job
        a second; a million jobs are not counted again for each)."""
        if n < COUNT_BOUND:
            self._recount.stop()
            self._show_count(n)
        else:
            self._recount.start()

    def _count_exactly(self) -> None:
        def exact(n: int, generation: int) -> None:
            if self._current_answer(generation):
                self._show_count(n)

        self._read(lambda store, query: store.count_jobs(query), exact)

    def _show_count(self, n: int, *, more: bool = False) -> None:
        """``n`` jobs (``more``: at least ``n``, the exact count is on its way)."""
        self._count, self._count_more = n, more
        self.count_label.setText(self._count_text(n, more=more))
        whole = self.filters.query() == JobQuery()
        if whole:
            self.holds_jobs.emit(n > 0)
        if n:
            empty = ""
        elif whole:
            empty = QCoreApplication.translate(
                "GalleryDock",
                "Every image you make is kept here, with its prompt and settings. "
                "Search the prompts above, filter by model, format or day, and star "
                "favourites (F) to find them again.",
            )
        else:
            empty = QCoreApplication.translate(
                "GalleryDock",
                "No job matches these filters: clear the search or widen the filters.",
            )
        # both views say it: the list was a bare header over nothing
        self.view.set_empty_text(empty)
        self.table.set_empty_text(empty)
