"""Reading files the studio did not necessarily write as it left them.

A stored image, a journal entry or the settings file may have been replaced by a
symlink to ``/dev/zero`` (read forever), a named pipe (its open blocks until a
writer comes) or a folder. These helpers open only regular files, without
blocking, and read at most a bound, so such a file is an ``OSError`` like any
unreadable one.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

#: the largest stored image read whole (a reply's body is at most 200 MB)
MAX_IMAGE_FILE_BYTES = 200 * 1024 * 1024

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """``path`` opened for reading; OSError unless it is a regular file."""
    fd = os.open(path, _FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], limit: int = MAX_IMAGE_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``; OSError for anything else or past ``limit``."""
    with open_regular(path) as fh:
        if os.fstat(fh.fileno()).st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit // (1024 * 1024)} MB", str(path))
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit // (1024 * 1024)} MB", str(path))
    return data


__all__ = ["MAX_IMAGE_FILE_BYTES", "open_regular", "read_regular"]
