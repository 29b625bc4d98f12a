"""The collapsed history listing over a big batch: the work grows with the batch's size,
not with its square (each member asks whether a newer member exists)."""

from __future__ import annotations

import sqlite3

from studio.core.history import HistoryStore, JobQuery
from studio.core.history.search import selection
from studio.core.paths import resolve_paths
from tests.core.history.seed import seed_jobs

COLUMNS = "j.id"


def _steps_for_first_page(members: int) -> int:
    """SQLite virtual-machine steps (in thousands) to read the first collapsed page of a
    history of 300 jobs, then a batch of ``members``, then 20 more jobs."""
    paths = resolve_paths().ensure()
    store = HistoryStore(paths)
    try:
        with store._write() as conn:
            conn.execute("DELETE FROM group_members")
            conn.execute("DELETE FROM job_groups")
            conn.execute("DELETE FROM jobs")
        seed_jobs(store, ({"prompt": f"job {i}"} for i in range(300)))
        first = 1 + int(store._row("SELECT MAX(id) AS m FROM jobs", ())["m"])  # type: ignore[index]
        seed_jobs(store, ({"prompt": f"member {i}"} for i in range(members)))
        seed_jobs(store, ({"prompt": f"late {i}"} for i in range(20)))
        with store._write() as conn:
            group = conn.execute(
                "INSERT INTO job_groups (kind, created_at, template, spec, status)"
                " VALUES ('batch', 0, 't', '{}', 'finished')"
            ).lastrowid
            conn.executemany(
                "INSERT INTO group_members (group_id, idx, prompt, state, job_id)"
                " VALUES (?, ?, ?, 'succeeded', ?)",
                [(group, i, f"member {i}", first + i) for i in range(members)],
            )
    finally:
        store.close()
    sql, params = selection(JobQuery(collapse=True)).page(COLUMNS, limit=200)
    conn = sqlite3.connect(paths.history_db)
    try:
        steps = 0

        def count() -> int:
            nonlocal steps
            steps += 1
            return 0

        conn.set_progress_handler(count, 1000)
        rows = conn.execute(sql, params).fetchall()
        assert len(rows) == 200  # 20 late jobs, the batch as one, 179 older jobs
        return steps
    finally:
        conn.close()


def test_a_big_batch_costs_the_first_page_in_proportion() -> None:
    small = _steps_for_first_page(200)
    big = _steps_for_first_page(2000)
    # linear: ~10x the members skipped; a walk over the members for each member: ~100x
    assert big < small * 15, (small, big)
