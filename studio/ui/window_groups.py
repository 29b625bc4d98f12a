"""The window's side of groups of jobs: the banner offering an unfinished batch at
start, the Batch panel that resumes it, and holding running batches when the window
closes (what was not sent stays queued for the next start)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from studio.core.errors import StudioError
from studio.core.history.groups import Group
from studio.ui.batch_resume import BatchResumeBanner

if TYPE_CHECKING:
    from studio.core.service import Studio
    from studio.ui.batch_panel import BatchPanel


class GroupWindows(QObject):
    """Owned by the main window; the banner goes into its layout."""

    def __init__(self, window: QMainWindow, studio: Studio) -> None:
        super().__init__(window)
        self.window = window
        self.studio = studio
        self.banner = BatchResumeBanner(studio)
        self.banner.resume_requested.connect(self.resume_batch)
        self.batch_panel: BatchPanel | None = None

    def resume_batch(self, group: Group) -> BatchPanel | None:
        """Open the Batch panel on ``group`` and continue it."""
        from studio.core.batch import target_provider
        from studio.ui.batch_panel import BatchPanel
        from studio.ui.core_text import error_text

        if not group.members:
            return None
        target = group.members[0].target
        try:
            provider = target_provider(self.studio, target)
        except StudioError as err:
            self.window.statusBar().showMessage(error_text(err), 10_000)
            return None
        panel = BatchPanel(
            self.studio,
            provider,
            str(target.get("model", "")),
            dict(target.get("params") or {}),
            group.template,
            self.window,
        )
        self.batch_panel = panel
        panel.show()
        panel.resume_group(group)
        return panel

    def hold(self) -> None:
        """The window is closing: running batches send nothing more; the rest is kept."""
        from studio.ui.batch_panel import BatchPanel

        for panel in self.window.findChildren(BatchPanel):
            panel.hold()
