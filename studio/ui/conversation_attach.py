"""What a conversation turn carries besides its instruction: input images and a mask.

The attachments strip is the studio's own inputs list (:class:`InputsPanel`: files,
drag and drop, paste, addresses, reorder, undo), smaller, plus *Use result* (the
picture on show in the Result tab) and *Paint mask…*. The mask is painted in the
studio's mask painter (:class:`MaskEditorPanel`, in a dialog) on the image the turn
edits: the turn being continued, or for a new thread the first attached image. It is
exported as every mask is (the image's size, transparent where painted) and sent as
the tool's ``input_image_mask``. A mask belongs to the image it was painted on: when
the turn being continued changes, or the first attachment does, the mask is dropped
and the strip says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.request import InputImage
from studio.ui.icons import icon
from studio.ui.inputs_list import InputEntry
from studio.ui.inputs_panel import CAPTION_WIDTH, InputsPanel

THUMB = 48


@dataclass(frozen=True)
class PaintTarget:
    """The image a mask is painted on, and what it is (a turn's image or an input)."""

    key: tuple[str, int]
    image: QImage | str


@dataclass(frozen=True)
class TurnMask:
    target: tuple[str, int]
    png: bytes
    width: int
    height: int
    coverage: float

    def input_image(self) -> InputImage:
        return InputImage("mask.png", self.png, "image/png")


class AttachedInputs(InputsPanel):
    """The inputs list, compact, titled for a turn; it folds to its buttons when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setFixedHeight(THUMB + 30)
        self.changed.connect(self._fold)
        self._fold()

    def _fold(self) -> None:
        self.list.setVisible(bool(self.entries()))

    def _caption(self, entry: InputEntry) -> str:
        """The strip runs the tab's width: room for a name by the file pattern (its date,
        job and prompt words, see Use result) before its middle goes."""
        return self.list.fontMetrics().elidedText(
            entry.name, Qt.TextElideMode.ElideMiddle, CAPTION_WIDTH * 2
        )

    def _update_title(self) -> None:
        count = len(self._entries)
        self.title.setText(
            self.tr("Images sent with this turn: %1").replace("%1", str(count))
            if count
            else self.tr("No images attached (drop, paste or add them here)")
        )


class MaskDialog(QDialog):
    """The mask painter on the image a turn edits; OK exports the mask."""

    def __init__(self, target: PaintTarget, old: TurnMask | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("turnMaskDialog")
        self.setWindowTitle(self.tr("Paint the area to change"))
        self.resize(900, 700)
        self.target = target
        from studio.ui.canvas import MaskEditorPanel  # made when first painted, not at start

        self.painter = MaskEditorPanel(self)
        self.painter.set_markup_available(False)  # the image tool takes no markup
        for bar in self.painter.findChildren(QToolBar):
            for action in bar.actions():
                if bar.widgetForAction(action) is self.painter.expand_button:
                    action.setVisible(False)  # expanding is the Edit mode's
        self.painter.set_image(target.image)
        if old is not None and old.target == target.key:
            self.painter.canvas.set_mask_from_png(old.png, name="mask.png")
        self.hint = QLabel(
            self.tr(
                "Paint where the picture may change; what stays clear is kept. "
                "OK attaches the mask to the next turn."
            )
        )
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.painter, 1)
        layout.addWidget(self.buttons)


class TurnAttachments(QWidget):
    """The strip under the composer: attached images, the mask, and their buttons."""

    changed = Signal()
    notice = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: what the mask would be painted on now (set by the Conversation tab)
        self.paint_target: Callable[[], PaintTarget | None] = lambda: None
        #: the picture on show in the Result tab (set by the window), or None
        self.shown_result: Callable[[], tuple[InputImage, QImage] | None] = lambda: None
        self.turn_mask: TurnMask | None = None
        self.dialog: MaskDialog | None = None
        self.inputs = AttachedInputs(self)
        self.inputs.changed.connect(self._inputs_changed)
        self.inputs.notice.connect(self.notice)
        self.inputs.info.connect(self.notice)  # the tab's own status line: no error bar
        self.result_button = QToolButton(self)
        self.result_button.setObjectName("attachResult")
        self.result_button.setIcon(icon("image"))
        self.result_button.clicked.connect(self.use_shown_result)
        self.mask_button = QToolButton(self)
        self.mask_button.setObjectName("paintMask")
        self.mask_button.setIcon(icon("spray-can"))
        self.mask_button.clicked.connect(self.paint_mask)
        self.mask_label = QLabel(self)
        self.drop_mask_button = QToolButton(self)
        self.drop_mask_button.setIcon(icon("x"))
        self.drop_mask_button.clicked.connect(lambda: self.set_mask(None))
        for button in (self.result_button, self.mask_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mask_button)
        row.addWidget(self.mask_label, 1)
        row.addWidget(self.drop_mask_button)
        row.addWidget(self.result_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.inputs)
        layout.addLayout(row)
        self._first_key: int | None = None
        self.retranslate_ui()
        self._show_mask()

    def retranslate_ui(self) -> None:
        self.inputs.retranslate_ui()
        self.result_button.setText(self.tr("Use result"))
        self.result_button.setToolTip(
            self.tr("Attach the picture on show in the Result tab to this turn")
        )
        self.mask_button.setText(self.tr("Paint mask…"))
        self.mask_button.setToolTip(
            self.tr(
                "Paint the area the next turn may change, on the image it edits "
                "(the turn being continued, or the first attached image)"
            )
        )
        self.drop_mask_button.setToolTip(self.tr("Remove the mask"))
        self.drop_mask_button.setAccessibleName(self.tr("Remove the mask"))
        self._show_mask()

    # -- what a turn sends -----------------------------------------------------------------

    def images(self) -> tuple[InputImage, ...]:
        return self.inputs.images()

    def mask_input(self) -> InputImage | None:
        return None if self.turn_mask is None else self.turn_mask.input_image()

    def busy(self) -> bool:
        return self.inputs.busy()

    def clear(self) -> None:
        """After a turn was sent: its images and mask went with it."""
        self.inputs.clear()
        self.set_mask(None)

    # -- adding ---------------------------------------------------------------------------

    def add_file(self, path: str | Path) -> None:
        self.inputs.add_files([Path(path)], stills=True)

    def use_shown_result(self) -> None:
        shown = self.shown_result()
        if shown is None:
            self.notice.emit(self.tr("The Result tab shows no picture to attach."))
            return
        image, picture = shown
        self.inputs.add_image(image, picture)

    # -- the mask ---------------------------------------------------------------------------

    def paint_mask(self) -> None:
        """Open the mask painter on the image the turn edits (window-modal, not blocking)."""
        target = self.paint_target()
        if target is None:
            self.notice.emit(
                self.tr("Nothing to paint on yet: continue a turn, or attach an image first.")
            )
            return
        try:
            self.dialog = MaskDialog(target, self.turn_mask, self)
        except ValueError as exc:
            self.notice.emit(str(exc))
            return
        dialog = self.dialog
        dialog.accepted.connect(lambda: self._export(dialog))
        dialog.open()

    def _export(self, dialog: MaskDialog) -> None:
        canvas = dialog.painter.canvas
        size = canvas.image_size()
        coverage = canvas.mask_coverage()

        def done(png: bytes | None) -> None:
            if png is None:
                self.set_mask(None)
            else:
                mask = TurnMask(dialog.target.key, png, size.width(), size.height(), coverage)
                self.set_mask(mask)
            dialog.deleteLater()
            if self.dialog is dialog:
                self.dialog = None

        dialog.painter.export_mask_async(
            done,
            lambda err: self.notice.emit(
                self.tr("The mask could not be made: %1").replace("%1", err)
            ),
        )

    def set_mask(self, mask: TurnMask | None) -> None:
        self.turn_mask = mask
        self._show_mask()
        self.changed.emit()

    def target_changed(self) -> None:
        """The image the turn edits changed: a mask painted on another one is dropped."""
        target = self.paint_target()
        if self.turn_mask is not None and (target is None or target.key != self.turn_mask.target):
            self.set_mask(None)
            self.notice.emit(
                self.tr(
                    "The mask was removed: it was painted on another image than the one "
                    "this turn edits."
                )
            )

    def _inputs_changed(self) -> None:
        entries = self.inputs.entries()
        first = entries[0].key if entries else None
        if first != self._first_key:
            self._first_key = first
            self.target_changed()
        self.changed.emit()

    def _show_mask(self) -> None:
        mask = self.turn_mask
        self.drop_mask_button.setVisible(mask is not None)
        if mask is None:
            self.mask_label.setText(self.tr("No mask: the whole picture may change."))
        else:
            self.mask_label.setText(
                self.tr("Mask %1×%2, %3 % of the picture may change")
                .replace("%1", str(mask.width))
                .replace("%2", str(mask.height))
                .replace("%3", f"{mask.coverage * 100:.1f}")
            )
        self.mask_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
