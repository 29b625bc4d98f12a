"""The history toolbar's view choices: the tile size (small, medium, large) and a list
view with columns, both remembered in the window's settings; and keeping the list and
the grid on the same selection, so every action works the same in either."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, QPoint, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from studio.ui.icons import icon

if TYPE_CHECKING:
    from studio.ui.gallery.dock import GalleryDock

#: the tile sizes offered (the thumbnail box, logical pixels)
SIZES = {"small": 112, "medium": 160, "large": 240}
TILE_KEY = "gallery/tile_box"
LIST_KEY = "gallery/list_view"


class ViewOptions(QObject):
    def __init__(self, dock: GalleryDock, parent: QWidget) -> None:
        super().__init__(dock)
        self.dock = dock
        self.settings: QSettings | None = None
        self._mirroring = False
        self.size_button = QToolButton(parent)
        self.size_button.setObjectName("galleryTileSize")
        self.size_button.setIcon(icon("zoom-in"))
        self.size_button.setAutoRaise(True)
        self.size_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.size_button)
        group = QActionGroup(self)
        self.size_actions: dict[str, QAction] = {}
        for name, box in SIZES.items():
            action = menu.addAction("")
            action.setObjectName(f"galleryTile_{name}")
            action.setCheckable(True)
            action.setData(box)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, box=box: self.choose_size(box))
            self.size_actions[name] = action
        self.size_button.setMenu(menu)
        self.list_button = QToolButton(parent)
        self.list_button.setObjectName("galleryListView")
        self.list_button.setIcon(icon("list"))
        self.list_button.setAutoRaise(True)
        self.list_button.setCheckable(True)
        self.list_button.toggled.connect(self.show_list)
        self._show_size(dock.delegate.box)

        table = dock.table
        table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows go along it
        table.selectionModel().selectionChanged.connect(self._table_selected)
        table.selectionModel().currentChanged.connect(self._table_selected)
        grid = dock.view.selectionModel()
        grid.selectionChanged.connect(self._grid_selected)
        grid.currentChanged.connect(self._grid_selected)
        table.doubleClicked.connect(lambda _i: dock._open())
        table.customContextMenuRequested.connect(self._table_menu)
        table.sort_requested.connect(dock.set_oldest_first)
        table.verticalScrollBar().valueChanged.connect(lambda _v: dock._view_moved())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        words = {
            "small": self.tr("Small Tiles"),
            "medium": self.tr("Medium Tiles"),
            "large": self.tr("Large Tiles"),
        }
        for name, action in self.size_actions.items():
            action.setText(words[name])
        self.size_button.setToolTip(self.tr("Tile size (Ctrl+wheel for any size)"))
        self.list_button.setToolTip(self.tr("List with columns"))
        # icon-only: a screen reader says these words, not nothing
        self.size_button.setAccessibleName(self.tr("Tile size"))
        self.list_button.setAccessibleName(self.tr("List with columns"))

    # -- choices -----------------------------------------------------------------

    def use_settings(self, settings: QSettings) -> None:
        """Remember the choices in ``settings`` (and take the ones kept there)."""
        self.settings = settings
        box = settings.value(TILE_KEY)
        if box is not None:
            with contextlib.suppress(ValueError):  # a hand-edited file: the default stays
                self.dock.set_tile_size(int(str(box)))
        self.list_button.setChecked(str(settings.value(LIST_KEY, "false")).lower() == "true")

    def choose_size(self, box: int) -> None:
        self.dock.set_tile_size(box)

    def size_changed(self, box: int) -> None:
        """The user's tile size changed (a menu choice or Ctrl+wheel)."""
        self._show_size(box)
        if self.settings is not None:
            self.settings.setValue(TILE_KEY, box)

    def _show_size(self, box: int) -> None:
        for action in self.size_actions.values():
            action.setChecked(action.data() == box)

    def listing(self) -> bool:
        return self.list_button.isChecked()

    def show_list(self, on: bool) -> None:
        dock = self.dock
        dock.pages.setCurrentWidget(dock.table if on else dock.view)
        (dock.table if on else dock.view).setFocus()
        dock._fit_tiles()
        if self.settings is not None:
            self.settings.setValue(LIST_KEY, on)
        dock._view_moved()

    # -- one selection for both views --------------------------------------------

    def _table_selected(self, *_args: object) -> None:
        if self._mirroring:
            return
        self._mirroring = True
        try:
            dock, table = self.dock, self.dock.table
            chosen = QItemSelection()
            for index in table.selectionModel().selectedRows():
                row = dock.model.index(index.row())
                chosen.select(row, row)
            grid = dock.view.selectionModel()
            grid.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            current = table.currentIndex()
            if current.isValid():
                grid.setCurrentIndex(
                    dock.model.index(current.row()), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            self._mirroring = False

    def _grid_selected(self, *_args: object) -> None:
        if self._mirroring:
            return
        self._mirroring = True
        try:
            dock, table = self.dock, self.dock.table
            columns = table.columns
            last = columns.columnCount() - 1
            chosen = QItemSelection()
            for index in dock.view.selectionModel().selectedIndexes():
                chosen.select(columns.index(index.row(), 0), columns.index(index.row(), last))
            model = table.selectionModel()
            model.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            current = dock.view.currentIndex()
            if current.isValid():
                model.setCurrentIndex(
                    columns.index(current.row(), 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            self._mirroring = False

    def _table_menu(self, pos: QPoint) -> None:
        table = self.dock.table
        row = table.rowAt(pos.y())
        if row >= 0 and not table.selectionModel().isRowSelected(row):
            table.selectRow(row)
        self.dock._update_actions()
        menu = self.dock.build_menu()
        menu.exec(table.viewport().mapToGlobal(pos))
        menu.deleteLater()
