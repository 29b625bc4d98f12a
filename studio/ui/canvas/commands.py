"""Undo for the mask: one ``QUndoCommand`` per stroke or fill, storing only what changed.

A :class:`TileRecorder` copies each 64×64 tile of the mask the first time an
edit is about to touch it; when the edit ends, tiles whose bytes did not change
are dropped and the rest are kept before/after, zlib-compressed (a mask is long
runs of 0 and 255). Memory therefore follows the area an edit really changed,
not the bounding box of a stroke, and not the image size.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QUndoCommand

from studio.ui.canvas.mask_layer import MaskLayer

TILE = 64
#: steps kept by the canvas's undo stack
UNDO_LIMIT = 200


@dataclass(frozen=True)
class _Tile:
    rect: QRect
    stride: int
    before: bytes  # zlib
    after: bytes  # zlib

    @property
    def stored_bytes(self) -> int:
        return len(self.before) + len(self.after)


def _pack(img: QImage) -> bytes:
    return zlib.compress(bytes(img.constBits()), 1)


def _unpack(data: bytes, rect: QRect, stride: int) -> QImage:
    raw = zlib.decompress(data)
    return QImage(raw, rect.width(), rect.height(), stride, QImage.Format.Format_Alpha8).copy()


class TileRecorder:
    """Collects the 'before' of every tile an edit touches; call :meth:`touch` before painting."""

    def __init__(self, layer: MaskLayer) -> None:
        self.layer = layer
        self._before: dict[tuple[int, int], QImage] = {}

    def touch(self, rect: QRect) -> None:
        rect = self.layer.clip(rect)
        if rect.isEmpty():
            return
        for ty in range(rect.top() // TILE, rect.bottom() // TILE + 1):
            for tx in range(rect.left() // TILE, rect.right() // TILE + 1):
                key = (tx, ty)
                if key not in self._before:
                    tile = self.layer.clip(QRect(tx * TILE, ty * TILE, TILE, TILE))
                    self._before[key] = self.layer.copy_rect(tile)

    def finish(self) -> list[_Tile]:
        """The tiles that changed, before and after (call after the edit is painted)."""
        out: list[_Tile] = []
        for (tx, ty), before in self._before.items():
            rect = self.layer.clip(QRect(tx * TILE, ty * TILE, TILE, TILE))
            after = self.layer.copy_rect(rect)
            if after == before:
                continue
            out.append(_Tile(rect, before.bytesPerLine(), _pack(before), _pack(after)))
        self._before.clear()
        return out

    def revert(self) -> QRect:
        """Put every recorded tile back as it was (a cancelled edit); returns the area."""
        area = QRect()
        for (tx, ty), before in self._before.items():
            rect = self.layer.clip(QRect(tx * TILE, ty * TILE, TILE, TILE))
            self.layer.put_rect(rect, before)
            area = area.united(rect)
        self._before.clear()
        self.layer.refresh_overlay(area)
        return area


def _union(tiles: list[_Tile]) -> QRect:
    rect = QRect()
    for t in tiles:
        rect = rect.united(t.rect)
    return rect


class MaskEditCommand(QUndoCommand):
    """A finished edit (already applied): undo writes the 'before' tiles back, redo the 'after'."""

    def __init__(
        self,
        layer: MaskLayer,
        tiles: list[_Tile],
        text: str,
        on_change: Callable[[QRect], None],
    ) -> None:
        super().__init__(text)
        self._layer = layer
        self._tiles = tiles
        self._on_change = on_change
        self._applied = True  # the first redo() (from push) must not repaint what is there

    @property
    def stored_bytes(self) -> int:
        return sum(t.stored_bytes for t in self._tiles)

    @property
    def dirty_rect(self) -> QRect:
        return _union(self._tiles)

    def _apply(self, after: bool) -> None:
        for t in self._tiles:
            self._layer.put_rect(t.rect, _unpack(t.after if after else t.before, t.rect, t.stride))
        dirty = self.dirty_rect
        self._layer.refresh_overlay(dirty)
        self._on_change(dirty)

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._apply(after=True)

    def undo(self) -> None:
        self._apply(after=False)


class InvertCommand(QUndoCommand):
    """Invert is its own inverse, so it stores nothing."""

    def __init__(self, layer: MaskLayer, text: str, on_change: Callable[[QRect], None]) -> None:
        super().__init__(text)
        self._layer = layer
        self._on_change = on_change

    stored_bytes = 0

    def redo(self) -> None:
        self._on_change(self._layer.invert())

    def undo(self) -> None:
        self._on_change(self._layer.invert())
