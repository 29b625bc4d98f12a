"""The canvas's tools. Each tool is one module that registers itself; the built-in ones
are imported here, in toolbar order (a new tool: its module plus one line below).

:class:`Tool` names the built-in mask tools for code and tests that pick one."""

from __future__ import annotations

# isort: off
from studio.ui.canvas.tools import brush, lasso, rectangle
from studio.ui.canvas.tools import markup_select, markup_pen, markup_line, markup_arrow
from studio.ui.canvas.tools import markup_rect, markup_ellipse, markup_text

# isort: on
from studio.ui.canvas.tools.base import (
    MASK_LAYER,
    MAX_BRUSH,
    MIN_BRUSH,
    CanvasMode,
    CanvasTool,
    Finished,
    ToolContext,
    ToolGesture,
    ToolSettings,
    ViewMode,
    clamp_size,
    register,
    registered_tools,
    step_size,
    tool_for_key,
    unregister,
)


class Tool:
    """The built-in tools by name (mask tools, then markup tools)."""

    BRUSH = brush.BRUSH
    ERASER = brush.ERASER
    RECT_FILL = rectangle.RECT_FILL
    RECT_ERASE = rectangle.RECT_ERASE
    LASSO_FILL = lasso.LASSO_FILL
    LASSO_ERASE = lasso.LASSO_ERASE
    MARKUP_SELECT = markup_select.MARKUP_SELECT
    MARKUP_PEN = markup_pen.MARKUP_PEN
    MARKUP_LINE = markup_line.MARKUP_LINE
    MARKUP_ARROW = markup_arrow.MARKUP_ARROW
    MARKUP_RECT = markup_rect.MARKUP_RECT
    MARKUP_ELLIPSE = markup_ellipse.MARKUP_ELLIPSE
    MARKUP_TEXT = markup_text.MARKUP_TEXT


__all__ = [
    "MASK_LAYER",
    "MAX_BRUSH",
    "MIN_BRUSH",
    "CanvasMode",
    "CanvasTool",
    "Finished",
    "Tool",
    "ToolContext",
    "ToolGesture",
    "ToolSettings",
    "ViewMode",
    "clamp_size",
    "register",
    "registered_tools",
    "step_size",
    "tool_for_key",
    "unregister",
]
