"""Painting one gallery tile: the prompt's first line over the picture, the model and
time on the picture's foot, badges for a group or thread, a GIF or SVG, a status and a
favourite; a job that made nothing shows its input or its prompt, with its status."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studio.core.history import JobRecord
from studio.ui.gallery.hover import HoverPlayer
from studio.ui.gallery.items import GalleryItem
from studio.ui.gallery.model import GalleryModel
from studio.ui.gallery.tile_parts import (
    STATUS_COLOURS,
    Badge,
    badges_for,
    caption,
    model_line,
    picture_path,
    when,
    words_without_picture,
)
from studio.ui.image_view import checker_brush

__all__ = ["MAX_BOX", "MIN_BOX", "THUMB_BOX", "GalleryDelegate", "caption"]

THUMB_BOX = 160  # default thumbnail box, logical pixels
MIN_BOX = 64
MAX_BOX = 320
HEADER = 18
_PAD_W = 16
_PAD_H = HEADER + 18
# tiles kept drawn (a screenful is ~40; scrolling back and forth reuses them)
TILE_CACHE = 400
#: drawing a tile takes about a millisecond; a screen of new tiles (scrolled to, or all
#: their thumbnails in at once) would hold the UI thread for two frames or more, so one
#: paint draws new tiles for this long and leaves the rest to the next frame
DRAW_BUDGET_S = 0.004


class GalleryDelegate(QStyledItemDelegate):
    #: a view paint left tiles undrawn (its time was up): paint again soon
    unfinished = Signal()

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
        ratio = painter.device().devicePixelRatioF()
        self._paint_row(painter, option, model, index.row(), ratio, option.palette.cacheKey())

    def paint_tiles(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        model: GalleryModel,
        tiles: Iterable[tuple[int, int, int, bool]],
    ) -> None:
        """Paint ``(row, x, y, selected)`` tiles of one view paint, each ``option.rect``'s
        size. A tile drawn before is one ``drawPixmap``: every Qt call made from Python
        waits for the GIL while job and thumbnail workers run, so the facts all tiles
        share are asked once and a kept tile's key is made from Python values only."""
        ratio = painter.device().devicePixelRatioF()
        palette_key = option.palette.cacheKey()
        size = option.rect.size()
        width, height = size.width(), size.height()
        playing = self.hover.path if self.hover is not None else None
        started = time.perf_counter()
        later = drew = False  # (at least one new tile a paint, however slow)
        for row, x, y, selected in tiles:
            item = model.loaded_item(row)
            key = None
            if item is not None and (playing is None or item.path != playing):
                key = self._key(model, item, width, height, selected, palette_key, ratio)
                tile = None if key is None else self._tiles.get(key)
                if key is not None and tile is not None:
                    self._tiles.move_to_end(key)
                    painter.drawPixmap(x, y, tile)
                    continue
                if key is not None and drew and time.perf_counter() - started > DRAW_BUDGET_S:
                    # this paint has drawn enough: a quiet box now, the tile next frame
                    self._quiet_box(painter, option, QRect(x, y, width, height), selected)
                    later = True
                    continue
            one = QStyleOptionViewItem(option)
            one.rect = QRect(x, y, width, height)
            if selected:
                one.state |= QStyle.StateFlag.State_Selected
            self._paint_row(painter, one, model, row, ratio, palette_key)
            drew = drew or key is not None
        if later:
            self.unfinished.emit()

    def _quiet_box(
        self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, selected: bool
    ) -> None:
        """Where a tile comes that is not drawn yet."""
        box = QRect(0, 0, self.box, self.box)
        box.moveCenter(rect.center())
        if selected:
            painter.fillRect(rect, option.palette.highlight())
        painter.fillRect(box, option.palette.alternateBase())

    def _key(
        self,
        model: GalleryModel,
        item: GalleryItem,
        width: int,
        height: int,
        selected: bool,
        palette_key: int,
        ratio: float,
    ) -> tuple[object, ...] | None:
        """What a drawn tile shows; None while its thumbnail is on its way."""
        shown = picture_path(item)
        thumb = model.thumbs.pixmap(shown) if shown else None  # (keeps it in the cache)
        broken = bool(item.path and model.thumbs.is_broken(item.path))
        if thumb is None and item.path is not None and not broken:
            return None
        job = item.job
        return (
            job.id,
            item.path,
            item.first_of_job,
            job.status,
            job.favourite,
            job.model,
            job.prompt,
            item.stack,
            self.box,
            width,
            height,
            selected,
            model.thumbs.version(shown) if shown and thumb is not None else 0,
            broken,
            palette_key,
            ratio,
        )

    def _paint_row(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        model: GalleryModel,
        row: int,
        ratio: float,
        palette_key: int,
    ) -> None:
        item = model.loaded_item(row)
        rect: QRect = option.rect
        if item is None:  # its page is on its way: a quiet box where the tile comes
            model.need(row)
            box = QRect(0, 0, self.box, self.box)
            box.moveCenter(rect.center())
            painter.fillRect(box, option.palette.alternateBase())
            return
        hover = self.hover.frame_for(item.path) if self.hover else None
        if hover is not None:  # a playing GIF changes every frame: not worth keeping
            self._draw(painter, option, model, row, rect, hover)
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        key = self._key(model, item, rect.width(), rect.height(), selected, palette_key, ratio)
        if key is None:
            # its thumbnail is being made: a quiet box now, the whole tile drawn (once)
            # when it comes; a screen of new tiles costs a fill each, not a drawing each
            self._quiet_box(painter, option, rect, selected)
            return
        tile = self._tiles.get(key)
        if tile is None:
            shown = picture_path(item)
            thumb = model.thumbs.pixmap(shown) if shown else None
            tile = QPixmap(rect.size() * ratio)
            tile.setDevicePixelRatio(ratio)
            tile.fill(option.palette.base().color())  # opaque: drawn as a plain copy
            inner = QPainter(tile)
            inner.setFont(painter.font())
            self._draw(inner, option, model, row, QRect(QPoint(0, 0), rect.size()), thumb)
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
                    header.width(),
                ),
            )
        box = QRect(
            rect.left() + (rect.width() - self.box) // 2,
            rect.top() + HEADER + 4,
            self.box,
            min(self.box, rect.height() - HEADER - 8),
        )
        path = item.path
        has_picture = pix is not None and not pix.isNull()
        if item.stack is not None:  # a stack: the cards behind the picture
            painter.setPen(QPen(palette.mid().color(), 1))
            for step in (4, 2):
                painter.drawRect(box.adjusted(step, -step, step, -step))
        if pix is not None and has_picture:
            size = pix.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            if pix.hasAlphaChannel():  # transparency shows as a checkerboard, as in the viewer
                painter.setBrushOrigin(target.topLeft())
                painter.fillRect(target, checker_brush(6))
            painter.drawPixmap(target, pix)
        if not has_picture:  # no picture at all: its prompt (and reason) in words
            painter.fillRect(box, palette.alternateBase())
            # the box keeps its colour when selected: the highlight's text colour would
            # be white on it
            painter.setPen(palette.text().color())
            self._draw_words(painter, box, item, model)
        elif path is None and self.box >= 120:  # its input, darkened under its prompt
            painter.fillRect(box, QColor(0, 0, 0, 140))
            painter.setPen(QColor(255, 255, 255))
            self._draw_words(painter, box, item, model)
        if item.first_of_job:
            # the model and time on a band over the picture's foot: no height taken
            metrics = painter.fontMetrics()
            band = QRect(box.left(), box.bottom() - metrics.height() - 3, box.width(), 0)
            band.setBottom(box.bottom())
            painter.fillRect(band, QColor(0, 0, 0, 150))
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(
                band.adjusted(4, 0, -4, 0),
                Qt.AlignmentFlag.AlignCenter,
                self._foot_text(metrics, job, band.width() - 8),
            )
        if job.status in STATUS_COLOURS:
            painter.setPen(QPen(STATUS_COLOURS[job.status], 2))
            painter.drawRect(box.adjusted(1, 1, -1, -1))
        if item.first_of_job:
            self._draw_badges(painter, box, badges_for(item))
        painter.restore()

    def _draw_words(
        self, painter: QPainter, box: QRect, item: GalleryItem, model: GalleryModel
    ) -> None:
        path = item.path
        words = words_without_picture(
            item,
            bool(path and model.thumbs.is_broken(path)),
            with_reason=self.box >= 120,  # small tiles: the reason is in the tooltip
        )
        area = box.adjusted(8, 22, -8, -22)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        metrics = painter.fontMetrics()
        if metrics.boundingRect(area, int(flags), words).height() > area.height():
            # too long for the box: the whole lines that fit, from the first, never lines
            # cut in half under the status badge and the time
            def height_of(lines: int) -> int:
                probe = "\n".join("Xg" for _ in range(lines))
                return metrics.boundingRect(QRect(0, 0, 1000, 10_000), 0, probe).height()

            lines = max(1, area.height() // max(1, metrics.lineSpacing()))
            while lines > 1 and height_of(lines) > area.height():
                lines -= 1
            area.setHeight(height_of(lines))
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            flags |= Qt.TextFlag.TextWordWrap
            painter.save()
            painter.setClipRect(area)
            painter.drawText(area, flags, words)
            painter.restore()
            return
        painter.drawText(area, flags, words)

    @staticmethod
    def _foot_text(metrics: QFontMetrics, job: JobRecord, width: int) -> str:
        """The model and time; on a narrow tile the model shortened, or the time alone."""
        full = model_line(job)
        if metrics.horizontalAdvance(full) <= width:
            return full
        stamp = when(job)
        room = width - metrics.horizontalAdvance(f" · {stamp}")
        model_part = metrics.elidedText(job.model, Qt.TextElideMode.ElideRight, room)
        return f"{model_part} · {stamp}" if len(model_part) > 4 else stamp

    @staticmethod
    def fitted_text(metrics: QFontMetrics, badge: Badge, room: int) -> str:
        """A badge's text in ``room`` pixels: all of it when it fits; on a narrow tile a
        group's word shortened before its count ("Comp… · 4"); else the count or the
        mark alone."""
        if metrics.horizontalAdvance(badge.text) <= room:
            return badge.text
        if badge.word:
            tail = f" · {badge.count}"
            word_room = room - metrics.horizontalAdvance(tail)
            word = metrics.elidedText(badge.word, Qt.TextElideMode.ElideRight, word_room)
            if len(word) > 1:  # more than the ellipsis alone
                return word + tail
        return badge.short

    def _draw_badges(self, painter: QPainter, box: QRect, badges: list[Badge]) -> None:
        """Pills along the picture's top: group, format and status from the left, the
        favourite's star in the right corner."""
        metrics = painter.fontMetrics()
        height = metrics.height() + 2
        left, right = box.left() + 3, box.right() - 3
        for badge in sorted(badges, key=lambda b: b.kind != "favourite"):  # the corner first
            room = right - left if badge.kind != "favourite" else box.width() - 6
            text = self.fitted_text(metrics, badge, room - 10)
            width = min(metrics.horizontalAdvance(text) + 10, box.width() - 6)
            if badge.kind == "favourite":
                pill = QRect(right - width + 1, box.top() + 3, width, height)
                right -= width + 3
            else:
                if left + width > right:
                    break  # no room left: the tooltip says it all
                pill = QRect(left, box.top() + 3, width, height)
                left += width + 3
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(badge.colour)
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(
                pill,
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 8),
            )
