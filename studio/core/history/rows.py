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


_decode = json.JSONDecoder().decode
#: what most JSON columns hold, decoded without the parser (a page of 200 jobs decodes
#: about a thousand of them)
_TRIVIAL: dict[str, Any] = {"null": None, "[]": [], "{}": {}}


def loads(text: str | None) -> Any:
    if text is None:
        return None
    if text in _TRIVIAL:
        value = _TRIVIAL[text]
        return type(value)() if value is not None else None  # a fresh list or dict
    return _decode(text)


def clean_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The wire parameters minus anything that could be a credential."""
    return {k: v for k, v in params.items() if str(k).lower() not in SECRET_PARAMS}


def stored_image(row: sqlite3.Row, images_dir: Path) -> StoredImage:
    return StoredImage(
        id=int(row["id"]),
        path_text=f"{images_dir}/{row['path']}",
        width=int(row["width"]),
        height=int(row["height"]),
        format=row["format"],
        bytes=int(row["bytes"]),
        revised_prompt=row["revised_prompt"],
    )


_IMAGE_COLUMNS = "id, job_id, path, width, height, format, bytes, revised_prompt"


#: the columns of ``jobs`` a record is made of, in the order :func:`job_records` unpacks
JOB_COLUMNS = (
    "id",
    "created_at",
    "finished_at",
    "provider_id",
    "provider_name",
    "model",
    "mode",
    "prompt",
    "params",
    "revised_prompts",
    "status",
    "error",
    "usage",
    "estimate",
    "timings",
    "source",
    "favourite",
    "cost",
    "cost_currency",
    "cost_source",
)


def job_records(
    conn: sqlite3.Connection, rows: Sequence[sqlite3.Row], images_dir: Path
) -> list[JobRecord]:
    """Rows of ``jobs`` (:data:`JOB_COLUMNS`, in that order) as records, with their images
    and inputs (three queries in all). Unpacked by position: a ``sqlite3.Row`` looks a name
    up case-blind, one by one, and a page has 200 rows of 20 columns."""
    if not rows:
        return []
    ids = [int(r["id"]) for r in rows]
    images: dict[int, list[StoredImage]] = {i: [] for i in ids}
    inputs: dict[int, list[Path]] = {i: [] for i in ids}
    masks: dict[int, Path] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        marks = ",".join("?" * len(chunk))
        # positional columns: a ``sqlite3.Row`` looks names up one by one, case-blind
        base = str(images_dir)
        for iid, job_id, path, width, height, fmt, size, revised in conn.execute(
            f"SELECT {_IMAGE_COLUMNS} FROM images WHERE job_id IN ({marks}) ORDER BY job_id, idx",
            chunk,
        ):
            images[job_id].append(
                StoredImage(
                    id=iid,
                    path_text=f"{base}/{path}",
                    width=int(width),
                    height=int(height),
                    format=fmt,
                    bytes=int(size),
                    revised_prompt=revised,
                )
            )
        for r in conn.execute(
            f"SELECT job_id, role, path FROM inputs WHERE job_id IN ({marks}) ORDER BY job_id, idx",
            chunk,
        ):
            if not r["path"]:  # an input by URL or file id kept without a thumbnail
                continue
            if r["role"] == "mask":
                masks[int(r["job_id"])] = images_dir / (r["path"])
            elif r["role"] == "image":
                inputs[int(r["job_id"])].append(images_dir / (r["path"]))
    out = []
    for (
        jid,
        created_at,
        finished,
        provider_id,
        provider_name,
        model,
        mode,
        prompt,
        params,
        revised_prompts,
        status,
        error,
        usage,
        estimate,
        timings,
        source,
        favourite,
        cost,
        cost_currency,
        cost_source,
    ) in rows:
        err = loads(error)
        out.append(
            JobRecord(
                id=jid,
                created_at=float(created_at),
                finished_at=None if finished is None else float(finished),
                provider_id=provider_id,
                provider_name=provider_name,
                model=model,
                mode=mode,
                prompt=prompt,
                params=loads(params) or {},
                revised_prompts=loads(revised_prompts) or [],
                status=status,
                error=None if err is None else JobError.from_dict(err),
                usage=loads(usage),
                estimate=loads(estimate),
                timings=loads(timings),
                favourite=bool(favourite),
                source=source,
                images=images[jid],
                inputs=inputs[jid],
                mask=masks.get(jid),
                cost=cost,
                cost_currency=cost_currency,
                cost_source=cost_source,
            )
        )
    return out
