"""The guard every UI test runs under can fail: UI code touching the history store on the
main thread is caught; the test's own calls and calls on workers are not."""

from __future__ import annotations

import threading

from studio.core.history import HistoryStore
from studio.core.paths import resolve_paths
from tests.ui.history_guard import HistoryGuard

UI_CODE = "def touch(store):\n    return store.max_job_id()\n"


def test_ui_code_on_the_main_thread_is_caught_and_workers_and_tests_are_not(
    no_history_sql_on_ui_thread: HistoryGuard,
) -> None:
    guard = no_history_sql_on_ui_thread
    scope: dict[str, object] = {"__name__": "studio.ui.pretend_widget"}
    exec(compile(UI_CODE, "studio/ui/pretend_widget.py", "exec"), scope)
    touch = scope["touch"]
    assert callable(touch)
    store = HistoryStore(resolve_paths())
    try:
        store.max_job_id()  # the test itself: allowed
        assert guard.violations == []
        worker = threading.Thread(target=touch, args=(store,))
        worker.start()
        worker.join(10)
        assert guard.violations == []  # a worker: allowed
        touch(store)  # UI code on the main thread: caught
        assert len(guard.violations) == 1
        assert "pretend_widget" in guard.violations[0]
    finally:
        store.close()
        guard.violations.clear()  # this test's own violation was the point
