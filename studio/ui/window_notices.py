"""Trouble the window meets outside a job, said in the error bar (one place, one
style, a button that deals with it) instead of a passing status-bar line: an input
that cannot be read, settings that cannot be saved, a history image that cannot be
opened, settings that could not be read at start."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from studio.core.errors import StudioError
from studio.ui.core_text import error_text

if TYPE_CHECKING:
    from studio.ui.error_bar import ErrorBar


def reason_text(exc: BaseException) -> str:
    """Why something failed, in words: the studio's own sentence for its errors, the
    system's words (and the file) for a file error, never a traceback."""
    if isinstance(exc, StudioError):
        return error_text(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return str(exc) or type(exc).__name__


class WindowNotices(QObject):
    """Puts the window's non-job trouble into its error bar."""

    def __init__(
        self,
        bar: ErrorBar,
        save_settings: Callable[[], None],
        open_settings: Callable[[], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bar = bar
        self._save_settings = save_settings
        self._open_settings = open_settings

    def _open(self) -> None:
        self._open_settings()

    def inputs(self, text: str) -> None:
        """An input image could not be added (unreadable, or one too many)."""
        self.bar.show_notice(self.tr("Input images"), text)

    def failed(self, what: str, exc: BaseException) -> None:
        """``what`` (a translated sentence: "The image could not be opened.") failed."""
        self.bar.show_notice(what, reason_text(exc))

    def settings_not_saved(self, exc: BaseException) -> None:
        self.bar.show_notice(
            self.tr("The settings could not be saved"),
            reason_text(exc),
            (
                self.tr("Try again"),
                self.tr("Save the settings once more"),
                self._save_settings,
            ),
        )

    def settings_problems(self, problems: list[str]) -> None:
        """What the start could not read of the settings (the rest was read)."""
        if not problems:
            return
        self.bar.show_notice(
            self.tr("Some settings could not be read; the rest are in use"),
            "\n".join(problems),
            (
                self.tr("Open settings"),
                self.tr("Check the settings and save them again"),
                self._open,
            ),
        )
