"""A cache of the parsed built-in capability tables, one file per home.

Reading the TOML tables and building the models costs 60-300 ms at every start of
the window and of the CLI; loading the result from this cache costs ~2 ms. The
file's name is a hash of the tables *and* of the code that builds them, so an
edited table, an upgrade or a changed dataclass picks a new name: a stale file is
never read, and it is removed when the new one is written. The file is read with
an unpickler that builds only the tables' own types, so a tampered file cannot run
code: it fails to load, and the tables are parsed (and the file rewritten); so is a
file of those types in the wrong shape (:func:`well_formed`).
"""

from __future__ import annotations

import contextlib
import io
import logging
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeGuard
from zlib import crc32

from studio.core.atomic import write_bytes_atomic
from studio.core.capabilities import ModelCaps, Price

log = logging.getLogger(__name__)

#: the modules (beside this one) whose code decides what the parsed tables hold
_BUILDERS = ("capabilities", "capsparts", "capsload", "capscache")
#: the modules whose types a cached file may contain (classes only)
_TYPES_FROM = frozenset(
    [f"studio.core.{name}" for name in _BUILDERS]
    + ["studio.core.request", "studio.core.lifecycle", "studio.core.costs"]
)
#: the tables this process read from a cache (see :func:`cached_builtin_tables`)
loaded: Tables | None = None


@dataclass
class Tables:
    """The built-in tables, parsed: what the cache holds."""

    raw: dict[str, dict[str, Any]] = field(default_factory=dict)  # merged entry per model
    families: dict[str, dict[str, Any]] = field(default_factory=dict)  # family -> defaults
    caps: dict[str, ModelCaps] = field(default_factory=dict)
    #: text model id -> its rates (``[text_models."ID".price]``)
    text_prices: dict[str, Price] = field(default_factory=dict)
    #: the built-in providers' table, ``providers.toml`` as parsed
    providers: dict[str, Any] = field(default_factory=dict)


def cached_builtin_tables(cache_dir: Path) -> Tables | None:
    """The built-in tables from the cache in ``cache_dir``, without importing the TOML
    reader (``capsload``) at all; None when there is no usable cache file."""
    global loaded
    if loaded is None:
        from studio.core.resources import resource

        key = cache_key(sorted(resource("capabilities").glob("*.toml")))
        value = load(cache_dir, key) if key else None
        if well_formed(value):
            loaded = value
    return loaded


def well_formed(value: object) -> TypeGuard[Tables]:
    """Is ``value`` tables of the right shape? A cache file of the tables' own types can
    still hold a number where a model's entry belongs (a tampered or foreign file): such a
    file is ignored, not allowed to stop the start."""
    if not isinstance(value, Tables) or not value.caps:
        return False
    if not all(
        isinstance(getattr(value, f.name, None), dict) for f in fields(Tables)
    ):  # pickle fills __dict__ as the file says, so a field may be missing or anything
        return False
    return all(
        isinstance(k, str)
        and isinstance(c, ModelCaps)
        and isinstance(c.id, str)
        and isinstance(c.aliases, tuple)
        and all(isinstance(a, str) for a in c.aliases)
        and isinstance(c.params, dict)
        and isinstance(c.endpoints, frozenset)
        for k, c in value.caps.items()
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
    """The key naming the cache file, or None when the building code cannot be read
    (a bundle without sources): then nothing is cached. ``providers.toml`` is part of
    every key: the cache keeps it too.

    Change detection, not a defence: a running CRC-32 and the total length of every
    file's name and bytes, in order (``hashlib`` would load OpenSSL's library, ~3 ms,
    before the window's first paint).
    """
    from studio.core.resources import resource

    here = Path(__file__).parent
    crc, length = 0, 0
    try:
        sources = [here / f"{name}.py" for name in _BUILDERS]
        for path in [*sources, *table_files, resource("providers.toml")]:
            chunk = path.name.encode() + b"\0" + path.read_bytes() + b"\0"
            crc, length = crc32(chunk, crc), length + len(chunk)
    except OSError:
        return None
    return f"{crc:08x}{length:x}"


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
