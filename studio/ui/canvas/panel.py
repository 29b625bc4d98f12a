"""``MaskEditorPanel``: the mask canvas with its tool bar, as the main window embeds it.

The tool buttons come from the tool registry (``tools/``): one checkable button
per registered tool, with its label, tip and icon.

Everything a control does is also a public method of the panel or the canvas,
so the main window and the tests can drive it without dialogs. Messages (import
results, errors, saved files) show in a line under the tool bar, never in a
modal box, so painting is never interrupted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.ui.canvas.markup_bar import MarkupBar
from studio.ui.canvas.panel_modes import ModesMixin
from studio.ui.canvas.panel_texts import TextsMixin
from studio.ui.canvas.tools import (
    MAX_BRUSH,
    MIN_BRUSH,
    CanvasMode,
    CanvasTool,
    Tool,
    ViewMode,
    registered_tools,
)
from studio.ui.canvas.widget import MaskCanvas
from studio.ui.icons import icon
from studio.ui.theme import tone

IMAGE_FILTER = "Images (*.png *.webp *.jpg *.jpeg *.bmp);;All files (*)"


class MaskEditorPanel(ModesMixin, TextsMixin, QWidget):
    mask_changed = Signal()
    # the markup changed, or the mode did (what a job sends changed)
    markup_changed = Signal()
    #: Expand… was chosen (the compose panel owns the inputs it changes)
    expand_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = MaskCanvas(self)
        self._tool_buttons: dict[CanvasTool, QToolButton] = {}
        self._export_cache: bytes | None = None
        self._export_cached = False
        self._export_token = 0
        self._tool_actions: dict[CanvasTool, QAction] = {}
        # controls of Mask mode only (hidden in Markup mode)
        self._mask_actions: list[QAction] = []
        self._last_tool = {CanvasMode.MASK: Tool.BRUSH, CanvasMode.MARKUP: Tool.MARKUP_PEN}
        self._markup_available = True
        # the model that takes no markup, named on the greyed Markup button ("" when none)
        self._markup_refuser = ""
        #: the notice line's words, said again on a language change (None: fixed text)
        self._notice_words: Callable[[], str] | None = None
        # asks whether to keep the other mode's content: True keep, False clear, None stay
        self.ask_keep: Callable[[CanvasMode], bool | None] = self._ask_keep

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        rows.addWidget(self._build_tools_row())
        self.markup_bar = MarkupBar(self.canvas, self)
        rows.addWidget(self.markup_bar)
        rows.addWidget(self._build_view_row())
        rows.addLayout(self._build_notice_row())
        rows.addWidget(self.canvas, 1)

        self.canvas.mask_changed.connect(self._on_mask_changed)
        self.canvas.zoom_changed.connect(self._on_zoom_changed)
        self.canvas.size_changed.connect(lambda _s: self._sync_sizes())
        self.canvas.tool_changed.connect(self._on_tool_changed)
        self.canvas.image_changed.connect(self._on_image_changed)
        self.canvas.markup_changed.connect(self.markup_changed)
        self.canvas.mode_changed.connect(self._on_mode_changed)
        self.retranslate_ui()
        self._on_image_changed()
        self._apply_mode()

    # -- construction (the words come from retranslate_ui) ------------------------------
    def _button(self, slot: object = None, icon_name: str | None = None) -> QToolButton:
        b = QToolButton(self)
        if icon_name:
            b.setIcon(icon(icon_name))
            b.setIconSize(QSize(16, 16))
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Tab reaches it, but a click leaves the keyboard focus on the canvas ([ ] keep working)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if slot is not None:
            b.clicked.connect(slot)
        return b

    def _toolbar(self, name: str) -> QToolBar:
        """A row of controls; when the panel is narrow the rest folds into a » menu."""
        bar = QToolBar(name, self)
        bar.setObjectName(name)
        bar.setMovable(False)
        bar.setFloatable(False)
        # icons with their words beside them: the words teach, the icons find
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(16, 16))
        return bar

    def _build_tools_row(self) -> QToolBar:
        row = self._toolbar("mask-tools")
        self.mask_mode_button = self._button(self._to_mask, "spray-can")
        self.markup_mode_button = self._button(self._to_markup, "pen-tool")
        mode_group = QButtonGroup(self)
        for b in (self.mask_mode_button, self.markup_mode_button):
            b.setCheckable(True)
            mode_group.addButton(b)
            row.addWidget(b)
        self.mask_mode_button.setChecked(True)
        row.addSeparator()
        self._tool_group = QButtonGroup(self)
        self._tool_group.setExclusive(True)
        for tool in registered_tools():
            b = self._button(None, tool.icon)
            b.setObjectName(f"tool-{tool.id}")
            # a palette of icons, as in any paint program: the name and key are in the tip,
            # so the row keeps Undo and Redo in view at 1366 px in every language
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            b.setCheckable(True)
            b.clicked.connect(lambda _checked=False, t=tool: self.canvas.set_tool(t))
            self._tool_group.addButton(b)
            self._tool_buttons[tool] = b
            self._tool_actions[tool] = row.addWidget(b)
        self._tool_buttons[self.canvas.tool].setChecked(True)

        self.brush_size = self._size_box(self.canvas.set_brush_size)
        self.eraser_size = self._size_box(self.canvas.set_eraser_size)
        self.brush_label = QLabel(self)
        self.eraser_label = QLabel(self)
        for lab, box in (
            (self.brush_label, self.brush_size),
            (self.eraser_label, self.eraser_size),
        ):
            lab.setBuddy(box)
            self._mask_actions += [row.addWidget(lab), row.addWidget(box)]
        self._sync_sizes()

        # actions the tool bar makes its own buttons for: when the row is too narrow,
        # the ones cut off are listed in its » menu (a widget added to it would not be)
        self.undo_button = self._row_action(row, self.canvas.undo_stack.undo, "undo-2")
        self.redo_button = self._row_action(row, self.canvas.undo_stack.redo, "redo-2")
        undo, redo = self.undo_button.defaultAction(), self.redo_button.defaultAction()
        self.canvas.undo_stack.canUndoChanged.connect(undo.setEnabled)
        self.canvas.undo_stack.canRedoChanged.connect(redo.setEnabled)
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.clear_button = self._row_action(row, self.clear, "trash-2")
        self.invert_button = self._row_action(row, self.canvas.invert_mask, "contrast")
        self.fill_button = self._row_action(row, self.canvas.fill_mask, "paint-bucket")
        for b in (self.invert_button, self.fill_button):
            self._mask_actions.append(b.defaultAction())
        return row

    def _row_action(self, row: QToolBar, slot: Callable[[], object], icon_name: str) -> QToolButton:
        """An action of ``row`` with its icon; the button the row made for it is returned."""
        action = QAction(icon(icon_name), "", self)
        action.triggered.connect(lambda _checked=False: slot())
        row.addAction(action)
        button = row.widgetForAction(action)
        assert isinstance(button, QToolButton)
        # Tab reaches it, but a click leaves the keyboard focus on the canvas ([ ] keep working)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def _size_box(self, setter: object) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(MIN_BRUSH, MAX_BRUSH)
        box.setSuffix(" px")
        box.valueChanged.connect(setter)
        return box

    def _build_view_row(self) -> QToolBar:
        row = self._toolbar("mask-view")
        self.color_button = self._button(self._choose_color, "palette")
        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(round(self.canvas.overlay_opacity() * 100))
        self.opacity.setMaximumWidth(140)
        self.opacity.valueChanged.connect(lambda v: self.canvas.set_overlay_opacity(v / 100))
        self.view_mode = QComboBox(self)
        # sized again whenever its words change (a language switch), not only when first shown
        self.view_mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for mode in (ViewMode.IMAGE_AND_MASK, ViewMode.MASK_ONLY, ViewMode.IMAGE_ONLY):
            self.view_mode.addItem("", mode)
        self.view_mode.currentIndexChanged.connect(
            lambda _i: self.canvas.set_view_mode(self.view_mode.currentData())
        )
        self.fit_button = self._button(self.canvas.fit_to_view, "shrink")
        self.actual_button = self._button(self.canvas.actual_size, "scan")
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(56)
        self.coverage_label = QLabel(self)
        self.import_button = self._button(self._choose_import, "file-input")
        self.expand_button = self._button(self.expand_requested.emit, "expand")
        self.export_button = self._button(self._choose_export, "file-output")
        self.opacity_label = QLabel(self)
        self.opacity_label.setBuddy(self.opacity)
        for w in (self.color_button, self.opacity_label, self.opacity, self.view_mode):
            self._mask_actions.append(row.addWidget(w))
        for w in (self.fit_button, self.actual_button, self.zoom_label):
            row.addWidget(w)
        self._mask_actions.append(row.addWidget(self.coverage_label))
        spacer = QWidget(row)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(spacer)
        row.addWidget(self.expand_button)
        self._mask_actions.append(row.addWidget(self.import_button))
        self._mask_actions.append(row.addWidget(self.export_button))
        return row

    def _build_notice_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_invert = self._button(self.canvas.invert_mask)
        self.notice_invert.setVisible(False)
        self.notice.setVisible(False)
        row.addWidget(self.notice, 1)
        row.addWidget(self.notice_invert)
        return row

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def controls(self) -> list[QWidget]:
        """Every interactive control of the panel (for focus order and accessibility checks)."""
        return [
            self.mask_mode_button,
            self.markup_mode_button,
            *self._tool_buttons.values(),
            self.brush_size,
            self.eraser_size,
            self.undo_button,
            self.redo_button,
            self.clear_button,
            self.invert_button,
            self.fill_button,
            self.color_button,
            self.opacity,
            self.view_mode,
            self.fit_button,
            self.actual_button,
            self.import_button,
            self.export_button,
            self.expand_button,
            self.notice_invert,
            *self.markup_bar.controls(),
        ]

    # -- public API (used by the main window) ---------------------------------------------
    def set_image(self, image: QImage | str | Path) -> None:
        """Show an image with a fresh, empty mask. Raises ValueError if it cannot be read."""
        try:
            self.canvas.load_image(image)
        except ValueError as exc:
            self._show_error(str(exc))
            raise
        self._show_message("")

    def export_mask_png(self) -> bytes | None:
        """The API mask file, or None when nothing is marked (or no image is loaded).

        Encodes on the calling (UI) thread, about 40 ms at 1024² and 100 ms at 4096²;
        the result is kept until the mask changes, so asking twice costs nothing.
        Prefer :meth:`export_mask_async` when calling on every ``mask_changed``."""
        if not self._export_cached:
            empty = (
                not self.canvas.has_image()
                or self.canvas.mask_is_empty()
                or self.canvas.mode() is CanvasMode.MARKUP  # kept for later, not sent
            )
            self._export_cache = None if empty else self.canvas.export_mask_png()
            self._export_cached = True
        return self._export_cache

    def export_mask_async(
        self,
        callback: Callable[[bytes | None], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Like :meth:`export_mask_png`, encoded in a worker; ``callback`` runs on the UI thread."""
        if (
            self._export_cached
            or not self.canvas.has_image()
            or self.canvas.mask_is_empty()
            or self.canvas.mode() is CanvasMode.MARKUP
        ):
            callback(self.export_mask_png())
            return
        token = self._export_token

        def done(data: bytes) -> None:
            if token == self._export_token:  # the mask did not change meanwhile
                self._export_cache, self._export_cached = data, True
            callback(data)

        self.canvas.export_async(done, on_error)

    def clear(self) -> None:
        """Unmark everything, or remove every annotation in Markup mode (one undo step)."""
        if self.canvas.mode() is CanvasMode.MARKUP:
            self.canvas.clear_markup()
        else:
            self.canvas.clear_mask()

    def import_mask_file(self, path: str | Path) -> bool:
        """Import a mask file; on failure the reason is shown and False returned."""
        p = Path(path)
        try:
            data = p.read_bytes()
            self.canvas.set_mask_from_png(data, name=p.name)
        except (OSError, ValueError) as exc:
            self._show_error(str(exc))
            return False
        imported = self.canvas.last_import
        alpha = imported is not None and imported.style.value == "alpha"

        def words() -> str:
            how = (
                self.tr("transparent pixels mark the edit")
                if alpha
                else self.tr("black pixels mark the edit")
            )
            return self.tr("Imported {name} ({how}). Wrong way round?").format(name=p.name, how=how)

        self._show_message(words)
        self.notice_invert.setVisible(True)
        return True

    def save_mask_file(self, path: str | Path) -> None:
        """Encode and write the mask file in a worker; the result is shown when done."""
        target = Path(path)
        if not self.canvas.has_image():
            self._show_error(lambda: self.tr("Open an image first."))
            return
        self._show_message(lambda: self.tr("Saving {name}…").format(name=target.name))
        self.canvas.export_async(
            lambda data: self._show_message(
                lambda: self.tr("Saved {name} ({kb} kB).").format(
                    name=target.name, kb=len(data) // 1024
                )
            ),
            lambda err: self._show_error(
                lambda: self.tr("Could not save {name}: {err}").format(name=target.name, err=err)
            ),
            save_to=target,
        )

    # -- reactions -----------------------------------------------------------------------------
    def _show_message(self, words: str | Callable[[], str]) -> None:
        """Show a line under the tool bar; ``words`` as a function are said again in the
        new language when it changes."""
        self.notice.setPalette(self.palette())
        self._set_notice(words)

    def _show_error(self, words: str | Callable[[], str]) -> None:
        pal = self.notice.palette()
        pal.setColor(QPalette.ColorRole.WindowText, QColor(tone("error", self.palette())))
        self.notice.setPalette(pal)
        self._set_notice(words)

    def _set_notice(self, words: str | Callable[[], str]) -> None:
        self._notice_words = words if callable(words) else None
        text = words() if callable(words) else words
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.notice_invert.setVisible(False)

    def _on_mode_changed(self, _mode: CanvasMode) -> None:
        # the mask a job sends depends on the mode (none in Markup): export it again
        self._export_cached = False
        self._export_cache = None
        self._export_token += 1
        self._apply_mode()

    def _on_mask_changed(self) -> None:
        self._export_cached = False
        self._export_cache = None
        self._export_token += 1
        self._show_coverage()
        self.mask_changed.emit()

    def _on_tool_changed(self, tool: CanvasTool) -> None:
        mode = CanvasMode(tool.layer)
        if mode is not self.canvas.mode() and not self.request_mode(mode):
            self.canvas.set_tool(self._last_tool[self.canvas.mode()])  # stays in its mode
            return
        self._last_tool[mode] = tool
        self._tool_buttons[tool].setChecked(True)

    def _on_image_changed(self) -> None:
        has = self.canvas.has_image()
        for w in (
            self.clear_button,
            self.invert_button,
            self.fill_button,
            self.import_button,
            self.export_button,
            self.color_button,
            self.expand_button,
        ):
            (w.defaultAction() or w).setEnabled(has)
        self.markup_mode_button.setEnabled(has and self._markup_available)
        self._on_mask_changed()

    def _sync_sizes(self) -> None:
        for box, value in (
            (self.brush_size, self.canvas.settings.brush_size),
            (self.eraser_size, self.canvas.settings.eraser_size),
        ):
            if box.value() != value:
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)

    def _choose_color(self) -> None:
        color = QColorDialog.getColor(self.canvas.overlay_color(), self, self.tr("Overlay colour"))
        if color.isValid():
            self.canvas.set_overlay_color(color)

    def _choose_import(self) -> None:
        from studio.ui.save_files import open_start, remember_file

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import mask"), open_start(), IMAGE_FILTER
        )
        if path:
            remember_file(path)
            self.import_mask_file(path)

    def _choose_export(self) -> None:
        from studio.ui.save_files import MEMORY

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export mask"), str(MEMORY.start("save") / "mask.png"), "PNG (*.png)"
        )
        if path:
            MEMORY.remember("save", Path(path).parent)
            self.save_mask_file(path)
