"""At start, a banner for a batch or comparison the studio did not finish (it closed,
or crashed): "A batch was not finished: 'a {animal} in {style}', 12 of 40 done.
Resume / Discard", or "A comparison was not finished: 'a heron', 2 of 4 targets left".

Nothing is sent until Resume is pressed; then the Batch panel continues a batch, and a
comparison's grid reopens and sends the targets never sent. Members that were being
sent when the studio stopped are marked interrupted and never sent again (their jobs'
journal recovery applies). Discard skips what was left.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from studio.jobs.op import BackgroundOp
from studio.ui.icons import icon

if TYPE_CHECKING:
    from studio.core.history.groups import Group
    from studio.core.service import Studio

log = logging.getLogger(__name__)

#: how much of a template the banner quotes
QUOTED = 60


def _is_compare(group: Group) -> bool:
    from studio.core.history.groups import GroupKind

    return group.kind is GroupKind.COMPARE


class BatchResumeBanner(QFrame):
    """Shown while unfinished batches or comparisons exist; acts on the oldest one."""

    #: the user asked to continue this group
    resume_requested = Signal(object)  # a Group (its module loads with the first look)

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.setObjectName("batchResumeBanner")
        self.setStyleSheet("#batchResumeBanner { background: rgba(60, 140, 230, 45); }")
        self.groups: list[Group] = []
        self.text = QLabel(self)
        self.text.setObjectName("batchResumeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.resume_button = QPushButton(self)
        self.resume_button.setObjectName("batchResume")
        self.resume_button.setIcon(icon("rotate-ccw"))
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("batchDiscard")
        self.discard_button.setIcon(icon("trash-2"))
        self.resume_button.clicked.connect(self.resume)
        self.discard_button.clicked.connect(self.discard)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.discard_button)
        self.retranslate_ui()
        self.hide()

    def start(self) -> None:
        """Look for unfinished batches and comparisons off the UI thread."""
        from studio.core.history.groups import GroupStore

        history = self.studio.history
        BackgroundOp(self, lambda: GroupStore(history).unfinished(), self.show_groups).failure(
            lambda exc: log.warning("looking for unfinished groups failed: %s", exc)
        ).run()
        self.sweep()

    def sweep(self) -> None:
        """Remove, off the UI thread, the input pictures no group names any more (left by
        a session that crashed): a bounded look, so a huge folder only slows a worker."""
        from studio.core.group_inputs import sweep_orphans

        history, root = self.studio.history, self.studio.paths.group_inputs_dir
        BackgroundOp(
            self,
            lambda: sweep_orphans(history, root),
            lambda n: log.info("removed %d unused group input folders", n) if n else None,
        ).failure(lambda exc: log.warning("sweeping group input folders failed: %s", exc)).run()

    def show_groups(self, groups: list[Group]) -> None:
        self.groups = list(groups)
        self.resume_button.setEnabled(True)
        self.discard_button.setEnabled(True)
        self.retranslate_ui()
        self.setVisible(bool(self.groups))

    def resume(self) -> None:
        if not self.groups:
            return
        group = self.groups[0]
        self.show_groups(self.groups[1:])
        self.resume_requested.emit(group)

    def discard(self) -> None:
        if not self.groups:
            return
        group = self.groups[0]
        self.resume_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        from studio.core.history.groups import GroupStore

        history = self.studio.history
        BackgroundOp(
            self, lambda: GroupStore(history).discard(group.id), lambda _: self._discarded(group)
        ).failure(lambda exc: self._discard_failed(exc)).run()

    def _discarded(self, group: Group) -> None:
        self.show_groups([g for g in self.groups if g.id != group.id])

    def _discard_failed(self, exc: BaseException) -> None:
        log.warning("discarding group %s failed: %s", self.groups[:1], exc)
        self.show_groups(self.groups)

    # --- text ---------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        group = self.groups[0] if self.groups else None
        if group is not None and _is_compare(group):
            self.resume_button.setText(self.tr("&Resume comparison"))
            self.resume_button.setToolTip(
                self.tr("Send the targets not sent yet; none is ever sent twice")
            )
            self.discard_button.setToolTip(
                self.tr("Skip the targets not sent yet; the answered ones stay")
            )
        else:
            self.resume_button.setText(self.tr("&Resume batch"))
            self.resume_button.setToolTip(
                self.tr("Send the members not sent yet; none is ever sent twice")
            )
            self.discard_button.setToolTip(self.tr("Skip what was left; the finished members stay"))
        self.discard_button.setText(self.tr("Discard"))
        if group is None:
            self.text.clear()
            return
        template = (
            group.template if len(group.template) <= QUOTED else group.template[:QUOTED] + "…"
        )
        if _is_compare(group):
            text = self._compare_text(group, template)
        else:
            from studio.core.history.groups import MemberState

            finished = sum(
                1 for m in group.members if m.state not in (MemberState.QUEUED, MemberState.SENDING)
            )
            text = (
                self.tr("A batch was not finished: “%1”, %2 of %3 done.")
                .replace("%1", template)
                .replace("%2", str(finished))
                .replace("%3", str(len(group.members)))
            )
        if len(self.groups) > 1:
            text += " " + self.tr("(%n more unfinished)", "", len(self.groups) - 1)
        self.text.setText(text)

    def _compare_text(self, group: Group, prompt: str) -> str:
        """The comparison, how many of its targets were never sent, and how many were on
        their way when the studio stopped (those are not sent again)."""
        from studio.core.history.groups import MemberState

        targets = len(group.spec.get("targets") or ()) or len(group.members)
        left = sum(1 for m in group.members if m.state is MemberState.QUEUED)
        sending = sum(1 for m in group.members if m.state is MemberState.SENDING)
        text = (
            self.tr(
                "A comparison was not finished: “%1”, %n of %2 target(s) left to send.", "", left
            )
            .replace("%1", prompt)
            .replace("%2", str(targets))
        )
        if sending:
            text += " " + self.tr(
                "%n target(s) were being sent when the studio stopped: not sent again.",
                "",
                sending,
            )
        return text

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
