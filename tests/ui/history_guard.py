"""A guard that fails a test when the UI touches the history store on the UI thread.

SQLite calls (and the file moves of a delete) can take tens of milliseconds on a
busy disk or a locked database; on the UI thread that is a frozen window. The
guard wraps the store's connection entry points: a call made on the Qt main
thread with a ``studio.ui`` frame on the stack is recorded, and the test fails.
Tests themselves may still read and write the store directly (no UI frame).
"""

from __future__ import annotations

import contextlib
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest

from studio.core.history import HistoryStore

#: the store's ways to a connection: every query and write passes one of them
ENTRY_POINTS = ("_use", "_connect", "data_version")


def _ui_frame(frame: FrameType | None) -> FrameType | None:
    while frame is not None:
        if str(frame.f_globals.get("__name__", "")).startswith("studio.ui"):
            return frame
        frame = frame.f_back
    return None


class HistoryGuard:
    def __init__(self) -> None:
        self.violations: list[str] = []

    def check(self, name: str) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        frame = _ui_frame(sys._getframe(2))
        if frame is not None:
            where = "".join(traceback.format_stack(frame, limit=4))
            self.violations.append(f"HistoryStore.{name} on the UI thread, from:\n{where}")

    def wrap(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        guard = self

        def guarded(*args: Any, **kwargs: Any) -> Any:
            guard.check(name)
            return original(*args, **kwargs)

        return guarded


@contextlib.contextmanager
def history_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[HistoryGuard]:
    guard = HistoryGuard()
    for name in ENTRY_POINTS:
        monkeypatch.setattr(HistoryStore, name, guard.wrap(name, getattr(HistoryStore, name)))
    yield guard
