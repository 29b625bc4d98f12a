"""Conversation threads in the history: a thread is a tree of ordinary jobs.

Each turn is a job (its prompt is the instruction, so search finds every turn)
with a row in ``turns``: the thread it belongs to (the id of its first turn's
job), the turn it continues (None for the first), the text model that drove the
image tool, and the provider's ids of its reply (``response_id`` for
``previous_response_id``, ``call_id`` for the item form). Continuing an earlier
turn again makes a branch; nothing is ever overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    from studio.core.history.store import HistoryStore


@dataclass(frozen=True)
class TurnRow:
    job_id: int
    thread_id: int
    parent_job_id: int | None
    text_model: str
    response_id: str | None
    call_id: str | None


def _turn(row: Any) -> TurnRow:
    return TurnRow(
        job_id=int(row["job_id"]),
        thread_id=int(row["thread_id"]),
        parent_job_id=None if row["parent_job_id"] is None else int(row["parent_job_id"]),
        text_model=str(row["text_model"] or ""),
        response_id=row["response_id"],
        call_id=row["call_id"],
    )


def add_turn(
    store: HistoryStore, job_id: int, *, parent: TurnRow | None, text_model: str
) -> TurnRow:
    """Mark job ``job_id`` as a turn continuing ``parent`` (None: it starts a thread)."""
    thread_id = parent.thread_id if parent is not None else job_id
    with store._write() as conn:
        conn.execute(
            "INSERT INTO turns (job_id, thread_id, parent_job_id, text_model) VALUES (?, ?, ?, ?)",
            (job_id, thread_id, None if parent is None else parent.job_id, text_model),
        )
    return TurnRow(
        job_id, thread_id, None if parent is None else parent.job_id, text_model, None, None
    )


def set_reply_ids(
    store: HistoryStore, job_id: int, response_id: str | None, call_id: str | None
) -> None:
    with store._write() as conn:
        conn.execute(
            "UPDATE turns SET response_id = ?, call_id = ? WHERE job_id = ?",
            (response_id, call_id, job_id),
        )


def turn_snapshot(
    conn: sqlite3.Connection, job_id: int
) -> tuple[dict[str, Any] | None, tuple[int, ...]]:
    """Before a delete: the job's turn row and the turns continuing it (whose link the
    delete clears), so that an undo keeps the job in its thread."""
    row = conn.execute("SELECT * FROM turns WHERE job_id = ?", (job_id,)).fetchone()
    if row is None:
        return None, ()
    children = conn.execute("SELECT job_id FROM turns WHERE parent_job_id = ?", (job_id,))
    return dict(row), tuple(int(r[0]) for r in children)


def restore_turn(conn: sqlite3.Connection, row: dict[str, Any], children: tuple[int, ...]) -> None:
    """Undo a delete's effect on the thread (after the job's own row is back)."""
    parent = row.get("parent_job_id")
    if (
        parent is not None
        and conn.execute("SELECT 1 FROM jobs WHERE id = ?", (parent,)).fetchone() is None
    ):
        row = {**row, "parent_job_id": None}  # its parent was deleted meanwhile
    cols = list(row)
    conn.execute(
        f"INSERT INTO turns ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols],
    )
    for child in children:  # only links the delete cleared, never one changed since
        conn.execute(
            "UPDATE turns SET parent_job_id = ? WHERE job_id = ? AND parent_job_id IS NULL",
            (row["job_id"], child),
        )


def get_turn(store: HistoryStore, job_id: int) -> TurnRow | None:
    row = store._row("SELECT * FROM turns WHERE job_id = ?", (job_id,))
    return None if row is None else _turn(row)


def thread_turns(store: HistoryStore, thread_id: int) -> list[TurnRow]:
    """Every turn of a thread, oldest first."""
    rows = store._rows("SELECT * FROM turns WHERE thread_id = ? ORDER BY job_id", (thread_id,))
    return [_turn(r) for r in rows]


def latest_turn(store: HistoryStore, thread_id: int) -> TurnRow | None:
    """The newest turn of the thread that has an image to continue from."""
    from studio.core.history.models import JobStatus

    for turn in reversed(thread_turns(store, thread_id)):
        job = store.get_job(turn.job_id)
        if job is not None and job.status == JobStatus.SUCCEEDED.value and job.images:
            return turn
    return None


def thread_tree(store: HistoryStore, thread_id: int) -> dict[str, Any] | None:
    """The thread as nested turns (``children`` are the turns continuing each one)."""
    turns = thread_turns(store, thread_id)
    if not turns:
        return None
    nodes: dict[int, dict[str, Any]] = {}
    for turn in turns:
        job = store.get_job(turn.job_id)
        if job is None:
            continue
        nodes[turn.job_id] = {
            "turn_id": turn.job_id,
            "parent_turn_id": turn.parent_job_id,
            "instruction": job.prompt,
            "status": job.status,
            "model": job.model,
            "provider": job.provider_id,
            "text_model": turn.text_model,
            "images": [str(image.path) for image in job.images],
            "revised_prompt": next((r for r in job.revised_prompts if r), None),
            "response_id": turn.response_id,
            "image_generation_call_id": turn.call_id,
            "created_at": job.created_at,
            "cost": job.cost,
            "cost_currency": job.cost_currency,
            "seconds": (job.timings or {}).get("total_s"),
            "error": None if job.error is None else job.error.to_dict(),
            "children": [],
        }
    roots: list[dict[str, Any]] = []
    for node in nodes.values():
        parent = nodes.get(node["parent_turn_id"]) if node["parent_turn_id"] else None
        (parent["children"] if parent is not None else roots).append(node)
    title = thread_title(store, thread_id)
    first = roots[0]["instruction"] if roots else ""
    return {
        "thread_id": thread_id,
        "title": title or default_title(first),
        "titled": title is not None,  # named by its user (not by its first instruction)
        "turn_count": len(nodes),
        "turns": roots,
    }


#: how much of a first instruction names its thread: words, or characters of a
#: script written without spaces (Chinese, Japanese), where one character is a word
TITLE_WORDS = 6
TITLE_CHARS = 40
TITLE_CJK_CHARS = 14
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def default_title(instruction: str) -> str:
    """A thread's name before its user gives one: its first instruction's first words
    (its first line, at most TITLE_WORDS words or TITLE_CHARS characters, or
    TITLE_CJK_CHARS characters of Chinese or Japanese), "…" where it was cut."""
    line = " ".join(next((ln for ln in instruction.splitlines() if ln.strip()), "").split())
    line = line.rstrip(_ENDS)
    if len(_CJK.findall(line)) * 2 >= len(line.replace(" ", "")):
        title = line[:TITLE_CJK_CHARS]
    else:
        title = " ".join(line.split(" ")[:TITLE_WORDS])
        if len(title) > TITLE_CHARS:  # long words: cut at the last space that fits
            head = title[: TITLE_CHARS + 1]
            title = head.rsplit(" ", 1)[0] if " " in head else title[:TITLE_CHARS]
    title = title.rstrip(_ENDS)
    return title if title == line else title + "…"


#: what a name does not end with (before its "…")
_ENDS = "，。、；：！？,.;:!? "


#: the longest name a user can give a thread (a longer one is cut)
TITLE_MAX = 120


def thread_title(store: HistoryStore, thread_id: int) -> str | None:
    """The name the user gave the thread (None: it has none, its first words name it)."""
    row = store._row("SELECT title FROM thread_titles WHERE thread_id = ?", (thread_id,))
    return None if row is None else str(row["title"])


def set_thread_title(store: HistoryStore, thread_id: int, title: str) -> None:
    """Name the thread ``title`` (its spaces trimmed); an empty title names it by its
    first instruction again."""
    title = " ".join(title.split())[:TITLE_MAX]
    with store._write() as conn:
        if title:
            conn.execute(
                "INSERT INTO thread_titles (thread_id, title) VALUES (?, ?)"
                " ON CONFLICT(thread_id) DO UPDATE SET title = excluded.title",
                (thread_id, title),
            )
        else:
            conn.execute("DELETE FROM thread_titles WHERE thread_id = ?", (thread_id,))
