"""The prompt library: saved prompts with ``{variables}``, tags, search, recent use,
and JSON import/export. Qt-free; the window and the CLI share it."""

from __future__ import annotations

from studio.core.paths import Paths
from studio.core.prompt_library.entry import SNIPPET_TAG, Entry, LibraryError, split_tags
from studio.core.prompt_library.store import PromptLibrary, Query
from studio.core.settings import Settings

__all__ = [
    "SNIPPET_TAG",
    "Entry",
    "LibraryError",
    "PromptLibrary",
    "Query",
    "open_library",
    "split_tags",
]


def open_library(
    paths: Paths, settings: Settings | None = None, *, busy_timeout_ms: int | None = None
) -> PromptLibrary:
    """The library in ``paths``; on its first opening the snippets and recent prompts
    that earlier versions kept in ``settings`` move in (the settings file is left as it
    was, so nothing is lost even going back to an earlier version)."""
    library = (
        PromptLibrary(paths.prompt_library_db)
        if busy_timeout_ms is None
        else PromptLibrary(paths.prompt_library_db, busy_timeout_ms=busy_timeout_ms)
    )
    if settings is not None:
        try:
            library.migrate([(s.name, s.text) for s in settings.snippets], settings.recent_prompts)
        except LibraryError:
            pass  # busy: another process is writing; the move is tried on the next opening
        except BaseException:
            library.close()
            raise
    return library
