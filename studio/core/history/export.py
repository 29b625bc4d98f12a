"""Exporting jobs from the history: their images plus a JSON of the parameters.

Qt-free so the CLI can offer the same export. Every file is written atomically;
nothing secret can leak because the store never holds a key or a header.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from studio.core.atomic import write_text_atomic
from studio.core.history.models import JobRecord

MANIFEST = "image-studio-export.json"


def job_summary(
    job: JobRecord, image_names: Sequence[str] = (), image_formats: Sequence[str] = ()
) -> dict[str, Any]:
    """The shareable description of one job (what someone needs to reproduce it)."""
    return {
        "job_id": job.id,
        "created_at": job.created_at,
        "provider": job.provider_name,
        "provider_id": job.provider_id,
        "model": job.model,
        "mode": job.mode,
        "prompt": job.prompt,
        "params": job.params,
        "revised_prompts": job.revised_prompts,
        "status": job.status,
        "usage": job.usage,
        "images": list(image_names),
        "formats": list(image_formats),
    }


def export_jobs(
    jobs: Iterable[JobRecord],
    dest: Path,
    *,
    image_ids: set[int] | None = None,
    pattern: str | None = None,
    mode: str = "original",
) -> list[Path]:
    """Copy the jobs' images (only ``image_ids`` when given) into ``dest`` with a manifest.

    Files are named by ``pattern`` (``studio.core.filenames``), or ``job000123-01.png``
    without one, and written as ``mode`` says (``original``, ``parameters`` or
    ``stripped``, see ``studio.core.saving``) with ordinary file permissions; the
    manifest lists each job's parameters and the files that belong to it. Returns
    every file written.
    """
    from studio.core.filenames import unique_path
    from studio.core.saving import SaveMode, name_for, save_image

    save_mode = SaveMode(mode)
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    entries: list[dict[str, Any]] = []
    for job in jobs:
        names: list[str] = []
        formats: list[str] = []
        for n, image in enumerate(job.images, start=1):
            if image_ids is not None and image.id not in image_ids:
                continue
            if pattern is None:
                target = dest / f"job{job.id:06d}-{n:02d}{image.path.suffix}"
            else:
                target = unique_path(dest, name_for(job, image, pattern))
            written.append(save_image(job, image, target, save_mode).path)
            names.append(target.name)
            formats.append(image.format)
        entries.append(job_summary(job, names, formats))
    manifest = {"exported_by": "Image Studio", "jobs": entries}
    text = json.dumps(manifest, ensure_ascii=False, indent=2, default=str)
    written.append(write_text_atomic(dest / MANIFEST, text + "\n", public=True))
    return written
