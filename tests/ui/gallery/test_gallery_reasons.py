"""A failed job's reason in the history, in the language of the window: the studio's own
sentence translated, the provider's words as they are."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio.core.errors import ErrorKind, StudioError
from studio.core.history import HistoryStore
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from studio.ui.gallery import GalleryDock
from studio.ui.i18n import set_language
from tests.core.history.history_helpers import generate_request
from tests.ui.gallery.test_gallery import settle, value


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths())
    yield s
    s.close()


def test_a_failed_jobs_reason_is_translated_unless_it_is_the_providers(
    qtbot: QtBot, store: HistoryStore
) -> None:
    nothing = store.start_job(provider_id="p", provider_name="P", request=generate_request("a"))
    store.finish_job(nothing, ImageResult())
    refused = store.start_job(provider_id="p", provider_name="P", request=generate_request("b"))
    store.fail_job(refused, StudioError(ErrorKind.PROVIDER, "Blocked by policy.", status=400))
    assert set_language("zh_CN")
    try:
        d = GalleryDock(store)
        qtbot.addWidget(d)
        settle(qtbot, d)
        tips = {
            value(d, r, Qt.ItemDataRole.DisplayRole): value(d, r, Qt.ItemDataRole.ToolTipRole)
            for r in range(d.model.rowCount())
        }
        assert len(tips) == 2
        both = "\n".join(str(t) for t in tips.values())
        assert "服务商没有返回任何图像。" in both
        assert "The provider returned no images." not in both
        assert "Blocked by policy." in both  # the provider's words, as it said them
        assert " · generate · " not in both  # the mode in the window's words too
    finally:
        set_language("en")
