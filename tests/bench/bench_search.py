"""History search at 10,000 and 100,000 jobs (and 1,000,000 outside ``--quick``).

Ours is ``HistoryStore.list_jobs(JobQuery(text=...), limit=200)``: the first page of
full records (17 columns and the images), newest first. The references are what a
competent programmer would write instead, returning only ids, which is less work:
a ``LIKE`` scan, and a plain FTS5 ``MATCH … ORDER BY rowid DESC LIMIT 200``. From
the smallest to the largest history the bench fits an exponent (time ∝ jobs^k)
for the first page and for the count: 0 is flat.
"""

from __future__ import annotations

import math
import random
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.bench_history import WORDS
from tests.bench.timing import measure, row

QUERIES = ("otter", "harbour neon", "小海獭")


def _seed(store: Any, jobs: int) -> float:
    """``jobs`` finished jobs with one image row each (the files are not needed to list)."""
    from tests.core.history.seed import seed_jobs

    rnd = random.Random(7)
    now = time.time()
    image = store.images_dir / "bench" / "x.png"

    def rows() -> Any:
        for i in range(jobs):
            prompt = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 14)))
            yield {
                "created_at": now - (jobs - i) * 60,
                "finished_at": now - (jobs - i) * 60 + 20,
                "provider_id": rnd.choice(("sandbox", "dmxapi", "tuzi")),
                "model": rnd.choice(("gpt-image-2", "gpt-image-2.6-flare", "seedream-3.0")),
                "prompt": f"job {i}: {prompt}",
                "params": {"size": "1024x1024", "quality": "high", "n": 1},
                "images": [{"path": image, "width": 1024, "height": 1024, "bytes": 1000}],
            }

    start = time.perf_counter()
    seed_jobs(store, rows())
    return time.perf_counter() - start


def _fts_query(text: str) -> str:
    from studio.core.history.search import fts_phrase, split_terms

    return " AND ".join(fts_phrase(t) for t in split_terms(text))


def run(quick: bool) -> list[dict[str, object]]:
    from studio.core.history import HistoryStore, JobQuery
    from studio.core.paths import Paths

    sizes = (10_000, 100_000) if quick else (10_000, 100_000, 1_000_000)
    repeats = 5 if quick else 9
    out: list[dict[str, object]] = []
    firsts: dict[int, list[float]] = {}
    counts: dict[int, list[float]] = {}
    for jobs in sizes:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            paths = Paths(config_dir=tmp / "config", data_dir=tmp / "data")
            store = HistoryStore(paths)
            seeded = _seed(store, jobs)
            db = paths.history_db
            raw = sqlite3.connect(db)
            try:
                out.append(
                    row(
                        f"seed {jobs:,} jobs",
                        seeded,
                        None,
                        note=f"{jobs / seeded:,.0f} jobs/s, {db.stat().st_size / 2**20:.0f} MiB",
                    )
                )
                for text in QUERIES:
                    query = JobQuery(text=text)
                    pattern = f"%{text.split()[0]}%"

                    def ours(query: JobQuery = query, store: Any = store) -> None:
                        store.list_jobs(query, limit=200)

                    def like_ids(pattern: str = pattern, raw: sqlite3.Connection = raw) -> None:
                        raw.execute(
                            "SELECT id FROM jobs WHERE prompt LIKE ? ORDER BY id DESC LIMIT 200",
                            (pattern,),
                        ).fetchall()

                    def fts_ids(
                        match: str = _fts_query(text), raw: sqlite3.Connection = raw
                    ) -> None:
                        raw.execute(
                            "SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?"
                            " ORDER BY rowid DESC LIMIT 200",
                            (match,),
                        ).fetchall()

                    def count(query: JobQuery = query, store: Any = store) -> None:
                        store.count_jobs(query)

                    found = store.count_jobs(query)
                    mine = measure(ours, repeats)
                    firsts.setdefault(jobs, []).append(mine.median)
                    counted = measure(count, repeats)
                    counts.setdefault(jobs, []).append(counted.median)
                    label = f"search '{text}', first 200 of {found:,}, {jobs:,} jobs"
                    target = "<= 5 ms" if jobs <= 100_000 else "<= 20 ms"
                    out.append(
                        row(label + " vs LIKE ids", mine, measure(like_ids, repeats), target)
                    )
                    out.append(
                        row(
                            label + " vs FTS ids",
                            mine,
                            measure(fts_ids, repeats),
                            target,
                            note="reference returns ids only; ours full records",
                        )
                    )
                    out.append(row(f"count '{text}', {jobs:,} jobs", counted, None, "(info)"))
            finally:
                raw.close()
                store.close()
    small, large = sizes[0], sizes[-1]
    for name, series in (("first page", firsts), ("count", counts)):
        a = sum(series[small]) / len(series[small])
        b = sum(series[large]) / len(series[large])
        k = math.log(b / a) / math.log(large / small)
        out.append(
            row(
                f"search {name}: growth exponent {small:,} -> {large:,} jobs",
                None,
                None,
                "flat (k ≈ 0)",
                note=f"k = {k:.2f} (time ∝ jobs^k)",
            )
        )
    return out
