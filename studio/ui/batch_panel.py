"""The Batch panel: a prompt template over a table of values, run as a group of jobs.

The model, provider and parameters are the composer's when the panel opens; in Edit
mode each member edits the composer's input images (with its mask or markup), kept with
the group as a comparison's are (:mod:`studio.core.group_inputs`). A batch that ran
asks before it is sent again (each member would be paid for again). The
preview (count, estimated total, or the refused rows) is worked out on a worker; the
batch itself runs on a worker through the core runner, which reports each finished
member back here (done/total, failures, spent so far, ETA). Pause holds the queue,
Cancel skips what was not sent.

The model is named as the model picker names it (its id in the tooltip). A provider
that needs a key and has none (the keyring is asked off the UI thread) is said so under
the target, with a link to its page in Settings, and the batch cannot be started: every
member would fail before anything is sent. Once a key is saved the panel asks again
(:meth:`BatchPanel.providers_changed`).

The key asked, and most of what the panel says, are in its base
:class:`~studio.ui.batch_texts.BatchTexts`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.core.batch import (
    DEFAULT_CONCURRENCY,
    MAX_CONCURRENCY,
    BatchRunner,
    Progress,
    Target,
    plan_batch,
    resume_limits,
    retry_member,
    start_group,
)
from studio.core.group_inputs import SPEC_KEY, EditInputs, store_inputs
from studio.core.group_spend import group_spent
from studio.core.history.groups import Group, GroupKind, GroupStatus, MemberSpec, MemberState
from studio.core.templates import TemplateError
from studio.jobs.op import BackgroundOp, ProgressOp, job_pool
from studio.ui.announce import announce
from studio.ui.batch_retry import BatchRetry
from studio.ui.core_text import bad_row_text, failure_text, template_error_text
from studio.ui.theme import style_label, unstyle_label

if TYPE_CHECKING:
    from studio.core.providers import Provider
    from studio.core.service import Studio


# how often a running batch's progress is shown (ms)
PROGRESS_MS = 200


class BatchPanel(BatchRetry):
    #: show the pictures of the batch on show (its group id) in the history
    pictures_requested = Signal(int)
    # Settings at this provider's page (its id): the target's provider has no API key
    settings_requested = Signal(str)

    def __init__(
        self,
        studio: Studio,
        provider: Provider,
        model: str,
        params: dict[str, Any],
        template: str = "",
        parent: QWidget | None = None,
        *,
        editing: bool = False,
        inputs: EditInputs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batchPanel")
        self.studio = studio
        #: opened from Edit mode: each member edits ``inputs`` (none yet: nothing to edit)
        self.editing = editing
        self.inputs = inputs if editing else None
        #: the question asked before a batch that ran is sent again
        self.again_box: QMessageBox | None = None
        #: the batch on show (from the history, or resumed) edited input images
        self._group_edits = False
        self.target = Target(provider, model, dict(params))
        self.runner: BatchRunner | None = None
        self.group: Group | None = None
        self._members: list[MemberSpec] = []
        self._ticket = 0
        # the studio is closing: the runner stops without cancelling what runs
        self._holding = False
        # a batch is on its way (from Start until it ends)
        self._busy = False
        # what is on its way is one member retried (not the whole batch)
        self._retrying = False
        self._shown: Progress | None = None
        self.target_label = QLabel(self)
        # the target's provider needs a key and has none: the batch cannot start
        self.keyless = False
        self._asked = 0
        # says so, its provider's name a link to its page in Settings (hidden: a key)
        self.key_note = QLabel(self)
        self.key_note.setObjectName("batchKeyNote")
        self.key_note.setWordWrap(True)
        self.key_note.setTextFormat(Qt.TextFormat.RichText)
        self.key_note.linkActivated.connect(self.settings_requested.emit)
        style_label(self.key_note, "warning")
        self.key_note.hide()
        self.edit_note = QLabel(self)
        self.edit_note.setObjectName("batchEditNote")
        self.edit_note.setWordWrap(True)
        if editing and inputs is None:
            style_label(self.edit_note, "warning")  # there is nothing to edit yet
        self.edit_note.setVisible(editing)
        self.template = QLineEdit(template, self)
        self.template.setObjectName("batchTemplate")
        from studio.ui.library.picker import LibraryPicker

        self.picker = LibraryPicker(self.template, studio.paths)
        # how the template and the table fit together, under the template
        self.hint = QLabel(self)
        self.hint.setObjectName("batchHint")
        self.hint.setWordWrap(True)
        self.values = QPlainTextEdit(self)
        self.values.setObjectName("batchValues")
        # Tab goes on to the next field (a table with tabs in it comes pasted)
        self.values.setTabChangesFocus(True)
        self.concurrency = QSpinBox(self)
        self.concurrency.setObjectName("batchConcurrency")
        self.concurrency.setRange(1, MAX_CONCURRENCY)
        self.concurrency.setValue(DEFAULT_CONCURRENCY)
        self.cap = QDoubleSpinBox(self)
        self.cap.setObjectName("batchCap")
        self.cap.setRange(0.0, 100_000.0)
        self.cap.setDecimals(3)
        self.cap.setSingleStep(0.5)
        self.preview = QLabel(self)
        self.preview.setObjectName("batchPreview")
        self.preview.setWordWrap(True)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("batchProgress")
        self.status = QLabel(self)
        self.status.setObjectName("batchStatus")
        self.status.setWordWrap(True)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("batchStart")
        self.start_button.setEnabled(False)
        self.pause_button = QPushButton(self)
        self.pause_button.setObjectName("batchPause")
        self.pause_button.setEnabled(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("batchCancel")
        self.cancel_button.setEnabled(False)
        # a batch that ran (or one from the history): its pictures, listed in the history
        self.pictures_button = QPushButton(self)
        self.pictures_button.setObjectName("batchPictures")
        self.pictures_button.hide()
        self.pictures_button.clicked.connect(self._show_pictures)
        # a member asked to be retried from the history: what Retry sends, and the button
        # that sends it as a new member of this batch (hidden: none asked)
        self.retry_idx: int | None = None
        self.retry_note = QLabel(self)
        self.retry_note.setObjectName("batchRetryNote")
        self.retry_note.setWordWrap(True)
        self.retry_note.hide()
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("batchRetry")
        self.retry_button.hide()
        self.retry_button.clicked.connect(self.retry)
        # Close is Esc: the panel goes and a batch on its way runs on (its members land in
        # the history; closing the window keeps what it has not sent for the next start).
        # Cancel batch cancels it (and the title bar's button, as it always did)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("batchClose")
        self.close_button.clicked.connect(self.reject)
        self.form = QFormLayout()
        fields = (self.target_label, self.template, self.values, self.concurrency, self.cap)
        # the rows' labels (made here: an empty label text makes no label at all)
        self.form_labels = [QLabel(self) for _ in fields]
        for label, field in zip(self.form_labels, fields, strict=True):
            self.form.addRow(label, field)
            if field is self.target_label:
                self.form.addRow("", self.key_note)
            if field is self.template:
                self.form.addRow("", self.hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pictures_button)
        buttons.addStretch(1)
        shown = (
            self.retry_button,
            self.start_button,
            self.pause_button,
            self.cancel_button,
            self.close_button,
        )
        for b in (self.pictures_button, *shown):
            # Enter in the template must not send (and pay for) a whole batch
            b.setAutoDefault(False)
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit_note)
        layout.addLayout(self.form)
        layout.addWidget(self.preview)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.retry_note)
        layout.addLayout(buttons)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh_preview)
        # while a batch runs, its progress is read this often
        self._poll = QTimer(self)
        self._poll.setInterval(PROGRESS_MS)
        self._poll.timeout.connect(self._poll_progress)
        self.template.textChanged.connect(self._debounce.start)
        self.values.textChanged.connect(self._debounce.start)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button.clicked.connect(self.cancel)
        self.resize(560, 520)
        self.retranslate_ui()
        self._ask_key()

    # -- preview ------------------------------------------------------------------
    def waits_for_inputs(self) -> bool:
        """Opened in Edit mode before the composer had an input image, nothing run yet."""
        return self.editing and self.inputs is None and not self._busy and self.group is None

    def take_inputs(self, inputs: EditInputs) -> None:
        """The composer's input images, added while the panel waited for them."""
        if not self.waits_for_inputs():
            return
        self.inputs = inputs
        unstyle_label(self.edit_note)
        self.edit_note.setText(self._edit_note_text())
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Plan the batch on a worker; only the newest answer is shown."""
        if self._busy:
            return  # the batch on its way keeps the members it was started with
        self._ticket += 1
        ticket = self._ticket
        text, values = self.template.text().strip(), self.values.toPlainText()
        self._members = []
        self.start_button.setEnabled(False)
        if not text or not values.strip():
            self.preview.setText("")
            return
        if self.editing and self.inputs is None:
            return  # the note says to add an input image first
        inputs = self.inputs

        def shown(members: list[MemberSpec]) -> None:
            if ticket == self._ticket:
                self._planned(members)

        def refused(exc: BaseException) -> None:
            if ticket == self._ticket:
                self._refused(exc)

        BackgroundOp(
            self, lambda: plan_batch(self.studio, text, values, self.target, inputs), shown
        ).failure(refused).run()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, TemplateError):
            rows = "\n".join(
                "  "
                + self.tr("line %1: %2").replace("%1", str(b.line)).replace("%2", bad_row_text(b))
                for b in exc.bad_rows
            )
            more = exc.bad_count - len(exc.bad_rows)
            if more > 0:
                rows += "\n  " + self.tr("(%n more)", "", more)
            text = self.tr("Nothing can be sent: %1").replace("%1", template_error_text(exc))
            self.preview.setText(text + ("\n" + rows if rows else ""))
        else:
            self.preview.setText(self.tr("Nothing can be sent: %1").replace("%1", str(exc)))

    # -- running ------------------------------------------------------------------
    def start(self) -> None:
        members = self._members
        if not members or self.runner is not None or self.keyless:
            return
        if self.group is not None:  # this panel ran a batch: sending it again pays again
            self._ask_again(len(members))
            return
        self._start(members)

    def _ask_again(self, count: int) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Send the batch again?"))
        if self.target.provider.is_sandbox:  # nothing is paid on the offline sandbox
            text = self.tr("Send these %n prompt(s) again? Each is a new job.", "", count)
        else:
            text = self.tr(
                "Send these %n prompt(s) again? Each is a new job, paid for again.", "", count
            )
        box.setText(text)
        send = box.addButton(self.tr("&Send again"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        members = self._members

        def answered(button: QAbstractButton) -> None:
            if button is send and members is self._members and self.runner is None:
                self._start(members)

        box.buttonClicked.connect(answered)
        self.again_box = box
        box.open()

    def _start(self, members: list[MemberSpec]) -> None:
        template = self.template.text().strip()
        cap = self.cap.value() or None
        concurrency = self.concurrency.value()
        spec: dict[str, Any] = {"concurrency": concurrency, "max_cost": cap}
        studio, inputs = self.studio, self.inputs

        def make_group() -> int:
            if inputs is not None:
                spec[SPEC_KEY] = store_inputs(studio.paths.group_inputs_dir, inputs)
            return start_group(studio, GroupKind.BATCH, template, spec, members)

        self._run(make_group, concurrency, cap)

    def resume_group(self, group: Group) -> None:
        """Continue an unfinished batch (offered at start): its queued members are sent;
        those that were being sent when the studio stopped are marked interrupted and
        never sent again (their jobs' journal recovery applies)."""
        self._show_stored(group)
        concurrency, cap = resume_limits(group)
        self.concurrency.setValue(concurrency)
        self.cap.setValue(cap or 0.0)
        self.preview.setText(
            self.tr("Resuming an unfinished batch of %n prompt(s).", "", len(group.members))
            + self._first_prompts(group)
        )
        group_id = group.id
        self._run(lambda: group_id, concurrency, cap)

    def _show_stored(self, group: Group) -> None:
        """A stored batch's template; its table is not kept, so the Values box is off and
        empty (no example in it, which would read as this batch's values)."""
        self._debounce.stop()
        for editor in (self.template, self.values):
            editor.blockSignals(True)
        self.template.setText(group.template)
        self.values.setPlainText("")
        for editor in (self.template, self.values):
            editor.blockSignals(False)
        self.values.setEnabled(False)
        self.values.setPlaceholderText("")
        self._show_edits_of(group)

    @staticmethod
    def _first_prompts(group: Group) -> str:
        """The first prompts of a stored batch, a line each, as a preview lists them."""
        return "".join(f"\n  {m.prompt}" for m in group.members[:3])

    def hold(self) -> None:
        """The studio is closing: send nothing more and keep the rest for the next start."""
        if self.runner is not None:
            self._holding = True
            self.runner.stop()

    def _run(
        self,
        make_group: Callable[[], int],
        concurrency: int,
        cap: float | None,
        retry: int | None = None,
    ) -> None:
        """Run the group ``make_group`` names; with ``retry`` (a member's index) only a
        new member with that member's prompt is sent, the rest left as they are."""
        studio = self.studio

        def work(report: Any) -> Group:
            group_id = make_group()
            only = None if retry is None else {retry_member(studio, group_id, retry)}
            # no report per member: the panel reads the runner's progress a few times a
            # second (a thousand members finishing would be a thousand hand-overs of
            # the interpreter to the UI thread, each one a stall while workers run)
            runner = BatchRunner(studio, group_id, concurrency=concurrency, max_cost=cap)
            self.runner = runner
            report(runner.progress())
            return runner.run(only=only)

        self.runner = None
        self._holding = False
        self._busy = True
        self._debounce.stop()
        self._ticket += 1  # a preview still being worked out is no longer shown
        self.start_button.setEnabled(False)
        self.pause_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.template.setReadOnly(True)
        self.values.setReadOnly(True)
        self.status.setText(self.tr("Starting…"))
        self._retrying = retry is not None
        self._update_retry()
        self._poll.start()
        ProgressOp(self, work, self._finished, self._progressed, pool=job_pool()).failure(
            self._failed
        ).run()

    def _poll_progress(self) -> None:
        runner = self.runner
        if runner is not None:
            progress = runner.progress()
            if progress != self._shown:
                self._progressed(progress)

    def _progressed(self, progress: Progress) -> None:
        self._shown = progress
        self.progress_bar.setMaximum(max(1, progress.total))
        self.progress_bar.setValue(progress.done)
        self.status.setText(self._progress_text(progress))

    def toggle_pause(self) -> None:
        runner = self.runner
        if runner is None:
            return
        if self.pause_button.isChecked():
            runner.pause()
        else:
            runner.resume()
        self._retranslate_pause()
        self._progressed(runner.progress())  # says paused (or not) at once

    def cancel(self) -> None:
        if self.runner is not None:
            self.runner.cancel()
            self.cancel_button.setEnabled(False)

    def _finished(self, group: Group) -> None:
        if self._retrying:  # the whole batch as it is now, the new member counted
            self._idle()
            self.show_group(group)
            return
        self.group = group
        self.pause_button.setChecked(False)  # it ended: nothing is paused any more
        self.pictures_button.show()
        runner = self.runner
        if runner is not None:
            self._progressed(runner.progress())
        self.status.setText(self._ending_text(group, self.status.text()))
        announce(self.status, self.status.text())
        self._idle()

    def _ending_text(self, group: Group, progress: str) -> str:
        counts = group.counts()
        ending = {
            GroupStatus.FINISHED: self.tr("Finished"),
            GroupStatus.CANCELLED: self.tr("Cancelled"),
            GroupStatus.CAPPED: self.tr("Stopped by the spend cap"),
            GroupStatus.INTERRUPTED: self.tr("Stopped; the rest is kept for the next start"),
            GroupStatus.RUNNING: self.tr("Not finished"),
            GroupStatus.PAUSED: self.tr("Not finished"),
        }.get(group.status, group.status.value)
        text = (
            self.tr("%1: %2 of %3 succeeded.")
            .replace("%1", ending)
            .replace("%2", str(counts.get("succeeded", 0)))
            .replace("%3", str(len(group.members)))
            + "\n"
            + progress
        )
        interrupted = counts.get("interrupted", 0)
        if interrupted:
            text += "\n" + self.tr(
                "%n member(s) were being sent when the studio stopped: not sent again.",
                "",
                interrupted,
            )
        return text

    def show_group(self, group: Group) -> None:
        """Show a batch from history: its template, how far it got, what it cost."""
        self._show_stored(group)
        self.template.setReadOnly(True)
        self.start_button.setEnabled(False)
        self.group = group
        self.pictures_button.show()
        self._show_edits_of(group)
        # the batch's own cap, which a retry of one of its members keeps
        self.cap.setValue(resume_limits(group)[1] or 0.0)
        self.cap.setEnabled(False)
        open_states = (MemberState.QUEUED, MemberState.SENDING)
        done = sum(1 for m in group.members if m.state not in open_states)
        succeeded = sum(1 for m in group.members if m.state is MemberState.SUCCEEDED)
        spent = group_spent(group)
        progress = Progress(len(group.members), done, done - succeeded, spent, None, group.status)
        self._progressed(progress)
        self.preview.setText(
            self.tr("A batch of %n prompt(s) from the history.", "", len(group.members))
            + self._first_prompts(group)
        )
        self.status.setText(self._ending_text(group, self.status.text()))

    def _prompts_line(self, count: int, total: str | None) -> str:
        """The plan's first line: how many prompts, about what they cost in all (``total``,
        None when the model gives no estimate)."""
        if total is not None:
            return self.tr("%n prompt(s), about %1 in all. First:", "", count).replace("%1", total)
        # as the composer says it: a model may have rates but no token counts per picture
        return self.tr(
            "%n prompt(s) (no estimate for this model: each cost shows after its job). First:",
            "",
            count,
        )

    def _show_pictures(self) -> None:
        """Its pictures in the history, the panel out of their way (the history's Back to
        the Batch shows it again; a batch on its way runs on meanwhile)."""
        if self.group is not None:
            self.hide()
            self.pictures_requested.emit(self.group.id)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The batch stopped: %1").replace("%1", failure_text(exc)))
        announce(self.status, self.status.text(), urgent=True)
        self._idle()

    def _idle(self) -> None:
        self._poll.stop()
        self.runner = None
        self._busy = False
        self.pause_button.setChecked(False)
        self.pause_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.template.setReadOnly(False)
        self.values.setReadOnly(False)
        self.start_button.setEnabled(self._can_start())
        self._retrying = False
        self._update_retry()
        self._retranslate_pause()

    # -- text -----------------------------------------------------------------------
    def _show_edits_of(self, group: Group) -> None:
        """A batch from the history or resumed says whether its prompts edited pictures."""
        self._group_edits = SPEC_KEY in group.spec
        self.edit_note.setVisible(self._group_edits)
        self.edit_note.setText(self._edit_note_text())
