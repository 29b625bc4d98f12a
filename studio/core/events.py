"""What a running job reports, and what it ends with.

Job events are a closed set of frozen dataclasses: :data:`JobEvent` is their
union, so a front end tells them apart with ``match`` and a type checker knows
when a case is missing. The client produces :data:`ClientEvent` values on its
worker threads; ``Studio.run_job`` adds :class:`JobStarted` in front of them and
ends with a :class:`JobOutcome`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studio.core.errors import StudioError
from studio.core.result import GeneratedImage, ImageResult

if TYPE_CHECKING:
    from studio.core.history.models import JobRecord


@dataclass(frozen=True)
class JobStarted:
    """The job has a history record (``job_id``); the request is about to be sent."""

    job_id: int


@dataclass(frozen=True)
class PartialImage:
    """A preview from a streamed request: ``index`` is the partial's number."""

    index: int
    data: bytes
    request_no: int


@dataclass(frozen=True)
class ImageArrived:
    """A final image, as soon as it arrives; ``position`` is its index in the result."""

    image: GeneratedImage
    position: int


@dataclass(frozen=True)
class Retrying:
    """Reported before an automatic retry: which attempt comes next, after how long, why."""

    attempt: int
    wait: float
    reason: str


#: what a provider client reports while it runs a request
ClientEvent = PartialImage | ImageArrived | Retrying
#: everything a job reports, in the order: JobStarted, then client events
JobEvent = JobStarted | PartialImage | ImageArrived | Retrying

ClientEventSink = Callable[[ClientEvent], None]
JobEventSink = Callable[[JobEvent], None]


@dataclass
class JobOutcome:
    """How a job ended: its history id (None when it was refused before sending),
    the result (None on failure), the error, and the stored history record."""

    job_id: int | None
    result: ImageResult | None
    error: StudioError | None
    record: JobRecord | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def image_paths(self) -> list[str]:
        """Where the stored images are, in result order (empty before storing)."""
        if self.record is None:
            return []
        return [str(image.path) for image in self.record.images]
