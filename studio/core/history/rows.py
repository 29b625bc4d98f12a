"""Encoding rows of the history database: JSON columns and records with their images."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from studio.core.history.models import JobError, JobRecord, StoredImage

SECRET_PARAMS = frozenset(
    {"api_key", "apikey", "authorization", "headers", "extra_headers", "key", "token"}
)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def clean_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The wire parameters minus anything that could be a credential."""
    return {k: v for k, v in params.items() if str(k).lower() not in SECRET_PARAMS}


def stored_image(row: sqlite3.Row, images_dir: Path) -> StoredImage:
    return StoredImage(
        id=int(row["id"]),
        path=images_dir / (row["path"]),
        width=int(row["width"]),
        height=int(row["height"]),
        format=row["format"],
        bytes=int(row["bytes"]),
        revised_prompt=row["revised_prompt"],
    )


def job_records(
    conn: sqlite3.Connection, rows: Sequence[sqlite3.Row], images_dir: Path
) -> list[JobRecord]:
    """Rows of ``jobs`` as records, with their images and inputs (three queries in all)."""
    if not rows:
        return []
    ids = [int(r["id"]) for r in rows]
    images: dict[int, list[StoredImage]] = {i: [] for i in ids}
    inputs: dict[int, list[Path]] = {i: [] for i in ids}
    masks: dict[int, Path] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT * FROM images WHERE job_id IN ({marks}) ORDER BY job_id, idx", chunk
        ):
            images[int(r["job_id"])].append(stored_image(r, images_dir))
        for r in conn.execute(
            f"SELECT job_id, role, path FROM inputs WHERE job_id IN ({marks}) ORDER BY job_id, idx",
            chunk,
        ):
            if r["role"] == "mask":
                masks[int(r["job_id"])] = images_dir / (r["path"])
            else:
                inputs[int(r["job_id"])].append(images_dir / (r["path"]))
    out = []
    for r in rows:
        jid = int(r["id"])
        err = loads(r["error"])
        out.append(
            JobRecord(
                id=jid,
                created_at=float(r["created_at"]),
                finished_at=None if r["finished_at"] is None else float(r["finished_at"]),
                provider_id=r["provider_id"],
                provider_name=r["provider_name"],
                model=r["model"],
                mode=r["mode"],
                prompt=r["prompt"],
                params=loads(r["params"]) or {},
                revised_prompts=loads(r["revised_prompts"]) or [],
                status=r["status"],
                error=None if err is None else JobError.from_dict(err),
                usage=loads(r["usage"]),
                estimate=loads(r["estimate"]),
                timings=loads(r["timings"]),
                favourite=bool(r["favourite"]),
                source=r["source"],
                images=images[jid],
                inputs=inputs[jid],
                mask=masks.get(jid),
            )
        )
    return out
