"""Saving a result outside the studio: named by the pattern, with or without metadata.

Three ways, chosen per save: with the parameters embedded (the default), as the
original (the provider's bytes, byte for byte, content credentials intact), or
with all metadata stripped (for sharing). Saved files get the ordinary mode for
a new file (0666 minus the umask); the studio's own store stays private.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studio.core.atomic import write_bytes_atomic
from studio.core.filenames import DEFAULT_PATTERN, NameFields, render_name, unique_path
from studio.core.history.models import JobRecord, StoredImage

if TYPE_CHECKING:
    from studio.core.history.store import HistoryStore
    from studio.core.metadata_write import ImageStory


class SaveMode(enum.StrEnum):
    PARAMETERS = "parameters"
    ORIGINAL = "original"
    STRIPPED = "stripped"


@dataclass(frozen=True)
class SavedFile:
    path: Path
    #: what was written (ORIGINAL where the file cannot carry metadata: a broken GIF,
    #: an SVG that fails the studio's check)
    mode: SaveMode
    #: the original carried content credentials that this copy no longer verifies
    credentials_dropped: bool = False


def file_bytes(
    data: bytes, story: ImageStory | None, mode: SaveMode
) -> tuple[bytes, SaveMode, bool]:
    """The bytes to write for ``mode``, the mode applied, and whether the original's
    content credentials stop verifying in them."""
    if mode is SaveMode.ORIGINAL or (mode is SaveMode.PARAMETERS and story is None):
        return data, SaveMode.ORIGINAL, False
    # the chunk writers load with the first save, not with the window that offers one
    from studio.core.metadata_write import MetadataUnsupported, strip_metadata, with_parameters
    from studio.core.provenance import has_content_credentials

    signed = has_content_credentials(data)
    try:
        if mode is SaveMode.STRIPPED:
            return strip_metadata(data), mode, signed
        assert story is not None
        return with_parameters(data, story), mode, signed
    except (MetadataUnsupported, ValueError):
        return data, SaveMode.ORIGINAL, False


def name_for(job: JobRecord, image: StoredImage, pattern: str = DEFAULT_PATTERN) -> str:
    """The file name ``pattern`` gives ``image`` of ``job``."""
    index = next((i for i, im in enumerate(job.images, 1) if im.id == image.id), 1)
    ext = image.path.suffix.lstrip(".") or image.format
    return render_name(
        pattern,
        NameFields(
            created_at=job.created_at,
            job_id=job.id,
            prompt=job.prompt,
            ext=ext,
            index=index,
            count=len(job.images),
            model=job.model,
            provider=job.provider_id,
            seed=job.params.get("seed"),
        ),
    )


def save_image(
    job: JobRecord, image: StoredImage, target: Path, mode: SaveMode = SaveMode.PARAMETERS
) -> SavedFile:
    """Write ``image`` of ``job`` to ``target`` (replacing it) as ``mode`` says."""
    from studio.core.metadata_write import ImageStory

    story = ImageStory.of(job, image.width, image.height)
    from studio.core.regular import read_regular

    return save_bytes(read_regular(image.path), story, target, mode)


def save_bytes(data: bytes, story: ImageStory | None, target: Path, mode: SaveMode) -> SavedFile:
    """Write ``data`` to ``target`` as ``mode`` says (with no story, parameters are
    not known: the original is written)."""
    out, applied, dropped = file_bytes(data, story, mode)
    write_bytes_atomic(target, out, public=True)
    return SavedFile(target, applied, dropped)


def save_into(
    folder: Path,
    job: JobRecord,
    image: StoredImage,
    pattern: str = DEFAULT_PATTERN,
    mode: SaveMode = SaveMode.PARAMETERS,
) -> SavedFile:
    """Write ``image`` into ``folder`` under its pattern name (never over another file)."""
    folder.mkdir(parents=True, exist_ok=True)
    return save_image(job, image, unique_path(folder, name_for(job, image, pattern)), mode)


def stored_image_of(store: HistoryStore, path: str | Path) -> tuple[JobRecord, StoredImage] | None:
    """The job and image a file in the studio's own store belongs to (its folder is
    named by the job's number), or None for any other file."""
    target = Path(path)
    try:
        job_id = int(target.parent.name)
    except ValueError:
        return None
    job = store.get_job(job_id)
    if job is None:
        return None
    for image in job.images:
        if image.path == target or image.path.resolve() == target.resolve():
            return job, image
    return None
