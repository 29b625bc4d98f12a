"""The batch plan's first line counts its prompts in the words of the language in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.ui.i18n import set_language
from tests.ui.test_batch_panel import _open

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def test_one_prompt_is_one_prompt_in_english_and_in_chinese(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """It said "1 prompts": the text was looked up where its plural forms are not kept."""
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.setText("a {animal}")
    panel.values.setPlainText("animal\ncat\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    assert panel.preview.text().startswith("1 prompt, about $0.016 in all. First:")
    panel.values.setPlainText("animal\ncat\nfox\n")
    qtbot.waitUntil(lambda: panel.preview.text().startswith("2 prompts,"), timeout=10_000)
    assert set_language("zh_CN")
    try:
        panel.values.setPlainText("animal\ncat\n")
        qtbot.waitUntil(lambda: panel.preview.text().startswith("共 1 条提示词"), timeout=10_000)
    finally:
        set_language("en")
