"""Atomic file writes (a temp file in the same folder, fsync, then rename), and the
name a damaged file is set aside under."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def current_umask() -> int:
    """The process's umask (read from /proc where there is one, so no thread sees it change)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_bytes_atomic(
    path: str | os.PathLike[str], data: bytes, *, fsync: bool = True, public: bool = False
) -> Path:
    """Write ``data`` to ``path`` so a reader sees the old file or the whole new one.

    The app's own files stay private (0600, as ``mkstemp`` makes them); ``public``
    files (saved and exported images) get the mode a new file normally gets, 0666
    minus the umask.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if public and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~current_umask())
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, fsync: bool = True, public: bool = False
) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"), fsync=fsync, public=public)


def aside_name(target: Path) -> Path:
    """A free name beside ``target`` to set a damaged copy of it aside under
    (``<name>.broken-YYYYmmdd-HHMMSS``, numbered when that is taken)."""
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.broken-{stamp}")
    n = 1
    while aside.exists():
        aside = target.with_name(f"{target.name}.broken-{stamp}-{n}")
        n += 1
    return aside
