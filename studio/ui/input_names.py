"""What the inputs list calls an image: its file name, and for a picture from the
history also the job it came from (``#17 · 01.png``), so that two jobs' ``01.png``
are told apart.

The history keeps a job's files in ``images/YYYY-MM-DD/<job id, six digits>/``; a
path of that shape names its job. Identical bytes are stored once, so a file may sit
in the folder of the first job that made them: that job is then the one named."""

from __future__ import annotations

import re
from pathlib import PurePath

from PySide6.QtCore import QCoreApplication

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_JOB = re.compile(r"^\d{6,}$")


def job_of_path(path: str | PurePath) -> int | None:
    """The history job whose folder holds ``path``, or None for any other file."""
    p = PurePath(path)
    parts = p.parts
    if len(parts) < 3 or not _JOB.match(parts[-2]) or not _DAY.match(parts[-3]):
        return None
    return int(parts[-2])


def origin_name(filename: str, path: str | PurePath | None = None) -> str:
    """``filename`` as the inputs list shows it: with its job's number when ``path``
    is a history file."""
    job = job_of_path(path) if path is not None else None
    if job is None:
        return filename
    # %1 the job's number, %2 the file name
    form = QCoreApplication.translate("InputsPanel", "#%1 · %2")
    return form.replace("%1", str(job)).replace("%2", filename)
