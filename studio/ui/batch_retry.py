"""A batch member asked to be retried from the history (a part of BatchPanel): named
under the progress, and sent again as a new member of its batch when Retry is pressed.
A batch that had a spend cap keeps it: what it already spent counts, and a retry that
could pass the cap is refused, the note saying why (the runner checks it again)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from studio.core.batch import refused_for_key, resume_limits
from studio.core.group_spend import retry_spend, target_currency
from studio.core.history.groups import Group, Member, MemberState
from studio.core.money import money
from studio.ui.batch_texts import BatchTexts


class BatchRetry(BatchTexts):
    """Retry of one member of the batch on show (see BatchPanel)."""

    group: Group | None
    retry_idx: int | None
    retry_note: QLabel
    _run: Callable[..., None]

    def offer_retry(self, idx: int) -> None:
        """Retry asked on member ``idx``'s tile in the history (the batch on show): it is
        named under the progress, and Retry sends its prompt again as a new member of
        this batch; nothing is sent until it is pressed. A member whose provider had no
        key, that was sent again since, or that could take the batch past its spend cap,
        is not offered."""
        group = self.group
        member = None if group is None else next((m for m in group.members if m.idx == idx), None)
        if group is None or member is None:
            return
        since = any(
            m.idx > idx and m.prompt == member.prompt and m.target == member.target
            for m in group.members
        )
        refused = member.state is MemberState.REFUSED or refused_for_key(member.error)
        capped = self._over_cap(group, member)
        self.retry_idx = None if since or refused or capped else idx
        if since:
            text = self.tr("“%1” was sent again since: its newest job is in the history.")
        elif refused:
            text = self.tr("“%1” was refused before anything was sent: it would be again.")
        elif capped:
            text = capped
        else:
            text = self.tr("Retry sends “%1” again, as a new job in this batch.")
        self.retry_note.setText(text.replace("%1", member.prompt))
        self.retry_note.show()
        self._update_retry()
        if self.retry_button.isEnabled():
            self.retry_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _over_cap(self, group: Group, member: Member) -> str:
        """Why sending ``member`` again could take ``group`` past its spend cap ("%1" its
        prompt), or "" when it fits (or the batch has no cap)."""
        cap = resume_limits(group)[1]
        spent = retry_spend(group, member, cap)
        if cap is None or spent is None:
            return ""
        currency = target_currency(member.target)
        if member.estimate is None:
            text = self.tr(
                "Retrying “%1” could take this batch past its spend cap of %3: its price is"
                " not known. It is not sent."
            )
        else:
            text = self.tr(
                "Retrying “%1” could take this batch past its spend cap: %2 of %3 spent,"
                " and it costs about %4. It is not sent."
            ).replace("%4", money(member.estimate, currency))
        return text.replace("%2", money(spent, currency)).replace("%3", money(cap, currency))

    def retry(self) -> None:
        """Send the member offered for a retry again, as a new member of this batch,
        under the batch's spend cap (if it had one)."""
        group, idx = self.group, self.retry_idx
        if group is None or idx is None or self._busy or self.keyless:
            return
        self.retry_idx = None
        self.retry_note.hide()
        group_id = group.id
        self._run(lambda: group_id, self.concurrency.value(), resume_limits(group)[1], retry=idx)

    def _update_retry(self) -> None:
        """Retry shows while a member is offered, and works when nothing else runs and
        the provider has a key (the key note says so otherwise)."""
        offered = self.retry_idx is not None
        self.retry_button.setVisible(offered)
        self.retry_button.setEnabled(offered and not self._busy and not self.keyless)
