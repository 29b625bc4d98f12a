"""Each finished job shows what it cost, in the jobs list and in the viewer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from studio.jobs.queue import JobState
from studio.ui.cost_text import money
from tests.ui.test_window import choose, type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def test_money_keeps_fractions_of_a_cent_visible() -> None:
    assert money(0.0042, "USD") == "$0.0042"
    assert money(0.167, "USD") == "$0.167"
    assert money(12.5, "CNY") == "¥12.50"
    assert money(3, "XYZ") == "3.00 XYZ"


def test_a_groups_total_says_how_far_it_is_known(qapp: object) -> None:
    """Per currency, joined; an estimate in it makes it one; a finished member with no
    cost known makes it the least the group cost; nothing known says nothing."""
    from studio.core.history.stacks import CostPart, GroupCost
    from studio.ui.cost_text import group_cost_text

    usd, cny = CostPart("USD", 0.12), CostPart("CNY", 0.8)
    assert group_cost_text(GroupCost((usd, cny))) == "$0.120 + ¥0.800"
    assert group_cost_text(GroupCost((usd, CostPart("CNY", 0.8, estimated=True)))) == (
        "≈ $0.120 + ¥0.800 (estimate)"
    )
    assert group_cost_text(GroupCost((usd,), unknown=2)) == "≥ $0.120"
    sandbox = CostPart("USD", 0.069, simulated=True)
    assert group_cost_text(GroupCost((usd, sandbox))) == "$0.120 + $0.069 (simulated)"
    assert group_cost_text(GroupCost((CostPart("USD", 0.069, True, True),))) == (
        "≈ $0.069 (simulated)"  # as a single sandbox job's estimate reads
    )
    assert group_cost_text(GroupCost((), unknown=3)) == ""
    assert group_cost_text(GroupCost()) == ""


def test_a_finished_job_shows_its_cost_in_the_list_and_the_viewer(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "gpt-image-1")
    compose = window.compose
    for name, value in (("quality", "high"), ("size", "1024x1024")):
        box = compose.params.widget_for(name)
        assert isinstance(box, QComboBox)
        choose(box, value)
    type_prompt(qtbot, window, "a copper kettle")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    assert job.record is not None and job.record.estimate is not None
    cost = job.record.estimate["cost"]
    assert isinstance(cost, float) and cost > 0
    shown = money(cost, "USD")
    row = window.jobs.row_for(job)
    assert row is not None
    assert row.status.text().endswith(shown + " (estimate)")
    window.viewer.show_job(job)
    assert f"Cost: ≈ {shown} (estimate)" in window.viewer.info.text()


def test_a_picture_opened_from_the_history_shows_its_jobs_model_usage_and_cost(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    """Opened again later (from the history), a picture says what its job recorded, as
    it did when the job had just finished: not only its size and format."""
    use_sandbox(window, sandbox_provider, "gpt-image-1")
    type_prompt(qtbot, window, "a copper kettle")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE and job.record is not None, job.error
    record = job.record
    window.viewer.clear()
    window.open_image(str(record.images[0].path))
    viewer = window.viewer
    qtbot.waitUntil(lambda: "Job #" in viewer.info.text(), timeout=10_000)
    text = viewer.info.text()
    assert f"Job #{record.id} · gpt-image-1 on {record.provider_name}" in text, text
    assert "Usage: " in text and "output tokens" in text
    assert "Cost: " in text


def test_a_picture_from_the_history_names_a_built_in_provider_in_the_ui_language(
    qtbot: QtBot, window: MainWindow
) -> None:
    from studio.ui.i18n import set_language

    window.reload_providers(current="sandbox")  # the built-in sandbox, stored by its name
    type_prompt(qtbot, window, "a copper kettle")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    record = blocker.args[0].record
    assert record is not None and record.provider_name == "Sandbox (offline)"
    assert set_language("zh_CN")
    window.viewer.clear()
    window.open_image(str(record.images[0].path))
    viewer = window.viewer
    qtbot.waitUntil(lambda: f"#{record.id}" in viewer.info.text(), timeout=10_000)
    text = viewer.info.text()
    assert "沙盒（离线）" in text and "Sandbox (offline)" not in text, text


def test_the_live_estimate_applies_the_providers_price_factor(
    qtbot: QtBot, window: MainWindow
) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-2.5-flare")
    type_prompt(qtbot, window, "a lighthouse")
    size, quality = compose.params.widget_for("size"), compose.params.widget_for("quality")
    assert isinstance(size, QComboBox) and isinstance(quality, QComboBox)
    choose(size, "1024x1024")
    choose(quality, "max")
    full = 7024 * 30 / 1_000_000
    assert f"{full:.3f}" in compose.estimate_label.text()
    window.studio.settings.price_factors["sandbox"] = 0.5
    window.reload_providers(current="sandbox")
    choose(compose.model_box, "gpt-image-2.5-flare")
    choose(compose.params.widget_for("quality"), "low")  # type: ignore[arg-type]
    choose(compose.params.widget_for("quality"), "max")  # type: ignore[arg-type]
    assert f"{full * 0.5:.3f}" in compose.estimate_label.text()


def test_the_real_cost_replaces_the_estimate_and_follows_the_price_factor(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    from studio.core.providers import AuthStyle, Provider

    relay = Provider(
        id="half-price",
        name="Half-price relay",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=("gpt-image-2.5-flare",),
        default_model="gpt-image-2.5-flare",
        builtin=False,
    )
    settings = window.studio.settings
    settings.upsert_provider(relay)
    window.reload_providers(current=relay.id)
    compose = window.compose
    for name, value in (("quality", "high"), ("size", "1024x1024")):
        box = compose.params.widget_for(name)
        assert isinstance(box, QComboBox)
        choose(box, value)
    type_prompt(qtbot, window, "a glass of water")
    full = compose.estimate_label.text()
    assert full.endswith("(estimate)") and "$" in full
    settings.price_factors[relay.id] = 0.5
    window.reload_providers(current=relay.id)
    half = compose.estimate_label.text()
    assert half != full and half.endswith("(estimate)")

    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    record = job.record
    assert record is not None and record.cost is not None and record.cost_currency == "USD"
    shown = money(record.cost, "USD")
    row = window.jobs.row_for(job)
    assert row is not None and row.status.text().endswith(" · " + shown)
    assert "estimate" not in row.status.text()
    window.viewer.show_job(job)
    assert f"Cost: {shown}" in window.viewer.info.text()


def test_a_model_without_a_token_table_says_its_cost_comes_after_the_job(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "gpt-image-2")  # a relay that bills (no key needed)
    compose = window.compose
    type_prompt(qtbot, window, "a lighthouse")
    text = compose.estimate_label.text()
    assert text == "No estimate for this model: its cost shows after the job", text
    choose(compose.model_box, "gpt-image-1")  # a table: a figure, not the sentence
    assert "$" in compose.estimate_label.text()


def test_the_offline_sandbox_says_it_charges_nothing(qtbot: QtBot, window: MainWindow) -> None:
    from studio.ui.i18n import set_language

    compose = window.compose
    assert compose.provider() is not None and compose.provider().is_sandbox  # type: ignore[union-attr]
    choose(compose.model_box, "gpt-image-2.6-sunburst")  # no token table
    type_prompt(qtbot, window, "a lighthouse")
    assert compose.estimate_label.text() == "Sandbox: no charge"
    choose(compose.model_box, "gpt-image-2.5-flare")  # a table: its figure, not charged
    text = compose.estimate_label.text()
    assert "$" in text and text.endswith("(simulated)") and "estimate" not in text, text
    choose(compose.model_box, "gpt-image-2.6-sunburst")
    assert set_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: compose.estimate_label.text() == "沙盒：不收费", timeout=5_000)
    finally:
        set_language("en")


def test_a_job_on_the_offline_sandbox_shows_its_cost_as_simulated(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.reload_providers(current="sandbox")  # the built-in sandbox a new user starts on
    compose = window.compose
    choose(compose.model_box, "gpt-image-2.6-flare")
    type_prompt(qtbot, window, "a copper kettle")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    assert job.record is not None and job.record.provider_id == "sandbox"
    assert job.record.cost  # priced at the model's rates all the same
    shown = money(job.record.cost, job.record.cost_currency)
    row = window.jobs.row_for(job)
    assert row is not None
    assert row.status.text().endswith(f"{shown} (simulated)")
    window.viewer.show_job(job)
    info = window.viewer.info.text()
    assert f"Cost: {shown} (simulated)" in info
    assert "charges nothing" in info


def test_a_comparison_cell_on_the_sandbox_marks_its_cost_simulated(qapp: object) -> None:
    from studio.core.history.groups import Member, MemberState
    from studio.ui.compare_cell import CompareCell

    def member(provider: str) -> Member:
        return Member(
            group_id=1,
            idx=0,
            prompt="a fox",
            target={"provider": provider, "model": "gpt-image-2"},
            state=MemberState.SUCCEEDED,
            job_id=1,
            estimate=None,
            cost=0.069,
            error=None,
        )

    cell = CompareCell(0, "gpt-image-2 — Sandbox (offline)")
    cell.set_member(member("sandbox"), 0.4, "")
    assert "cost $0.069 (simulated)" in cell.status_text()
    assert "no estimate" not in cell.status_text()  # the sandbox charges nothing
    cell.set_member(member("relay-a"), 0.4, "")
    assert "no estimate · cost $0.069" in cell.status_text()
    assert "simulated" not in cell.status_text()
    cell.deleteLater()
