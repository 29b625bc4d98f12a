"""The history dock at start: a placeholder stands in the gallery's place for the first
paint, and the gallery itself (its modules, its model, its first page) is made right
after that paint, or at once when code asks for ``window.gallery``.

The placeholder carries the gallery's object name, so the window's remembered layout
(``window/state``) places it; when the gallery is made it takes exactly that place
(visible or folded away, docked or floating) and the View menu's History entry.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QLabel

from studio.ui.icons import icon

if TYPE_CHECKING:
    from studio.ui.gallery import GalleryDock
    from studio.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DOCK_NAME = "galleryDock"


class GallerySlot:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.gallery: GalleryDock | None = None
        self._made = False
        self.placeholder: QDockWidget | None = QDockWidget(window)
        self.placeholder.setObjectName(DOCK_NAME)
        self.placeholder.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self._label = QLabel(self.placeholder)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setEnabled(False)  # a passing note, in the muted text colour
        self.placeholder.setWidget(self._label)
        self.retranslate()

    def dock(self) -> QDockWidget:
        """The dock in the history's place now: the gallery once made, else the placeholder."""
        if self.gallery is not None:
            return self.gallery
        assert self.placeholder is not None
        return self.placeholder

    def retranslate(self) -> None:
        if self.placeholder is None:
            return
        self.placeholder.setWindowTitle(QCoreApplication.translate("GalleryDock", "History"))
        self._label.setText(QCoreApplication.translate("GallerySlot", "Loading the history…"))

    def make(self) -> GalleryDock | None:
        """The gallery, made now if it was not yet (None: it could not be made)."""
        if self._made:
            return self.gallery
        self._made = True
        from studio.ui.gallery import GalleryDock

        window = self.window
        try:
            # no parent until it is docked: a failed constructor leaves no orphan child
            gallery = GalleryDock(window.studio.history)
        except Exception:
            log.exception("history gallery could not be created")
            self._label.setText(
                QCoreApplication.translate("GallerySlot", "The history could not be shown.")
            )
            return None
        self._take_place(gallery)
        self.gallery = gallery
        window.history_actions.attach_gallery(gallery)
        from studio.ui.gallery.window_links import link_gallery

        link_gallery(window)  # group and thread tiles, view choices
        window._apply_file_options()
        window.history_actions.update_upload()
        return gallery

    def _take_place(self, gallery: GalleryDock) -> None:
        """Put ``gallery`` where the placeholder is, as it is (shown, folded, floating)."""
        window, old = self.window, self.placeholder
        assert old is not None
        focused = window.focusWidget()  # typing goes on where it was (the prompt, at start)
        state = window.saveState()
        folded = old.isHidden()
        old.setObjectName("")
        window.removeDockWidget(old)
        gallery.setObjectName(DOCK_NAME)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, gallery)
        window.restoreState(state)
        # explicitly: docking a parentless widget queues a "show unless hidden" that
        # restoreState's own hiding does not stop
        gallery.setVisible(not folded)
        if focused is not None and window.focusWidget() is not focused:
            focused.setFocus(Qt.FocusReason.OtherFocusReason)
        # the View menu's History entry now folds the gallery
        before = old.toggleViewAction()
        action = gallery.toggleViewAction()
        action.setIcon(icon("history"))
        for menu in (window.view_menu,):
            if before in menu.actions():
                menu.insertAction(before, action)
                menu.removeAction(before)
        window.removeAction(before)
        old.deleteLater()
        self.placeholder = None
