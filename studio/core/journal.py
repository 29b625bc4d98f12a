"""The journal: every successful reply is on disk before it is parsed.

A paid result must survive a parser bug, a crash or a full disk later on. The
client writes each 2xx body here first; the caller removes the entry once the
images are stored; on start, :meth:`Journal.pending` lists what dead processes
left so it can be recovered (:mod:`studio.core.recovery`).

An entry is two files: ``<id>.json`` (the meta, with the reply's length) and
``<id>.body`` (the raw bytes). The meta is written first (atomically), then the
body straight to its name, so at every instant what is on disk says what it is:
a body as long as its meta says is a complete paid reply, whatever happened
next; a meta without its whole body is an unfinished write (cleaned up once its
process is gone). The meta never holds the key or any header.

Entries are owned: each process holds an exclusive lock on its own file in
``owners/`` for as long as it runs, and every entry names its owner. Only the
entries of owners whose lock is free (dead processes) are recovered, so a job
another process is still finishing is never touched. An entry that cannot be
recovered moves to ``quarantine/`` with the reason, to be shown to the user,
never retried silently.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from studio.core.atomic import write_bytes_atomic
from studio.core.regular import read_regular

if TYPE_CHECKING:
    from studio.core.responses import Downloader
    from studio.core.result import ImageResult

_BODY = ".body"
_META = ".json"
#: meta keys that must never be written, whatever a caller passes
_FORBIDDEN = {"api_key", "key", "authorization", "headers"}
OWNERS = ".owners"
QUARANTINE = "quarantine"
#: test hook for crash-recovery tests: sleep this long after a job's reply was journaled
#: and before its images are stored (a ``kill -9`` lands here)
PAUSE_AFTER_JOURNAL_ENV = "IMAGE_STUDIO_DEBUG_PAUSE_AFTER_JOURNAL"
#: test hook for crash tests: ``reply:SECONDS`` pauses once the reply file is complete,
#: ``meta:SECONDS`` once only the meta is written (a ``kill -9`` lands there)
PAUSE_ENV = "IMAGE_STUDIO_DEBUG_JOURNAL_PAUSE"
#: a meta holds the prompt and a few fields; a body at most what the client accepts
MAX_META_BYTES = 16 * 1024 * 1024
MAX_BODY_BYTES = 200 * 1024 * 1024


# -- ownership ------------------------------------------------------------------------
def _try_lock(fh: IO[bytes]) -> bool:
    """An exclusive, non-blocking lock on ``fh`` (released when the file is closed)."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


_owner_lock = threading.Lock()
#: journal folder -> (owner name, the open locked file) of this process
_owners: dict[Path, tuple[str, IO[bytes]]] = {}


def owner_name(dir: Path) -> str:
    """This process's owner name in ``dir`` (its lock file is created and held on first use)."""
    with _owner_lock:
        held = _owners.get(Path(dir))  # the folder as given: no path resolved per reply
        if held is not None:
            return held[0]
    key = Path(dir).resolve()
    with _owner_lock:
        held = _owners.get(key)
        if held is not None:
            _owners[Path(dir)] = held
            return held[0]
        folder = key / OWNERS
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{os.getpid()}-{os.urandom(6).hex()}"  # uuid4().hex[:12], without uuid's imports
        fh = open(folder / f"{name}.lock", "a+b")  # noqa: SIM115 - held for the process's life
        if not _try_lock(fh):  # cannot happen for a fresh name; keep going unowned
            fh.close()
            raise OSError("could not lock the journal owner file")
        _owners[key] = (name, fh)
        return name


@atexit.register
def _close_owner_files() -> None:
    """At exit, close the held lock files (what the process's end does a moment later,
    without the interpreter's "unclosed file" warnings); the names stay, as after a crash:
    the next start finds them not held and tidies them up."""
    with _owner_lock:
        held = {id(fh): fh for _, fh in _owners.values()}
        _owners.clear()
    for fh in held.values():
        with contextlib.suppress(OSError):
            fh.close()


def release_owner(dir: Path) -> None:
    """Give up this process's ownership of ``dir`` (its store is closing): the lock file is
    closed and removed, so a long-lived process that opens many homes (a test run, a
    script) does not hold a file open for each."""
    key = Path(dir).resolve()
    with _owner_lock:
        held = _owners.pop(key, None)
        for alias in [k for k, v in _owners.items() if v is held]:  # the folder as given
            del _owners[alias]
    if held is None:
        return
    name, fh = held
    fh.close()
    with contextlib.suppress(OSError):
        (key / OWNERS / f"{name}.lock").unlink()


def owner_alive(dir: Path, name: object) -> bool:
    """Is the process that owns ``name`` still running (its lock is held)?"""
    if not isinstance(name, str) or not name or "/" in name or "\\" in name:
        return False
    key = Path(dir).resolve()
    with _owner_lock:
        held = _owners.get(key)
        if held is not None and held[0] == name:
            return True
    path = key / OWNERS / f"{name}.lock"
    try:
        fh = open(path, "a+b")  # noqa: SIM115 - closed below
    except OSError:
        return False
    with fh:
        return not _try_lock(fh)


def remove_dead_owner(dir: Path, name: str) -> None:
    """Delete a dead owner's lock file (taken first, so a live one is never removed)."""
    path = Path(dir) / OWNERS / f"{name}.lock"
    with contextlib.suppress(OSError), open(path, "a+b") as fh:
        if _try_lock(fh):
            path.unlink()


