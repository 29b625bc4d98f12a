"""Painting one gallery tile: the thumbnail, the prompt's first line and the model on a
job's first image, a star for favourites, and the reason for jobs that produced nothing."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studio.core.history import JobRecord
from studio.ui.gallery.hover import HoverPlayer
from studio.ui.gallery.model import GalleryModel
from studio.ui.image_view import checker_brush

THUMB_BOX = 160  # default thumbnail box, logical pixels
MIN_BOX = 64
MAX_BOX = 320
HEADER = 18
_PAD_W = 16
_PAD_H = HEADER + 18
#: tiles kept drawn (a screenful is ~40; scrolling back and forth reuses them)
TILE_CACHE = 400
_STATUS_COLOURS = {
    "failed": QColor(200, 60, 60),
    "interrupted": QColor(200, 130, 40),
    "cancelled": QColor(130, 130, 130),
    "running": QColor(60, 120, 200),
}


def caption(job: JobRecord) -> str:
    """A job's tile caption: its prompt's first line (the model is drawn on the picture)."""
    first = next((line.strip() for line in job.prompt.splitlines() if line.strip()), "")
    return first or f"#{job.id}"


class GalleryDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box = THUMB_BOX
        #: plays the hovered GIF (set by the dock)
        self.hover: HoverPlayer | None = None
        #: drawn tiles by what they show. Every model change repaints every visible tile,
        #: and drawing one from Python is a dozen Qt calls, each of which waits for the GIL
        #: while job workers run: ~1 ms a tile, 30-150 ms a screen. A cached tile is one.
        self._tiles: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()

    def forget_tiles(self) -> None:
        """Draw every tile anew (the language changed: placeholders are words)."""
        self._tiles.clear()

    @staticmethod
    def tile_for(box: int) -> QSize:
        return QSize(box + _PAD_W, box + _PAD_H)

    @staticmethod
    def box_for_height(height: int) -> int:
        """The largest box whose tile fits ``height``."""
        return height - _PAD_H

    def tile(self) -> QSize:
        return self.tile_for(self.box)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return self.tile()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Read the item straight from the model: in PySide6 6.12 on Python 3.11 every
        # ``index.data()`` that yields no value drops a reference to None, and a
        # paint per tile per frame soon deallocates None and aborts the process.
        model = index.model()
        if not isinstance(model, GalleryModel) or not 0 <= index.row() < model.rowCount():
            return
        item = model.loaded_item(index.row())
        rect: QRect = option.rect
        if item is None:  # its page is on its way: a quiet box where the tile comes
            model.need(index.row())
            box = QRect(0, 0, self.box, self.box)
            box.moveCenter(rect.center())
            painter.fillRect(box, option.palette.alternateBase())
            return
        hover = self.hover.frame_for(item.path) if self.hover else None
        if hover is not None:  # a playing GIF changes every frame: not worth keeping
            self._draw(painter, option, model, index.row(), rect, hover)
            return
        thumb = model.thumbs.pixmap(item.path) if item.path else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        job = item.job
        palette: QPalette = option.palette
        key = (
            job.id,
            item.path,
            item.first_of_job,
            job.status,
            job.favourite,
            job.model,
            job.prompt,
            self.box,
            rect.width(),
            rect.height(),
            selected,
            None if thumb is None else thumb.cacheKey(),
            bool(item.path and model.thumbs.is_broken(item.path)),
            palette.cacheKey(),
            painter.device().devicePixelRatioF(),
        )
        tile = self._tiles.get(key)
        if tile is None:
            ratio = painter.device().devicePixelRatioF()
            tile = QPixmap(rect.size() * ratio)
            tile.setDevicePixelRatio(ratio)
            tile.fill(palette.base().color())  # opaque: drawn on the view as a plain copy
            inner = QPainter(tile)
            inner.setFont(painter.font())
            self._draw(inner, option, model, index.row(), QRect(QPoint(0, 0), rect.size()), thumb)
            inner.end()
            self._tiles[key] = tile
            if len(self._tiles) > TILE_CACHE:
                self._tiles.popitem(last=False)
        else:
            self._tiles.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), tile)

    def _draw(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        model: GalleryModel,
        row: int,
        rect: QRect,
        pix: QPixmap | None,
    ) -> None:
        item = model.item(row)
        job = item.job
        palette: QPalette = option.palette
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, palette.highlight())
        header = QRect(rect.left() + 4, rect.top() + 2, rect.width() - 8, HEADER - 2)
        small = QFont(painter.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        text_colour = (
            palette.highlightedText().color()
            if state & QStyle.StateFlag.State_Selected
            else palette.text().color()
        )
        if item.first_of_job:
            painter.setPen(QPen(palette.mid().color(), 2))
            painter.drawLine(rect.left() + 1, rect.top() + 2, rect.left() + 1, rect.bottom() - 2)
            painter.setPen(text_colour)
            painter.drawText(
                header,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                painter.fontMetrics().elidedText(
                    caption(job),
                    Qt.TextElideMode.ElideRight,
                    header.width() - (14 if job.favourite else 0),
                ),
            )
        if job.favourite:
            painter.setPen(QColor(230, 170, 20))
            painter.drawText(
                header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "★"
            )
        box = QRect(
            rect.left() + (rect.width() - self.box) // 2,
            rect.top() + HEADER + 4,
            self.box,
            min(self.box, rect.height() - HEADER - 8),
        )
        path = item.path
        if pix is not None and not pix.isNull():
            size = pix.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            if pix.hasAlphaChannel():  # transparency shows as a checkerboard, as in the viewer
                painter.setBrushOrigin(target.topLeft())
                painter.fillRect(target, checker_brush(6))
            painter.drawPixmap(target, pix)
        else:
            painter.fillRect(box, palette.alternateBase())
            painter.setPen(_STATUS_COLOURS.get(job.status, text_colour))
            painter.drawText(
                box.adjusted(6, 6, -6, -6),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._placeholder_text(
                    job,
                    bool(path),
                    bool(path and model.thumbs.is_broken(path)),
                    with_reason=self.box >= 120,  # small tiles: the reason is in the tooltip
                ),
            )
        if item.first_of_job and job.model:
            # the model on a band over the picture's foot: readable, and no height taken
            metrics = painter.fontMetrics()
            band = QRect(box.left(), box.bottom() - metrics.height() - 3, box.width(), 0)
            band.setBottom(box.bottom())
            painter.fillRect(band, QColor(0, 0, 0, 150))
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(
                band.adjusted(4, 0, -4, 0),
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(job.model, Qt.TextElideMode.ElideMiddle, band.width() - 8),
            )
        if job.status in _STATUS_COLOURS and path:
            painter.setPen(QPen(_STATUS_COLOURS[job.status], 2))
            painter.drawRect(box.adjusted(1, 1, -1, -1))
        painter.restore()

    def _placeholder_text(
        self, job: JobRecord, has_image: bool, missing: bool, *, with_reason: bool = True
    ) -> str:
        if has_image:
            return self.tr("Image file missing") if missing else self.tr("Loading…")
        if job.status == "running":
            return self.tr("Running…")
        reason = job.error.message if job.error is not None else ""
        title = {
            "failed": self.tr("Failed"),
            "cancelled": self.tr("Cancelled"),
            "interrupted": self.tr("Interrupted"),
        }.get(job.status, self.tr("No image"))
        if len(reason) > 120:
            reason = reason[:120] + "…"
        return f"{title}\n{reason}" if reason and with_reason else title
