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
import os
import shutil
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.core.atomic import write_bytes_atomic
from studio.core.errors import ErrorKind, StudioError, Text
from studio.core.history import schema
from studio.core.history.events import ChangeKind, HistoryListener, HistoryListeners
from studio.core.history.liveness import pid_alive, process_start_token
from studio.core.history.models import (
    JobError,
    JobRecord,
    JobStatus,
    StoredImage,
    failure_of,
    partial_failure_of,
)
from studio.core.history.reads import (
    EXPANSION,
    JSON_TYPE,
    MARKUP_DOC,
    StoreReads,
)
from studio.core.history.rows import clean_params, dumps, stored_image
from studio.core.history.trash import StoreTrash, job_dir_name
from studio.core.paths import Paths
from studio.core.request import ImageRequest, InputImage

if TYPE_CHECKING:
    from studio.core.costs import Cost
    from studio.core.result import GeneratedImage, ImageResult

BUSY_TIMEOUT_MS = 30_000
IDLE_CONNECTIONS = 4  # kept open for reuse; more only while that many calls overlap
_EXT = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "webp": "webp", "gif": "gif", "svg": "svg"}
_CTYPE_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif"}


def _intact(path: Path, size: int) -> bool:
    """Is ``path`` a file of ``size`` bytes (what a power cut can leave short or empty)?"""
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def _set_wal(conn: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode = WAL``, waiting out other processes switching a new file.

    Changing the journal mode needs the database to itself and SQLite does not call the
    busy handler for it: several processes opening a new home at once get "database is
    locked" at once. So it is retried here, for as long as the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            locked = "locked" in str(exc) or "busy" in str(exc)
            if not locked or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _hostname() -> str:
    """This machine's name (as ``socket.gethostname``; POSIX gives it without ``socket``,
    which is not otherwise needed before the window's first paint)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


class HistoryStore(StoreReads, StoreTrash):
    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        paths.ensure()
        paths.thumbnails_dir.mkdir(parents=True, exist_ok=True)
        self.images_dir = paths.images_dir
        self.trash_dir = paths.data_dir / "trash"
        self._undoable: Counter[int] = Counter()
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []  # connections no call is using
        self._open: set[sqlite3.Connection] = set()  # every connection not yet closed
        self._closed = False
        self._hostname = _hostname()
        self._pid = os.getpid()
        self._pid_start = process_start_token(self._pid)
        self._watch_lock = threading.Lock()
        self._listeners = HistoryListeners()
        #: (job, position) -> SHA-256 of the image this process stored there as it arrived
        self._arrived: dict[tuple[int, int], str] = {}
        try:
            with self._use() as conn:
                schema.migrate(conn)
            # data_version is per connection: one long-lived connection answers it
            self._watch = self._connect()
        except (sqlite3.Error, schema.SchemaTooNew) as exc:
            self.close()
            from studio.core.history.opening import unusable

            raise unusable(paths.history_db, exc) from exc
        except BaseException:
            self.close()
            raise
        self._purge_old_trash()

    # -- connections -------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.paths.history_db,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # we open transactions ourselves
            check_same_thread=False,  # handed between threads, never used by two at once
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _set_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        with self._lock:
            self._open.add(conn)
        return conn

    @contextlib.contextmanager
    def _use(self) -> Iterator[sqlite3.Connection]:
        """A connection for this call only (sqlite3 objects must not be shared at once).

        Connections are pooled, not kept per thread: a Qt pool thread gets a new
        Python thread state for every task, so thread-local connections would
        pile up, one per background call, each holding file handles.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("the history store is closed")
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = self._connect()
        try:
            yield conn
        finally:
            if conn.in_transaction:  # never hand on a half-done transaction
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            with self._lock:
                keep = not self._closed and len(self._idle) < IDLE_CONNECTIONS
                if keep:
                    self._idle.append(conn)
                else:
                    self._open.discard(conn)
            if not keep:
                conn.close()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._use() as conn:
            return conn.execute(sql, params).fetchall()

    def _row(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._use() as conn:
            row: sqlite3.Row | None = conn.execute(sql, params).fetchone()
            return row

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._use() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close every connection; calls still running finish on theirs and close it."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            for conn in idle:
                self._open.discard(conn)
        for conn in idle:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        if hasattr(self, "_watch"):
            with self._watch_lock, contextlib.suppress(sqlite3.Error):
                self._watch.close()
            with self._lock:
                self._open.discard(self._watch)

    def open_connections(self) -> int:
        """How many connections are open (tests: nothing piles up)."""
        with self._lock:
            return len(self._open)

    def listen(self, listener: HistoryListener) -> Callable[[], None]:
        """Be told (on the writing thread) which jobs each write changed; returns "stop"."""
        return self._listeners.add(listener)

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- paths -------------------------------------------------------------

    def _abs(self, rel: str) -> Path:
        return self.images_dir / rel

    def _job_dir(self, job_id: int) -> Path:
        row = self._row("SELECT created_at FROM jobs WHERE id = ?", (job_id,))
        if row is None:
            raise LookupError(f"no job {job_id} in the history")
        return self.images_dir / job_dir_name(job_id, float(row["created_at"]))

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
        if not request.images and request.mask is None and request.markup is None:
            self._listeners.emit(ChangeKind.ADDED, [job_id])
            return job_id
        folder = self.images_dir / job_dir_name(job_id, now)
        try:
            rows: list[tuple[Any, ...]] = []
            for i, img in enumerate(request.images, start=1):
                ext = _CTYPE_EXT.get(img.content_type, "bin")
                rel = self._input_file(folder, f"input-{i:02d}", ext, img)
                rows.append(
                    (job_id, i, "image", rel, img.filename, img.content_type, img.url, img.file_id)
                )
            if request.mask is not None:
                m = request.mask
                ext = _CTYPE_EXT.get(m.content_type, "png")
                rel = self._input_file(folder, "mask", ext, m)
                rows.append((job_id, 0, "mask", rel, m.filename, m.content_type, m.url, m.file_id))
            rows += self._markup_rows(job_id, folder, request)
            if request.expansion is not None:
                geometry = write_bytes_atomic(
                    folder / "expand.json", request.expansion.to_json().encode("utf-8")
                )
                rows.append(
                    (
                        job_id,
                        0,
                        EXPANSION,
                        self._rel(geometry),
                        "expand.json",
                        JSON_TYPE,
                        None,
                        None,
                    )
                )
            with self._write() as conn:
                conn.executemany(
                    "INSERT INTO inputs (job_id, idx, role, path, filename, content_type, url,"
                    " file_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except BaseException:
            with self._write() as conn:
                conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._listeners.emit(ChangeKind.ADDED, [job_id])
        return job_id

    def _markup_rows(
        self, job_id: int, folder: Path, request: ImageRequest
    ) -> list[tuple[Any, ...]]:
        """The markup PNG and, when known, the annotations it was drawn from (as JSON)."""
        m = request.markup
        if m is None:
            return []
        rel = self._input_file(folder, "markup", "png", m)
        rows: list[tuple[Any, ...]] = [
            (job_id, 0, "markup", rel, m.filename, m.content_type, None, None)
        ]
        if request.markup_doc is not None:
            doc = write_bytes_atomic(
                folder / "markup.json", request.markup_doc.to_json().encode("utf-8")
            )
            rows.append(
                (job_id, 0, MARKUP_DOC, self._rel(doc), "markup.json", JSON_TYPE, None, None)
            )
        return rows

    def _input_file(self, folder: Path, stem: str, ext: str, image: InputImage) -> str:
        """Write an input's bytes; a URL or file id input keeps only its thumbnail (if any),
        as ``<stem>-thumb.<ext>``, and "" when it has none."""
        if image.remote:
            if not image.data:
                return ""
            stem += "-thumb"
        return self._rel(write_bytes_atomic(folder / f"{stem}.{ext}", image.data))

    def add_image(
        self, job_id: int, image: GeneratedImage, position: int | None = None
    ) -> StoredImage:
        """Store one output as soon as it arrives.

        ``position`` is the image's place in the job's result: each place is stored once
        (the image arrives while streaming and again with the finished result), and
        every place gets its row, so a job that returned the same bytes n times shows n
        images; identical bytes share one file on disk. Without a position, the same
        bytes twice are stored once.
        """
        digest = image.sha256
        folder = self._job_dir(job_id)
        with self._write() as conn:
            if position is not None:
                row = conn.execute(
                    "SELECT * FROM images WHERE job_id = ? AND idx = ?", (job_id, position + 1)
                ).fetchone()
            else:
                row = conn.execute(
                    "SELECT * FROM images WHERE job_id = ? AND sha256 = ?", (job_id, digest)
                ).fetchone()
            if row is not None and row["sha256"] == digest:
                kept = self.images_dir / row["path"]
                if not _intact(kept, len(image.data)):
                    # the row outlived its file's bytes (a power cut after the commit, a
                    # file deleted by hand): the journal's replay brings them back
                    write_bytes_atomic(kept, image.data)
                if position is not None:
                    self._arrived[(job_id, position)] = digest
                return stored_image(row, self.images_dir)
            if position is not None and row is None:
                idx = position + 1
            else:  # no position, or its place holds other bytes: the next free place
                idx = int(
                    conn.execute(
                        "SELECT COALESCE(MAX(idx), 0) + 1 FROM images WHERE job_id = ?", (job_id,)
                    ).fetchone()[0]
                )
            same = conn.execute(
                "SELECT path FROM images WHERE job_id = ? AND sha256 = ? LIMIT 1", (job_id, digest)
            ).fetchone()
            if same is not None and _intact(self.images_dir / same["path"], len(image.data)):
                path = self.images_dir / same["path"]  # the same bytes: one file
            else:
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
        if position is not None:
            self._arrived[(job_id, position)] = digest
        self._listeners.emit(ChangeKind.CHANGED, [job_id])
        return StoredImage(
            id=image_id,
            path_text=str(path),
            width=image.width,
            height=image.height,
            format=image.format.lower(),
            bytes=len(image.data),
            revised_prompt=image.revised_prompt,
        )

    def finish_job(
        self,
        job_id: int,
        result: ImageResult,
        *,
        timings: dict[str, float] | None = None,
        cost: Cost | None = None,
    ) -> JobRecord:
        for position, image in enumerate(result.images):
            # stored as it arrived (the usual case) needs no second look at the database
            if self._arrived.pop((job_id, position), None) != image.sha256:
                self.add_image(job_id, image, position)
                self._arrived.pop((job_id, position), None)
        image_rows = self._rows(
            "SELECT revised_prompt FROM images WHERE job_id = ? ORDER BY idx", (job_id,)
        )
        revised = [r["revised_prompt"] for r in image_rows if r["revised_prompt"]]
        error: JobError | None = None
        if image_rows:
            status = JobStatus.SUCCEEDED
            if result.errors:
                error = partial_failure_of(result.errors)
        elif result.errors:
            all_cancelled = all(e.kind is ErrorKind.CANCELLED for e in result.errors)
            status = JobStatus.CANCELLED if all_cancelled else JobStatus.FAILED
            error = failure_of(result.errors)
        else:
            status = JobStatus.FAILED
            text = Text.of("The provider returned no images.")
            error = JobError(str(text), ErrorKind.PROVIDER.value, text=text)
        with self._write() as conn:
            conn.execute(
                "UPDATE jobs SET status = ?, finished_at = ?, error = ?, usage = ?,"
                " revised_prompts = ?, timings = ?, cost = ?, cost_currency = ?,"
                " cost_source = ? WHERE id = ?",
                (
                    status.value,
                    time.time(),
                    None if error is None else dumps(error.to_dict()),
                    None if result.usage is None else dumps(result.usage),
                    dumps(revised),
                    None if timings is None else dumps(timings),
                    None if cost is None else cost.amount,
                    None if cost is None else cost.currency,
                    None if cost is None else cost.source,
                    job_id,
                ),
            )
        self._listeners.emit(ChangeKind.CHANGED, [job_id])
        return self._require(job_id)

    def fail_job(self, job_id: int, error: StudioError) -> JobRecord:
        for key in list(self._arrived):  # a copy: other jobs' threads add to it
            if key[0] == job_id:
                self._arrived.pop(key, None)
        status = JobStatus.CANCELLED if error.kind is ErrorKind.CANCELLED else JobStatus.FAILED
        err = JobError.of(error)
        with self._write() as conn:
            conn.execute(
                "UPDATE jobs SET status = ?, finished_at = ?, error = ? WHERE id = ?",
                (status.value, time.time(), dumps(err.to_dict()), job_id),
            )
        self._listeners.emit(ChangeKind.CHANGED, [job_id])
        return self._require(job_id)

    def mark_interrupted(self) -> int:
        """Jobs left running by a process of this machine that is gone become "interrupted"."""
        rows = self._rows(
            "SELECT id, pid, hostname, pid_start FROM jobs WHERE status = ?", ("running",)
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
        text = Text.of("The studio closed before this job finished.")
        err = JobError(str(text), "interrupted", text=text)
        marked: list[int] = []
        with self._write() as conn:
            for job_id in dead:
                cur = conn.execute(
                    "UPDATE jobs SET status = ?, error = ? WHERE id = ? AND status = ?",
                    (JobStatus.INTERRUPTED.value, dumps(err.to_dict()), job_id, "running"),
                )
                if cur.rowcount:
                    marked.append(job_id)
        self._listeners.emit(ChangeKind.CHANGED, marked)
        return len(marked)

    def set_favourite(self, job_id: int, fav: bool) -> None:
        with self._write() as conn:
            conn.execute("UPDATE jobs SET favourite = ? WHERE id = ?", (1 if fav else 0, job_id))
        self._listeners.emit(ChangeKind.CHANGED, [job_id])
