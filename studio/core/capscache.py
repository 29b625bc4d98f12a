"""A cache of the parsed built-in capability tables, one file per home.

Reading the TOML tables and building the models costs 60-300 ms at every start of
the window and of the CLI; loading the result from this cache costs ~2 ms. The
file's name is a hash of the tables *and* of the code that builds them, so an
edited table, an upgrade or a changed dataclass picks a new name: a stale file is
never read, and it is removed when the new one is written. The file is read with
an unpickler that builds only the tables' own types, so a tampered file cannot run
code: it fails to load, and the tables are parsed (and the file rewritten).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from studio.core.atomic import write_bytes_atomic

log = logging.getLogger(__name__)

#: the modules whose code decides what the parsed tables hold
_BUILDERS = ("studio.core.capabilities", "studio.core.capsparts", "studio.core.capsload")
#: the modules whose types a cached file may contain (classes only)
_TYPES_FROM = frozenset(
    (*_BUILDERS, "studio.core.request", "studio.core.lifecycle", "studio.core.costs")
)
_PREFIX = "capability-tables-"
_SUFFIX = ".pickle"


class _TablesUnpickler(pickle.Unpickler):
    """Builds the tables' own classes (and ``datetime.date``) and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module in _TYPES_FROM or (module, name) == ("datetime", "date"):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the capability tables")


def cache_key(table_files: Iterable[Path]) -> str | None:
    """The hash naming the cache file, or None when the building code cannot be read
    (a bundle without sources): then nothing is cached."""
    digest = hashlib.sha256()
    try:
        for name in _BUILDERS:
            source = getattr(sys.modules.get(name), "__file__", None)
            if not source:
                return None
            digest.update(Path(source).read_bytes())
        for path in table_files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()[:32]


def load(cache_dir: Path, key: str) -> object | None:
    """The cached value for ``key``, or None (missing, unreadable or refused)."""
    try:
        data = (cache_dir / f"{_PREFIX}{key}{_SUFFIX}").read_bytes()
    except OSError:
        return None
    try:
        return _TablesUnpickler(io.BytesIO(data)).load()
    except Exception as exc:  # a broken or tampered file: parse the tables instead
        log.warning("ignoring the capability table cache: %s", exc)
        return None


def store(cache_dir: Path, key: str, value: object) -> None:
    """Write the cache for ``key`` and drop the files of other keys; failures only log."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        target = cache_dir / f"{_PREFIX}{key}{_SUFFIX}"
        write_bytes_atomic(target, data, fsync=False)  # lost in a crash: parsed again
        for old in cache_dir.glob(f"{_PREFIX}*{_SUFFIX}"):
            if old != target:
                with contextlib.suppress(OSError):
                    old.unlink()
    except Exception as exc:  # a read-only home still starts
        log.info("could not write the capability table cache: %s", exc)
