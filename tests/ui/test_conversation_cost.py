"""Each turn in the Conversation tab shows its time and its whole cost: the image
tool's tokens and the text model's (real HTTP to the sandbox)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from studio.core.costs import actual_cost, text_cost
from studio.core.service import Studio
from studio.sandbox.server import SandboxServer
from studio.ui.cost_text import money
from studio.ui.main_window import MainWindow
from tests.ui.test_conversation_tab import MODEL, _aim, _say, _talk_provider


def test_a_turn_shows_its_cost_with_the_text_models_tokens(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a lighthouse in fog", 1)
    assert panel.base_turn is not None
    record = studio_ctx.history.get_job(panel.base_turn)
    assert record is not None and record.usage is not None and record.cost is not None
    image_only = actual_cost(
        {k: v for k, v in record.usage.items() if not k.startswith("text_model")},
        studio_ctx.caps_for(MODEL),
    )
    text = text_cost(
        record.usage["text_model_usage"], studio_ctx.capabilities.text_price("gpt-5.5")
    )
    assert image_only is not None and text is not None
    assert record.cost == pytest.approx(image_only.amount + text.amount)
    row = panel.turn_items()[0].text()
    assert f"cost {money(record.cost, 'USD')}" in row
    assert " s · " in row  # how long it took


def test_a_turn_on_the_offline_sandbox_says_its_cost_is_simulated(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio
) -> None:
    """As in the jobs list and the viewer: nobody is charged for a sandbox turn."""
    window.compose.set_providers(studio_ctx.providers(), "sandbox")
    box = window.compose.model_box
    box.setCurrentIndex(box.findData("gpt-image-2.6-sunburst"))
    window.right_tabs.setCurrentIndex(window.conversation_tab)
    panel = window.conversation
    _say(qtbot, panel, "a lighthouse at dusk", 1)
    record = studio_ctx.history.get_job(panel.base_turn or 0)
    assert record is not None and record.provider_id == "sandbox" and record.cost is not None
    row = panel.turn_items()[0].text()
    assert f"cost {money(record.cost, 'USD')} (simulated)" in row
