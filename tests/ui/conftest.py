"""Window fixtures (``studio_ctx``, ``sandbox_provider``, ``english``, ``window``) live in
``tests/conftest.py``, shared with the reliability tests.

Every UI test runs under :func:`tests.ui.history_guard.history_guard`: a test fails
when the window or the gallery touches the history store on the UI thread. Every UI
test starts in English, with its plural forms ("1 job", "2 jobs"), whatever language
an earlier test left."""

from collections.abc import Iterator

import pytest

from tests.conftest import TEST_PROVIDER
from tests.ui.history_guard import HistoryGuard, history_guard

__all__ = ["TEST_PROVIDER"]


@pytest.fixture(autouse=True)
def english_ui(qapp: object, english: None) -> None:
    """English, as the person sees it: the plural catalogue installed."""


@pytest.fixture(autouse=True)
def no_history_sql_on_ui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[HistoryGuard]:
    with history_guard(monkeypatch) as guard:
        yield guard
    if guard.violations:
        pytest.fail(
            f"{len(guard.violations)} history store call(s) on the UI thread; the first:\n"
            + guard.violations[0],
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def pictures_in_tmp(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Save dialogs start in a Pictures folder of the test's own, with no folder remembered."""
    from studio.ui import save_files

    pictures = tmp_path_factory.mktemp("Pictures") / "Image Studio"
    monkeypatch.setattr(save_files, "pictures_folder", lambda: pictures)
    monkeypatch.setattr(save_files, "MEMORY", save_files.FolderMemory())
