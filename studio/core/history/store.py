"""The history store: every job, its settings, inputs and outputs, in SQLite + files.

The GUI and the CLI (another process) write to the same database at once, so:
WAL mode, a generous ``busy_timeout``, writes in short ``BEGIN IMMEDIATE``
transactions, one connection per thread (``sqlite3`` objects must not be shared
between threads). Each job's files live in their own folder
``images/YYYY-MM-DD/000123/`` (outputs ``01.png`` ..., inputs ``input-01.png``,
``mask.png``), every file written atomically; rows keep paths relative to
``images/`` so the data folder can move. No API key or header is ever stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from studio.core.atomic import write_bytes_atomic
from studio.core.errors import ErrorKind, StudioError
from studio.core.history import schema
from studio.core.history.liveness import pid_alive, process_start_token
from studio.core.history.models import (
    DeletedJob,
    JobError,
    JobQuery,
    JobRecord,
    JobStatus,
    StoredImage,
)
from studio.core.history.rows import clean_params, dumps, job_records, stored_image
from studio.core.history.search import where_clause
from studio.core.paths import Paths
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.result import GeneratedImage, ImageResult

BUSY_TIMEOUT_MS = 30_000
ALL_JOBS = JobQuery()
TRASH_KEEP_S = 2 * 24 * 3600
_EXT = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "webp": "webp", "gif": "gif"}
_CTYPE_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif"}
_JOB_COLUMNS = (
    "id, created_at, finished_at, provider_id, provider_name, model, mode, prompt, params, "
    "revised_prompts, status, error, usage, estimate, timings, source, favourite"
)


def _job_dir_name(job_id: int, created_at: float) -> str:
    return f"{time.strftime('%Y-%m-%d', time.localtime(created_at))}/{job_id:06d}"


class HistoryStore:
    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        paths.ensure()
        paths.thumbnails_dir.mkdir(parents=True, exist_ok=True)
        self.images_dir = paths.images_dir
        self.trash_dir = paths.data_dir / "trash"
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        self._closed = False
        self._hostname = socket.gethostname()
        self._pid = os.getpid()
        self._pid_start = process_start_token(self._pid)
        schema.migrate(self._conn())
        self._purge_old_trash()

    # -- connections -------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise RuntimeError("the history store is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.paths.history_db,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,  # we open transactions ourselves
                check_same_thread=False,  # only so close() can close it; used by one thread
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
            self._closed = True
        for conn in conns:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self._local = threading.local()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- paths -------------------------------------------------------------

    def _abs(self, rel: str) -> Path:
        return self.images_dir / rel

    def _job_dir(self, job_id: int) -> Path:
        row = self._conn().execute("SELECT created_at FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise LookupError(f"no job {job_id} in the history")
        return self.images_dir / _job_dir_name(job_id, float(row["created_at"]))

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.images_dir).as_posix()

    # -- writing jobs ------------------------------------------------------

    def start_job(
        self,
        *,
        provider_id: str,
        provider_name: str,
        request: ImageRequest,
        source: str = "gui",
        estimate: dict[str, Any] | None = None,
    ) -> int:
        """Record a job as running and copy its input images and mask into the store."""
        now = time.time()
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO jobs (created_at, provider_id, provider_name, model, mode, prompt,"
                " params, status, estimate, source, pid, hostname, pid_start)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    now,
                    provider_id,
                    provider_name,
                    request.model,
                    str(request.mode),
                    request.prompt,
                    dumps(clean_params(request.params)),
                    JobStatus.RUNNING.value,
                    None if estimate is None else dumps(estimate),
                    source,
                    self._pid,
                    self._hostname,
                    self._pid_start,
                ),
            )
            job_id = int(cur.lastrowid or 0)
        if not request.images and request.mask is None:
            return job_id
        folder = self.images_dir / _job_dir_name(job_id, now)
        try:
            rows: list[tuple[Any, ...]] = []
            for i, img in enumerate(request.images, start=1):
                ext = _CTYPE_EXT.get(img.content_type, "bin")
                path = write_bytes_atomic(folder / f"input-{i:02d}.{ext}", img.data)
                rows.append((job_id, i, "image", self._rel(path), img.filename, img.content_type))
            if request.mask is not None:
                m = request.mask
                ext = _CTYPE_EXT.get(m.content_type, "png")
                path = write_bytes_atomic(folder / f"mask.{ext}", m.data)
                rows.append((job_id, 0, "mask", self._rel(path), m.filename, m.content_type))
            with self._write() as conn:
                conn.executemany(
                    "INSERT INTO inputs (job_id, idx, role, path, filename, content_type)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except BaseException:
            with self._write() as conn:
                conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return job_id

    def add_image(self, job_id: int, image: GeneratedImage) -> StoredImage:
        """Store one output as soon as it arrives; the same bytes twice are stored once."""
        digest = hashlib.sha256(image.data).hexdigest()
        folder = self._job_dir(job_id)
        with self._write() as conn:
            row = conn.execute(
                "SELECT * FROM images WHERE job_id = ? AND sha256 = ?", (job_id, digest)
            ).fetchone()
            if row is not None:
                return stored_image(row, self.images_dir)
            idx = int(
                conn.execute(
                    "SELECT COALESCE(MAX(idx), 0) + 1 FROM images WHERE job_id = ?", (job_id,)
                ).fetchone()[0]
            )
            ext = _EXT.get(image.format.lower(), image.format.lower() or "bin")
            path = write_bytes_atomic(folder / f"{idx:02d}.{ext}", image.data)
            cur = conn.execute(
                "INSERT INTO images (job_id, idx, path, width, height, format, bytes, sha256,"
                " revised_prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job_id,
                    idx,
                    self._rel(path),
                    image.width,
                    image.height,
                    image.format.lower(),
                    len(image.data),
                    digest,
                    image.revised_prompt,
                ),
            )
            image_id = int(cur.lastrowid or 0)
        return StoredImage(
            id=image_id,
            path=path,
            width=image.width,
            height=image.height,
            format=image.format.lower(),
            bytes=len(image.data),
            revised_prompt=image.revised_prompt,
        )

    def finish_job(
        self, job_id: int, result: ImageResult, *, timings: dict[str, float] | None = None
    ) -> JobRecord:
        for image in result.images:
            self.add_image(job_id, image)
        conn = self._conn()
        image_rows = conn.execute(
            "SELECT revised_prompt FROM images WHERE job_id = ? ORDER BY idx", (job_id,)
        ).fetchall()
        revised = [r["revised_prompt"] for r in image_rows if r["revised_prompt"]]
        error: JobError | None = None
        if image_rows:
            status = JobStatus.SUCCEEDED
            if result.errors:
                first = result.errors[0]
                error = JobError(
                    message=f"{len(result.errors)} request(s) failed; the other images were "
                    f"kept. {first.message}",
                    kind=first.kind.value,
                    status=first.status,
                    code=first.code,
                )
        elif result.errors:
            first = result.errors[0]
            all_cancelled = all(e.kind is ErrorKind.CANCELLED for e in result.errors)
            status = JobStatus.CANCELLED if all_cancelled else JobStatus.FAILED
            message = "; ".join(dict.fromkeys(e.message for e in result.errors))
            error = JobError(message, first.kind.value, first.status, first.code)
        else:
            status = JobStatus.FAILED
            error = JobError("The provider returned no images.", ErrorKind.PROVIDER.value)
        with self._write() as conn:
            conn.execute(
                "UPDATE jobs SET status = ?, finished_at = ?, error = ?, usage = ?,"
                " revised_prompts = ?, timings = ? WHERE id = ?",
                (
                    status.value,
                    time.time(),
                    None if error is None else dumps(error.to_dict()),
                    None if result.usage is None else dumps(result.usage),
                    dumps(revised),
                    None if timings is None else dumps(timings),
                    job_id,
                ),
            )
        return self._require(job_id)

    def fail_job(self, job_id: int, error: StudioError) -> JobRecord:
        status = JobStatus.CANCELLED if error.kind is ErrorKind.CANCELLED else JobStatus.FAILED
        err = JobError(error.message, error.kind.value, error.status, error.code)
        with self._write() as conn:
            conn.execute(
                "UPDATE jobs SET status = ?, finished_at = ?, error = ? WHERE id = ?",
                (status.value, time.time(), dumps(err.to_dict()), job_id),
            )
        return self._require(job_id)

    def mark_interrupted(self) -> int:
        """Jobs left running by a process of this machine that is gone become "interrupted"."""
        rows = (
            self._conn()
            .execute("SELECT id, pid, hostname, pid_start FROM jobs WHERE status = ?", ("running",))
            .fetchall()
        )
        dead: list[int] = []
        for row in rows:
            if row["hostname"] != self._hostname:
                continue  # another machine sharing the folder: we cannot see its processes
            pid = int(row["pid"] or 0)
            alive = pid_alive(pid)
            if alive and row["pid_start"] is not None:
                alive = process_start_token(pid) == row["pid_start"]
            if not alive:
                dead.append(int(row["id"]))
        if not dead:
            return 0
        err = JobError("The studio closed before this job finished.", "interrupted")
        count = 0
        with self._write() as conn:
            for job_id in dead:
                cur = conn.execute(
                    "UPDATE jobs SET status = ?, error = ? WHERE id = ? AND status = ?",
                    (JobStatus.INTERRUPTED.value, dumps(err.to_dict()), job_id, "running"),
                )
                count += cur.rowcount
        return count

    def set_favourite(self, job_id: int, fav: bool) -> None:
        with self._write() as conn:
            conn.execute("UPDATE jobs SET favourite = ? WHERE id = ?", (1 if fav else 0, job_id))

    # -- reading -----------------------------------------------------------

    def get_job(self, job_id: int) -> JobRecord | None:
        row = (
            self._conn()
            .execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,))
            .fetchone()
        )
        return None if row is None else job_records(self._conn(), [row], self.images_dir)[0]

    def _require(self, job_id: int) -> JobRecord:
        job = self.get_job(job_id)
        if job is None:
            raise LookupError(f"no job {job_id} in the history")
        return job

    def list_jobs(
        self, query: JobQuery = ALL_JOBS, *, limit: int = 200, offset: int = 0
    ) -> list[JobRecord]:
        """Jobs matching ``query``, newest first."""
        where, params = where_clause(query)
        rows = (
            self._conn()
            .execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs j WHERE {where}"
                " ORDER BY j.created_at DESC, j.id DESC LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
            .fetchall()
        )
        return job_records(self._conn(), rows, self.images_dir)

    def count_jobs(self, query: JobQuery = ALL_JOBS) -> int:
        where, params = where_clause(query)
        row = self._conn().execute(f"SELECT COUNT(*) FROM jobs j WHERE {where}", params).fetchone()
        return int(row[0])

    def job_matches(self, job_id: int, query: JobQuery) -> bool:
        """Whether the job would be listed for ``query`` (to place a new job in a filtered view)."""
        where, params = where_clause(query)
        row = (
            self._conn()
            .execute(f"SELECT 1 FROM jobs j WHERE j.id = ? AND {where}", [job_id, *params])
            .fetchone()
        )
        return row is not None

    def data_version(self) -> int:
        """Changes when another connection (another process or thread) commits a change."""
        return int(self._conn().execute("PRAGMA data_version").fetchone()[0])

    def job_ids_after(self, job_id: int) -> list[int]:
        """Ids of jobs newer than ``job_id`` (ids only grow), oldest first."""
        rows = self._conn().execute("SELECT id FROM jobs WHERE id > ? ORDER BY id", (job_id,))
        return [int(r[0]) for r in rows]

    def max_job_id(self) -> int:
        row = self._conn().execute("SELECT COALESCE(MAX(id), 0) FROM jobs").fetchone()
        return int(row[0])

    def facets(self) -> dict[str, list[str]]:
        """Distinct providers, models and statuses, for filter pickers."""
        conn = self._conn()
        return {
            col: [
                str(r[0])
                for r in conn.execute(f"SELECT DISTINCT {col} FROM jobs ORDER BY {col}").fetchall()
            ]
            for col in ("provider_id", "model", "status", "mode")
        }

    def request_for(self, job_id: int) -> ImageRequest:
        """The job's request again, input images and mask included ("reuse settings")."""
        job = (
            self._conn()
            .execute("SELECT mode, model, prompt, params FROM jobs WHERE id = ?", (job_id,))
            .fetchone()
        )
        if job is None:
            raise LookupError(f"no job {job_id} in the history")
        images: list[InputImage] = []
        mask: InputImage | None = None
        for row in self._conn().execute(
            "SELECT * FROM inputs WHERE job_id = ? ORDER BY idx", (job_id,)
        ):
            path = self._abs(row["path"])
            item = InputImage(
                filename=row["filename"],
                data=path.read_bytes(),
                content_type=row["content_type"],
                source_path=str(path),
            )
            if row["role"] == "mask":
                mask = item
            else:
                images.append(item)
        return ImageRequest(
            mode=Mode(job["mode"]),
            model=job["model"],
            prompt=job["prompt"],
            params=json.loads(job["params"]),
            images=tuple(images),
            mask=mask,
        )

    # -- delete / undo -----------------------------------------------------

    def delete_job(self, job_id: int) -> DeletedJob:
        """Remove the job's rows, and move its folder aside so :meth:`restore_job` can undo."""
        with self._write() as conn:
            job = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if job is None:
                raise LookupError(f"no job {job_id} in the history")
            image_rows = [
                dict(r) for r in conn.execute("SELECT * FROM images WHERE job_id = ?", (job_id,))
            ]
            input_rows = [
                dict(r) for r in conn.execute("SELECT * FROM inputs WHERE job_id = ?", (job_id,))
            ]
            conn.execute("DELETE FROM images WHERE job_id = ?", (job_id,))
            conn.execute("DELETE FROM inputs WHERE job_id = ?", (job_id,))
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
        folder = self.images_dir / _job_dir_name(job_id, float(job["created_at"]))
        trash: Path | None = None
        if folder.exists():
            self.trash_dir.mkdir(parents=True, exist_ok=True)
            trash = self.trash_dir / f"{job_id:06d}-{uuid.uuid4().hex[:8]}"
            shutil.move(str(folder), str(trash))
        return DeletedJob(
            job_id=job_id,
            job_row=dict(job),
            image_rows=image_rows,
            input_rows=input_rows,
            trash_dir=trash,
            original_dir=folder if trash is not None else None,
        )

    def restore_job(self, deleted: DeletedJob) -> int:
        """Undo :meth:`delete_job`: files back in place, rows back under the same id."""
        if deleted.trash_dir is not None and deleted.original_dir is not None:
            if not deleted.trash_dir.exists():
                raise FileNotFoundError(
                    f"the deleted job's files are no longer in the trash: {deleted.trash_dir}"
                )
            deleted.original_dir.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(deleted.trash_dir), str(deleted.original_dir))
        with self._write() as conn:
            _insert_row(conn, "jobs", deleted.job_row)
            for row in deleted.input_rows:
                _insert_row(conn, "inputs", row)
            for row in deleted.image_rows:
                _insert_row(conn, "images", row)
        return deleted.job_id

    def discard_deleted(self, deleted: DeletedJob) -> None:
        """Forget a delete for good (its undo is no longer offered)."""
        if deleted.trash_dir is not None:
            shutil.rmtree(deleted.trash_dir, ignore_errors=True)

    def _purge_old_trash(self) -> None:
        if not self.trash_dir.exists():
            return
        cutoff = time.time() - TRASH_KEEP_S
        for entry in self.trash_dir.iterdir():
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < cutoff:
                    shutil.rmtree(entry, ignore_errors=True)


def _insert_row(conn: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> None:
    cols = list(row)
    conn.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols],
    )
