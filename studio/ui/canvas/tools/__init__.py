"""The canvas's tools. Each tool is one module that registers itself; the built-in ones
are imported here, in toolbar order (a new tool: its module plus one line below).

:class:`Tool` names the built-in mask tools for code and tests that pick one."""

from __future__ import annotations

from studio.ui.canvas.tools import brush, lasso, rectangle
from studio.ui.canvas.tools.base import (
    MASK_LAYER,
    MAX_BRUSH,
    MIN_BRUSH,
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
    """The built-in mask tools by name."""

    BRUSH = brush.BRUSH
    ERASER = brush.ERASER
    RECT_FILL = rectangle.RECT_FILL
    RECT_ERASE = rectangle.RECT_ERASE
    LASSO_FILL = lasso.LASSO_FILL
    LASSO_ERASE = lasso.LASSO_ERASE


__all__ = [
    "MASK_LAYER",
    "MAX_BRUSH",
    "MIN_BRUSH",
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
