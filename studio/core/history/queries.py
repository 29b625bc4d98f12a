"""What a listing of the history asks for, and the rows of the spend report."""

from __future__ import annotations

from dataclasses import dataclass


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
    #: only the jobs of this group (a compare or a batch)
    group_id: int | None = None
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
