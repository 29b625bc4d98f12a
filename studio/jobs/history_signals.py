"""The history store's change notification as a Qt signal on the UI thread."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, Signal

from studio.core.history import HistoryStore
from studio.core.history.events import HistoryChanged


class HistorySignals(QObject):
    """Lives on the UI thread; a write on a worker reaches ``history_changed`` queued.

    Call :meth:`close` before the store closes (or this object goes) to stop listening."""

    history_changed = Signal(HistoryChanged)

    def __init__(self, store: HistoryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = store.listen(self._relay)
        self.destroyed.connect(self._stop)

    def close(self) -> None:
        self._stop()

    def _relay(self, change: HistoryChanged) -> None:  # any thread
        with contextlib.suppress(RuntimeError):  # this object is gone (shutdown)
            self.history_changed.emit(change)
