"""Fast bulk insertion of finished jobs, for tests and benchmarks."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from studio.core.history.rows import clean_params, dumps
from studio.core.history.store import HistoryStore


def seed_jobs(store: HistoryStore, jobs: Iterable[Mapping[str, Any]]) -> int:
    """Insert many finished jobs in one transaction (benchmarks, imports).

    Each mapping holds job columns (``created_at``, ``provider_id``, ``model``,
    ``prompt`` ...) and optionally ``images``: a list of mappings with ``path``
    (absolute, under the images folder), ``width``, ``height``, ``format``, ``bytes``.
    """
    count = 0
    with store._write() as conn:
        for job in jobs:
            cur = conn.execute(
                "INSERT INTO jobs (created_at, finished_at, provider_id, provider_name, model,"
                " mode, prompt, params, revised_prompts, status, source, favourite)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    float(job.get("created_at", time.time())),
                    job.get("finished_at"),
                    job.get("provider_id", "sandbox"),
                    job.get("provider_name", "Sandbox"),
                    job.get("model", "gpt-image-1"),
                    job.get("mode", "generate"),
                    job.get("prompt", ""),
                    dumps(clean_params(job.get("params", {}))),
                    dumps(job.get("revised_prompts", [])),
                    job.get("status", "succeeded"),
                    job.get("source", "gui"),
                    1 if job.get("favourite") else 0,
                ),
            )
            job_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO images (job_id, idx, path, width, height, format, bytes, sha256)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        job_id,
                        i,
                        Path(img["path"]).relative_to(store.images_dir).as_posix(),
                        int(img.get("width", 0)),
                        int(img.get("height", 0)),
                        img.get("format", "png"),
                        int(img.get("bytes", 0)),
                        img.get("sha256", ""),
                    )
                    for i, img in enumerate(job.get("images", ()), start=1)
                ],
            )
            count += 1
    return count
