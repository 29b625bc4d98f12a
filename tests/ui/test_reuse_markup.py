"""Retrying or reusing a single edit whose markup annotations can no longer be read: the
window says so and sends nothing (it used to put the job back without its markup, so the
edit went out with none), and what the composer held is left as it was."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pytest

from studio.core.markup import Annotation, Kind, MarkupDoc
from studio.ui.i18n import set_language
from tests.core.test_markup_requests import MODEL, SIZE, _edit

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def _damaged_markup_job(studio: Studio, provider: Provider) -> tuple[int, Path]:
    doc = MarkupDoc.of(*SIZE, [Annotation(Kind.RECT, ((20, 12), (44, 30)))])
    outcome = studio.run_job(provider, _edit(markup_doc=doc))
    assert outcome.ok and outcome.job_id is not None, outcome.error
    (stored,) = studio.history.images_dir.rglob("markup.json")
    stored.write_bytes(b"{not json")
    return outcome.job_id, stored


@pytest.mark.parametrize(("run", "lang"), [(True, "en"), (False, "zh_CN")])
def test_a_single_edit_with_unreadable_markup_is_refused_with_a_message(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    run: bool,
    lang: str,
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    job_id, stored = _damaged_markup_job(studio_ctx, sandbox_provider)
    sent = len(sandbox.requests)
    compose = window.compose
    compose.prompt.set_prompt("my own prompt, not yet sent")
    model = compose.model()
    assert model != MODEL
    assert set_language(lang) or lang == "en"
    try:
        window.reuse_history_job(job_id, run=run)  # the history's Retry / Reuse Settings
        bar = window.error_bar
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        text = html.unescape(bar.text.text())  # the bar shows rich text
        qtbot.wait(300)  # a job would have been sent by now
    finally:
        set_language("en")
    if lang == "en":
        assert "The job could not be read from the history" in text
        assert "The markup drawn on this job's input image cannot be read" in text
        assert "its record is damaged" in text
    else:
        assert "无法读取此任务输入图片上绘制的标注" in text
        assert "记录已损坏" in text
    assert len(sandbox.requests) == sent  # nothing sent without the markup
    assert window.queue.jobs == []
    # what the composer held stays, and the damaged file is left for the user
    assert compose.prompt.prompt() == "my own prompt, not yet sent"
    assert compose.model() == model
    assert stored.read_bytes() == b"{not json"
