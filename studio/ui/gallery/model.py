"""The gallery's list model: one row per image, newest job first, paged from the store.

Jobs without images (failed, cancelled, interrupted, still running) get one
row of their own so their reason and a Retry stay visible. Rows of one job are
consecutive. Pages are loaded as the view scrolls (``canFetchMore`` /
``fetchMore``), so ten thousand jobs cost one page of SQL to open. Every page is
read on a worker (the dock's :class:`~studio.jobs.op.SerialOps`) and inserted
when it arrives; the model itself never touches the store on the UI thread.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Slot,
)

from studio.core.filenames import DEFAULT_PATTERN
from studio.core.history import HistoryStore, JobQuery, JobRecord, StoredImage
from studio.core.saving import SaveMode
from studio.jobs.op import SerialOps
from studio.ui.gallery.store_ops import JobState
from studio.ui.gallery.thumbs import ThumbnailLoader

log = logging.getLogger(__name__)

PAGE_JOBS = 60

_Index = QModelIndex | QPersistentModelIndex


class Role(enum.IntEnum):
    JOB_ID = Qt.ItemDataRole.UserRole + 1
    JOB = Qt.ItemDataRole.UserRole + 2  # the JobRecord
    IMAGE_PATH = Qt.ItemDataRole.UserRole + 3  # str, or None for a job without images
    THUMBNAIL = Qt.ItemDataRole.UserRole + 4  # QPixmap, or None while it is being made
    STATUS = Qt.ItemDataRole.UserRole + 5
    FIRST_OF_JOB = Qt.ItemDataRole.UserRole + 6  # bool: draw the job's header
    IMAGE = Qt.ItemDataRole.UserRole + 7  # the StoredImage or None
    MISSING = Qt.ItemDataRole.UserRole + 8  # bool: the image file could not be read


@dataclass(frozen=True)
class GalleryItem:
    job: JobRecord
    image: StoredImage | None
    first_of_job: bool

    @property
    def path(self) -> str | None:
        return None if self.image is None else str(self.image.path)


def items_for(job: JobRecord) -> list[GalleryItem]:
    if not job.images:
        return [GalleryItem(job, None, True)]
    return [GalleryItem(job, img, i == 0) for i, img in enumerate(job.images)]


def _sort_key(job: JobRecord) -> int:
    """The store lists newest first by id (ids only grow), and so does the model."""
    return job.id


class GalleryModel(QAbstractListModel):
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
        self._generation = 0  # a reload makes the pages still on their way stale
        self._loading = False
        self.page_jobs = page_jobs
        self._query = JobQuery()
        self._items: list[GalleryItem] = []
        self._job_ids: set[int] = set()
        self._cursor: int | None = None  # the oldest job id the pages brought so far
        self._exhausted = False
        self._rows_of_path: dict[str, list[int]] | None = None
        thumbs.ready.connect(self._thumbnail_changed)
        thumbs.unavailable.connect(self._thumbnail_changed)

    # -- Qt model API ------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._loading = True
        generation = self._generation
        self.ops.submit_lazy(
            self._page_reader,
            lambda jobs: self._page_arrived(generation, jobs),
            lambda exc: self._page_failed(generation, exc),
        )

    def _page_reader(self) -> Callable[[], list[JobRecord]]:
        """The read of the next page: the jobs older than the last page's oldest (keyset
        paging, so a page deep down costs what the first does, and jobs added or removed
        at the top meanwhile shift nothing)."""
        store, query, limit, before = self.store, self._query, self.page_jobs, self._cursor
        return lambda: store.list_jobs(query, limit=limit, before_id=before)

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self._exhausted = True  # "Refresh" tries again
            log.error("gallery page could not be read", exc_info=exc)

    def _page_arrived(self, generation: int, jobs: list[JobRecord]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if jobs:
            self._cursor = min(job.id for job in jobs)
        if len(jobs) < self.page_jobs:
            self._exhausted = True
        new: list[GalleryItem] = []
        for job in jobs:
            if job.id in self._job_ids:  # shown already (it changed, and was put in place)
                continue
            self._job_ids.add(job.id)
            new.extend(items_for(job))
        if not new:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._items.extend(new)
        self._rows_of_path = None
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        job = item.job
        if role == Qt.ItemDataRole.DisplayRole:
            return job.prompt
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
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
        if 0 <= index.row() < len(self._items) and self._items[index.row()].path:
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
            if not index.isValid() or not 0 <= index.row() < len(self._items):
                continue
            item = self._items[index.row()]
            image = item.image
            if image is None or image.id in seen or not image.path.is_file():
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
        self._query = query
        self.reload()

    def reload(self, *, first_page: bool = True) -> None:
        """Forget every row and load the first page again (or leave that to the caller)."""
        self.beginResetModel()
        self._generation += 1
        self._loading = False
        self._items = []
        self._job_ids = set()
        self._cursor = None
        self._exhausted = False
        self._rows_of_path = None
        self.endResetModel()
        if first_page:
            self.fetchMore()

    def item(self, row: int) -> GalleryItem:
        return self._items[row]

    def job_count_loaded(self) -> int:
        return len(self._job_ids)

    def running_job_ids(self) -> set[int]:
        return {it.job.id for it in self._items if it.job.status == "running"}

    def rows_of_job(self, job_id: int) -> range:
        rows = [r for r, it in enumerate(self._items) if it.job.id == job_id]
        return range(rows[0], rows[-1] + 1) if rows else range(0)

    def loading(self) -> bool:
        """A page is on its way."""
        return self._loading

    def generation(self) -> int:
        """Changes with every reload: an answer asked for before it is stale."""
        return self._generation

    def apply_job(self, state: JobState) -> bool:
        """Show a new or changed job in its place (newest first); True when it is shown.

        ``state.record`` is None when the job is gone or does not match the query."""
        job_id, job = state.job_id, state.record
        existing = self.rows_of_job(job_id)
        if existing and job is not None:
            new = items_for(job)
            if len(new) == len(existing) and self._stays_at(existing.start, job):
                # the same tiles in the same place (a job's state or picture changed): a
                # repaint of these rows, not a removal and insertion that lays out every tile
                self._items[existing.start : existing.stop] = new
                self._rows_of_path = None
                self.dataChanged.emit(self.index(existing.start), self.index(existing.stop - 1))
                return True
        if existing:
            self._remove_rows(existing)
            self._job_ids.discard(job_id)
        if job is None:
            return False
        row = self._insert_position(job)
        if row is None:  # older than everything loaded: a later page brings it
            return False
        new = items_for(job)
        self.beginInsertRows(QModelIndex(), row, row + len(new) - 1)
        self._items[row:row] = new
        self._job_ids.add(job_id)
        self._rows_of_path = None
        self.endInsertRows()
        return True

    def _stays_at(self, row: int, job: JobRecord) -> bool:
        """Whether ``job`` sorts exactly at ``row`` between its neighbours' jobs."""
        key = _sort_key(job)
        before = next(
            (self._items[r].job for r in range(row - 1, -1, -1) if self._items[r].job.id != job.id),
            None,
        )
        after = next(
            (
                self._items[r].job
                for r in range(row, len(self._items))
                if self._items[r].job.id != job.id
            ),
            None,
        )
        return (before is None or _sort_key(before) > key) and (
            after is None or _sort_key(after) < key
        )

    def remove_job(self, job_id: int) -> None:
        rows = self.rows_of_job(job_id)
        if rows:
            self._remove_rows(rows)
            self._job_ids.discard(job_id)

    def _remove_rows(self, rows: range) -> None:
        self.beginRemoveRows(QModelIndex(), rows.start, rows.stop - 1)
        del self._items[rows.start : rows.stop]
        self._rows_of_path = None
        self.endRemoveRows()

    def _insert_position(self, job: JobRecord) -> int | None:
        key = _sort_key(job)
        for row, item in enumerate(self._items):
            if item.first_of_job and _sort_key(item.job) < key:
                return row
        # older than everything shown: the end, unless a later page brings it
        later_page = not self._exhausted and (self._cursor is None or key < self._cursor)
        return None if later_page else len(self._items)

    @Slot(str)
    def _thumbnail_changed(self, path: str) -> None:
        if self._rows_of_path is None:
            self._rows_of_path = {}
            for row, item in enumerate(self._items):
                if item.path is not None:
                    self._rows_of_path.setdefault(item.path, []).append(row)
        for row in self._rows_of_path.get(path, ()):
            idx = self.index(row, 0)
            self.dataChanged.emit(idx, idx, [Role.THUMBNAIL])

    # -- text --------------------------------------------------------------

    def _tooltip(self, item: GalleryItem) -> str:
        job = item.job
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(job.created_at))
        prompt = job.prompt if len(job.prompt) <= 300 else job.prompt[:300] + "…"
        lines = [
            prompt or self.tr("(no prompt)"),
            self.tr("{model} on {provider} · {when}").format(
                model=job.model, provider=job.provider_name, when=when
            ),
            self.tr("Job {id} · {mode} · {status}").format(
                id=job.id, mode=job.mode, status=self.status_text(job.status)
            ),
        ]
        settings = ", ".join(
            f"{k}={v}" for k, v in job.params.items() if k in ("size", "quality", "n", "style")
        )
        if settings:
            lines.append(settings)
        if item.image is not None:
            lines.append(f"{item.image.width}×{item.image.height} {item.image.format.upper()}")
            if item.image.revised_prompt:
                lines.append(self.tr("Revised: {text}").format(text=item.image.revised_prompt))
        if job.error is not None:
            lines.append(self.tr("Reason: {text}").format(text=job.error.message))
        return "\n".join(lines)

    def status_text(self, status: str) -> str:
        return {
            "running": self.tr("running"),
            "succeeded": self.tr("succeeded"),
            "failed": self.tr("failed"),
            "cancelled": self.tr("cancelled"),
            "interrupted": self.tr("interrupted"),
        }.get(status, status)
