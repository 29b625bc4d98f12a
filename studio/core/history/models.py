"""The records the history store hands out: jobs, their images, queries, undo tokens."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class JobStatus(enum.StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class JobError:
    """Why a job failed (or, for a partly failed job, what went wrong beside the images)."""

    message: str
    kind: str
    status: int | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "kind": self.kind,
            "status": self.status,
            "code": self.code,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobError:
        return cls(
            message=str(data.get("message", "")),
            kind=str(data.get("kind", "")),
            status=data.get("status"),
            code=data.get("code"),
        )


@dataclass(frozen=True)
class StoredImage:
    """One image of a job, as stored on disk."""

    id: int
    path: Path  # absolute
    width: int
    height: int
    format: str
    bytes: int
    revised_prompt: str | None = None


@dataclass(frozen=True)
class JobRecord:
    """One job as the history keeps it: request, outcome, cost and images."""

    id: int
    created_at: float
    finished_at: float | None
    provider_id: str
    provider_name: str
    model: str
    mode: str
    prompt: str
    params: dict[str, Any]
    revised_prompts: list[str]
    status: str
    error: JobError | None
    usage: dict[str, Any] | None
    estimate: dict[str, Any] | None
    timings: dict[str, float] | None
    favourite: bool
    source: str
    images: list[StoredImage] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)
    mask: Path | None = None
    #: what the job cost by its usage and the table's rates (None: not known)
    cost: float | None = None
    cost_currency: str | None = None
    #: where the rates came from
    cost_source: str | None = None

    @property
    def folder(self) -> Path | None:
        """The folder holding this job's files (None when it has none)."""
        for p in [*(i.path for i in self.images), *self.inputs, self.mask]:
            if p is not None:
                return p.parent
        return None


@dataclass(frozen=True)
class JobQuery:
    """Filters for :meth:`HistoryStore.list_jobs`; every ``None`` means "any"."""

    text: str | None = None  # full-text over prompt and revised prompts
    provider_id: str | None = None
    model: str | None = None
    status: str | None = None
    favourite: bool | None = None
    since: float | None = None  # epoch, inclusive
    until: float | None = None  # epoch, exclusive
    mode: str | None = None
    #: jobs with at least one image of this format ("png", "gif", "svg" ...)
    format: str | None = None
    #: one job for each group (compare, batch) and conversation thread: its newest
    #: member that matches the other filters stands for it (the gallery's tiles)
    collapse: bool = False
    #: list the oldest job first (the default is the newest first)
    oldest_first: bool = False


@dataclass(frozen=True)
class SpendRow:
    """Money spent in one period with one provider, in one currency."""

    period: str  # "2026-11-30" (day) or "2026-11" (month), UTC
    provider_id: str
    currency: str
    amount: float
    jobs: int


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
