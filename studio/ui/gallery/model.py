"""The gallery's list model: one row per image, newest job first (or oldest), read from the store
a page at a time around what the view shows.

Jobs without images (failed, cancelled, interrupted, still running) get one row of
their own so their reason and a Retry stay visible. Rows of one job are consecutive.

The model is windowed: its row count is every job of the query (counted on a worker
once the first page is in), but it holds the tiles of only a few pages around what
the view asked for (:class:`~studio.ui.gallery.row_window.RowWindow`); a page
scrolled far away lets its tiles go and is read again, by keyset, when it comes
back. So a scroll step costs the same at ten thousand jobs and at a million. Every
page is read on a worker (the dock's :class:`~studio.jobs.op.SerialOps`) and put in
place when it arrives; the model never touches the store on the UI thread.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)

from studio.core.filenames import DEFAULT_PATTERN
from studio.core.history import HistoryStore, JobQuery, JobRecord, StoredImage
from studio.core.saving import SaveMode
from studio.jobs.op import SerialOps
from studio.ui.gallery import store_ops, tile_parts
from studio.ui.gallery.items import Entry, GalleryItem, items_for
from studio.ui.gallery.row_window import Fetch, RowWindow, Run
from studio.ui.gallery.store_ops import JobState
from studio.ui.gallery.thumbs import ThumbnailLoader
from studio.ui.gallery.tile_parts import picture_path

log = logging.getLogger(__name__)

PAGE_JOBS = 60
# thumbnails that arrive within this long are shown in one repaint (under a frame)
THUMBS_MS = 12
# pages kept on each side of what the view shows (scrolling back is instant)
KEEP_PAGES = 3

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["GalleryItem", "GalleryModel", "Role", "items_for"]


class Role(enum.IntEnum):
    JOB_ID = Qt.ItemDataRole.UserRole + 1
    JOB = Qt.ItemDataRole.UserRole + 2  # the JobRecord
    IMAGE_PATH = Qt.ItemDataRole.UserRole + 3  # str, or None for a job without images
    THUMBNAIL = Qt.ItemDataRole.UserRole + 4  # QPixmap, or None while it is being made
    STATUS = Qt.ItemDataRole.UserRole + 5
    FIRST_OF_JOB = Qt.ItemDataRole.UserRole + 6  # bool: draw the job's header
    IMAGE = Qt.ItemDataRole.UserRole + 7  # the StoredImage or None
    MISSING = Qt.ItemDataRole.UserRole + 8  # bool: the image file could not be read


class GalleryModel(QAbstractListModel):
    #: the query's jobs counted with its first page (up to :attr:`count_bound`)
    counted = Signal(int)

    def __init__(
        self,
        store: HistoryStore,
        thumbs: ThumbnailLoader,
        parent: QObject | None = None,
        *,
        page_jobs: int = PAGE_JOBS,
        ops: SerialOps | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.thumbs = thumbs
        #: how files dragged out are named and what they carry (the settings')
        self.file_pattern = DEFAULT_PATTERN
        self.save_mode = SaveMode.PARAMETERS
        self.ops = ops if ops is not None else SerialOps(self)
        #: the first page counts the query's jobs up to this (None: it does not count)
        self.count_bound: Callable[[], int] | None = None
        self._generation = 0  # a reload makes the pages still on their way stale
        self._loading = False  # a page at the end (fetchMore) is on its way
        self.page_jobs = page_jobs
        self._query = JobQuery(collapse=True)
        self._window = RowWindow(page_jobs)
        self._exhausted = False  # every job is in the runs (read, or counted)
        self._counting = False
        self._needed: set[int] = set()  # rows the view asked for that are not read yet
        self._reading = False  # a page for them is queued
        self._want = (0, 0)  # the rows the view shows (and a margin)
        self._rows_of_path: dict[str, list[int]] | None = None
        self._thumbs_in: set[str] = set()
        self._thumbs_timer = QTimer(self)
        self._thumbs_timer.setSingleShot(True)
        self._thumbs_timer.setInterval(THUMBS_MS)
        self._thumbs_timer.timeout.connect(self._show_thumbnails)
        thumbs.ready.connect(self._thumbnail_changed)
        thumbs.unavailable.connect(self._thumbnail_changed)

    # -- Qt model API ------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._window.total_rows()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """The next page after the last one read (until the rest is counted)."""
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._loading = True
        generation = self._generation
        self.ops.submit_lazy(
            self._page_reader,
            lambda answer: self._page_arrived(generation, *answer),
            lambda exc: self._page_failed(generation, exc),
        )

    def _page_reader(self) -> Callable[[], tuple[list[Entry], int | None]]:
        """The read of the next page: the jobs listed after the last page's last (keyset
        paging, so a page deep down costs what the first does, and jobs added or removed
        at the top meanwhile shift nothing). The first page brings the count of the
        query too, up to :attr:`count_bound` (one trip to the worker, not two)."""
        runs = self._window.runs
        store, query, limit = self.store, self._query, self.page_jobs
        before = runs[-1].last_id if runs else None
        bound = None if runs or self.count_bound is None else self.count_bound()
        if self._exhausted:
            return lambda: ([], None)

        def read() -> tuple[list[Entry], int | None]:
            entries = store_ops.page(store, query, limit=limit, before_id=before)
            counted = None if bound is None else store.count_jobs(query, limit=bound)
            return entries, counted

        return read

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self._reading = False
            self._exhausted = True  # "Refresh" tries again
            log.error("gallery page could not be read", exc_info=exc)

    def _page_arrived(self, generation: int, jobs: list[Entry], counted: int | None) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if counted is not None:
            self.counted.emit(counted)
        if self._exhausted:
            return
        shown = {j for _s, run in self._window.loaded() for j in run.job_ids()}
        fresh = [e for e in jobs if e[0].id not in shown]  # not put in place already
        if len(jobs) < self.page_jobs:
            self._exhausted = True
        elif not self._counting:
            self._count_rest()
        if not fresh:
            return
        first = self._window.total_rows()
        page = Run.of(fresh)
        self.beginInsertRows(QModelIndex(), first, first + page.rows - 1)
        self._window.runs.append(page)
        self._window.changed()
        self._rows_of_path = None
        self.endInsertRows()

    def _count_rest(self) -> None:
        """Count the jobs after the pages read so far: they become rows (read when shown)."""
        self._counting = True
        generation = self._generation

        def make() -> Callable[[], tuple[int | None, int]]:
            runs = self._window.runs
            before = runs[-1].last_id if runs and not runs[-1].unknown else None
            store, query = self.store, self._query
            return lambda: (before, store.count_jobs(query, before_id=before))

        def counted(answer: tuple[int | None, int]) -> None:
            before, n = answer
            if generation != self._generation or self._exhausted:
                return
            self._counting = False
            runs = self._window.runs
            if before is None or not runs or runs[-1].last_id != before:
                self._count_rest()  # pages came or went meanwhile: count again
                return
            self._exhausted = True
            if n:
                first = self._window.total_rows()
                self.beginInsertRows(QModelIndex(), first, first + n - 1)
                self._window.runs.append(Run(n, n))
                self._window.changed()
                self.endInsertRows()

        self.ops.submit_lazy(make, counted, lambda exc: self._page_failed(generation, exc))

    # -- the window around what the view shows ---------------------------------

    def want(self, first: int, last: int) -> None:
        """The view shows rows ``first``..``last``: read what is missing there (and a
        page either side), let go of tiles far away."""
        margin = self.page_jobs
        self._want = (max(0, first - margin), last + margin)
        keep = KEEP_PAGES * self.page_jobs
        self._window.drop_outside(first - keep, last + keep)
        self._rows_of_path = None
        total = self._window.total_rows()
        lo, hi = self._want
        step = max(1, self.page_jobs // 2)
        for row in (*range(lo, min(hi, total - 1), step), first, last, min(hi, total - 1)):
            if 0 <= row < total and self._window.item(row) is None:
                self._needed.add(row)
        self._read_needed()

    def need(self, row: int) -> None:
        """A tile the view draws is not read yet: read its page."""
        if self._window.item(row) is None and 0 <= row < self._window.total_rows():
            self._needed.add(row)
            self._read_needed()

    def _read_needed(self) -> None:
        if self._reading or not self._needed:
            return
        self._reading = True
        generation = self._generation
        plan: list[Fetch] = []

        def make() -> Callable[[], list[Entry]]:
            fetch = self._next_fetch()
            if fetch is None:
                return list
            plan.append(fetch)
            store, query = self.store, self._query
            return lambda: store_ops.page(
                store,
                query,
                limit=fetch.jobs,
                before_id=fetch.before_id,
                after_id=fetch.after_id,
                offset=fetch.offset,
                from_end=fetch.from_end,
            )

        def arrived(jobs: list[Entry]) -> None:
            if generation != self._generation:
                return
            self._reading = False
            if plan:
                self._fill(plan[0], jobs)
            self._read_needed()

        self.ops.submit_lazy(make, arrived, lambda exc: self._page_failed(generation, exc))

    def _next_fetch(self) -> Fetch | None:
        """The page for the needed row nearest what the view shows (rows it flew past
        are forgotten)."""
        lo, hi = self._want
        middle = (lo + hi) // 2
        for row in sorted(self._needed, key=lambda r: abs(r - middle)):
            if not lo <= row <= hi:
                continue
            fetch = self._window.plan(row)
            if fetch is not None:
                self._needed.discard(row)
                return fetch
        self._needed.clear()
        return None

    def _fill(self, fetch: Fetch, jobs: list[Entry]) -> None:
        where = self._window.placement(fetch, jobs)
        if where is None:
            return  # the runs changed since it was planned: the view asks again
        row, before, now = where
        if now > before:
            self.beginInsertRows(QModelIndex(), row + before, row + now - 1)
            self._window.fill(fetch, jobs)
            self.endInsertRows()
        elif now < before:
            self.beginRemoveRows(QModelIndex(), row + now, row + before - 1)
            self._window.fill(fetch, jobs)
            self.endRemoveRows()
        else:
            self._window.fill(fetch, jobs)
        self._rows_of_path = None
        if min(before, now):
            self.dataChanged.emit(self.index(row), self.index(row + min(before, now) - 1))
        # rows the view still lacks there (a read that brought fewer, a changed run)
        lo, hi = self._want
        for r in range(max(lo, row), min(hi, row + now)):
            if self._window.item(r) is None:
                self._needed.add(r)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._window.item(index.row())
        if item is None:
            self.need(index.row())
            return None
        job = item.job
        if role == Qt.ItemDataRole.DisplayRole:
            return job.prompt
        if role == Qt.ItemDataRole.ToolTipRole:
            return tile_parts.tooltip(item)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return tile_parts.spoken(item)
        if role == Role.JOB_ID:
            return job.id
        if role == Role.JOB:
            return job
        if role == Role.IMAGE:
            return item.image
        if role == Role.IMAGE_PATH:
            return item.path
        if role == Role.STATUS:
            return job.status
        if role == Role.FIRST_OF_JOB:
            return item.first_of_job
        if role == Role.MISSING:
            return item.path is not None and self.thumbs.is_broken(item.path)
        if role == Role.THUMBNAIL:
            return None if item.path is None else self.thumbs.pixmap(item.path)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self._window.item(index.row())
        if item is not None and item.path:
            flags |= Qt.ItemFlag.ItemIsDragEnabled  # a tile drags out as its image file
        return flags

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The dragged tiles as image files (into a file manager, another app, or the
        studio's own edit inputs): copies named by the file name pattern and carrying
        what the settings say (parameters by default); tiles without a file on disk are
        left out, and a copy that cannot be written falls back to the stored file."""
        from studio.ui.save_files import drag_copies

        picked: list[tuple[JobRecord, StoredImage]] = []
        seen: set[int] = set()
        for index in indexes:
            item = self._window.item(index.row()) if index.isValid() else None
            image = None if item is None else item.image
            if item is None or image is None or image.id in seen or not image.path.is_file():
                continue
            seen.add(image.id)
            picked.append((item.job, image))
        try:
            paths = drag_copies(picked, self.file_pattern, self.save_mode)
        except OSError:
            log.warning("could not write the dragged copies; dragging the stored files")
            paths = [image.path for _job, image in picked]
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        return mime

    # -- what the dock calls -----------------------------------------------

    @property
    def query(self) -> JobQuery:
        return self._query

    def set_query(self, query: JobQuery) -> None:
        """Show the jobs ``query`` finds, a group or thread as one tile (but every job of
        the one group the query asks for)."""
        self._query = replace(query, collapse=query.group_id is None)
        self.reload()

    def reload(self, *, first_page: bool = True) -> None:
        """Forget every row and load the first page again (or leave that to the caller)."""
        self.beginResetModel()
        self._generation += 1
        self._loading = False
        self._reading = False
        self._counting = False
        self._needed.clear()
        self._window = RowWindow(self.page_jobs, newest_first=not self._query.oldest_first)
        self._exhausted = False
        self._rows_of_path = None
        self.endResetModel()
        if first_page:
            self.fetchMore()

    def item(self, row: int) -> GalleryItem:
        """The tile at ``row`` (read already: see :meth:`loaded_item`)."""
        item = self._window.item(row)
        if item is None:
            raise LookupError(f"gallery row {row} is not read yet")
        return item

    def items_between(self, first: int, last: int) -> list[GalleryItem]:
        """The read tiles among rows ``first``..``last``."""
        return list(self._window.items_between(first, last))

    def loaded_item(self, row: int) -> GalleryItem | None:
        """The tile at ``row``, or None while its page is not read."""
        return self._window.item(row)

    def job_count_loaded(self) -> int:
        return self._window.loaded_jobs()

    def running_job_ids(self) -> set[int]:
        return {
            it.job.id
            for _s, run in self._window.loaded()
            for it in run.items or ()
            if it.job.status == "running"
        }

    def rows_of_job(self, job_id: int) -> range:
        return self._window.rows_of_job(job_id)

    def loading(self) -> bool:
        """A page is on its way."""
        return self._loading or self._reading

    def generation(self) -> int:
        """Changes with every reload: an answer asked for before it is stale."""
        return self._generation

    def apply_job(self, state: JobState) -> bool:
        """Show a new or changed job in its place (in the listing's order); True when shown.

        ``state.record`` is None when the job is gone or does not match the query."""
        job_id, job, stack = state.job_id, state.record, state.stack
        if job is not None and stack is not None:
            # a newer member of a group or thread stands for it now: one tile for it
            for shown in reversed(self._window.rows_of_stack(stack)):
                item = self._window.item(shown.start)
                if item is not None and item.job.id != job_id:
                    self.remove_job(item.job.id)
        existing = self.rows_of_job(job_id)
        if existing and job is not None:
            rows = self._window.replace_job(job, stack)
            if rows is not None:
                # the same tiles in the same place (a job's state or picture changed): a
                # repaint of these rows, not a removal and insertion that lays out every tile
                self._rows_of_path = None
                self.dataChanged.emit(self.index(rows.start), self.index(rows.stop - 1))
                return True
        if existing:
            self.remove_job(job_id)
        if job is None:
            return False
        plan = self._window.insert_plan(job, stack, complete=self._exhausted)
        if plan is None:  # older than everything loaded: a later page brings it
            return False
        row, count, put = plan
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        put()
        self._rows_of_path = None
        self.endInsertRows()
        return True

    def remove_job(self, job_id: int) -> None:
        rows = self.rows_of_job(job_id)
        if rows:
            self.beginRemoveRows(QModelIndex(), rows.start, rows.stop - 1)
            self._window.remove_rows_of(job_id, rows)
            self._rows_of_path = None
            self.endRemoveRows()

    @Slot(str)
    def _thumbnail_changed(self, path: str) -> None:
        """Thumbnails that arrive together repaint together (one paint, not one each)."""
        self._thumbs_in.add(path)
        if not self._thumbs_timer.isActive():
            self._thumbs_timer.start()

    def thumbnails_waiting(self) -> bool:
        """Thumbnails came that their tiles do not show yet (tests, benchmarks)."""
        return self._thumbs_timer.isActive()

    def _show_thumbnails(self) -> None:
        """One change over the rows whose thumbnails came (one signal for a screenful,
        not one a tile: each is passed on to the list's columns too)."""
        paths, self._thumbs_in = self._thumbs_in, set()
        if self._rows_of_path is None:
            self._rows_of_path = {}
            for start, run in self._window.loaded():
                for k, item in enumerate(run.items or ()):
                    shown = picture_path(item)
                    if shown is not None:
                        self._rows_of_path.setdefault(shown, []).append(start + k)
        rows = [row for path in paths for row in self._rows_of_path.get(path, ())]
        if rows:
            first, last = self.index(min(rows), 0), self.index(max(rows), 0)
            self.dataChanged.emit(first, last, [Role.THUMBNAIL])

    # -- text --------------------------------------------------------------

    def status_text(self, status: str) -> str:
        """A job's status as the list's Status column shows it ("Succeeded")."""
        return tile_parts.status_label(status)
