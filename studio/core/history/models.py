"""The records the history store hands out: jobs and their images (the filters of a
listing and spend rows are in :mod:`.queries`, the undo token of a delete in :mod:`.undo`:
running a job creates neither class)."""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.core.errors import StudioError, Text, phrase_from_json, phrase_to_json
from studio.core.wording import plural


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
    #: the studio's own sentence as a phrase a UI translates (None: ``message`` is the
    #: provider's words, or the job was stored before phrases were kept)
    text: Text | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "message": self.message,
            "kind": self.kind,
            "status": self.status,
            "code": self.code,
        }
        if self.text is not None:
            out["text"] = phrase_to_json(self.text)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobError:
        text: Text | None = None
        stored = data.get("text")
        if isinstance(stored, dict):
            try:
                text = phrase_from_json(stored)
            except (TypeError, ValueError):  # damaged: the English message is shown
                text = None
        return cls(
            message=str(data.get("message", "")),
            kind=str(data.get("kind", "")),
            status=data.get("status"),
            code=data.get("code"),
            text=text,
        )

    @classmethod
    def of(cls, error: StudioError) -> JobError:
        """What a failure leaves in the history (its phrase kept when it is the studio's)."""
        text = Text(error.template, dict(error.values)) if error.template else None
        return cls(error.message, error.kind.value, error.status, error.code, text)


@dataclass(frozen=True)
class StoredImage:
    """One image of a job, as stored on disk."""

    id: int
    #: the absolute path as text; :attr:`path` makes the ``Path`` when asked (making one
    #: for every image of a listed page was half the time of a history search's page)
    path_text: str
    width: int
    height: int
    format: str
    bytes: int
    revised_prompt: str | None = None

    @functools.cached_property
    def path(self) -> Path:
        return Path(self.path_text)


def failure_of(errors: Sequence[StudioError]) -> JobError:
    """Why a job that kept no image failed: its requests' reasons, each said once."""
    first = errors[0]
    reasons = list(dict.fromkeys(e.message for e in errors))
    if len(reasons) == 1:
        return JobError.of(first)
    return JobError("; ".join(reasons), first.kind.value, first.status, first.code)


def partial_failure_of(errors: Sequence[StudioError]) -> JobError:
    """What went wrong beside the images a job kept (its first failed request's reason)."""
    first = errors[0]
    reason: object = Text(first.template, dict(first.values)) if first.template else first.message
    text = Text.of(
        plural(
            len(errors),
            "{count} request failed; the other images were kept. {reason}",
            "{count} requests failed; the other images were kept. {reason}",
        ),
        count=len(errors),
        reason=reason,
    )
    return JobError(str(text), first.kind.value, first.status, first.code, text)


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
