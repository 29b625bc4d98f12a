"""The canvas panel's words: every button text, label and tool tip, set when the panel
is built and again on each language change; a tip names its key with
:func:`~studio.ui.icons.with_shortcut`, from the same map the canvas reads its keys from.

A mixin of :class:`~studio.ui.canvas.panel.MaskEditorPanel`; its strings keep the
panel's translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QSlider, QSpinBox, QToolButton

from studio.ui.canvas.keys import KeyAction, named_key
from studio.ui.canvas.tools import CanvasMode, CanvasTool
from studio.ui.compose_expand import EXPAND_KEY
from studio.ui.icons import with_shortcut

if TYPE_CHECKING:
    from studio.ui.canvas.widget import MaskCanvas


class TextsMixin:
    """``retranslate_ui`` of the panel (``self`` is the panel)."""

    canvas: MaskCanvas
    mask_mode_button: QToolButton
    markup_mode_button: QToolButton
    _markup_refuser: str
    undo_button: QToolButton
    redo_button: QToolButton
    clear_button: QToolButton
    invert_button: QToolButton
    fill_button: QToolButton
    color_button: QToolButton
    fit_button: QToolButton
    actual_button: QToolButton
    import_button: QToolButton
    expand_button: QToolButton
    export_button: QToolButton
    notice_invert: QToolButton
    brush_size: QSpinBox
    eraser_size: QSpinBox
    brush_label: QLabel
    eraser_label: QLabel
    opacity_label: QLabel
    opacity: QSlider
    view_mode: QComboBox
    zoom_label: QLabel
    coverage_label: QLabel
    notice: QLabel
    _notice_words: Callable[[], str] | None
    _tool_buttons: dict[CanvasTool, QToolButton]

    def retranslate_ui(self) -> None:
        def set_(b: QToolButton, text: str, tip: str, key: KeyAction | str | None = None) -> None:
            target = b.defaultAction() or b  # a tool bar's button shows its action's words
            target.setText(text)
            if isinstance(key, str):
                tip = with_shortcut(tip, QKeySequence(key))
            elif key is not None:
                tip = with_shortcut(tip, named_key(key))
            target.setToolTip(tip)
            b.setAccessibleName(text)

        set_(
            self.mask_mode_button,
            QCoreApplication.translate("MaskEditorPanel", "Mask"),
            QCoreApplication.translate("MaskEditorPanel", "Paint where the image may change"),
        )
        markup_tip = QCoreApplication.translate(
            "MaskEditorPanel", "Draw arrows, shapes and notes that show the model what to change"
        )
        if self._markup_refuser:  # greyed: say why and what to do instead
            from studio.core.errors import Text
            from studio.ui.core_text import phrase_text

            markup_tip += "\n" + phrase_text(
                Text.of(
                    "{model} does not take markup; choose a model that does (such as "
                    "gpt-image-2.5 or 2.6) or paint a mask instead.",
                    model=self._markup_refuser,
                )
            )
        set_(
            self.markup_mode_button,
            QCoreApplication.translate("MaskEditorPanel", "Markup"),
            markup_tip,
        )
        for tool, b in self._tool_buttons.items():
            tip = with_shortcut(tool.tip(), tool.shortcut or None)
            if tool.erase_variant() is not None:
                tip += "\n" + QCoreApplication.translate(
                    "MaskEditorPanel", "The right mouse button always erases."
                )
            b.setText(tool.label())
            b.setAccessibleName(tool.label())
            b.setToolTip(tip)
        for box, tip in (
            (
                self.brush_size,
                QCoreApplication.translate(
                    "MaskEditorPanel", "Brush size in image pixels ([ and ] or Ctrl+wheel)"
                ),
            ),
            (
                self.eraser_size,
                QCoreApplication.translate(
                    "MaskEditorPanel",
                    "Eraser size in image pixels ([ and ] or Ctrl+wheel while erasing)",
                ),
            ),
        ):
            box.setToolTip(tip)
            box.setAccessibleName(tip)
        self.brush_label.setText(QCoreApplication.translate("MaskEditorPanel", "Brush"))
        self.eraser_label.setText(QCoreApplication.translate("MaskEditorPanel", "Eraser"))
        set_(
            self.undo_button,
            QCoreApplication.translate("MaskEditorPanel", "Undo"),
            QCoreApplication.translate("MaskEditorPanel", "Undo the last stroke or fill"),
            KeyAction.UNDO,
        )
        set_(
            self.redo_button,
            QCoreApplication.translate("MaskEditorPanel", "Redo"),
            QCoreApplication.translate("MaskEditorPanel", "Redo the step undone"),
            KeyAction.REDO,
        )
        set_(self.clear_button, QCoreApplication.translate("MaskEditorPanel", "Clear"), "")
        self._clear_tip()
        set_(
            self.invert_button,
            QCoreApplication.translate("MaskEditorPanel", "Invert"),
            QCoreApplication.translate("MaskEditorPanel", "Swap the marked and unmarked areas"),
            KeyAction.INVERT,
        )
        set_(
            self.fill_button,
            QCoreApplication.translate("MaskEditorPanel", "Fill all"),
            QCoreApplication.translate("MaskEditorPanel", "Mark the whole image for editing"),
        )
        set_(
            self.color_button,
            QCoreApplication.translate("MaskEditorPanel", "Colour…"),
            QCoreApplication.translate("MaskEditorPanel", "Choose the overlay colour"),
        )
        self.opacity.setToolTip(QCoreApplication.translate("MaskEditorPanel", "Overlay opacity"))
        self.opacity.setAccessibleName(
            QCoreApplication.translate("MaskEditorPanel", "Overlay opacity")
        )
        self.opacity_label.setText(QCoreApplication.translate("MaskEditorPanel", "Opacity"))
        for i, text in enumerate(
            (
                QCoreApplication.translate("MaskEditorPanel", "Image and mask"),
                QCoreApplication.translate("MaskEditorPanel", "Mask only"),
                QCoreApplication.translate("MaskEditorPanel", "Image only"),
            )
        ):
            self.view_mode.setItemText(i, text)
        self.view_mode.setToolTip(
            QCoreApplication.translate("MaskEditorPanel", "Show the image, the mask, or both")
        )
        set_(
            self.fit_button,
            QCoreApplication.translate("MaskEditorPanel", "Fit"),
            QCoreApplication.translate("MaskEditorPanel", "Show the whole image"),
            KeyAction.FIT,
        )
        set_(
            self.actual_button,
            QCoreApplication.translate("MaskEditorPanel", "100 %"),
            QCoreApplication.translate("MaskEditorPanel", "One image pixel per screen pixel"),
            KeyAction.ACTUAL_SIZE,
        )
        self.zoom_label.setToolTip(
            QCoreApplication.translate(
                "MaskEditorPanel",
                "Zoom level: wheel zooms at the cursor; Space+drag or middle-drag pans",
            )
        )
        self.coverage_label.setToolTip(
            QCoreApplication.translate(
                "MaskEditorPanel", "How much of the image the edit may change"
            )
        )
        set_(
            self.import_button,
            QCoreApplication.translate("MaskEditorPanel", "Import…"),
            QCoreApplication.translate(
                "MaskEditorPanel",
                "Load a mask file: a PNG whose transparent pixels mark the edit, "
                "or a black-and-white image where black marks the edit",
            ),
        )
        set_(
            self.expand_button,
            QCoreApplication.translate("MaskEditorPanel", "Expand…"),
            QCoreApplication.translate(
                "MaskEditorPanel",
                "Make the picture larger: choose a new size or margins and where the picture "
                "sits; the model fills the new area",
            ),
            EXPAND_KEY,
        )
        set_(
            self.export_button,
            QCoreApplication.translate("MaskEditorPanel", "Export…"),
            QCoreApplication.translate(
                "MaskEditorPanel", "Save the mask as the PNG the API receives (transparent = edit)"
            ),
        )
        set_(
            self.notice_invert,
            QCoreApplication.translate("MaskEditorPanel", "Invert imported mask"),
            QCoreApplication.translate(
                "MaskEditorPanel", "The imported mask marks the wrong area? Swap it in one click."
            ),
        )
        self._show_coverage()
        self._on_zoom_changed(self.canvas.zoom())
        words = self._notice_words
        if words is not None and self.notice.isVisible():
            invert = self.notice_invert.isVisible()
            self.notice.setText(words())
            self.notice_invert.setVisible(invert)

    def _clear_tip(self) -> None:
        """The words that follow the mode: Clear's tip and the canvas's name."""
        markup = self.canvas.mode() is CanvasMode.MARKUP
        (self.clear_button.defaultAction() or self.clear_button).setToolTip(
            QCoreApplication.translate("MaskEditorPanel", "Remove every annotation (undoable)")
            if markup
            else QCoreApplication.translate("MaskEditorPanel", "Unmark everything (undoable)")
        )
        if markup:
            name = QCoreApplication.translate("MaskEditorPanel", "Markup canvas")
            what = QCoreApplication.translate(
                "MaskEditorPanel",
                "Draw arrows, shapes and notes that show the model what to change",
            )
        else:
            name = QCoreApplication.translate("MaskEditorPanel", "Mask canvas")
            what = QCoreApplication.translate("MaskEditorPanel", "Paint where the image may change")
        self.canvas.setAccessibleName(name)
        self.canvas.setAccessibleDescription(what)

    def _show_coverage(self) -> None:
        self.coverage_label.setText(
            QCoreApplication.translate("MaskEditorPanel", "Mask: {pct:.1f} %").format(
                pct=self.canvas.mask_coverage() * 100
            )
        )

    def _on_zoom_changed(self, scale: float) -> None:
        self.zoom_label.setText(
            QCoreApplication.translate("MaskEditorPanel", "{pct} %").format(pct=round(scale * 100))
        )
