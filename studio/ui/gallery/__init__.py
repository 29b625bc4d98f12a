"""The history gallery dock (virtualized grid over the history store)."""

from studio.ui.gallery.refcount import protect_singletons

protect_singletons()  # PySide6 6.12 on Python 3.11 drops references: see refcount.py

from studio.ui.gallery.dock import GalleryDock  # noqa: E402

__all__ = ["GalleryDock"]
