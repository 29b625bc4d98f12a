"""The Conversation tab's ties to the rest of the window (kept out of the window's
own module): the Result tab's picture for *Use result*, and a history image used as
input while the tab is in front (it goes with the next turn)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from studio.core.request import InputImage

if TYPE_CHECKING:
    from studio.ui.conversation_panel import ConversationPanel
    from studio.ui.main_window import MainWindow


def wire_conversation(window: MainWindow, panel: ConversationPanel) -> None:
    """Called once, when the tab's panel is made (the tab is shown or asked for)."""
    viewer = window.viewer

    def shown() -> tuple[InputImage, QImage] | None:
        # a GIF goes as the frame on show, an SVG rasterised: a turn takes still rasters
        result, name = viewer.shown_still(), viewer.shown_name()
        if result is None or name is None or result.qimage.isNull():
            return None
        if result.image.format == "png" and Path(name).suffix.lower() != ".png":
            name = f"{Path(name).stem}.png"
        # named as a saved copy of it is: its date, job and prompt words (by the pattern)
        return InputImage(name, result.image.data), result.qimage

    panel.attach.shown_result = shown

    def attach(path: str) -> bool:
        if window.right_tabs.currentIndex() != window.conversation_tab:
            return False
        panel.attach.add_file(path)
        return True

    window.history_actions.attach_to_conversation = attach
    # closing while a turn runs waits for it (or cancels it) as for any job
    panel.turn_ended.connect(window.close_guard.work_finished)
    # and the status bar counts turns with the jobs
    panel.turn_started.connect(window.update_status)
    panel.turn_ended.connect(window.update_status)
    # and the Jobs panel lists them, with their progress and Stop; choosing one shows
    # its conversation
    window.jobs.list_turns(panel)
    window.jobs.turn_selected.connect(
        lambda _turn: window.right_tabs.setCurrentIndex(window.conversation_tab)
    )
