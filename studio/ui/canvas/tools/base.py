"""The canvas tool protocol: what a tool is, what it gets, and the registry of tools.

A tool is one module: a :class:`CanvasTool` subclass (its label, tip, shortcut and
optional icon name; ``press`` starts a :class:`ToolGesture` that follows the mouse,
paints its own overlay and ends in one undo step) and a call to :func:`register`.
The canvas maps mouse positions to image pixels and hands the tool a
:class:`ToolContext` holding the view transform and the layer the tool names
(``"mask"`` for the mask tools; markup layers can join later); the panel builds its
tool buttons, and the canvas its shortcuts, from :func:`registered_tools`.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QKeyCombination, QPointF, QRect, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QUndoCommand

from studio.ui.canvas.view import ViewTransform

MIN_BRUSH = 1
MAX_BRUSH = 1024
MASK_LAYER = "mask"


class ViewMode(enum.Enum):
    IMAGE_AND_MASK = "both"
    MASK_ONLY = "mask"
    IMAGE_ONLY = "image"


class CanvasMode(enum.Enum):
    """What the canvas edits, by the layer its tools name: the mask, or the markup.
    Only one of them is sent with a job."""

    MASK = "mask"
    MARKUP = "markup"


def clamp_size(size: int) -> int:
    return max(MIN_BRUSH, min(MAX_BRUSH, int(size)))


def step_size(size: int, up: bool) -> int:
    """Next brush size for ``]`` / ``[``: about 15 % a step, at least one pixel."""
    delta = max(1, round(size * 0.15))
    return clamp_size(size + delta if up else size - delta)


@dataclass(frozen=True)
class ToolContext:
    """What a gesture works with: the view, its target layer, the size, and how to tell
    the canvas that image pixels changed (undo and redo call it too)."""

    view: ViewTransform
    layer: object  # the layer named by the tool's ``layer`` (a MaskLayer for "mask")
    size: int
    changed: Callable[[QRect], None]


@dataclass(frozen=True)
class Finished:
    """How a gesture ended: the image rect to repaint and the undo step (None: no change)."""

    dirty: QRect
    command: QUndoCommand | None


class ToolGesture(abc.ABC):
    """One press-drag-release of a tool, in image coordinates."""

    def __init__(self, tool: CanvasTool, size: int) -> None:
        self.tool = tool
        self.size = size

    def begin(self) -> QRect:
        """Called once after the press; the image rect it already changed."""
        return QRect()

    @abc.abstractmethod
    def move(self, pos: QPointF) -> QRect | None:
        """Follow the mouse; the image rect that changed, or None when only the overlay
        moved (the whole view is repainted)."""

    @abc.abstractmethod
    def release(self) -> Finished:
        """Apply the gesture."""

    @abc.abstractmethod
    def cancel(self) -> QRect:
        """Put back whatever the gesture already changed (Esc); the rect to repaint."""

    def paint_overlay(self, p: QPainter, view: ViewTransform) -> None:
        """Draw the outline of what the gesture will do (widget coordinates)."""
        return


class CanvasTool(abc.ABC):
    """A tool of the canvas. Subclasses set the class attributes and implement ``press``."""

    #: stable id (settings, tests)
    id: str = ""
    #: the layer this tool works on (the canvas's ``layers()``)
    layer: str = MASK_LAYER
    #: sized by the eraser size (else the brush size)
    erases: bool = False
    #: show a ring of the tool's size at the cursor
    ring: bool = False
    #: QKeySequence text (``"B"``, ``"Shift+R"``); empty for none
    shortcut: str = ""
    #: a bundled icon's name (``studio/resources/icons``), optional
    icon: str | None = None
    cursor: Qt.CursorShape = Qt.CursorShape.CrossCursor

    @abc.abstractmethod
    def label(self) -> str:
        """The button text (translated)."""

    @abc.abstractmethod
    def tip(self) -> str:
        """The tool tip (translated)."""

    def erase_variant(self) -> CanvasTool | None:
        """The tool the right mouse button uses (None: the right button does nothing)."""
        return None

    @abc.abstractmethod
    def press(self, ctx: ToolContext, pos: QPointF) -> ToolGesture:
        """Start a gesture at ``pos`` (image coordinates)."""

    def __repr__(self) -> str:
        return f"<tool {self.id}>"


@dataclass
class ToolSettings:
    """Separate sizes (diameters in image pixels) for painting and erasing."""

    brush_size: int = 40
    eraser_size: int = 40

    def size_for(self, tool: CanvasTool) -> int:
        return self.eraser_size if tool.erases else self.brush_size

    def set_size_for(self, tool: CanvasTool, size: int) -> None:
        if tool.erases:
            self.eraser_size = clamp_size(size)
        else:
            self.brush_size = clamp_size(size)


_registry: dict[str, CanvasTool] = {}


def register(tool: CanvasTool) -> CanvasTool:
    """Add ``tool`` to the toolbar and shortcuts of canvases made from now on."""
    if not tool.id:
        raise ValueError("a canvas tool needs an id")
    _registry[tool.id] = tool
    return tool


def unregister(tool_id: str) -> None:
    _registry.pop(tool_id, None)


def registered_tools() -> list[CanvasTool]:
    """Every tool, in registration order (the toolbar's order)."""
    return list(_registry.values())


def tool_for_key(event: QKeyEvent) -> CanvasTool | None:
    """The tool whose shortcut is this key press, if any."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    pressed = QKeySequence(QKeyCombination(mods, Qt.Key(event.key())))
    for tool in _registry.values():
        if tool.shortcut and pressed.matches(QKeySequence(tool.shortcut)) == (
            QKeySequence.SequenceMatch.ExactMatch
        ):
            return tool
    return None
