"""A stored image replaced by something else (a text file, a symlink to /dev/zero, a named
pipe): the viewer, the thumbnails and export say so at once, and nothing reads forever."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from studio.core.result import ImageResult
from studio.core.saving import save_image
from studio.core.thumbnails import thumbnail_for
from tests.core.history.history_helpers import generate_request, generated

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.history import JobRecord
    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow

REPLACEMENTS = ["a text file", "a symlink to /dev/zero", "a named pipe"]


def _replaced(studio: Studio, replacement: str) -> JobRecord:
    store = studio.history
    job = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request()
    )
    store.finish_job(job, ImageResult(images=[generated((200, 10, 10))]))
    record = store.get_job(job)
    assert record is not None
    path = record.images[0].path
    path.unlink()
    if replacement == "a text file":
        path.write_text("this is not a picture\n")
    elif replacement == "a symlink to /dev/zero":
        os.symlink("/dev/zero", path)
    else:
        os.mkfifo(path)
    return record


@pytest.mark.parametrize("replacement", REPLACEMENTS)
def test_the_viewer_says_why_it_cannot_show_it(
    qtbot: QtBot, window: MainWindow, replacement: str
) -> None:
    """/dev/zero was read to a MemoryError, a pipe blocked its worker for good, and a text
    file showed as an empty "0 × 0" picture with Copy and Edit this enabled."""
    path = _replaced(window.studio, replacement).images[0].path
    window.open_image(str(path))
    bar = window.error_bar
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    shown = bar.text.text()
    assert "The image could not be opened" in shown
    reason = "not a readable picture" if replacement == "a text file" else "not a regular file"
    assert reason in shown and "Traceback" not in shown
    assert window.viewer.looked_up is None


@pytest.mark.parametrize("replacement", REPLACEMENTS[1:])
def test_thumbnails_and_export_refuse_it_at_once(
    studio_ctx: Studio, replacement: str, tmp_path: Path
) -> None:
    record = _replaced(studio_ctx, replacement)
    image = record.images[0]
    with pytest.raises(OSError, match="not a regular file"):  # hashed it forever before
        thumbnail_for(image.path, studio_ctx.paths.thumbnails_dir)
    target = tmp_path / "exported.png"
    with pytest.raises(OSError, match="not a regular file"):
        save_image(record, image, target)
    assert not target.exists()
