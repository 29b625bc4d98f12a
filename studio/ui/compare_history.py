"""The Compare dialog's earlier comparisons (a part of :class:`CompareDialog`): a group
from the history laid out one cell per target with its newest member, a comparison the
studio did not finish resumed (its targets not sent yet, none ever sent twice), a
member's Retry made ready from its history tile, and the runners held when the studio
closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QScrollArea

from studio.core.batch import BatchRunner, resume_limits
from studio.core.group_inputs import SPEC_KEY
from studio.core.group_spend import same_target
from studio.core.history.groups import Group, GroupStore, Member, MemberState
from studio.jobs.op import BackgroundOp, ProgressOp, job_pool
from studio.ui.compare_reports import first_picture, reporter
from studio.ui.labels import model_name, stored_provider_name

if TYPE_CHECKING:
    from studio.core.service import Studio
    from studio.ui.compare_cell import CompareCell
    from studio.ui.compare_targets import TargetList


class CompareHistory(QDialog):
    """A comparison from the history: shown, resumed, a target's Retry made ready."""

    #: the group on show is being resumed from here (the start-up banner drops it)
    resuming = Signal(int)

    studio: Studio
    prompt: str
    group: Group | None
    cells: dict[int, CompareCell]
    cell_of: dict[int, int]
    runners: list[BatchRunner]
    spec_targets: list[dict[str, Any]]
    note: QLabel
    targets: TargetList
    keys_note: QLabel
    compare_button: QPushButton
    resume_button: QPushButton
    summary: QLabel
    grid_scroll: QScrollArea
    clock: QTimer

    # the dialog's own (CompareDialog)
    retranslate_ui: Callable[[], None]
    _make_cells: Callable[[list[str], list[str] | None], None]
    _cell: Callable[[int], CompareCell | None]
    _began: Callable[[], None]
    _finished: Callable[[Group], None]
    _progressed: Callable[[object], None]
    _failed: Callable[[BaseException], None]
    _summarise: Callable[[], None]
    _show_member: Callable[[Member, float | None, QImage, tuple[str, ...]], None]

    def _lay_out(self, group: Group) -> dict[int, Member]:
        """One cell per target of ``group``; returns each position's newest member."""
        self.group = group
        self.prompt = group.template
        self.retranslate_ui()
        self.targets.hide()
        self.keys_note.hide()
        # a comparison of edits says so; one from the prompt needs no note
        self.note.setVisible(SPEC_KEY in group.spec)
        self.compare_button.hide()
        targets = list(group.spec.get("targets") or [])
        self.spec_targets = targets
        registry = self.studio.capabilities
        titles = [
            f"{model_name(registry, str(t.get('model', '')))} — "
            + stored_provider_name(str(t.get("provider", "")), str(t.get("provider_name") or ""))
            for t in targets
        ]
        self._make_cells(titles, [str(t.get("model", "")) for t in targets])
        latest: dict[int, Member] = {}
        for m in group.members:
            position = next((i for i, t in enumerate(targets) if same_target(t, m.target)), None)
            if position is None:
                continue
            self.cell_of[m.idx] = position
            latest[position] = m
        return latest

    def resume_group(self, group: Group) -> None:
        """Continue a comparison the studio did not finish (offered at start): the
        targets never sent are sent now; one that was being sent when the studio
        stopped is marked interrupted and never sent again (its job's journal
        recovery applies). The answered targets show as they were."""
        latest = self._lay_out(group)
        self.resume_button.hide()
        for position, member in latest.items():
            if member.state in (MemberState.QUEUED, MemberState.SENDING):
                self.cells[position].set_waiting()
        studio, group_id = self.studio, group.id
        concurrency, cap = resume_limits(group)

        def work(report: Any) -> Group:
            on_member, on_event = reporter(report)
            runner = BatchRunner(
                studio,
                group_id,
                concurrency=concurrency,
                max_cost=cap,
                on_member=on_member,
                on_event=on_event,
                source="gui",
            )
            self.runners.append(runner)
            return runner.run()  # claims it: members being sent become interrupted

        self.summary.setText(self.tr("Sending the targets that were not sent yet…"))
        self._began()
        ProgressOp(self, work, self._finished, self._progressed, pool=job_pool()).failure(
            self._failed
        ).run()

    def hold(self) -> None:
        """The studio is closing: send nothing more (targets on their way finish); the
        rest stays queued and is offered at the next start."""
        for runner in self.runners:
            runner.stop()

    def show_group(self, group: Group, retry: int | None = None) -> None:
        """Show a comparison from history: one cell per target with its newest member;
        with ``retry`` (a member's index, Retry asked on its tile in the history) its
        cell is brought into view with its Retry button ready (nothing is sent until
        it is pressed)."""
        latest = self._lay_out(group)
        history = self.studio.history
        for position, member in latest.items():
            if member.state in (MemberState.QUEUED, MemberState.SENDING):
                self.cells[position].set_unsent(member)
        left = any(m.state is MemberState.QUEUED for m in latest.values())

        def work() -> tuple[bool, list[tuple[Member, float | None, QImage, tuple[str, ...]]]]:
            resumable = left and GroupStore(history).resumable(group.id)
            out = []
            for m in latest.values():
                paths: tuple[str, ...] = ()
                seconds: float | None = None
                record = history.get_job(m.job_id) if m.job_id is not None else None
                if record is not None:
                    paths = tuple(str(i.path) for i in record.images)
                    seconds = (record.timings or {}).get("total_s")
                out.append((m, seconds, first_picture(paths), paths))
            return resumable, out

        def shown(
            answer: tuple[bool, list[tuple[Member, float | None, QImage, tuple[str, ...]]]],
        ) -> None:
            resumable, rows = answer
            for member, seconds, picture, paths in rows:
                if member.state in (MemberState.QUEUED, MemberState.SENDING):
                    continue
                self._show_member(member, seconds, picture, paths)
            self._summarise()
            self.resume_button.setVisible(resumable and self.group is group)
            if retry is not None and self.group is group:
                self._ready_retry(retry)

        BackgroundOp(self, work, shown).run()

    def _ready_retry(self, idx: int) -> None:
        """The cell of member ``idx``'s target in view, its Retry button focused when it
        can be sent again, and the summary saying what pressing it does."""
        cell = self._cell(idx)
        if cell is None:
            return
        self.grid_scroll.ensureWidgetVisible(cell)
        if cell.member is not None and cell.member.idx != idx:
            # retried since: the cell shows the newest answer, which may need no retry
            self.summary.setText(
                self.tr("This target was sent again since: its cell shows the newest answer.")
            )
        elif cell.retry_button.isEnabled():
            cell.retry_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.summary.setText(
                self.tr(
                    "Press Retry in the %1 cell to send it again, as a new job in this comparison."
                ).replace("%1", cell.title_text)
            )
        else:  # refused, or its provider has no API key: its cell says why
            self.summary.setText(
                self.tr("This target cannot be sent again as it is: its cell says why.")
            )

    def _resume_shown(self) -> None:
        """Send the reopened comparison's targets not sent yet (checked again first:
        the start-up banner may have resumed it meanwhile)."""
        group = self.group
        if group is None:
            return
        self.resume_button.hide()
        history = self.studio.history

        def work() -> Group | None:
            store = GroupStore(history)
            return store.get(group.id) if store.resumable(group.id) else None

        def checked(fresh: Group | None) -> None:
            if fresh is None:
                self.summary.setText(self.tr("This comparison is already being sent."))
                return
            self.resuming.emit(fresh.id)
            self.resume_group(fresh)

        BackgroundOp(self, work, checked).run()
