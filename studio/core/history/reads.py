"""The history store's reading side: a job, a page of jobs, counts, spend, the facets
the gallery filters by, and a job's request rebuilt (HistoryStore derives from it)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.core.history.models import JobRecord
from studio.core.history.rows import JOB_COLUMNS, job_records
from studio.core.regular import read_regular
from studio.core.request import ImageRequest, InputImage, Mode

if TYPE_CHECKING:
    from studio.core.expand import Expansion
    from studio.core.history.queries import JobQuery, SpendRow
    from studio.core.markup import MarkupDoc

#: the ``inputs`` role of the annotations a job's markup was drawn from (JSON)
MARKUP_DOC = "markup-doc"
#: the ``inputs`` role of an expansion's geometry (JSON)
EXPANSION = "expansion"
JSON_TYPE = "application/json"
_JOB_COLUMNS = ", ".join(JOB_COLUMNS)  # in the order job_records unpacks them
#: the same columns qualified by the jobs table's alias (a search joins the FTS table)
_JOB_COLUMNS_OF_J = ", ".join(f"j.{c}" for c in JOB_COLUMNS)


def _read_markup_doc(path: Path | None) -> MarkupDoc:
    """The stored annotations; raises StudioError when they are gone or unreadable.

    A job is never put back (or sent again) without the markup drawn on it: the
    composer redraws the markup from these annotations, so without them a reused job
    would be sent with none, and a rerun would lose them from the history. A comparison
    or a batch of edits refuses a damaged record the same way
    (:mod:`studio.core.group_inputs`)."""
    from studio.core.errors import ErrorKind, StudioError, Text
    from studio.core.markup import MAX_JSON_BYTES, MarkupDoc  # only a job that has markup

    def unreadable(reason: Text | str) -> StudioError:
        return StudioError.of(
            ErrorKind.VALIDATION,
            "The markup drawn on this job's input image cannot be read ({reason}).",
            reason=reason,
            maybe_processed=False,
        )

    if path is None:
        raise unreadable(Text.of("its record is damaged"))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise unreadable(f"{path.name}: {exc.strerror or exc}") from None
    try:
        return MarkupDoc.from_json(data)  # refuses more than MAX_JSON_BYTES too
    except (ValueError, RecursionError):  # MarkupError is a ValueError
        raise unreadable(Text.of("its record is damaged")) from None


def _read_expansion(path: Path | None) -> Expansion | None:
    if path is None:
        return None
    from studio.core.expand import ExpandError, Expansion  # only an expanded input

    try:
        return Expansion.from_json(path.read_bytes())
    except (OSError, ExpandError):
        return None


def _or_all(query: JobQuery | None) -> JobQuery:
    """``query``, or the query of every job (a default made when used: running a job
    loads no listing filter)."""
    if query is not None:
        return query
    from studio.core.history.queries import JobQuery

    return JobQuery()


class StoreReads:
    """Reads over the store's connections (declared here, made by HistoryStore)."""

    images_dir: Path
    _closed: bool
    _watch: sqlite3.Connection
    _watch_lock: threading.Lock

    if TYPE_CHECKING:

        def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]: ...
        def _row(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None: ...
        def _use(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...
        def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...
        def _abs(self, rel: str) -> Path: ...

    def get_job(self, job_id: int) -> JobRecord | None:
        with self._use() as conn:
            row = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
            return None if row is None else job_records(conn, [row], self.images_dir)[0]

    def _require(self, job_id: int) -> JobRecord:
        job = self.get_job(job_id)
        if job is None:
            raise LookupError(f"no job {job_id} in the history")
        return job

    def list_jobs(
        self,
        query: JobQuery | None = None,
        *,
        limit: int = 200,
        offset: int = 0,
        before_id: int | None = None,
        after_id: int | None = None,
        from_end: bool = False,
    ) -> list[JobRecord]:
        """Jobs matching ``query``, newest first (by id: ids only grow), or oldest first
        (``query.oldest_first``).

        Page with ``before_id`` (the last id of the previous page): it costs the same
        at any depth, where ``offset`` walks over every row it skips. ``after_id``
        gives the ``limit`` jobs listed just before it (after ``offset`` of them), still
        in the listing's order; ``from_end`` the last ``limit`` (``offset`` from the end).
        """
        from studio.core.history.search import selection  # not needed to run a job

        sql, params = selection(_or_all(query)).page(
            _JOB_COLUMNS_OF_J,
            limit=limit,
            before_id=before_id,
            after_id=after_id,
            offset=offset,
            from_end=from_end,
        )
        with self._use() as conn:
            rows = conn.execute(sql, params).fetchall()
            if after_id is not None or from_end:
                rows.reverse()
            return job_records(conn, rows, self.images_dir)

    def count_jobs(
        self,
        query: JobQuery | None = None,
        *,
        before_id: int | None = None,
        limit: int | None = None,
    ) -> int:
        """How many jobs match (listed after ``before_id``; counting stops at ``limit``)."""
        from studio.core.history.search import selection

        sql, params = selection(_or_all(query)).count(before_id=before_id, limit=limit)
        row = self._row(sql, params)
        return int(row[0]) if row is not None else 0

    def job_matches(self, job_id: int, query: JobQuery) -> bool:
        """Whether the job would be listed for ``query`` (to place a new job in a filtered view)."""
        from studio.core.history.search import where_clause

        where, params = where_clause(query)
        return (
            self._row(f"SELECT 1 FROM jobs j WHERE j.id = ? AND {where}", [job_id, *params])
            is not None
        )

    def data_version(self) -> int:
        """Changes when another connection (another process or thread) commits a change."""
        with self._watch_lock:
            if self._closed:
                raise RuntimeError("the history store is closed")
            return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def job_ids_after(self, job_id: int) -> list[int]:
        """Ids of jobs newer than ``job_id`` (ids only grow), oldest first."""
        rows = self._rows("SELECT id FROM jobs WHERE id > ? ORDER BY id", (job_id,))
        return [int(r[0]) for r in rows]

    def max_job_id(self) -> int:
        row = self._row("SELECT COALESCE(MAX(id), 0) FROM jobs")
        return int(row[0]) if row is not None else 0

    def spend(
        self, *, by: str = "day", since: float | None = None, until: float | None = None
    ) -> list[SpendRow]:
        """Actual cost summed per period (``"day"`` or ``"month"``, UTC), provider and
        currency, newest period first; jobs without a known cost are left out."""
        if by not in ("day", "month"):
            raise ValueError("by must be 'day' or 'month'")
        fmt = "%Y-%m-%d" if by == "day" else "%Y-%m"
        where, params = ["cost IS NOT NULL"], []
        if since is not None:
            where.append("created_at >= ?")
            params.append(since)
        if until is not None:
            where.append("created_at < ?")
            params.append(until)
        rows = self._rows(
            f"SELECT strftime('{fmt}', created_at, 'unixepoch') AS period, provider_id,"
            " cost_currency, SUM(cost), COUNT(*) FROM jobs"
            f" WHERE {' AND '.join(where)}"
            " GROUP BY period, provider_id, cost_currency"
            " ORDER BY period DESC, provider_id, cost_currency",
            params,
        )
        from studio.core.history.queries import SpendRow

        return [SpendRow(r[0], r[1], r[2] or "", float(r[3]), int(r[4])) for r in rows]

    def facets(self) -> dict[str, list[str]]:
        """Distinct providers, models and statuses, for filter pickers."""
        return {
            col: [str(r[0]) for r in self._rows(f"SELECT DISTINCT {col} FROM jobs ORDER BY {col}")]
            for col in ("provider_id", "model", "status", "mode")
        }

    def request_for(self, job_id: int) -> ImageRequest:
        """The job's request again, input images and mask included ("reuse settings").
        Raises StudioError when the annotations of its markup cannot be read."""
        job = self._row("SELECT mode, model, prompt, params FROM jobs WHERE id = ?", (job_id,))
        if job is None:
            raise LookupError(f"no job {job_id} in the history")
        images: list[InputImage] = []
        mask: InputImage | None = None
        markup: InputImage | None = None
        doc: MarkupDoc | None = None
        expansion: Expansion | None = None
        for row in self._rows("SELECT * FROM inputs WHERE job_id = ? ORDER BY idx", (job_id,)):
            path = self._abs(row["path"]) if row["path"] else None
            if row["role"] == MARKUP_DOC:
                doc = _read_markup_doc(path)
                continue
            if row["role"] == EXPANSION:
                expansion = _read_expansion(path)
                continue
            remote = bool(row["url"] or row["file_id"])
            item = InputImage(
                filename=row["filename"],
                data=read_regular(path) if path is not None else b"",
                content_type=row["content_type"],
                source_path=None if remote or path is None else str(path),
                url=row["url"],
                file_id=row["file_id"],
            )
            if row["role"] == "mask":
                mask = item
            elif row["role"] == "markup":
                markup = item
            elif row["role"] == "image":
                images.append(item)
        return ImageRequest(
            mode=Mode(job["mode"]),
            model=job["model"],
            prompt=job["prompt"],
            params=json.loads(job["params"]),
            images=tuple(images),
            mask=mask,
            markup=markup,
            markup_doc=doc,
            expansion=expansion,
        )

    # -- delete / undo -----------------------------------------------------
