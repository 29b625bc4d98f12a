"""A long model id in the jobs list is elided (the full text in the tooltip), so the
list never needs a horizontal scroll bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.core.request import ImageRequest, Mode

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow

LONG_MODEL = "example-org/photoreal-diffusion-xl-" + "long-variant-" * 8 + "v2"


def test_a_long_model_id_is_elided_with_the_full_text_in_the_tooltip(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    request = ImageRequest(Mode.GENERATE, LONG_MODEL, "a paper boat")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
        job = window.queue.submit(sandbox_provider, request)
    jobs = window.jobs
    row = jobs.row_for(job)
    assert row is not None
    bar = jobs.list.horizontalScrollBar()
    shown = []
    dock = window.jobs_dock
    dock.setFloating(True)  # its own window, to size it at will
    for width in (420, 160):  # a roomy jobs strip and a narrow one
        dock.resize(width, 240)
        qtbot.waitUntil(lambda w=width: dock.width() == w)
        qtbot.waitUntil(lambda: row.width() == jobs.list.viewport().width())
        title = row.title.text()
        assert title.endswith("…") and title[:-1] in row.title.full_text(), title
        assert row.title.fontMetrics().horizontalAdvance(title) <= row.title.width()
        assert bar.maximum() == 0 and not bar.isVisible()
        shown.append(title)
    assert len(shown[0]) > len(shown[1])  # the roomier strip shows more of it
    assert LONG_MODEL in row.title.toolTip() and "a paper boat" in row.title.toolTip()
    assert LONG_MODEL in row.title.full_text()
