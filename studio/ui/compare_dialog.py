"""The Compare dialog: the composer's prompt and parameters sent to several targets
(model × provider), each result in a cell of a grid with its status, time and cost.

A target that cannot take the request is shown as refused with the reason and is sent
nothing (the core plans the group before anything is sent). The group is kept in
history like a batch; each member is an ordinary job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.batch import BatchRunner, MemberDone, Target, plan_compare, start_group
from studio.core.history.groups import Group, GroupKind, MemberState
from studio.jobs.op import ProgressOp, job_pool

if TYPE_CHECKING:
    from studio.core.providers import Provider
    from studio.core.service import Studio

CELL = 220
COLUMNS = 3


class CompareCell(QWidget):
    """One target's result: its image, and a line with status, time and cost."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title, self)
        self.image = QLabel(self)
        self.image.setFixedSize(CELL, CELL)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setMaximumWidth(CELL)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.image)
        layout.addWidget(self.status)


class CompareDialog(QDialog):
    def __init__(
        self,
        studio: Studio,
        prompt: str,
        params: dict[str, Any],
        providers: dict[str, Provider],
        current: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.studio = studio
        self.prompt = prompt
        self.params = dict(params)
        self.group: Group | None = None
        self.cells: dict[int, CompareCell] = {}
        self.prompt_label = QLabel(self)
        self.prompt_label.setWordWrap(True)
        self.targets = QListWidget(self)
        self.targets.setObjectName("compareTargets")
        for provider in providers.values():
            for model in provider.models:
                if studio.capabilities.get(model) is None:
                    continue
                item = QListWidgetItem(f"{model} — {provider.name}", self.targets)
                item.setData(Qt.ItemDataRole.UserRole, (provider, model))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                chosen = current == (provider.id, model)
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.compare_button = QPushButton(self)
        self.compare_button.setObjectName("compareRun")
        self.compare_button.clicked.connect(self.run)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.grid = QGridLayout()
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.targets)
        layout.addLayout(self.grid)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def checked_targets(self) -> list[Target]:
        out = []
        for row in range(self.targets.count()):
            item = self.targets.item(row)
            if item.checkState() is Qt.CheckState.Checked:
                provider, model = item.data(Qt.ItemDataRole.UserRole)
                out.append(Target(provider, model, self._params_for(model)))
        return out

    def _params_for(self, model: str) -> dict[str, Any]:
        """The composer's parameters that ``model`` takes as they are; the others are
        left at the target's defaults (the composer's values are its own model's)."""
        from studio.core.request import ImageRequest, Mode

        caps = self.studio.capabilities.get(model)
        if caps is None:
            return {}
        kept: dict[str, Any] = {}
        for key, value in self.params.items():
            if key not in caps.params:
                continue
            trial = self.studio.check(ImageRequest(Mode.GENERATE, model, "x", {key: value}))
            if not any(p.field == key for p in trial.problems):
                kept[key] = value
        return kept

    def run(self) -> None:
        targets = self.checked_targets()
        if len(targets) < 2:
            self.summary.setText(self.tr("Choose two or more targets."))
            return
        for cell in self.cells.values():
            cell.deleteLater()
        self.cells = {}
        for i, t in enumerate(targets):
            cell = CompareCell(f"{t.model} — {t.provider.name}", self)
            cell.setObjectName(f"compareCell{i}")
            cell.status.setText(self.tr("Waiting…"))
            self.cells[i] = cell
            self.grid.addWidget(cell, i // COLUMNS, i % COLUMNS)
        prompt = self.prompt

        def work(report: Any) -> Group:
            members = plan_compare(self.studio, prompt, targets)
            group_id = start_group(
                self.studio,
                GroupKind.COMPARE,
                prompt,
                {"targets": [t.to_json() for t in targets]},
                members,
            )
            runner = BatchRunner(
                self.studio, group_id, concurrency=len(targets), on_member=report, source="gui"
            )
            return runner.run()

        self.compare_button.setEnabled(False)
        self.targets.setEnabled(False)
        self.summary.setText(self.tr("Sending…"))
        ProgressOp(self, work, self._finished, self._member, pool=job_pool()).failure(
            self._failed
        ).run()

    def _member(self, done: MemberDone) -> None:
        cell = self.cells.get(done.member.idx)
        if cell is None:
            return
        m = done.member
        if done.paths:
            pixmap = QPixmap(done.paths[0])
            if not pixmap.isNull():
                cell.image.setPixmap(
                    pixmap.scaled(
                        CELL,
                        CELL,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
        cell.status.setText(self._status_text(m.state, m.error, done.seconds, m.estimate, m.cost))

    def _status_text(
        self,
        state: MemberState,
        error: dict[str, Any] | None,
        seconds: float | None,
        estimate: float | None,
        cost: float | None,
    ) -> str:
        names = {
            MemberState.SUCCEEDED: self.tr("Done"),
            MemberState.FAILED: self.tr("Failed"),
            MemberState.REFUSED: self.tr("Refused (nothing sent)"),
            MemberState.SKIPPED: self.tr("Skipped"),
            MemberState.INTERRUPTED: self.tr("Interrupted"),
        }
        parts = [names.get(state, state.value)]
        if seconds is not None:
            parts.append(self.tr("%1 s").replace("%1", f"{seconds:.1f}"))
        if estimate is not None:
            parts.append(self.tr("estimate %1 USD").replace("%1", f"{estimate:.3f}"))
        if cost is not None:
            parts.append(self.tr("cost %1 USD").replace("%1", f"{cost:.3f}"))
        text = " · ".join(parts)
        if error and state is not MemberState.SUCCEEDED:
            text += "\n" + str(error.get("message", ""))
        return text

    def _finished(self, group: Group) -> None:
        self.group = group
        counts = group.counts()
        self.summary.setText(
            self.tr("%1 of %2 targets answered.")
            .replace("%1", str(counts.get("succeeded", 0)))
            .replace("%2", str(len(group.members)))
        )
        self.compare_button.setEnabled(True)
        self.targets.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("The comparison stopped: %1").replace("%1", str(exc)))
        self.compare_button.setEnabled(True)
        self.targets.setEnabled(True)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Compare"))
        self.prompt_label.setText(self.tr("Prompt: %1").replace("%1", self.prompt))
        self.compare_button.setText(self.tr("&Compare"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
