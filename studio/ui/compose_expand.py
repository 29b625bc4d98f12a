"""Expand… for the compose panel: the dialog on the first input, the expanded image and
its mask made on a worker, and the geometry the job carries into the history.

The expanded picture replaces the first input (the original stays one Ctrl+Z away in
the inputs), the mask editor receives the mask (new area = edit), and the size is
set to the new frame, so the job is one ordinary masked edit at the new size.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QWidget

from studio.core.capabilities import ParamSpec
from studio.core.request import InputImage
from studio.jobs.decoding import decode_raster_with_qt
from studio.jobs.op import BackgroundOp
from studio.ui.inputs_page import InputsPage

if TYPE_CHECKING:
    from studio.core.expand import Expansion
    from studio.core.markup import MarkupDoc

log = logging.getLogger(__name__)

Made = tuple[InputImage, QImage, bytes]

#: Expand…, from anywhere in an edit (the window's File menu holds it; the Mask tab's
#: button names it)
EXPAND_KEY = "Ctrl+Shift+X"


class Expander(QObject):
    #: the expanded image is in place (its mask follows): the size to send
    expanded = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        inputs: InputsPage,
        restore_mask: Callable[[bytes | None], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.inputs = inputs
        self._restore_mask = restore_mask
        self._parent = parent
        self._current: tuple[Expansion, int] | None = None
        #: how the dialog is opened (tests replace it to answer as a person would)
        self.ask: Callable[[QImage, ParamSpec | None], Expansion | None] = self._ask
        #: the annotations drawn on the first input, and how they are put on the expanded
        #: picture (the compose panel's mask editor): they move with the picture
        self.drawn_markup: Callable[[], MarkupDoc | None] = lambda: None
        self.carry_markup: Callable[[MarkupDoc], None] = lambda _doc: None

    def current(self) -> Expansion | None:
        """The expansion of the first input, while that input is the expanded picture."""
        entries = self.inputs.entries()
        if self._current is None or not entries or entries[0].key != self._current[1]:
            return None
        return self._current[0]

    def adopt(self, exp: Expansion, key: int) -> None:
        """The input ``key`` is an expanded picture already (a reused job's)."""
        self._current = (exp, key)

    def _ask(self, picture: QImage, spec: ParamSpec | None) -> Expansion | None:
        from studio.ui.expand_dialog import ExpandDialog  # loaded when first asked, not at start

        dialog = ExpandDialog(picture, spec, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.expansion()

    def open(self, spec: ParamSpec | None) -> None:
        """Ask for the new frame of the first input, then expand it."""
        entries = self.inputs.entries()
        if not entries or entries[0].image.remote:
            return
        first = entries[0]
        exp = self.ask(first.picture, spec)
        if exp is not None:
            self.apply(first.image, exp)

    def apply(self, source: InputImage, exp: Expansion) -> None:
        from studio.core.expand import expanded_image, mask_png

        stem = PurePath(source.filename or "image").stem or "image"

        def work() -> Made:
            data = expanded_image(source.data, exp)
            return (
                InputImage(f"{stem}-expanded.png", data),
                decode_raster_with_qt(data),
                mask_png(exp),
            )

        def done(made: Made) -> None:
            image, picture, mask = made
            # annotations drawn on the picture go with it into the larger frame (they were
            # dropped, with no undo): kept for later, as the job sends the new area's mask
            drawn = self.drawn_markup()
            self.inputs.widget().replace_first(image, picture)
            entries = self.inputs.entries()
            if entries:
                self._current = (exp, entries[0].key)
            self._restore_mask(mask)
            if drawn is not None:
                from studio.core.markup import MarkupDoc

                dx, dy = exp.offset
                width, height = exp.target.width, exp.target.height
                self.carry_markup(
                    MarkupDoc(width, height, tuple(a.moved(dx, dy) for a in drawn.annotations))
                )
            self.expanded.emit(str(exp.target))

        def failed(exc: BaseException) -> None:
            log.warning("expanding failed: %s", exc)
            self.failed.emit(str(exc))

        BackgroundOp(self, work, done).failure(failed).run()
