"""The Compare dialog: the composer's prompt and parameters sent to several targets
(model × provider), each result in a cell of a grid (:mod:`studio.ui.compare_cell`).

In Generate mode each target makes a picture from the prompt; in Edit mode each edits
the composer's input images (with its mask or markup), which the group keeps
(:mod:`studio.core.group_inputs`) so a resume or a retry edits the same pictures; the
dialog says which. Targets and cells name their models as the model picker does (the
id in a tooltip). Targets whose provider has no key are greyed and listed last: they
cannot be ticked (they would fail before anything is sent), and a line under the list
names those providers, each a link to its page in Settings; once a key is saved the
list is filled again (:meth:`CompareDialog.providers_changed`). The ticked targets are
remembered by the window for the next time the dialog opens.

A target that cannot take the request is shown as refused with the reason and is sent
nothing (the core plans the group before anything is sent). Cells show partial images
as they stream in; a cell can be zoomed, compared A/B with another, retried by the
user (a new job in the same group: nothing is ever sent again on its own) or picked as
the winner, which the window shows as its current result. The group is kept in history
like a batch, and an earlier comparison reopens here from its group
(:mod:`studio.ui.compare_history`).
"""

from __future__ import annotations

import html
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio.core.batch import (
    BatchRunner,
    Target,
    plan_compare,
    retry_member,
    start_group,
)
from studio.core.group_inputs import SPEC_KEY, EditInputs, store_inputs
from studio.core.group_spend import members_spent
from studio.core.history.groups import Group, GroupKind, Member
from studio.core.money import amounts_text, model_currency
from studio.jobs.op import ProgressOp, job_pool
from studio.ui.ab_view import ABDialog, ZoomDialog
from studio.ui.announce import announce
from studio.ui.compare_cell import CompareCell
from studio.ui.compare_history import CompareHistory
from studio.ui.compare_reports import Finished, Partial, Retrying, Started, reporter
from studio.ui.compare_targets import TargetList
from studio.ui.core_text import failure_text, stored_text
from studio.ui.cost_text import simulated
from studio.ui.elided_label import ElidedLabel
from studio.ui.labels import model_name, provider_name

if TYPE_CHECKING:
    from studio.core.providers import Provider
    from studio.core.service import Studio

COLUMNS = 3


def _sandbox(member: Member) -> bool:
    """Whether ``member`` went to the offline sandbox, which charges nothing."""
    return simulated(str(member.target.get("provider", "")))


