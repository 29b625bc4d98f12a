"""The spend view: its sums are the history's, per provider and per day or month."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, Mode
from studio.ui.cost_text import money
from studio.ui.spend_chart import PALETTE

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow
    from studio.ui.spend_view import SpendView


def _provider(pid: str, name: str, base_url: str) -> Provider:
    return Provider(
        id=pid,
        name=name,
        base_url=base_url,
        auth=AuthStyle.NONE,
        models=("gpt-image-2.6-flare", "gpt-image-1.5"),
        default_model="gpt-image-2.6-flare",
        builtin=False,
    )


def _run(studio: Studio, provider: Provider, model: str, quality: str) -> None:
    request = ImageRequest(
        Mode.GENERATE, model, "a tin robot", {"quality": quality, "size": "1024x1024"}
    )
    outcome = studio.run_job(provider, request, source="test")
    assert outcome.ok, outcome.error


def _open(qtbot: QtBot, window: MainWindow) -> SpendView:
    window.act_spend.trigger()
    view = window.model_actions.spend_view
    assert view is not None
    qtbot.waitUntil(lambda: bool(view.entries()), timeout=10_000)
    return view


def test_spend_sums_match_the_history(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    a = _provider("relay-a", "Relay A", sandbox.base_url)
    b = _provider("relay-b", "Relay B", sandbox.base_url)
    for p in (a, b):
        studio_ctx.settings.upsert_provider(p)
    studio_ctx.settings.price_factors["relay-b"] = 0.5
    _run(studio_ctx, a, "gpt-image-2.6-flare", "low")
    _run(studio_ctx, a, "gpt-image-2.6-flare", "high")
    _run(studio_ctx, b, "gpt-image-2.6-flare", "high")
    _run(studio_ctx, b, "gpt-image-1.5", "medium")

    expected: dict[tuple[str, str], float] = {}
    unknown = 0
    for record in studio_ctx.history.list_jobs():
        if record.cost is None:  # a model without known rates: no cost is made up
            unknown += 1
            continue
        assert record.cost > 0
        key = (record.provider_id, record.cost_currency or "")
        expected[key] = expected.get(key, 0.0) + record.cost
    assert unknown == 1
    assert set(expected) == {("relay-a", "USD"), ("relay-b", "USD")}

    view = _open(qtbot, window)
    assert view.totals_by_provider() == pytest.approx(expected)
    text = view.totals.text()
    assert f"Relay A: {money(expected[('relay-a', 'USD')], 'USD')}" in text
    assert f"Relay B: {money(expected[('relay-b', 'USD')], 'USD')}" in text
    assert view.table.rowCount() == 2  # one day, two providers
    assert sum(int(view.table.item(r, 2).text()) for r in range(2)) == 3

    # by month: the same money in fewer (here: equally many) rows
    view.by.setCurrentIndex(view.by.findData("month"))
    qtbot.waitUntil(lambda: len(view.entries()[0].period) == 7, timeout=10_000)
    assert view.totals_by_provider() == pytest.approx(expected)

    # the chart paints each provider's part of the bar (more than its legend swatch)
    picture = view.chart.grab().toImage()
    counts = {QColor(c).rgb(): 0 for c in PALETTE[:2]}
    for x in range(picture.width()):
        for y in range(picture.height()):
            rgb = picture.pixelColor(x, y).rgb()
            if rgb in counts:
                counts[rgb] += 1
    swatch = view.chart.fontMetrics().height() ** 2
    assert all(n > 2 * swatch for n in counts.values()), counts


def test_an_empty_history_says_so(qtbot: QtBot, window: MainWindow) -> None:
    window.act_spend.trigger()
    view = window.model_actions.spend_view
    assert view is not None
    qtbot.waitUntil(lambda: "No job" in view.totals.text(), timeout=10_000)
    assert view.table.rowCount() == 0


def test_a_price_factor_is_set_per_provider_in_settings(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    import json

    from PySide6.QtCore import Qt

    from studio.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(studio_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.providers_page
    page.select_provider("tuzi")
    assert page.price_factor.value() == 1.0
    page.price_factor.selectAll()
    qtbot.keyClicks(page.price_factor.lineEdit(), "0.68")
    page.select_provider("sandbox")  # leaving the provider keeps its edits
    assert page.price_factor.value() == 1.0
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert studio_ctx.settings.price_factor("tuzi") == pytest.approx(0.68)
    assert studio_ctx.settings.price_factor("sandbox") == 1.0
    saved = json.loads(studio_ctx.paths.settings_file.read_text("utf-8"))
    assert saved["price_factors"] == {"tuzi": 0.68}


def test_sandbox_jobs_are_priced_but_marked_simulated_and_left_out_of_the_total(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    relay = _provider("relay-a", "Relay A", sandbox.base_url)
    studio_ctx.settings.upsert_provider(relay)
    builtin = studio_ctx.providers()["sandbox"]  # the offline sandbox everyone starts on
    _run(studio_ctx, relay, "gpt-image-2.6-flare", "low")
    _run(studio_ctx, builtin, "gpt-image-2.6-flare", "high")
    jobs = {r.provider_id: r for r in studio_ctx.history.list_jobs()}
    assert jobs["sandbox"].cost and jobs["relay-a"].cost  # both priced at the model's rates
    charged, free = jobs["relay-a"], jobs["sandbox"]

    view = _open(qtbot, window)
    text = view.totals.text()
    sandbox_name = view.name("sandbox")
    assert f"{sandbox_name}: {money(free.cost or 0, 'USD')} (simulated)" in text
    assert f"Total: {money(charged.cost or 0, 'USD')}" in text  # the relay's only
    assert "not in the total" in text
    cells = {
        view.table.item(r, 1).text(): view.table.item(r, 3).text()
        for r in range(view.table.rowCount())
    }
    assert cells[sandbox_name].endswith("(simulated)")
    assert not cells["Relay A"].endswith("(simulated)")
    # the chart is of money charged: one provider in it
    assert view.chart.series_names() == ["Relay A"]


def test_an_empty_chart_over_sandbox_rows_says_why_they_are_not_in_it(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio
) -> None:
    _run(studio_ctx, studio_ctx.providers()["sandbox"], "gpt-image-2.6-flare", "high")
    view = _open(qtbot, window)
    assert view.table.rowCount() == 1  # the sandbox's row, priced and marked simulated
    assert view.table.item(0, 3).text().endswith("(simulated)")
    assert view.chart.bars() == []  # nothing charged: no bar
    assert view.chart.placeholder == (
        "Nothing spent yet: sandbox jobs are simulated and not counted."
    )


def test_an_empty_chart_of_an_empty_history_says_nothing_was_spent(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.act_spend.trigger()
    view = window.model_actions.spend_view
    assert view is not None
    qtbot.waitUntil(lambda: "No job" in view.totals.text(), timeout=10_000)
    assert view.chart.placeholder == "Nothing spent yet."


def test_tab_leaves_the_spend_table(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    """Tab leaves the table for the next control (it went from cell to cell, round and
    round)."""
    relay = _provider("relay-a", "Relay A", sandbox.base_url)
    studio_ctx.settings.upsert_provider(relay)
    _run(studio_ctx, relay, "gpt-image-2.6-flare", "low")
    view = _open(qtbot, window)
    qtbot.waitUntil(lambda: view.table.rowCount() > 0, timeout=10_000)
    table = view.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
