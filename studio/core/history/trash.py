"""Deleting a job with an undo: its rows kept in a token, its folder parked in the trash
(emptied after two days), and the undo that puts both back under the same id.

A comparison or batch whose every job is deleted goes for good once no undo of this
store can bring one of them back (:meth:`StoreTrash.discard_deleted`), and with it the
input pictures only it named (:mod:`studio.core.group_inputs`)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.core.history.events import ChangeKind, HistoryListeners

if TYPE_CHECKING:
    from studio.core.history.undo import DeletedJob  # loaded by the first delete
    from studio.core.paths import Paths

TRASH_KEEP_S = 2 * 24 * 3600


def job_dir_name(job_id: int, created_at: float) -> str:
    """A job's folder under ``images/``: ``YYYY-MM-DD/000123``."""
    return f"{time.strftime('%Y-%m-%d', time.localtime(created_at))}/{job_id:06d}"


class StoreTrash:
    """Delete and undo over the store's connections (declared here, made by HistoryStore)."""

    paths: Paths
    images_dir: Path
    trash_dir: Path
    _listeners: HistoryListeners
    #: groups a delete of this store emptied places of, with how many undos are pending
    _undoable: Counter[int]

    if TYPE_CHECKING:

        def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...

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
            from studio.core.history import groups, threads  # delete and undo only

            turn_row, child_turns = threads.turn_snapshot(conn, job_id)
            group_slots = groups.member_slots(conn, job_id)
            conn.execute("DELETE FROM images WHERE job_id = ?", (job_id,))
            conn.execute("DELETE FROM inputs WHERE job_id = ?", (job_id,))
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
        self._listeners.emit(ChangeKind.REMOVED, [job_id])
        self._undoable.update(g for g, _idx in group_slots)
        folder = self.images_dir / job_dir_name(job_id, float(job["created_at"]))
        trash: Path | None = None
        if folder.exists():
            self.trash_dir.mkdir(parents=True, exist_ok=True)
            trash = self.trash_dir / f"{job_id:06d}-{os.urandom(4).hex()}"
            shutil.move(str(folder), str(trash))
        from studio.core.history.undo import DeletedJob

        return DeletedJob(
            job_id=job_id,
            job_row=dict(job),
            image_rows=image_rows,
            input_rows=input_rows,
            trash_dir=trash,
            original_dir=folder if trash is not None else None,
            turn_row=turn_row,
            child_turns=child_turns,
            group_slots=group_slots,
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
        from studio.core.history import groups, threads

        with self._write() as conn:
            _insert_row(conn, "jobs", deleted.job_row)
            for row in deleted.input_rows:
                _insert_row(conn, "inputs", row)
            for row in deleted.image_rows:
                _insert_row(conn, "images", row)
            if deleted.turn_row is not None:
                threads.restore_turn(conn, deleted.turn_row, deleted.child_turns)
            groups.restore_slots(conn, deleted.job_id, deleted.group_slots)
        self._settled(deleted.group_slots)
        self._listeners.emit(ChangeKind.ADDED, [deleted.job_id])
        return deleted.job_id

    def discard_deleted(self, deleted: DeletedJob) -> None:
        """Forget a delete for good (its undo is no longer offered). A group left with
        no job, and no other undo pending for it, is deleted with its input pictures."""
        if deleted.trash_dir is not None:
            shutil.rmtree(deleted.trash_dir, ignore_errors=True)
        done = self._settled(deleted.group_slots)
        if done:
            self._drop_groups(done)

    def _settled(self, slots: Iterable[tuple[int, int]]) -> set[int]:
        """One undo of ``slots``' groups is no longer pending: the groups none is left for."""
        done: set[int] = set()
        for group_id, _idx in slots:
            if self._undoable[group_id] > 1:
                self._undoable[group_id] -= 1
            else:
                self._undoable.pop(group_id, None)
                done.add(group_id)
        return done

    def _drop_groups(self, group_ids: set[int]) -> None:
        from studio.core import group_inputs
        from studio.core.history import groups

        with self._write() as conn:
            specs = groups.drop_emptied(conn, group_ids)
            tokens = {t for spec in specs if (t := group_inputs.token_of(spec))}
            unused = {t for t in tokens if not group_inputs.named_by_a_group(conn, t)}
        for token in sorted(unused):
            group_inputs.remove_folder(self.paths.group_inputs_dir, token)

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
