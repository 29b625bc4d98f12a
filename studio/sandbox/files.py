"""The sandbox's "CDN": url results and uploads, kept in memory for a while."""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/svg+xml": "svg",
}


@dataclass(frozen=True)
class StoredFile:
    data: bytes = field(repr=False)
    content_type: str
    created: float
    expired_status: int | None = None  # set: downloads fail with this status (403/404)


class FileStore:
    """Name -> bytes, evicted after ``ttl`` seconds or beyond ``max_files``."""

    def __init__(self, ttl: float = 3600.0, max_files: int = 200) -> None:
        self.ttl = ttl
        self.max_files = max_files
        self._lock = threading.Lock()
        self._files: OrderedDict[str, StoredFile] = OrderedDict()

    def put(
        self,
        data: bytes,
        content_type: str,
        *,
        expired_status: int | None = None,
        name: str | None = None,
    ) -> str:
        """Store bytes and return the file's name (``<hex>.<ext>`` unless ``name`` is given)."""
        name = name or f"{uuid.uuid4().hex}.{EXTENSIONS.get(content_type, 'bin')}"
        with self._lock:
            self._files[name] = StoredFile(data, content_type, time.monotonic(), expired_status)
            self._evict()
        return name

    def get(self, name: str) -> StoredFile | None:
        with self._lock:
            self._evict()
            return self._files.get(name)

    def clear(self) -> None:
        with self._lock:
            self._files.clear()

    def _evict(self) -> None:
        now = time.monotonic()
        while self._files:
            name, first = next(iter(self._files.items()))
            if len(self._files) > self.max_files or now - first.created > self.ttl:
                del self._files[name]
            else:
                break
