"""The mask editor: a paintable mask over the image (``MaskCanvas``) and its tool bar panel."""

from __future__ import annotations

from studio.ui.canvas.panel import MaskEditorPanel
from studio.ui.canvas.tools import Tool, ViewMode
from studio.ui.canvas.widget import MaskCanvas

__all__ = ["MaskCanvas", "MaskEditorPanel", "Tool", "ViewMode"]
