"""Which jobs belong to a group (a compare or a batch) or a conversation thread, for the
gallery's tiles that stand for a whole group or thread ("stacks")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.core.history.store import HistoryStore

#: the kinds of stack: a group's kind ("compare", "batch") or a conversation thread
THREAD = "thread"
CHUNK = 500  # ids per query (SQLite's variable limit is far above; keeps statements short)


@dataclass(frozen=True)
class Stack:
    """The group or thread a job belongs to: its kind, id and how many members it has
    (a group's members, sent or not, failed ones included; a thread's turns), and how
    many of a group's members succeeded."""

    kind: str
    id: int
    members: int
    succeeded: int = field(default=0, compare=False)

    @property
    def is_thread(self) -> bool:
        return self.kind == THREAD


def stacks_of(store: HistoryStore, job_ids: Iterable[int]) -> dict[int, Stack]:
    """The stack of each job that has one (a job in a group and a thread counts as the
    group's)."""
    ids = sorted(set(job_ids))
    out: dict[int, Stack] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in store._rows(
            "SELECT t.job_id, t.thread_id,"
            " (SELECT COUNT(*) FROM turns c WHERE c.thread_id = t.thread_id)"
            f" FROM turns t WHERE t.job_id IN ({marks})",
            chunk,
        ):
            out[int(row[0])] = Stack(THREAD, int(row[1]), int(row[2]))
        for row in store._rows(
            "SELECT m.job_id, g.id, g.kind,"
            " (SELECT COUNT(*) FROM group_members c WHERE c.group_id = g.id),"
            " (SELECT COUNT(*) FROM group_members c WHERE c.group_id = g.id"
            "  AND c.state = 'succeeded')"
            " FROM group_members m JOIN job_groups g ON g.id = m.group_id"
            f" WHERE m.job_id IN ({marks})",
            chunk,
        ):
            out[int(row[0])] = Stack(str(row[2]), int(row[1]), int(row[3]), int(row[4]))
    return out
