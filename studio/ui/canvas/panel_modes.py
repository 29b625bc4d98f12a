"""The canvas panel's two modes, Mask and Markup: which one the tools edit and a job
sends, the question when leaving one that has content, and the markup a job sends.

A mixin of :class:`~studio.ui.canvas.panel.MaskEditorPanel` (kept apart so each file
stays small); its strings keep the panel's translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QToolButton, QWidget

from studio.core.markup import MarkupDoc
from studio.ui.canvas.markup_bar import MarkupBar
from studio.ui.canvas.tools import CanvasMode, CanvasTool
from studio.ui.canvas.widget import MaskCanvas


class ModesMixin:
    """Mode switching and the markup export of the panel (``self`` is the panel)."""

    canvas: MaskCanvas
    markup_bar: MarkupBar
    mask_mode_button: QToolButton
    markup_mode_button: QToolButton
    clear_button: QToolButton
    markup_changed: SignalInstance
    ask_keep: Callable[[CanvasMode], bool | None]
    _markup_available: bool
    _markup_refuser: str
    # the EXIF orientation of the image file shown (the canvas shows its stored grid;
    # the markup is turned as the provider turns the image)
    markup_orientation: int = 1
    _tool_actions: dict[CanvasTool, QAction]
    _mask_actions: list[QAction]
    _last_tool: dict[CanvasMode, CanvasTool]

    if TYPE_CHECKING:  # provided by the panel

        def clear(self) -> None: ...

        def _clear_tip(self) -> None: ...

        def retranslate_ui(self) -> None: ...

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def mode(self) -> CanvasMode:
        return self.canvas.mode()

    def markup_doc(self) -> MarkupDoc | None:
        """The annotations a job sends: in Markup mode with something drawn, else None."""
        if self.canvas.mode() is not CanvasMode.MARKUP or self.canvas.markup_is_empty():
            return None
        return self.canvas.markup_doc()

    def export_markup_async(
        self,
        callback: Callable[[bytes | None, MarkupDoc | None], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """The markup PNG (encoded in a worker) and its annotations, or (None, None) when
        no markup is sent; ``callback`` runs on the UI thread."""
        doc = self.markup_doc()
        if doc is None:
            callback(None, None)
            return
        self.canvas.export_markup_async(
            lambda data: callback(data, doc), on_error, self.markup_orientation
        )

    def set_markup_available(self, available: bool, refuser: str = "") -> None:
        """Whether the model takes markup; without it the panel goes back to Mask mode,
        keeping the annotations for later. ``refuser``: the model that takes none, which
        the greyed Markup button then names (with what to do instead)."""
        self._markup_available = available
        refuser = "" if available else refuser
        if refuser != self._markup_refuser:
            self._markup_refuser = refuser
            self.retranslate_ui()
        self.markup_mode_button.setEnabled(available and self.canvas.has_image())
        if not available and self.canvas.mode() is CanvasMode.MARKUP:
            self.canvas.set_mode(CanvasMode.MASK)

    def request_mode(self, mode: CanvasMode) -> bool:
        """Switch to ``mode``; when the mode left has content, ask whether to keep it for
        later (kept, not sent) or clear it. False when the switch did not happen."""
        now = self.canvas.mode()
        if mode is now:
            return True
        if mode is CanvasMode.MARKUP and not self._markup_available:
            return False
        if self.canvas.has_image():
            has = (
                not self.canvas.mask_is_empty()
                if now is CanvasMode.MASK
                else not self.canvas.markup_is_empty()
            )
            if has:
                keep = self.ask_keep(now)
                if keep is None:
                    self._apply_mode()
                    return False
                if not keep:
                    self.clear()
        self.canvas.set_mode(mode)
        return True

    def _ask_keep(self, leaving: CanvasMode) -> bool | None:
        if leaving is CanvasMode.MASK:
            text = QCoreApplication.translate(
                "MaskEditorPanel",
                "The mask has painted areas. Only one of mask and markup is sent with a job: "
                "keep the mask for later (not sent while you use Markup), or clear it?",
            )
        else:
            text = QCoreApplication.translate(
                "MaskEditorPanel",
                "There are annotations. Only one of mask and markup is sent with a job: "
                "keep them for later (not sent while you use Mask), or clear them?",
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("MaskEditorPanel", "Switch mode"),
            text,
            parent=self._widget(),
        )
        keep = box.addButton(
            QCoreApplication.translate("MaskEditorPanel", "Keep for later"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        clear = box.addButton(
            QCoreApplication.translate("MaskEditorPanel", "Clear"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is keep else False if clicked is clear else None

    def _to_mask(self) -> None:
        self.request_mode(CanvasMode.MASK)

    def _to_markup(self) -> None:
        self.request_mode(CanvasMode.MARKUP)

    def _apply_mode(self) -> None:
        mode = self.canvas.mode()
        markup = mode is CanvasMode.MARKUP
        self.mask_mode_button.setChecked(not markup)
        self.markup_mode_button.setChecked(markup)
        for tool, action in self._tool_actions.items():
            action.setVisible(tool.layer == mode.value)
        for action in self._mask_actions:
            action.setVisible(not markup)
        self.markup_bar.setVisible(markup)
        self._clear_tip()
        if self.canvas.tool.layer != mode.value:
            self.canvas.set_tool(self._last_tool[mode])
        self.markup_bar.show_style()
        self.markup_changed.emit()
