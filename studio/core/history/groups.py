"""Job groups in history: a compare (one prompt, several targets) or a batch (a template
over a table of values). Each member becomes an ordinary job when it is sent; the
member's row keeps its state, so a batch's queue survives a crash or a restart.

States of a member: ``queued`` (not sent), ``sending`` (handed to the job path; from
here on it is never sent again automatically), then ``succeeded``, ``failed``,
``refused`` (the target cannot take the request: nothing was sent), ``skipped`` (a
spend cap or a cancel stopped the batch before it) or ``interrupted`` (the process
died while it was sending: its job's journal recovery applies).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from studio.core.errors import Text, phrase_to_json
from studio.core.history.liveness import pid_alive, process_start_token

if TYPE_CHECKING:
    import sqlite3

    from studio.core.history.store import HistoryStore


class GroupKind(StrEnum):
    COMPARE = "compare"
    BATCH = "batch"


class GroupStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    CANCELLED = "cancelled"
    #: stopped by the spend cap
    CAPPED = "capped"
    #: the process running it died (resume on request)
    INTERRUPTED = "interrupted"


class MemberState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUSED = "refused"
    SKIPPED = "skipped"
    INTERRUPTED = "interrupted"


#: states a member never leaves
FINAL_STATES = frozenset(
    {MemberState.SUCCEEDED, MemberState.FAILED, MemberState.REFUSED, MemberState.INTERRUPTED}
)


def _stored_error(kind: str, text: Text) -> str:
    """A member's stored error: its English sentence and the phrase a UI translates."""
    return json.dumps(
        {"kind": kind, "message": str(text), "text": phrase_to_json(text)}, ensure_ascii=False
    )


_INTERRUPTED = _stored_error(
    "interrupted",
    Text.of("The studio closed while this member was being sent; it is not sent again."),
)
_DISCARDED = _stored_error("skipped", Text.of("Discarded before it was sent."))


@dataclass(frozen=True)
class MemberSpec:
    """A member to create: its prompt, target (provider, model, params) and estimate."""

    prompt: str
    target: dict[str, Any]
    estimate: float | None = None
    #: why the target cannot take the request (the member is never sent)
    refused: str | None = None
    #: the same reason as a phrase a UI translates
    refused_text: Text | None = None

    def refusal_json(self) -> str | None:
        if self.refused is None:
            return None
        error: dict[str, Any] = {"kind": "refused", "message": self.refused}
        if self.refused_text is not None:
            error["text"] = phrase_to_json(self.refused_text)
        return json.dumps(error, ensure_ascii=False)


@dataclass(frozen=True)
class Member:
    group_id: int
    idx: int
    prompt: str
    target: dict[str, Any]
    state: MemberState
    job_id: int | None
    estimate: float | None
    cost: float | None
    error: dict[str, Any] | None
    #: the currency of ``cost``: its job's (None when not known)
    cost_currency: str | None = None


@dataclass(frozen=True)
class Group:
    id: int
    kind: GroupKind
    created_at: float
    template: str
    spec: dict[str, Any]
    status: GroupStatus
    members: list[Member] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.members:
            out[m.state.value] = out.get(m.state.value, 0) + 1
        return out


def _member(row: sqlite3.Row) -> Member:
    return Member(
        group_id=int(row["group_id"]),
        idx=int(row["idx"]),
        prompt=str(row["prompt"]),
        target=json.loads(row["target"] or "{}"),
        state=MemberState(row["state"]),
        job_id=None if row["job_id"] is None else int(row["job_id"]),
        estimate=row["estimate"],
        cost=row["cost"],
        error=None if row["error"] is None else json.loads(row["error"]),
        cost_currency=row["cost_currency"],
    )


#: a group's members with their jobs' cost currencies
_MEMBERS = (
    "SELECT m.*, j.cost_currency AS cost_currency FROM group_members m"
    " LEFT JOIN jobs j ON j.id = m.job_id"
)


