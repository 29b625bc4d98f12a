"""The gallery's group and thread tiles tied to where those live in the window: a
compare or batch reopens as its grid or panel, a conversation in its tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow


def link_stacks(window: MainWindow) -> None:
    gallery = window.gallery
    if gallery is None:
        return

    def open_thread(thread_id: int) -> None:
        window.right_tabs.setCurrentWidget(window.conversation)
        window.conversation.open_thread(thread_id)

    gallery.group_opened.connect(lambda group_id, _kind: window.group_windows.open_group(group_id))
    gallery.thread_opened.connect(open_thread)
