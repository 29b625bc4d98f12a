"""The window's side of groups of jobs: the banner offering an unfinished batch or
comparison at start, the Batch panel or the compare grid that resumes it, and holding
running groups when the window closes (what was not sent stays queued for the next
start)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from studio.core.errors import StudioError
from studio.ui.batch_resume import BatchResumeBanner

if TYPE_CHECKING:
    from collections.abc import Callable

    from studio.core.history.groups import Group
    from studio.core.service import Studio
    from studio.ui.batch_panel import BatchPanel
    from studio.ui.compare_dialog import CompareDialog
    from studio.ui.window_notices import WindowNotices


class GroupWindows(QObject):
    """Owned by the main window; the banner goes into its layout."""

    def __init__(
        self,
        window: QMainWindow,
        studio: Studio,
        notices: WindowNotices,
        open_image: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.studio = studio
        self.notices = notices  # trouble goes to the window's error bar, with its reason
        self._open_image = open_image
        self.banner = BatchResumeBanner(studio)
        self.banner.resume_requested.connect(self.resume_group)
        self.batch_panel: BatchPanel | None = None
        self.compare_dialog: CompareDialog | None = None

    def resume_group(self, group: Group) -> None:
        """Continue an unfinished group offered by the banner."""
        from studio.core.history.groups import GroupKind

        if group.kind is GroupKind.COMPARE:
            self.resume_compare(group)
        else:
            self.resume_batch(group)

    def resume_compare(self, group: Group) -> CompareDialog:
        """Reopen ``group``'s grid and send the targets it never sent."""
        dialog = self._compare_dialog(group)
        dialog.resume_group(group)
        return dialog

    def _compare_dialog(self, group: Group) -> CompareDialog:
        from studio.ui.compare_dialog import CompareDialog

        dialog = CompareDialog(self.studio, group.template, {}, {}, None, self.window)
        dialog.winner_picked.connect(self._open_image)
        dialog.resuming.connect(self._resumed_elsewhere)
        self.compare_dialog = dialog
        dialog.show()
        return dialog

    def _resumed_elsewhere(self, group_id: int) -> None:
        """A reopened comparison is resumed from its grid: the banner no longer offers it."""
        banner = self.banner
        if any(g.id == group_id for g in banner.groups):
            banner.show_groups([g for g in banner.groups if g.id != group_id])

    def resume_batch(self, group: Group) -> BatchPanel | None:
        """Open the Batch panel on ``group`` and continue it."""
        panel = self._batch_panel(group, self.tr("The batch could not be resumed."))
        if panel is not None:
            panel.resume_group(group)
        return panel

    def _batch_panel(self, group: Group, failure: str) -> BatchPanel | None:
        """A shown Batch panel for ``group``'s target (None, and ``failure`` said in the
        error bar with the reason, when its provider is gone)."""
        from studio.core.batch import target_provider
        from studio.ui.batch_panel import BatchPanel

        if not group.members:
            return None
        target = group.members[0].target
        try:
            provider = target_provider(self.studio, target)
        except StudioError as err:
            self.notices.failed(failure, err)
            return None
        panel = BatchPanel(
            self.studio,
            provider,
            str(target.get("model", "")),
            dict(target.get("params") or {}),
            group.template,
            self.window,
        )
        panel.pictures_requested.connect(self.show_pictures)
        open_settings = getattr(self.window, "open_settings", None)
        if open_settings is not None:  # its provider's key, from the panel's note
            panel.settings_requested.connect(open_settings)
        self.batch_panel = panel
        panel.show()
        return panel

    def show_pictures(self, group_id: int) -> None:
        """The history lists only the batch ``group_id``'s jobs, one tile each, and holds
        the keyboard (the panel asking stepped aside: it would cover the history's strip)."""
        gallery = getattr(self.window, "gallery", None)
        if gallery is not None:
            gallery.show_group(group_id, "batch")
            self.window.activateWindow()
            gallery.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_batch(self, group_id: int) -> None:
        """The Batch panel of ``group_id`` again: the one that stepped aside for its
        pictures (a batch on its way still in it), else the batch reopened from history."""
        for panel in (getattr(self.window, "batch_panel", None), self.batch_panel):
            if panel is not None and panel.group is not None and panel.group.id == group_id:
                panel.show()
                panel.raise_()
                panel.activateWindow()
                return
        self.open_group(group_id)

    def open_group(self, group_id: int) -> None:
        """Reopen a group from history: a comparison as its grid, a batch as its panel."""
        from studio.core.history.groups import GroupStore
        from studio.jobs.op import BackgroundOp

        history = self.studio.history
        BackgroundOp(self, lambda: GroupStore(history).get(group_id), self._show_group).failure(
            lambda exc: self.notices.failed(self.tr("The group could not be opened."), exc)
        ).run()

    def retry_member(self, group_id: int, idx: int) -> None:
        """Retry asked on a member's tile in the history: its group opened as opening
        its tile does, that member ready to be sent again there as a new member (the
        grid's cell or the panel's Retry sends it; nothing is sent on its own)."""
        from studio.core.history.groups import GroupStore
        from studio.jobs.op import BackgroundOp

        history = self.studio.history
        BackgroundOp(
            self,
            lambda: GroupStore(history).get(group_id),
            lambda group: self._show_group(group, retry=idx),
        ).failure(
            lambda exc: self.notices.failed(self.tr("The group could not be opened."), exc)
        ).run()

    def _show_group(self, group: Group | None, retry: int | None = None) -> None:
        from studio.core.history.groups import GroupKind

        if group is None:
            self.notices.bar.show_notice(
                self.tr("The group could not be opened."),
                self.tr("This group is no longer in the history."),
            )
            return
        if group.kind is GroupKind.COMPARE:
            self._compare_dialog(group).show_group(group, retry)
            return
        panel = self._batch_panel(group, self.tr("The batch could not be opened."))
        if panel is not None:
            panel.show_group(group)
            if retry is not None:
                panel.offer_retry(retry)

    def hold(self) -> None:
        """The window is closing: running batches and comparisons send nothing more;
        the rest is kept."""
        from studio.ui.batch_panel import BatchPanel
        from studio.ui.compare_dialog import CompareDialog

        for panel in self.window.findChildren(BatchPanel):
            panel.hold()
        for dialog in self.window.findChildren(CompareDialog):
            dialog.hold()