class GroupStore:
    """Groups and their members, in the history database (same connections, same rules)."""

    def __init__(self, history: HistoryStore) -> None:
        self.history = history
        self._pid = os.getpid()
        self._pid_start = process_start_token(self._pid)

    def create(
        self, kind: GroupKind, template: str, spec: dict[str, Any], members: list[MemberSpec]
    ) -> int:
        with self.history._write() as conn:
            cur = conn.execute(
                "INSERT INTO job_groups (kind, created_at, template, spec, status, pid, pid_start)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    kind.value,
                    time.time(),
                    template,
                    json.dumps(spec, ensure_ascii=False),
                    GroupStatus.RUNNING.value,
                    self._pid,
                    self._pid_start,
                ),
            )
            group_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO group_members (group_id, idx, prompt, target, state, estimate, error)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        group_id,
                        i,
                        m.prompt,
                        json.dumps(m.target, ensure_ascii=False),
                        (MemberState.QUEUED if m.refused is None else MemberState.REFUSED).value,
                        m.estimate,
                        m.refusal_json(),
                    )
                    for i, m in enumerate(members)
                ],
            )
        return group_id

    def add_member(self, group_id: int, member: MemberSpec) -> int:
        """Append a member (a retry in a comparison); returns its index."""
        with self.history._write() as conn:
            row = conn.execute(
                "SELECT COALESCE(MAX(idx), -1) + 1 AS idx FROM group_members WHERE group_id = ?",
                (group_id,),
            ).fetchone()
            idx = int(row["idx"])
            conn.execute(
                "INSERT INTO group_members (group_id, idx, prompt, target, state, estimate, error)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    group_id,
                    idx,
                    member.prompt,
                    json.dumps(member.target, ensure_ascii=False),
                    (MemberState.QUEUED if member.refused is None else MemberState.REFUSED).value,
                    member.estimate,
                    member.refusal_json(),
                ),
            )
        return idx

    def get(self, group_id: int) -> Group | None:
        row = self.history._row("SELECT * FROM job_groups WHERE id = ?", (group_id,))
        if row is None:
            return None
        members = self.history._rows(f"{_MEMBERS} WHERE m.group_id = ? ORDER BY m.idx", (group_id,))
        return Group(
            id=int(row["id"]),
            kind=GroupKind(row["kind"]),
            created_at=float(row["created_at"]),
            template=str(row["template"]),
            spec=json.loads(row["spec"] or "{}"),
            status=GroupStatus(row["status"]),
            members=[_member(m) for m in members],
        )

    def member(self, group_id: int, idx: int) -> Member | None:
        row = self.history._row(f"{_MEMBERS} WHERE m.group_id = ? AND m.idx = ?", (group_id, idx))
        return None if row is None else _member(row)

    def set_status(self, group_id: int, status: GroupStatus) -> None:
        with self.history._write() as conn:
            conn.execute("UPDATE job_groups SET status = ? WHERE id = ?", (status.value, group_id))

    def update_member(
        self,
        group_id: int,
        idx: int,
        state: MemberState,
        *,
        job_id: int | None = None,
        cost: float | None = None,
        error: dict[str, Any] | None = None,
    ) -> None:
        with self.history._write() as conn:
            conn.execute(
                "UPDATE group_members SET state = ?, job_id = COALESCE(?, job_id),"
                " cost = COALESCE(?, cost), error = COALESCE(?, error)"
                " WHERE group_id = ? AND idx = ?",
                (
                    state.value,
                    job_id,
                    cost,
                    None if error is None else json.dumps(error, ensure_ascii=False),
                    group_id,
                    idx,
                ),
            )

    def claim(self, group_id: int) -> Group:
        """Take over a group to run it in this process.

        Refused while another live process runs it. Members that were being sent
        when their process died become ``interrupted`` (never sent again: their jobs'
        journal recovery stores what the provider had answered)."""
        with self.history._write() as conn:
            row = conn.execute(
                "SELECT pid, pid_start, status FROM job_groups WHERE id = ?", (group_id,)
            ).fetchone()
            if row is None:
                raise LookupError(f"no group {group_id} in the history")
            pid = int(row["pid"] or 0)
            live = pid != self._pid and row["status"] in ("running", "paused") and pid_alive(pid)
            if live and (row["pid_start"] is None or process_start_token(pid) == row["pid_start"]):
                raise RuntimeError(f"group {group_id} is being run by process {pid}")
            conn.execute(
                "UPDATE group_members SET state = ?, error = ? WHERE group_id = ? AND state = ?",
                (MemberState.INTERRUPTED.value, _INTERRUPTED, group_id, MemberState.SENDING.value),
            )
            conn.execute(
                "UPDATE job_groups SET pid = ?, pid_start = ?, status = ? WHERE id = ?",
                (self._pid, self._pid_start, GroupStatus.RUNNING.value, group_id),
            )
        group = self.get(group_id)
        assert group is not None
        return group

    def discard(self, group_id: int) -> None:
        """Give up an unfinished group: its queued members are skipped (never sent), it
        ends cancelled. Members that were being sent are left to the journal."""
        with self.history._write() as conn:
            conn.execute(
                "UPDATE group_members SET state = ?, error = ? WHERE group_id = ? AND state = ?",
                (
                    MemberState.SKIPPED.value,
                    _DISCARDED,
                    group_id,
                    MemberState.QUEUED.value,
                ),
            )
            conn.execute(
                "UPDATE group_members SET state = ?, error = ? WHERE group_id = ? AND state = ?",
                (MemberState.INTERRUPTED.value, _INTERRUPTED, group_id, MemberState.SENDING.value),
            )
            conn.execute(
                "UPDATE job_groups SET status = ? WHERE id = ?",
                (GroupStatus.CANCELLED.value, group_id),
            )

    def list_groups(self, limit: int = 100) -> list[Group]:
        rows = self.history._rows(
            "SELECT id FROM job_groups ORDER BY created_at DESC, id DESC LIMIT ?", (limit,)
        )
        return [g for r in rows if (g := self.get(int(r["id"]))) is not None]

    def unfinished(self) -> list[Group]:
        """Groups (batches and comparisons) whose process is gone before they finished
        (offered for resuming)."""
        rows = self.history._rows(
            "SELECT id, pid, pid_start FROM job_groups WHERE status IN ('running', 'paused',"
            " 'interrupted') ORDER BY id"
        )
        out: list[Group] = []
        for r in rows:
            pid = int(r["pid"] or 0)
            alive = pid_alive(pid) and (
                r["pid_start"] is None or process_start_token(pid) == r["pid_start"]
            )
            if not alive or pid == self._pid:
                group = self.get(int(r["id"]))
                if group is not None:
                    out.append(group)
        return out

    def resumable(self, group_id: int) -> bool:
        """Whether the unfinished group ``group_id`` may be resumed here: no live process
        runs it (this one neither, unless it held the group when its window closed)."""
        row = self.history._row(
            "SELECT pid, pid_start, status FROM job_groups WHERE id = ?", (group_id,)
        )
        if row is None or row["status"] not in ("running", "paused", "interrupted"):
            return False
        pid = int(row["pid"] or 0)
        if pid == self._pid:
            return bool(row["status"] == "interrupted")
        alive = pid_alive(pid) and (
            row["pid_start"] is None or process_start_token(pid) == row["pid_start"]
        )
        return not alive

    def search(self, text: str, limit: int = 100) -> list[Group]:
        """Groups whose template (or one member's prompt) contains ``text``."""
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.history._rows(
            "SELECT id FROM job_groups g WHERE g.template LIKE ? ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id"
            " AND m.prompt LIKE ? ESCAPE '\\') ORDER BY created_at DESC, id DESC LIMIT ?",
            (like, like, limit),
        )
        return [g for r in rows if (g := self.get(int(r["id"]))) is not None]

    def group_of_job(self, job_id: int) -> tuple[int, int] | None:
        """(group id, member index) of the job, when it is a member of a group."""
        row = self.history._row(
            "SELECT group_id, idx FROM group_members WHERE job_id = ?", (job_id,)
        )
        return None if row is None else (int(row["group_id"]), int(row["idx"]))


