"""What one gallery row shows: a job and one of its images (or none, for a job that
made nothing), and the rows a job takes. A job that stands for its group (a compare,
a batch) or its conversation thread takes one row: the tile of the whole stack."""

from __future__ import annotations

from dataclasses import dataclass

from studio.core.history import JobRecord, StoredImage
from studio.core.history.stacks import Stack


@dataclass(frozen=True)
class GalleryItem:
    job: JobRecord
    image: StoredImage | None
    first_of_job: bool
    stack: Stack | None = None  # the group or thread this tile stands for

    @property
    def path(self) -> str | None:
        return None if self.image is None else self.image.path_text


def items_for(job: JobRecord, stack: Stack | None = None) -> list[GalleryItem]:
    """A row per image; a job without images (failed, cancelled, running) gets one, and
    so does a job standing for its stack (its first image shows)."""
    if stack is not None:
        return [GalleryItem(job, job.images[0] if job.images else None, True, stack)]
    if not job.images:
        return [GalleryItem(job, None, True)]
    return [GalleryItem(job, img, i == 0) for i, img in enumerate(job.images)]


#: a job as the gallery lists it: with the stack it stands for, if any
Entry = tuple[JobRecord, Stack | None]


def width_of(job: JobRecord, stack: Stack | None) -> int:
    """How many rows ``job`` takes."""
    return 1 if stack is not None else max(1, len(job.images))
