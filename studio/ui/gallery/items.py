"""What one gallery row shows: a job and one of its images (or none, for a job that
made nothing), and the rows a job takes."""

from __future__ import annotations

from dataclasses import dataclass

from studio.core.history import JobRecord, StoredImage


@dataclass(frozen=True)
class GalleryItem:
    job: JobRecord
    image: StoredImage | None
    first_of_job: bool

    @property
    def path(self) -> str | None:
        return None if self.image is None else str(self.image.path)


def items_for(job: JobRecord) -> list[GalleryItem]:
    """A row per image; a job without images (failed, cancelled, running) gets one."""
    if not job.images:
        return [GalleryItem(job, None, True)]
    return [GalleryItem(job, img, i == 0) for i, img in enumerate(job.images)]