def member_slots(conn: sqlite3.Connection, job_id: int) -> tuple[tuple[int, int], ...]:
    """Before a delete: the (group, index) places the job fills (the delete empties them),
    so that an undo puts the job back in its comparison or batch."""
    rows = conn.execute("SELECT group_id, idx FROM group_members WHERE job_id = ?", (job_id,))
    return tuple((int(r[0]), int(r[1])) for r in rows)


def restore_slots(
    conn: sqlite3.Connection, job_id: int, slots: tuple[tuple[int, int], ...]
) -> None:
    """Undo a delete's effect on the groups (after the job's own row is back): only a
    place the delete emptied is filled again, never one a retry has taken since."""
    for group_id, idx in slots:
        conn.execute(
            "UPDATE group_members SET job_id = ? WHERE group_id = ? AND idx = ? AND job_id IS NULL",
            (job_id, group_id, idx),
        )


def drop_emptied(conn: sqlite3.Connection, group_ids: set[int]) -> list[dict[str, Any]]:
    """Delete the groups of ``group_ids`` that are gone for good: no member has a job
    any more, none is waiting to be sent and no process runs or may resume them. Call
    only once no undo can put one of their jobs back. Returns the deleted groups' specs
    (what they named, such as their input pictures)."""
    specs: list[dict[str, Any]] = []
    for group_id in sorted(group_ids):
        row = conn.execute(
            "SELECT spec FROM job_groups g WHERE id = ?"
            " AND status NOT IN ('running', 'paused', 'interrupted')"
            " AND NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id"
            "  AND (m.job_id IS NOT NULL OR m.state IN ('queued', 'sending')))",
            (group_id,),
        ).fetchone()
        if row is None:
            continue
        conn.execute("DELETE FROM group_members WHERE group_id = ?", (group_id,))
        conn.execute("DELETE FROM job_groups WHERE id = ?", (group_id,))
        try:
            spec = json.loads(row[0] or "{}")
        except ValueError:
            spec = {}
        specs.append(spec if isinstance(spec, dict) else {})
    return specs
