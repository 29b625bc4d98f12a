"""The gallery tied to the window: its group and thread tiles to where those live (a
compare or batch reopens as its grid or panel, a conversation in its tab), and its view
choices (tile size, list view) to the window's settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow


def link_gallery(window: MainWindow) -> None:
    gallery = window.gallery
    if gallery is None:
        return
    gallery.use_settings(window.qsettings)

    def open_thread(thread_id: int) -> None:
        window.right_tabs.setCurrentIndex(window.conversation_tab)
        window.conversation.open_thread(thread_id)

    gallery.group_opened.connect(lambda group_id, _kind: window.group_windows.open_group(group_id))
    gallery.thread_opened.connect(open_thread)

    def back_to_batch() -> None:
        shown = gallery.filters.group
        if shown is not None:
            window.group_windows.back_to_batch(shown[0])

    gallery.filters.group_back.clicked.connect(back_to_batch)
    # the welcome is for an empty history: what the window remembered is set right
    gallery.holds_jobs.connect(window.history_known)
