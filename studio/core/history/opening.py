"""Why the history database could not be opened, and setting a damaged one aside.

A damaged file (random bytes, a truncated copy, another program's SQLite file) is
never repaired or overwritten: the user may start a new history, and the old file
is renamed with its ``-wal`` and ``-shm`` companions so it stays openable for a
repair. A database written by a newer studio is left as it is.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from studio.core.atomic import aside_name
from studio.core.history.schema import LATEST, SchemaTooNew

Reason = Literal["damaged", "newer", "unreachable"]
_COMPANIONS = ("-wal", "-shm")
#: words of SQLite errors about reaching the file rather than about its content
_REACH = ("unable to open", "readonly", "locked", "busy", "disk i/o", "full", "permission")


class HistoryUnusable(Exception):
    """The history database at ``path`` could not be opened, and why (``reason``)."""

    def __init__(self, path: Path, reason: Reason, detail: str, version: int | None = None):
        self.path = path
        self.reason: Reason = reason
        self.detail = detail
        #: the schema version a newer studio wrote (``reason == "newer"``)
        self.version = version
        self.known = LATEST
        super().__init__(self.message())

    def message(self) -> str:
        """The English explanation (the CLI's; the window says it in its language)."""
        if self.reason == "newer":
            return (
                f"The history database {self.path} was written by a newer version of the "
                f"studio (schema version {self.version}; this version knows up to "
                f"{self.known}). Update the studio to open it; nothing was changed."
            )
        if self.reason == "damaged":
            return (
                f"The history database {self.path} is damaged or is not a history database "
                f"({self.detail}). Move it aside (with any -wal and -shm files beside it) "
                "to start a new history, or open the window, which offers to; your pictures "
                "stay in their folder."
            )
        return (
            f"The history database {self.path} could not be opened ({self.detail}). Check "
            "that its folder can be written and has free space and that no other program "
            "holds it, then try again."
        )


def unusable(path: Path, exc: BaseException) -> HistoryUnusable:
    """The :class:`HistoryUnusable` that ``exc``, raised opening ``path``, means."""
    if isinstance(exc, SchemaTooNew):
        return HistoryUnusable(path, "newer", str(exc), exc.version)
    detail = str(exc)
    lowered = detail.lower()
    content = "malformed" in lowered or "not a database" in lowered
    if not content and (isinstance(exc, OSError) or any(w in lowered for w in _REACH)):
        return HistoryUnusable(path, "unreachable", detail)
    return HistoryUnusable(path, "damaged", detail)


def set_aside(db: Path) -> Path:
    """Rename the database ``db`` (and its companions) to ``<name>.broken-STAMP``."""
    aside = aside_name(db)
    os.replace(db, aside)
    for suffix in _COMPANIONS:
        companion = db.with_name(db.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside
