"""The journal: every successful reply is on disk before it is parsed.

A paid result must survive a parser bug, a crash or a full disk later on. The
client writes each 2xx body here first; the caller removes the entry once the
images are stored; on start, :meth:`Journal.pending` lists what is left so it
can be recovered (:func:`studio.core.responses.recover`).

An entry is two files: ``<id>.body`` (the raw bytes) and ``<id>.json`` (the
meta). The body is written first and the meta last, each atomically, so an
entry with a meta file is always complete. The meta never holds the key or
any header.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.core.atomic import write_bytes_atomic

if TYPE_CHECKING:
    from studio.core.responses import Downloader
    from studio.core.result import ImageResult

_BODY = ".body"
_META = ".json"
#: meta keys that must never be written, whatever a caller passes
_FORBIDDEN = {"api_key", "key", "authorization", "headers"}


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

    def read(self) -> tuple[bytes, dict[str, Any]]:
        meta = json.loads(self.meta_path.read_text(encoding="utf-8"))
        return self.body_path.read_bytes(), meta if isinstance(meta, dict) else {}

    def remove(self) -> None:
        """Forget the entry (meta first, so a half-removed entry is never 'pending')."""
        for path in (self.meta_path, self.body_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class Journal:
    def __init__(self, dir: Path) -> None:
        self.dir = Path(dir)
        self._lock = threading.Lock()
        self._counter = 0

    def _new_id(self) -> str:
        with self._lock:
            self._counter += 1
            counter = self._counter
        return f"{time.time_ns():020d}-{os.getpid()}-{counter:04d}-{uuid.uuid4().hex[:8]}"

    def write(self, body: bytes, meta: dict[str, Any]) -> JournalEntry:
        """Store ``body`` with ``meta`` (JSON-able values) atomically; returns the entry."""
        entry = JournalEntry(self.dir, self._new_id())
        clean = {k: v for k, v in meta.items() if str(k).lower() not in _FORBIDDEN}
        clean.setdefault("time", time.time())
        clean["body_bytes"] = len(body)
        write_bytes_atomic(entry.body_path, body)
        meta_text = json.dumps(clean, ensure_ascii=False, default=str, sort_keys=True)
        write_bytes_atomic(entry.meta_path, meta_text.encode("utf-8"))
        return entry

    def pending(self) -> list[JournalEntry]:
        """Complete entries still on disk, oldest first."""
        if not self.dir.is_dir():
            return []
        entries = []
        for meta in self.dir.glob(f"*{_META}"):
            entry = JournalEntry(self.dir, meta.name[: -len(_META)])
            if entry.body_path.is_file():
                entries.append(entry)
        return sorted(entries, key=lambda e: e.id)


def recover(entry: JournalEntry, download: Downloader | None = None) -> ImageResult:
    """The images of a left-over entry; see :func:`studio.core.responses.recover`."""
    from studio.core.responses import recover as _recover

    return _recover(entry, download)
