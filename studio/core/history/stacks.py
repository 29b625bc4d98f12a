"""Which jobs belong to a group (a compare or a batch) or a conversation thread, for the
gallery's tiles that stand for a whole group or thread ("stacks"), and what a group's
member jobs or a thread's turns cost together (the list's Cost column shows the total,
not one member's)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from studio.core.providers import SANDBOX_ID

if TYPE_CHECKING:
    from studio.core.history.store import HistoryStore

#: the kinds of stack: a group's kind ("compare", "batch") or a conversation thread
THREAD = "thread"
CHUNK = 500  # ids per query (SQLite's variable limit is far above; keeps statements short)


@dataclass(frozen=True)
class CostPart:
    """What a group's member jobs cost in one currency ("" when a job named none): from
    their usage, or (``estimated``) their estimates where no usage priced them;
    ``simulated`` for the sandbox's jobs, which nobody is charged for."""

    currency: str
    amount: float
    simulated: bool = False
    estimated: bool = False


@dataclass(frozen=True)
class GroupCost:
    """A group's member jobs' costs summed per currency (real money first, each in the
    order its members used them), and how many finished or running members have no cost known or
    estimated (the sum is then only the least the group cost)."""

    parts: tuple[CostPart, ...] = ()
    unknown: int = 0


@dataclass(frozen=True)
class Stack:
    """The group or thread a job belongs to: its kind, id and how many members it has
    (a group's members, sent or not, failed ones included; a thread's turns), and how
    many of a group's members succeeded."""

    kind: str
    id: int
    members: int
    succeeded: int = field(default=0, compare=False)
    #: a group's members' or a thread's turns' costs together
    cost: GroupCost | None = field(default=None, compare=False)

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
    costs = group_costs(store, {s.id for s in out.values() if not s.is_thread})
    turns = thread_costs(store, {s.id for s in out.values() if s.is_thread})
    return {
        job_id: replace(s, cost=(turns if s.is_thread else costs).get(s.id, GroupCost()))
        for job_id, s in out.items()
    }


# each member job's cost: 0 priced from its usage, 1 its estimate (finished or running
# with no usage priced), 2 not known (the same, with no estimate either), 3 none to count
# (a failed, cancelled or interrupted job that nothing priced)
_MEMBER_COSTS = (
    "SELECT g, sim, kind,"
    " CASE kind WHEN 0 THEN cost_currency"
    "  WHEN 1 THEN json_extract(estimate, '$.currency') END AS currency,"
    " SUM(CASE kind WHEN 0 THEN cost WHEN 1 THEN json_extract(estimate, '$.cost') END),"
    " COUNT(*), MIN(idx)"
    " FROM (SELECT m.{key} AS g, m.{order} AS idx, j.provider_id = ? AS sim,"
    "  j.cost AS cost, j.cost_currency AS cost_currency, j.estimate AS estimate,"
    "  CASE WHEN j.cost IS NOT NULL THEN 0"
    "   WHEN j.status NOT IN ('succeeded', 'running') THEN 3"
    "   WHEN j.estimate IS NULL OR NOT json_valid(j.estimate) THEN 2"
    "   WHEN json_type(j.estimate, '$.cost') IN ('integer', 'real') THEN 1"
    "   ELSE 2 END AS kind"
    "  FROM {table} m JOIN jobs j ON j.id = m.job_id"
    "  WHERE m.{key} IN ({marks}))"
    " GROUP BY g, sim, kind, currency"
)


def group_costs(store: HistoryStore, group_ids: Iterable[int]) -> dict[int, GroupCost]:
    """What each group's member jobs cost together, per currency (one query for a page's
    groups: the members are found by the group's key, their jobs by theirs)."""
    return _costs(store, group_ids, table="group_members", column="group_id", order="idx")


def thread_costs(store: HistoryStore, thread_ids: Iterable[int]) -> dict[int, GroupCost]:
    """What each conversation's turns cost together, per currency (as :func:`group_costs`)."""
    return _costs(store, thread_ids, table="turns", column="thread_id", order="job_id")


def _costs(
    store: HistoryStore, keys: Iterable[int], *, table: str, column: str, order: str
) -> dict[int, GroupCost]:
    ids = sorted(set(keys))
    amounts: dict[tuple[int, bool, str], float] = {}  # (group, simulated, currency)
    estimated: set[tuple[int, bool, str]] = set()
    first: dict[tuple[int, bool, str], int] = {}  # the first member billed in it
    unknown: dict[int, int] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        marks = ",".join("?" * len(chunk))
        for group, sim, kind, currency, amount, count, idx in store._rows(
            _MEMBER_COSTS.format(marks=marks, table=table, key=column, order=order),
            [SANDBOX_ID, *chunk],
        ):
            if kind == 2:
                unknown[int(group)] = unknown.get(int(group), 0) + int(count)
            elif kind in (0, 1) and isinstance(amount, int | float):
                key = (int(group), bool(sim), str(currency or "").upper())
                amounts[key] = amounts.get(key, 0.0) + float(amount)
                first[key] = min(first.get(key, idx), idx)
                if kind == 1:
                    estimated.add(key)
    parts: dict[int, list[CostPart]] = {}
    # real money first, then the simulated; each in the order the members used them
    for key in sorted(amounts, key=lambda k: (k[0], k[1], first[k])):
        group, simulated, currency = key
        part = CostPart(currency, amounts[key], simulated, key in estimated)
        parts.setdefault(group, []).append(part)
    return {
        group: GroupCost(tuple(parts.get(group, ())), unknown.get(group, 0))
        for group in {*parts, *unknown}
    }