class CompareDialog(CompareHistory):
    #: the winner's stored image: the window shows it as its current result
    winner_picked = Signal(str)
    # Settings at this provider's page (its id): a target there has no API key
    settings_requested = Signal(str)

    def __init__(
        self,
        studio: Studio,
        prompt: str,
        params: dict[str, Any],
        providers: dict[str, Provider],
        current: tuple[str, str] | None = None,
        parent: QWidget | None = None,
        *,
        editing: bool = False,
        inputs: EditInputs | None = None,
        remembered: set[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.studio = studio
        self.prompt = prompt
        self.params = dict(params)
        self.group: Group | None = None
        self.cells: dict[int, CompareCell] = {}
        #: member index → the cell (position) that shows it
        self.cell_of: dict[int, int] = {}
        self.running = 0
        #: the runners this dialog started (closing the window holds them)
        self.runners: list[BatchRunner] = []
        #: the targets of the comparison on show, as stored (position order)
        self.spec_targets: list[dict[str, Any]] = []
        #: the composer is in Edit mode: each target edits ``inputs`` (none: nothing to edit)
        self.editing = editing
        self.inputs = inputs if editing else None
        # one line however long the prompt (a long one took the targets' and the grid's
        # room); the whole prompt is in its tooltip
        self.prompt_label = ElidedLabel(self)
        self.note = QLabel(self)
        self.note.setObjectName("compareNote")
        self.note.setWordWrap(True)
        # the ticked targets are kept in the window's set for the next time
        self.targets = TargetList(remembered if remembered is not None else set(), self)
        self.targets.keys_known.connect(self._show_keyless)
        # the providers with no key, each a link to its page in Settings (hidden: none)
        self.keys_note = QLabel(self)
        self.keys_note.setObjectName("compareKeysNote")
        self.keys_note.setWordWrap(True)
        self.keys_note.setTextFormat(Qt.TextFormat.RichText)
        self.keys_note.linkActivated.connect(self._open_settings)
        self.keys_note.hide()
        self.compare_button = QPushButton(self)
        self.compare_button.setObjectName("compareRun")
        self.compare_button.clicked.connect(self.run)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("compareClose")
        self.close_button.clicked.connect(self.close)
        # a reopened comparison with targets not sent yet, that nothing runs now
        self.resume_button = QPushButton(self)
        self.resume_button.setObjectName("compareResume")
        self.resume_button.hide()
        self.resume_button.clicked.connect(self._resume_shown)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.grid_widget = QWidget(self)
        self.grid = QGridLayout(self.grid_widget)
        self.grid_scroll = QScrollArea(self)
        self.grid_scroll.setWidgetResizable(True)
        self.grid_scroll.setWidget(self.grid_widget)
        self.grid_scroll.hide()
        self.clock = QTimer(self)
        self.clock.setInterval(200)
        self.clock.timeout.connect(self._tick)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for b in (self.resume_button, self.compare_button, self.close_button):
            # Enter in the list (or on a cell's button) must not send (and pay for)
            # the comparison: a button is pressed with Space or its Alt key
            b.setAutoDefault(False)
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.note)
        # the list takes the room until the grid comes, then keeps a strip above it
        layout.addWidget(self.targets, 1)
        layout.addWidget(self.keys_note)
        layout.addWidget(self.grid_scroll, 1)
        layout.addLayout(buttons)
        self.resize(780, 640)
        self.retranslate_ui()
        self.targets.fill(studio, providers, current, editing=editing)
        # Edit mode with no picture: nothing to compare (the note says what to do)
        self.compare_button.setEnabled(not editing or inputs is not None)

    # -- the targets ------------------------------------------------------------------
    @property
    def keyless(self) -> set[str]:
        """Provider ids that need a key and have none (asked off the UI thread)."""
        return self.targets.keyless

    def providers_changed(self, providers: dict[str, Provider]) -> None:
        """Settings were saved (a key added or removed, a provider changed): the targets
        again, each provider's key asked again. A comparison from the history lists none."""
        if self.targets.isVisibleTo(self):
            self.targets.refill(providers)

    def _show_keyless(self) -> None:
        """The line under the list: the providers with no key, each a link to Settings."""
        providers = self.targets.providers
        keyless = [p for p in providers.values() if p.id in self.targets.keyless]
        # with the grid on show its room goes to the cells (the rows still say why)
        if not keyless or not self.targets.isVisibleTo(self) or self.cells:
            self.keys_note.hide()
            return
        links = self.tr(", ").join(
            f'<a href="{html.escape(p.id)}">{html.escape(provider_name(p))}</a>' for p in keyless
        )
        self.keys_note.setText(
            self.tr(
                "Greyed out: no API key for %1. Add one in Settings → Providers (click a"
                " name) to compare its models."
            ).replace("%1", links)
        )
        self.keys_note.show()

    def _open_settings(self, provider_id: str) -> None:
        self.settings_requested.emit(provider_id)

    def checked_targets(self) -> list[Target]:
        return [Target(p, model, self._params_for(model)) for p, model in self.targets.checked()]

    def _params_for(self, model: str) -> dict[str, Any]:
        """The composer's parameters that ``model`` takes as they are; the others are
        left at the target's defaults (the composer's values are its own model's).
        They are checked together, so one that needs another (previews need
        streaming) stays when both do."""
        from studio.core.request import ImageRequest, Mode

        caps = self.studio.capabilities.get(model)
        if caps is None:
            return {}
        kept = {k: v for k, v in self.params.items() if k in caps.params}
        while kept:
            if self.inputs is not None:
                request = self.inputs.request(model, "x", dict(kept))
            else:
                request = ImageRequest(Mode.GENERATE, model, "x", dict(kept))
            trial = self.studio.check(request)
            bad = {p.field for p in trial.problems if p.field in kept}
            if not bad:
                break
            for key in bad:
                kept.pop(key)
        return kept

    # -- the grid -------------------------------------------------------------------
    def _make_cells(self, titles: list[str], tips: list[str] | None = None) -> None:
        for cell in self.cells.values():
            cell.deleteLater()
        self.cells = {}
        self.cell_of = {}
        for i, title in enumerate(titles):
            cell = CompareCell(i, title, self.grid_widget)
            if tips is not None and i < len(tips):
                cell.title.setToolTip(tips[i])  # the model's id
            cell.zoom_requested.connect(self.zoom)
            cell.ab_requested.connect(self.compare_ab)
            cell.retry_requested.connect(self.retry)
            cell.winner_requested.connect(self.pick_winner)
            if i < len(self.spec_targets):
                model = str(self.spec_targets[i].get("model") or "")
                cell.currency = model_currency(self.studio.capabilities.get(model))
            self.cells[i] = cell
            self.cell_of[i] = i
            self.grid.addWidget(cell, i // COLUMNS, i % COLUMNS)
        self.targets.setMaximumHeight(150)
        self.keys_note.hide()  # the cells take its room; the rows still say why
        self.grid_scroll.show()
        self._fit_columns()
        # Tab goes down the dialog as it reads: the list, the cells, the buttons under them
        # (the cells, made last, came after the buttons)
        cells = [cell.buttons() for cell in self.cells.values()]
        chain = [self.targets, self.grid_scroll, *(b for row in cells for b in row)]
        chain += [self.resume_button, self.compare_button, self.close_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _fit_columns(self) -> None:
        """Room for a row of cells side by side (no sideways scrolling), as far as the
        screen allows."""
        scroll = self.grid_scroll
        for cell in self.cells.values():
            cell.ensurePolished()  # the style's margins count
        self.grid.invalidate()
        wanted = (
            self.grid.sizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        scroll.setMinimumWidth(min(wanted, screen - 80))

    def _cell(self, idx: int) -> CompareCell | None:
        position = self.cell_of.get(idx)
        return None if position is None else self.cells.get(position)

    def _update_others(self) -> None:
        """Each cell offers the other cells that have a picture for A/B."""
        with_picture = [(p, c.title_text) for p, c in self.cells.items() if not c.picture.isNull()]
        for position, cell in self.cells.items():
            cell.set_others([(p, t) for p, t in with_picture if p != position])

    def _tick(self) -> None:
        for cell in self.cells.values():
            cell.tick()

    def waits_for_inputs(self) -> bool:
        """Opened in Edit mode before the composer had an input image, nothing run yet."""
        return self.editing and self.inputs is None and self.group is None and not self.cells

    def take_inputs(self, inputs: EditInputs) -> None:
        """The composer's input images, added while the dialog waited for them."""
        if not self.waits_for_inputs():
            return
        self.inputs = inputs
        self.note.setText(self._note_text())
        self.compare_button.setEnabled(True)

    # -- running --------------------------------------------------------------------
    def run(self) -> None:
        targets = self.checked_targets()
        if len(targets) < 2:
            self.summary.setText(self.tr("Choose two or more targets."))
            return
        self.group = None
        self.spec_targets = [t.to_json() for t in targets]
        registry = self.studio.capabilities
        self._make_cells(
            [f"{model_name(registry, t.model)} — {provider_name(t.provider)}" for t in targets],
            [t.model for t in targets],
        )
        for cell in self.cells.values():
            cell.set_waiting()
        prompt, inputs = self.prompt, self.inputs

        def work(report: Any) -> Group:
            members = plan_compare(self.studio, prompt, targets, inputs)
            spec: dict[str, Any] = {"targets": [t.to_json() for t in targets]}
            if inputs is not None:
                spec[SPEC_KEY] = store_inputs(self.studio.paths.group_inputs_dir, inputs)
            group_id = start_group(self.studio, GroupKind.COMPARE, prompt, spec, members)
            on_member, on_event = reporter(report)
            runner = BatchRunner(
                self.studio,
                group_id,
                concurrency=len(targets),
                on_member=on_member,
                on_event=on_event,
                source="gui",
            )
            self.runners.append(runner)
            return runner.run()

        self.compare_button.setEnabled(False)
        self.targets.setEnabled(False)
        self.summary.setText(self.tr("Sending…"))
        self._began()
        ProgressOp(self, work, self._finished, self._progressed, pool=job_pool()).failure(
            self._failed
        ).run()

    def _began(self) -> None:
        self.running += 1
        self.clock.start()

    def _ended(self) -> None:
        self.running = max(0, self.running - 1)
        if not self.running:
            self.clock.stop()

    def _progressed(self, item: object) -> None:
        if isinstance(item, Retrying):
            self.cell_of[item.idx] = item.position
            return
        if isinstance(item, Started):
            cell = self._cell(item.idx)
            if cell is not None:
                cell.set_running(self._partials_of(cell.position))
            return
        if isinstance(item, Partial):
            cell = self._cell(item.idx)
            if cell is not None:
                cell.show_partial(item.picture, item.index)
                self._update_others()
            return
        if isinstance(item, Finished):
            self._show_member(item.done.member, item.done.seconds, item.picture, item.done.paths)

    def _partials_of(self, position: int) -> int:
        """How many partial images the target of ``position`` streams (0: none)."""
        if position >= len(self.spec_targets):
            return 0
        params = self.spec_targets[position].get("params") or {}
        return int(params.get("partial_images") or 0) if params.get("stream") else 0

    def _show_member(
        self, member: Member, seconds: float | None, picture: QImage, paths: tuple[str, ...]
    ) -> None:
        cell = self._cell(member.idx)
        if cell is None:
            return
        if not picture.isNull():
            cell.show_final(picture, paths[0] if paths else None)
        reason = stored_text(member.error)
        cell.set_member(member, seconds, reason)
        self._update_others()

    def _finished(self, group: Group) -> None:
        self.group = group
        self._ended()
        self._summarise()
        announce(self.summary, self.summary.text())
        self.compare_button.setEnabled(True)
        self.targets.setEnabled(True)

    def _summarise(self) -> None:
        answered = sum(1 for c in self.cells.values() if c.done)
        text = (
            self.tr("%1 of %2 targets answered.")
            .replace("%1", str(answered))
            .replace("%2", str(len(self.cells)))
        )
        self.summary.setText(text + self._spent_text())

    def _spent_text(self) -> str:
        """What the comparison on show spent, each currency in its own (amounts in two
        currencies never add up); what the sandbox would have cost, said apart."""
        if self.group is None:
            return ""
        members = self.group.members
        real = amounts_text(members_spent([m for m in members if not _sandbox(m)]))
        free = amounts_text(members_spent([m for m in members if _sandbox(m)]))
        text = ""
        if real:
            text += " " + self.tr("About %1 spent.").replace("%1", real)
        if free:
            text += " " + self.tr("%1 simulated (the sandbox charges nothing).").replace("%1", free)
        return text

    def _failed(self, exc: BaseException) -> None:
        self._ended()
        self.summary.setText(self.tr("The comparison stopped: %1").replace("%1", failure_text(exc)))
        announce(self.summary, self.summary.text(), urgent=True)
        self.compare_button.setEnabled(True)
        self.targets.setEnabled(True)

    # -- what a cell asks for ----------------------------------------------------------
    def zoom(self, position: int) -> ZoomDialog | None:
        cell = self.cells.get(position)
        if cell is None or cell.picture.isNull():
            return None
        dialog = ZoomDialog(cell.picture, cell.title_text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.zoom_dialog = dialog
        dialog.show()
        return dialog

    def compare_ab(self, position: int, other: int) -> ABDialog | None:
        a, b = self.cells.get(position), self.cells.get(other)
        if a is None or b is None or a.picture.isNull() or b.picture.isNull():
            return None
        dialog = ABDialog(a.picture, b.picture, a.title_text, b.title_text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ab_dialog = dialog
        dialog.show()
        return dialog

    def retry(self, position: int) -> None:
        """Send the cell's target again: a new member (a new job) of the same group."""
        cell = self.cells.get(position)
        group = self.group
        if cell is None or cell.member is None or group is None:
            return
        idx = cell.member.idx
        cell.set_waiting()
        cell.set_winner(False)
        self._update_others()
        studio, group_id = self.studio, group.id

        def work(report: Any) -> Group:
            new_idx = retry_member(studio, group_id, idx)
            report(Retrying(position, new_idx))
            on_member, on_event = reporter(report)
            runner = BatchRunner(
                studio, group_id, on_member=on_member, on_event=on_event, source="gui"
            )
            self.runners.append(runner)
            return runner.run(only={new_idx})

        self.summary.setText(self.tr("Sending again…"))
        self._began()
        ProgressOp(self, work, self._finished, self._progressed, pool=job_pool()).failure(
            self._failed
        ).run()

    def pick_winner(self, position: int) -> None:
        cell = self.cells.get(position)
        if cell is None or not cell.done or cell.path is None:
            return
        for p, other in self.cells.items():
            other.set_winner(p == position)
        self.winner_picked.emit(cell.path)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Compare"))
        self.prompt_label.set_full_text(
            self.tr("Prompt: %1").replace("%1", " ".join(self.prompt.split())),
            "<p>" + html.escape(self.prompt) + "</p>",  # rich text, so the tooltip wraps
        )
        self.compare_button.setText(self.tr("&Compare"))
        self.close_button.setText(self.tr("C&lose"))
        self.targets.setAccessibleName(self.tr("Targets"))
        self.grid_scroll.setAccessibleName(self.tr("Results"))
        self.note.setText(self._note_text())
        if self.targets.count():
            self.targets.name_rows()
            self._show_keyless()
        self.resume_button.setText(self.tr("&Send the targets not sent yet"))
        self.resume_button.setToolTip(
            self.tr("Resume this comparison: none of its targets is ever sent twice")
        )

    def _note_text(self) -> str:
        if self.group is not None and SPEC_KEY in self.group.spec:
            return self.tr("Each target edited the same input images with the prompt.")
        if self.editing and self.inputs is None:
            return self.tr(
                "Add an input image in Edit mode first: a comparison of edits sends every"
                " target the same picture (and its mask) to edit."
            )
        if self.editing:
            return self.tr(
                "Each target edits the input images (with the mask, if one is painted) with"
                " the prompt; models that cannot edit are greyed out, last in the list."
            )
        return self.tr(
            "Each target makes a new picture from the prompt. To compare edits of a"
            " picture, open Compare in Edit mode."
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
