"""The canvas's view transform: ``widget = image * scale + offset``.

Plain floats and no Qt, so it is trivially unit-tested. One uniform scale (no
rotation), an offset in widget pixels; zoom keeps the image point under the
cursor fixed, fit centres the image with a margin, 100 % is one image pixel
per device-independent widget pixel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_SCALE = 1 / 64
MAX_SCALE = 64.0


@dataclass
class ViewTransform:
    scale: float = 1.0
    offset_x: float = 0.0
    offset_y: float = 0.0

    def to_widget(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale + self.offset_x, y * self.scale + self.offset_y

    def to_image(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.offset_x) / self.scale, (y - self.offset_y) / self.scale

    def rect_to_widget(
        self, x: float, y: float, w: float, h: float
    ) -> tuple[float, float, float, float]:
        wx, wy = self.to_widget(x, y)
        return wx, wy, w * self.scale, h * self.scale

    def rect_to_image(
        self, x: float, y: float, w: float, h: float
    ) -> tuple[float, float, float, float]:
        ix, iy = self.to_image(x, y)
        return ix, iy, w / self.scale, h / self.scale

    @staticmethod
    def clamp_scale(scale: float) -> float:
        return min(MAX_SCALE, max(MIN_SCALE, scale))

    def zoom_at(self, factor: float, wx: float, wy: float) -> None:
        """Multiply the scale by ``factor`` keeping the image point under (wx, wy) in place."""
        self.set_scale_at(self.scale * factor, wx, wy)

    def set_scale_at(self, scale: float, wx: float, wy: float) -> None:
        ix, iy = self.to_image(wx, wy)
        self.scale = self.clamp_scale(scale)
        self.offset_x = wx - ix * self.scale
        self.offset_y = wy - iy * self.scale

    def pan(self, dx: float, dy: float) -> None:
        self.offset_x += dx
        self.offset_y += dy

    def fit(self, img_w: int, img_h: int, view_w: int, view_h: int, margin: int = 8) -> None:
        """Show the whole image, centred, as large as fits (never above 100 %... unless tiny)."""
        if img_w <= 0 or img_h <= 0 or view_w <= 0 or view_h <= 0:
            self.scale, self.offset_x, self.offset_y = 1.0, 0.0, 0.0
            return
        avail_w = max(1, view_w - 2 * margin)
        avail_h = max(1, view_h - 2 * margin)
        self.scale = self.clamp_scale(min(avail_w / img_w, avail_h / img_h, 1.0))
        self.center(img_w, img_h, view_w, view_h)

    def actual_size(self, img_w: int, img_h: int, view_w: int, view_h: int) -> None:
        """100 %: one image pixel per widget pixel, keeping the view's centre point."""
        self.set_scale_at(1.0, view_w / 2, view_h / 2)
        # snap to whole pixels so 100 % is pixel-exact
        self.offset_x = math.floor(self.offset_x + 0.5)
        self.offset_y = math.floor(self.offset_y + 0.5)
        if img_w * self.scale <= view_w and img_h * self.scale <= view_h:
            self.center(img_w, img_h, view_w, view_h)

    def center(self, img_w: int, img_h: int, view_w: int, view_h: int) -> None:
        self.offset_x = (view_w - img_w * self.scale) / 2
        self.offset_y = (view_h - img_h * self.scale) / 2
        if self.scale >= 1.0:
            self.offset_x = math.floor(self.offset_x)
            self.offset_y = math.floor(self.offset_y)
