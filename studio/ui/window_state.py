"""The main window's memory: its geometry and docks, the composer's state and the draft
prompt (window.ini), and the settings written back after a job or on close."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

from studio.core.request import Mode
from studio.jobs.op import BackgroundOp

if TYPE_CHECKING:
    from studio.core.service import Studio
    from studio.core.settings import Settings
    from studio.ui.compose_panel import ComposePanel
    from studio.ui.window_gallery import GallerySlot
    from studio.ui.window_notices import WindowNotices

log = logging.getLogger(__name__)


class WindowState(QMainWindow):
    """What the window remembers between starts (the first of its parts; see MainWindow)."""

    studio: Studio
    qsettings: QSettings
    compose: ComposePanel
    gallery_slot: GallerySlot
    jobs_dock: QDockWidget
    compose_dock: QDockWidget
    right_split: QSplitter
    _draft_timer: QTimer
    notices: WindowNotices

    def _collect_settings(self) -> Settings:
        s = self.studio.settings
        s.last_params = self.compose.last_params()
        s.more_options = self.compose.params.more_shown()
        return s

    def save_settings_async(self) -> None:
        from studio.core.settings import save_settings

        s = self._collect_settings()
        paths = self.studio.paths
        BackgroundOp(self, lambda: save_settings(paths, s), lambda _r: None).failure(
            self.notices.settings_not_saved
        ).run()

    def default_layout(self) -> None:
        """The first start's proportions: the picture takes most of the window."""
        width, height = self.width(), self.height()
        # a strip: the history's filters and one row of tiles, the jobs beside them
        strip = max(200, height // 4)
        history = self.gallery_slot.dock()  # the gallery, or its place before it is made
        bottom = [self.jobs_dock, history]
        self.resizeDocks(bottom, [strip] * len(bottom), Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.jobs_dock, history],
            [min(340, width // 4), width],
            Qt.Orientation.Horizontal,
        )
        compose_width = min(460, width * 3 // 8)
        self.resizeDocks([self.compose_dock], [compose_width], Qt.Orientation.Horizontal)

    def restore_state(self) -> None:
        q = self.qsettings
        geometry = q.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            # a first start: as large as the screen allows, up to 1440x900
            screen = self.screen().availableGeometry() if self.screen() else None
            width = min(1440, screen.width()) if screen else 1280
            height = min(900, screen.height() - 32) if screen else 820
            self.resize(width, height)
            self.default_layout()
        for key, target in (
            ("window/state", self.restoreState),
            ("window/right_split", self.right_split.restoreState),
        ):
            value = q.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                target(value)
        mode = str(q.value("compose/mode", "") or "")
        model = str(q.value("compose/model", "") or "")
        if model:
            self.compose.set_model(model)
        if mode in {m.value for m in Mode}:
            self.compose.set_mode(Mode(mode))
        self.compose.restore_last_params()  # the options last used with this model
        draft = str(q.value("compose/draft", "") or "")
        if draft and not self.compose.prompt.prompt():
            self.compose.prompt.set_prompt(draft)

    def save_state(self) -> None:
        q = self.qsettings
        q.setValue("window/geometry", self.saveGeometry())
        q.setValue("window/state", self.saveState())
        q.setValue("window/right_split", self.right_split.saveState())
        provider = self.compose.provider()
        q.setValue("compose/provider", provider.id if provider else "")
        q.setValue("compose/model", self.compose.model())
        q.setValue("compose/mode", self.compose.mode.value)
        q.sync()

    def save_draft(self) -> None:
        """Keep the prompt being written (window.ini): it is back on the next start."""
        self._draft_timer.stop()
        provider = self.compose.provider()
        self.qsettings.setValue("compose/draft", self.compose.prompt.prompt())
        self.qsettings.setValue("compose/provider", provider.id if provider else "")
        self.qsettings.setValue("compose/model", self.compose.model())
        self.qsettings.setValue("compose/mode", self.compose.mode.value)
        self.qsettings.sync()
