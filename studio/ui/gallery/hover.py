"""Animated GIFs play in the gallery while the pointer rests on them.

Tiles show a still thumbnail (the first frame); hovering one that is a GIF
plays the file itself with a :class:`QMovie`, and the delegate paints the
current frame instead of the thumbnail until the pointer leaves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Signal
from PySide6.QtGui import QMouseEvent, QMovie, QPixmap
from PySide6.QtWidgets import QAbstractItemView
from shiboken6 import isValid

from studio.ui.gallery.model import GalleryModel


class HoverPlayer(QObject):
    """Plays the hovered tile's GIF; :meth:`frame_for` gives the delegate its frame."""

    #: the hovered GIF moved to another frame (its path)
    frame_changed = Signal(str)

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.path: str | None = None
        self._row = -1
        self._movie: QMovie | None = None
        self._frame = QPixmap()
        self._viewport = view.viewport()
        view.setMouseTracking(True)
        self._viewport.installEventFilter(self)

    def frame_for(self, path: str | None) -> QPixmap | None:
        if path is not None and path == self.path and not self._frame.isNull():
            return self._frame
        return None

    @property
    def movie(self) -> QMovie | None:
        return self._movie

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is not self._viewport or not isValid(self.view):  # the view is going away
            return False
        if event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self.hover(self.view.indexAt(event.position().toPoint()))
        elif event.type() == QEvent.Type.Leave:
            self.hover(QModelIndex())
        return False

    def hover(self, index: QModelIndex) -> None:
        """Play the GIF at ``index`` (stop with an invalid index or a still)."""
        model = self.view.model()
        path: str | None = None
        if index.isValid() and isinstance(model, GalleryModel):
            item = model.loaded_item(index.row())
            path = None if item is None else item.path or None
        if path == self.path:
            return
        self.stop()
        if path is None or not path.lower().endswith(".gif"):
            return
        self.path = path
        self._row = index.row()
        movie = QMovie(path, b"GIF", self)
        movie.setCacheMode(QMovie.CacheMode.CacheAll)
        movie.frameChanged.connect(self._on_frame)
        self._movie = movie
        movie.start()

    def stop(self) -> None:
        old_row = self._row
        if self._movie is not None:
            self._movie.stop()
            self._movie.deleteLater()
            self._movie = None
        self.path = None
        self._row = -1
        self._frame = QPixmap()
        if old_row >= 0:
            self._repaint(old_row)

    def _on_frame(self, _number: int) -> None:
        if self._movie is None or self.path is None:
            return
        self._frame = self._movie.currentPixmap()
        self._repaint(self._row)
        self.frame_changed.emit(self.path)

    def _repaint(self, row: int) -> None:
        if not isValid(self.view):
            return
        model = self.view.model()
        if model is not None and 0 <= row < model.rowCount():
            self.view.viewport().update(self.view.visualRect(model.index(row, 0)))
