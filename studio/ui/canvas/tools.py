"""The canvas's tools and their settings (no painting here; see widget.py and mask_layer.py)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

MIN_BRUSH = 1
MAX_BRUSH = 1024


class Tool(enum.Enum):
    BRUSH = "brush"
    ERASER = "eraser"
    RECT_FILL = "rect_fill"
    RECT_ERASE = "rect_erase"
    LASSO_FILL = "lasso_fill"
    LASSO_ERASE = "lasso_erase"

    @property
    def erases(self) -> bool:
        return self in (Tool.ERASER, Tool.RECT_ERASE, Tool.LASSO_ERASE)

    @property
    def is_stroke(self) -> bool:
        return self in (Tool.BRUSH, Tool.ERASER)

    @property
    def is_rect(self) -> bool:
        return self in (Tool.RECT_FILL, Tool.RECT_ERASE)

    @property
    def is_lasso(self) -> bool:
        return self in (Tool.LASSO_FILL, Tool.LASSO_ERASE)

    def erase_variant(self) -> Tool:
        """The tool the right mouse button uses: the same shape, erasing."""
        if self.is_stroke:
            return Tool.ERASER
        if self.is_rect:
            return Tool.RECT_ERASE
        return Tool.LASSO_ERASE


class ViewMode(enum.Enum):
    IMAGE_AND_MASK = "both"
    MASK_ONLY = "mask"
    IMAGE_ONLY = "image"


def clamp_size(size: int) -> int:
    return max(MIN_BRUSH, min(MAX_BRUSH, int(size)))


def step_size(size: int, up: bool) -> int:
    """Next brush size for ``]`` / ``[``: about 15 % a step, at least one pixel."""
    delta = max(1, round(size * 0.15))
    return clamp_size(size + delta if up else size - delta)


@dataclass
class ToolSettings:
    """Separate sizes (diameters in image pixels) for painting and erasing."""

    brush_size: int = 40
    eraser_size: int = 40

    def size_for(self, tool: Tool) -> int:
        return self.eraser_size if tool.erases else self.brush_size

    def set_size_for(self, tool: Tool, size: int) -> None:
        if tool.erases:
            self.eraser_size = clamp_size(size)
        else:
            self.brush_size = clamp_size(size)