def _pause(point: str) -> None:
    value = os.environ.get(PAUSE_ENV, "")
    where, _, seconds = value.partition(":")
    if where == point and seconds:
        print(f"journal paused at {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds))


# -- entries ----------------------------------------------------------------------------
@dataclass(frozen=True)
class JournalEntry:
    """One journalled reply; ``id`` sorts by time of writing."""

    dir: Path
    id: str

    @property
    def path(self) -> Path:
        """The raw body's file (what a person looking for the reply wants)."""
        return self.body_path

    @property
    def body_path(self) -> Path:
        return self.dir / f"{self.id}{_BODY}"

    @property
    def meta_path(self) -> Path:
        return self.dir / f"{self.id}{_META}"

    def meta(self) -> dict[str, Any]:
        """The meta; ValueError (or OSError) for one that is not a small JSON object."""
        text = read_regular(self.meta_path, MAX_META_BYTES).decode("utf-8")
        try:
            meta = json.loads(text)
        except RecursionError:
            raise ValueError("the journal entry's meta is nested too deeply") from None
        return meta if isinstance(meta, dict) else {}

    def read(self) -> tuple[bytes, dict[str, Any]]:
        return read_regular(self.body_path, MAX_BODY_BYTES), self.meta()

    def complete(self, meta: dict[str, Any] | None = None) -> bool:
        """Is the whole reply on disk (as long as the meta says; old entries: present)?"""
        try:
            size = self.body_path.stat().st_size
        except OSError:
            return False
        expected = (meta if meta is not None else self.meta()).get("body_bytes")
        # longer than its meta says is no unfinished write: kept, to be quarantined if unreadable
        return not isinstance(expected, int) or size >= expected

    def remove(self) -> None:
        """Forget the entry (body first: a meta alone is an unfinished write, never pending)."""
        for path in (self.body_path, self.meta_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class Journal:
    def __init__(self, dir: Path) -> None:
        self.dir = Path(dir)
        self._lock = threading.Lock()
        self._counter = 0

    @property
    def quarantine_dir(self) -> Path:
        return self.dir / QUARANTINE

    def _new_id(self, owner: str) -> str:
        with self._lock:
            self._counter += 1
            counter = self._counter
        return f"{time.time_ns():020d}-{owner}-{counter:04d}"

    def write(self, body: bytes, meta: dict[str, object]) -> JournalEntry:
        """Store ``body`` with ``meta`` (JSON-able values); returns the entry."""
        owner = owner_name(self.dir)
        entry = JournalEntry(self.dir, self._new_id(owner))
        clean = {k: v for k, v in meta.items() if str(k).lower() not in _FORBIDDEN}
        clean.setdefault("time", time.time())
        clean["body_bytes"] = len(body)
        clean["owner"] = owner
        meta_text = json.dumps(clean, ensure_ascii=False, default=str, sort_keys=True)
        write_bytes_atomic(entry.meta_path, meta_text.encode("utf-8"))
        _pause("meta")
        with open(entry.body_path, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        _pause("reply")
        return entry

    def entries(self) -> list[JournalEntry]:
        """Every entry with a meta file (complete or not, any owner), oldest first."""
        if not self.dir.is_dir():
            return []
        found = [JournalEntry(self.dir, m.name[: -len(_META)]) for m in self.dir.glob(f"*{_META}")]
        return sorted(found, key=lambda e: e.id)

    def pending(self) -> list[JournalEntry]:
        """Complete entries still on disk (any owner), oldest first."""
        out = []
        for entry in self.entries():
            with contextlib.suppress(OSError, ValueError):
                if entry.complete():
                    out.append(entry)
        return out

    def quarantine(self, entry: JournalEntry, reason: str) -> JournalEntry:
        """Move ``entry`` aside with ``reason``; it is shown, never retried on its own."""
        target = JournalEntry(self.quarantine_dir, entry.id)
        self.quarantine_dir.mkdir(parents=True, exist_ok=True)
        moving = entry.dir.resolve() != self.quarantine_dir.resolve()
        try:
            meta = entry.meta()
        except (OSError, ValueError):
            meta = {}
        meta["quarantine_reason"] = reason
        meta["quarantined_at"] = time.time()
        if moving and entry.body_path.exists():
            os.replace(entry.body_path, target.body_path)
        text = json.dumps(meta, ensure_ascii=False, default=str, sort_keys=True)
        write_bytes_atomic(target.meta_path, text.encode("utf-8"))
        if moving:
            with contextlib.suppress(FileNotFoundError):
                entry.meta_path.unlink()
        return target

    def quarantined(self) -> list[JournalEntry]:
        """Entries that could not be recovered, oldest first."""
        return Journal(self.quarantine_dir).pending()

    def leftovers(self) -> list[Path]:
        """Temp files of interrupted writes (``.<name>.tmp``) in the folder."""
        if not self.dir.is_dir():
            return []
        return [p for p in self.dir.glob(".*.tmp") if p.is_file()]


class JobJournal(Journal):
    """A journal that tags every entry with the history job it belongs to (and the
    protocol whose reader can parse it again)."""

    def __init__(self, dir: Path, job_id: int, prompt: str, protocol: str) -> None:
        super().__init__(dir)
        from studio.core.history.liveness import own_start_token

        self._extra: dict[str, object] = {
            "job_id": job_id,
            "prompt": prompt,
            "protocol": protocol,
            "pid": os.getpid(),
            "pid_start": own_start_token(),
        }

    def write(self, body: bytes, meta: dict[str, object]) -> JournalEntry:
        entry = super().write(body, {**meta, **self._extra})
        pause = float(os.environ.get(PAUSE_AFTER_JOURNAL_ENV, "0") or 0)
        if pause > 0:
            print(f"journaled {entry.path}", file=sys.stderr, flush=True)
            time.sleep(pause)
        return entry


def recover(entry: JournalEntry, download: Downloader | None = None) -> ImageResult:
    """The images of a left-over entry; see :func:`studio.core.responses.recover`."""
    from studio.core.responses import recover as _recover

    return _recover(entry, download)
