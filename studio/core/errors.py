"""The one error type every failure in the core becomes.

A provider's error object, a proxy's HTML page, a dropped connection and a
validation problem all end up as a :class:`StudioError` with a readable message,
so the GUI and the CLI can explain any failure the same way.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ErrorKind(enum.StrEnum):
    """What went wrong, at the level the user and the CLI exit codes care about."""

    VALIDATION = "validation"  # nothing was sent
    PROVIDER = "provider"  # the provider answered with an error
    NETWORK = "network"  # network, timeout or protocol failure
    CANCELLED = "cancelled"  # the user stopped it


@dataclass(frozen=True)
class Problem:
    """One validation problem: which field, and a sentence a person understands."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(eq=False)
class StudioError(Exception):
    """A failure with everything needed to explain it and to recover from it.

    ``raw_body`` keeps what the server sent (when anything) so that a parse
    failure never loses a paid result; it is never shown in full to the user.
    """

    kind: ErrorKind
    message: str
    status: int | None = None
    code: str | None = None
    request_id: str | None = None
    retry_after: float | None = None
    raw_body: bytes | None = field(default=None, repr=False)
    problems: tuple[Problem, ...] = ()
    #: the request may have reached the provider (so a retry might be billed again)
    maybe_processed: bool = True

    def __post_init__(self) -> None:
        Exception.__init__(self, self.message)

    def __str__(self) -> str:
        return self.message

    @classmethod
    def validation(cls, problems: list[Problem] | tuple[Problem, ...]) -> StudioError:
        text = "; ".join(str(p) for p in problems) or "invalid request"
        return cls(ErrorKind.VALIDATION, text, problems=tuple(problems), maybe_processed=False)

    @classmethod
    def cancelled(cls) -> StudioError:
        return cls(ErrorKind.CANCELLED, "Cancelled.")

    def to_json(self) -> dict[str, object]:
        """The CLI's ``error`` object (exact shape relied on by scripts)."""
        return {
            "kind": self.kind.value,
            "message": self.message,
            "status": self.status,
            "code": self.code,
        }
