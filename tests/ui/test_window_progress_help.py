"""Long jobs: "partial 2 of 3" while streaming, a notification when one ends in the
background (optional), and F1 opens a built-in help page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QSpinBox

from studio.jobs.queue import Job, JobState
from tests.ui.test_window import type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow


def run(qtbot: QtBot, window: MainWindow, prompt: str) -> Job:
    type_prompt(qtbot, window, prompt)
    with qtbot.waitSignal(window.queue.job_finished, timeout=30_000):
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    return window.queue.jobs[-1]


def test_streaming_shows_partial_n_of_m(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "gpt-image-1")
    params = window.compose.params
    stream = params.widget_for("stream")
    assert isinstance(stream, QCheckBox)
    stream.setChecked(True)
    partials = params.widget_for("partial_images")
    assert isinstance(partials, QSpinBox)
    partials.setValue(3)
    seen: list[str] = []

    def record(job: Job) -> None:
        row = window.jobs.row_for(job)
        if row is not None:
            seen.append(row.status.text())

    window.queue.job_changed.connect(record)
    job = run(qtbot, window, "a streamed harbour")
    assert job.state is JobState.DONE
    shown = [t for t in seen if t.startswith("Partial")]
    assert shown, seen
    assert any(t.startswith("Partial 3 of 3") for t in shown), shown
    assert all(" of 3" in t for t in shown)


def test_a_job_that_ends_in_the_background_is_notified(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider)
    window.notifier.min_seconds = 0  # every job counts as long here
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    job = run(qtbot, window, "a quiet lake")
    assert job.state is JobState.DONE
    assert window.notifier.sent, "no notification"
    title, text = window.notifier.sent[-1]
    assert title == f"Job {job.number} is done"
    assert "a quiet lake" in text and "1 image ready." in text


def test_the_notification_can_be_turned_off_in_settings(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    dialog = window.open_settings()
    assert dialog.notify.isChecked()  # on by default
    dialog.notify.setChecked(False)
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        dialog.buttons.accepted.emit()
    assert window.studio.settings.notify_when_done is False
    use_sandbox(window, sandbox_provider)
    window.notifier.min_seconds = 0
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    run(qtbot, window, "an unannounced lake")
    assert window.notifier.sent == []


def test_f1_opens_the_help_page(qtbot: QtBot, window: MainWindow) -> None:
    from studio.ui.help_dialog import HelpDialog

    window.activateWindow()
    qtbot.keyClick(window.compose.prompt.text, Qt.Key.Key_F1)
    dialog = window.findChild(HelpDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.browser.toPlainText()
    for part in ("Keyboard shortcuts", "Masks", "What costs money", "Copy image"):
        assert part in text, part
    assert "Ctrl+Shift+C" in text  # read from the window's own actions


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_help_page_names_actions_as_words_and_lists_the_markup_keys(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    """Menu texts carry their access keys ("生成(&G)", "设置(&S)…"): the help page
    showed "生成(G)" and "设置(S)…"; and the markup tools' keys were missing."""
    from studio.ui.help_dialog import HelpDialog
    from studio.ui.i18n import set_language

    assert set_language(language)
    try:
        window.activateWindow()
        qtbot.keyClick(window.compose.prompt.text, Qt.Key.Key_F1)
        dialog = window.findChild(HelpDialog)
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        rows = dict(dialog._shortcut_rows())
        settings = rows["Ctrl+,"]
        assert settings == ("Settings" if language == "en" else "设置"), settings
        for words in rows.values():
            assert not re.search(r"\([A-Z]\)|&|…|\.\.\.$", words), words
        assert "V · P · N · A · X · O · T" in rows
        text = dialog.browser.toPlainText()
        assert ("arrow" if language == "en" else "箭头") in text
    finally:
        set_language("en")
