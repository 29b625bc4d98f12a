"""The undo token of a deleted job."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class DeletedJob:
    """Everything needed to undo a delete: the rows, and where the files were parked."""

    job_id: int
    job_row: dict[str, Any]
    image_rows: list[dict[str, Any]]
    input_rows: list[dict[str, Any]]
    #: the job's folder moved aside (None when it had no files), and where it belongs
    trash_dir: Path | None
    original_dir: Path | None
    #: the job's row in ``turns`` when it was a conversation turn, and the turns that
    #: continued it (their link is cleared by the delete): an undo puts both back
    turn_row: dict[str, Any] | None = None
    child_turns: tuple[int, ...] = ()
    #: the (group, member index) places the job filled in comparisons and batches
    group_slots: tuple[tuple[int, int], ...] = ()
