"""The history gallery dock (virtualized grid over the history store)."""

from studio.ui.gallery.dock import GalleryDock

__all__ = ["GalleryDock"]
