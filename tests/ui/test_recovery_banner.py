"""The window's banner for paid replies that could not be recovered: retry, open, discard."""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.core.history.queries import JobQuery
from studio.core.journal import Journal
from studio.ui.recovery_banner import RecoveryBanner
from tests.core.imagebytes import png

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio


def _quarantine(studio: Studio, body: bytes, reason: str) -> None:
    journal = Journal(studio.paths.journal_dir)
    entry = journal.write(body, {"model": "gpt-image-1", "mode": "generate", "prompt": "a fox"})
    journal.quarantine(entry, reason)


def test_start_shows_what_could_not_be_read_and_discard_removes_it(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    _quarantine(studio_ctx, b'{"data": [{"url": "https://gone.invalid/x.png"}]}', "HTTP 403")
    banner = RecoveryBanner(studio_ctx)
    qtbot.addWidget(banner)
    banner.start()
    qtbot.waitUntil(lambda: bool(banner.entries), timeout=10_000)
    assert not banner.isHidden()
    assert "1 paid result could not be read" in banner.text.text()
    assert "HTTP 403" in banner.text.text()
    qtbot.mouseClick(banner.discard_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden() and studio_ctx.quarantined() == []


def test_retry_stores_the_image_when_the_reply_can_be_read_now(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    image = base64.b64encode(png(32, 32)).decode()
    _quarantine(studio_ctx, json.dumps({"data": [{"b64_json": image}]}).encode(), "was broken")
    banner = RecoveryBanner(studio_ctx)
    qtbot.addWidget(banner)
    banner.show_entries(studio_ctx.quarantined())
    with qtbot.waitSignal(banner.recovered, timeout=10_000):
        qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden() and studio_ctx.quarantined() == []
    (job,) = studio_ctx.history.list_jobs(JobQuery(), limit=5)
    assert job.status == "succeeded" and len(job.images) == 1 and job.prompt == "a fox"


def test_a_failed_retry_keeps_the_reply_and_says_why(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    _quarantine(studio_ctx, b'{"data": [{"b64_json": "!!"}]}', "bad base64")
    banner = RecoveryBanner(studio_ctx)
    qtbot.addWidget(banner)
    banner.show_entries(studio_ctx.quarantined())
    qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not valid base64" in banner.text.text(), timeout=10_000)
    assert banner.retry_button.isEnabled() and len(studio_ctx.quarantined()) == 1
    (entry,) = studio_ctx.quarantined()
    assert "not valid base64" in entry.meta()["quarantine_reason"]
