"""The mask and the markup painted on the composer's inputs.

The mask editor shows the first input. What is painted on an image stays with that
image: when the inputs are reordered, or a removal is undone, its mask and its
annotations come back with it. Each change is exported (PNG-encoded) in a worker, once;
the composer waits for the newest export before it lets a job go.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from studio.core.errors import Problem
from studio.core.request import InputImage
from studio.ui.compose_expand import Expander
from studio.ui.inputs_page import InputsPage
from studio.ui.lazy_page import LazyPage

if TYPE_CHECKING:
    from studio.core.expand import Expansion
    from studio.core.markup import MarkupDoc
    from studio.ui.canvas.panel import MaskEditorPanel

log = logging.getLogger(__name__)


class ComposeMasks(QObject):
    #: an export started or finished: the composer checks its request again
    changed = Signal()

    def __init__(
        self,
        page: LazyPage[MaskEditorPanel],
        inputs: InputsPage,
        mask_enabled: Callable[[], bool],
        markup_enabled: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        #: the mask editor is made when first shown or needed (not before the first paint)
        self.page = page
        self.inputs = inputs
        self._mask_enabled = mask_enabled
        self._markup_enabled = markup_enabled
        self.expander: Expander | None = None  # set by the composer, which owns it
        self._mask_cache: InputImage | None = None
        self._markup_cache: tuple[InputImage, MarkupDoc] | None = None
        self._generation = 0
        self._exporting = False
        #: the newest export of each part that failed, with why ("mask"/"markup" -> reason):
        #: sending without it would edit the wrong area, or ignore the drawing
        self._failed: dict[str, str] = {}
        #: a saved mask or drawing that could not be put back on its image (shown as a note)
        self.unrestored: list[str] = []
        #: what to put back once its image is in the editor ("reuse settings")
        self._pending_mask: bytes | None = None
        self._pending_markup: MarkupDoc | None = None
        self._pending_expansion: Expansion | None = None
        self._source: int | None = None  # key of the input shown in the mask editor
        #: masks painted on inputs not in the editor now (key -> mask bytes, 255 = edit)
        self._masks: dict[int, bytes] = {}
        #: annotations drawn on inputs not in the editor now (key -> annotations)
        self._markups: dict[int, MarkupDoc] = {}
        page.made.connect(self._wire)

    @property
    def panel(self) -> MaskEditorPanel:
        """The mask editor (made now if it was not yet)."""
        return self.page.widget()

    def _wire(self, panel: QWidget) -> None:
        panel.mask_changed.connect(self.export)  # type: ignore[attr-defined]
        panel.markup_changed.connect(self.export)  # type: ignore[attr-defined]

    def mask(self) -> InputImage | None:
        """The newest exported mask (None while none is painted)."""
        return self._mask_cache

    def markup(self) -> tuple[InputImage, MarkupDoc] | None:
        """The newest exported markup PNG and its annotations."""
        return self._markup_cache

    def failure(self) -> tuple[str, str] | None:
        """("mask" or "markup", why) when the newest export of that part failed."""
        for part in ("mask", "markup"):
            if part in self._failed:
                return part, self._failed[part]
        return None

    def export_problem(self) -> Problem | None:
        """The painted mask or the drawing (whichever is sent) could not be encoded."""
        failure = self.failure()
        if failure is None:
            return None
        part, reason = failure
        # the composer's words: they keep its translation context
        if part == "mask" and self._mask_enabled():
            text = QCoreApplication.translate(
                "ComposePanel",
                "The painted mask could not be prepared (%1): paint again or clear it.",
            )
        elif part == "markup" and self._markup_enabled():
            text = QCoreApplication.translate(
                "ComposePanel", "The drawing could not be prepared (%1): draw again or clear it."
            )
        else:
            return None
        return Problem(part, text.replace("%1", reason))

    def unrestored_notes(self) -> list[str]:
        """A reused job's mask or drawing that no longer fits its image was left out."""
        notes = []
        if "mask" in self.unrestored:
            notes.append(
                QCoreApplication.translate(
                    "ComposePanel", "The job's mask does not fit this image and was not put back."
                )
            )
        if "markup" in self.unrestored:
            notes.append(
                QCoreApplication.translate(
                    "ComposePanel",
                    "The job's drawing does not fit this image and was not put back.",
                )
            )
        return notes

    def busy(self) -> bool:
        """True while the newest painted mask is still being encoded."""
        return self._exporting

    def export(self) -> None:
        """Export the painted mask (or the markup) once per change, PNG-encoded in a worker.

        Encoding takes ~40 ms at 1024² and ~100 ms at 4096², too long for the UI
        thread after every stroke; Generate waits until the newest export is in.
        Only one of the two is ever sent: the panel's mode says which."""
        self._generation += 1
        generation = self._generation
        self._exporting = True
        self.changed.emit()
        pending = {"mask", "markup"}

        def finished(part: str) -> None:
            pending.discard(part)
            if not pending:
                self._exporting = False
                self.changed.emit()

        def done(data: bytes | None, error: str | None = None) -> None:
            if generation != self._generation:
                return  # a newer stroke's export is on its way
            self._mask_cache = InputImage("mask.png", bytes(data)) if data else None
            self._note_failure("mask", error)
            finished("mask")

        def marked(data: bytes | None, doc: MarkupDoc | None, error: str | None = None) -> None:
            if generation != self._generation:
                return
            if data is not None and doc is not None:
                self._markup_cache = (InputImage("markup.png", bytes(data)), doc)
            else:
                self._markup_cache = None
            self._note_failure("markup", error)
            finished("markup")

        def failed(message: str) -> None:
            log.warning("mask export failed: %s", message)
            done(None, message or "?")

        def markup_failed(message: str) -> None:
            log.warning("markup export failed: %s", message)
            marked(None, None, message or "?")

        self.panel.export_mask_async(done, failed)
        self.panel.export_markup_async(marked, markup_failed)

    def _note_failure(self, part: str, error: str | None) -> None:
        if error is None:
            self._failed.pop(part, None)
        else:
            self._failed[part] = error

    def sync(self) -> None:
        """Show the first input in the mask editor (a new first image starts a new mask)."""
        if not self._mask_enabled():
            return
        entries = self.inputs.entries()
        key = entries[0].key if entries else None
        if key == self._source:
            return
        self._keep_of(self._source)
        self._source = key
        self._mask_cache = None
        self._markup_cache = None
        self._failed.clear()
        self.unrestored = []
        self._generation += 1  # an export of the old image's mask is stale
        self._exporting = False
        if not entries:
            return
        panel = self.panel
        from studio.core.imageinfo import exif_orientation  # Pillow: on first use

        panel.markup_orientation = exif_orientation(entries[0].image.data)
        try:
            panel.set_image(entries[0].picture)
        except Exception:
            log.exception("mask editor refused the image")
            return
        pending, self._pending_mask = self._pending_mask, None
        kept = self._masks.get(entries[0].key)
        if kept is not None and not pending:
            panel.canvas.set_mask_bytes(kept)  # the mask painted on this image comes back
        if pending:
            try:
                panel.canvas.set_mask_from_png(pending, "mask.png")
            except ValueError as exc:
                log.warning("the saved mask no longer fits its image (%s); not restored", exc)
                self.unrestored.append("mask")
        drawn = self._markups.get(entries[0].key)
        if drawn is not None and self._pending_markup is None:
            try:  # the annotations drawn on this image come back, in the current mode
                panel.canvas.set_markup_doc(drawn)
            except ValueError as exc:
                log.warning("the kept markup no longer fits its image (%s); not restored", exc)
                self.unrestored.append("markup")
        self._restore_pending_markup()
        expansion, self._pending_expansion = self._pending_expansion, None
        if expansion is not None and self.expander is not None:
            self.expander.adopt(expansion, entries[0].key)
        if self.unrestored:
            self.changed.emit()  # the composer says so

    def restore(
        self,
        png: bytes | None,
        markup: MarkupDoc | None = None,
        expansion: Expansion | None = None,
    ) -> None:
        """Put a saved mask (or the saved annotations, editable again) back on the first
        input once that input is in the editor; an expanded job's geometry goes with it."""
        self._pending_mask = png
        self._pending_markup = markup
        self._pending_expansion = expansion
        self._source = None  # the next first input is (re)loaded into the editor
        self.sync()

    def drawn_markup(self) -> MarkupDoc | None:
        """The annotations on the image in the editor, in either mode (None without any)."""
        if not self.page.built() or not self.panel.canvas.has_image():
            return None
        doc = self.panel.canvas.markup_doc()
        return None if doc is None or doc.empty else doc

    def carry_markup(self, doc: MarkupDoc) -> None:
        """Put ``doc`` on the image now in the editor without changing the mode (Mask
        mode keeps them for later, as a switch of mode does)."""
        if not self._markup_enabled() or not self.page.built():
            return
        try:
            self.panel.canvas.set_markup_doc(doc)
        except ValueError as exc:
            log.warning("the annotations do not fit the expanded picture (%s)", exc)

    def _restore_pending_markup(self) -> None:
        doc, self._pending_markup = self._pending_markup, None
        if doc is None or doc.empty or not self._markup_enabled():
            return
        try:
            self.panel.canvas.set_markup_doc(doc)
        except ValueError as exc:
            log.warning("the saved markup no longer fits its image (%s); not restored", exc)
            self.unrestored.append("markup")
            return
        from studio.ui.canvas.tools import CanvasMode

        self.panel.canvas.set_mode(CanvasMode.MARKUP)  # a painted mask, if any, is kept

    def _keep_of(self, key: int | None) -> None:
        """Remember the mask painted on input ``key`` before another image takes the editor:
        the mask follows its image when the order changes or a removal is undone."""
        if key is None or not self.page.built():
            return  # nothing was ever painted
        canvas = self.panel.canvas
        if not canvas.has_image():
            return
        if canvas.mask_is_empty():
            self._masks.pop(key, None)
        else:
            self._masks[key] = canvas.mask_bytes()
        doc = canvas.markup_doc()
        if doc is None or doc.empty:
            self._markups.pop(key, None)
        else:
            self._markups[key] = doc
        live = {e.key for e in self.inputs.entries()} | self.inputs.removed_keys()
        for stale in set(self._masks) - live:
            del self._masks[stale]
        for stale in set(self._markups) - live:
            del self._markups[stale]
