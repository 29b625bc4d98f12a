"""The mask editor: a paintable mask over the image (``MaskCanvas``) and its tool bar panel."""

from __future__ import annotations

from studio.ui.canvas.refcount_guard import protect_singletons

protect_singletons()  # before any painting: see refcount_guard.py

from studio.ui.canvas.panel import MaskEditorPanel  # noqa: E402
from studio.ui.canvas.tools import Tool, ViewMode  # noqa: E402
from studio.ui.canvas.widget import MaskCanvas  # noqa: E402

__all__ = ["MaskCanvas", "MaskEditorPanel", "Tool", "ViewMode"]
