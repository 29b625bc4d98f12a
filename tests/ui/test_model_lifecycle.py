"""The model picker's lifecycle states, and the one-click move off a shut-down model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLineEdit

from studio.core.lifecycle import TODAY_ENV
from studio.core.providers import AuthStyle, Provider
from studio.jobs.queue import JobState
from studio.ui.model_picker import STATE_ROLE
from tests.ui.test_window import choose, type_prompt

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import RecordedRequest, SandboxServer
    from studio.ui.main_window import MainWindow

RELAY = "old-relay"


@pytest.fixture
def openai_sandbox() -> Iterator[SandboxServer]:
    """A sandbox that answers shut-down models as OpenAI does (404 model_not_found)."""
    from studio.sandbox.server import SandboxServer

    server = SandboxServer(profile="openai")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def add_relay(window: MainWindow, base_url: str, models: tuple[str, ...]) -> Provider:
    """A relay that says it still serves old models, at ``base_url``."""
    provider = Provider(
        id=RELAY,
        name="Old relay",
        base_url=base_url,
        auth=AuthStyle.NONE,
        models=models,
        default_model=models[0],
        builtin=False,
    )
    window.studio.settings.upsert_provider(provider)
    window.reload_providers(current=RELAY)
    return provider


def image_requests(server: SandboxServer) -> list[RecordedRequest]:
    """The image requests the sandbox received (the model list is read too)."""
    return [r for r in server.requests if "/images/" in r.path]


def items(box: QComboBox) -> list[tuple[str, object, object]]:
    return [
        (box.itemText(i), box.itemData(i), box.itemData(i, STATE_ROLE)) for i in range(box.count())
    ]


def test_deprecated_models_carry_their_date_and_a_one_click_switch(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TODAY_ENV, "2026-11-30")
    window.reload_providers(current="sandbox")
    box = window.compose.model_box
    shown = {data: (text, state) for text, data, state in items(box) if data}
    assert shown["gpt-image-1.5"] == ("GPT Image 1.5 — until 1 Dec 2026", "deprecated")
    assert shown["gpt-image-2.6-flare"][1] == "active"
    assert "until" not in shown["gpt-image-2.6-flare"][0]

    choose(box, "gpt-image-1.5")
    compose = window.compose
    qtbot.waitUntil(compose.lifecycle.isVisible)
    assert "1 Dec 2026" in compose.lifecycle.text()
    assert compose.switch_button.isVisible()
    assert compose.switch_button.text() == "Use gpt-image-2.6-flare"
    qtbot.mouseClick(compose.switch_button, Qt.MouseButton.LeftButton)
    assert compose.model() == "gpt-image-2.6-flare"
    assert not compose.switch_button.isVisible()


def test_the_date_follows_the_language(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.ui.i18n import set_language

    monkeypatch.setenv(TODAY_ENV, "2026-11-30")
    window.reload_providers(current="sandbox")
    set_language("zh_CN")
    qtbot.wait(10)
    box = window.compose.model_box
    text = box.itemText(box.findData("gpt-image-1.5"))
    assert "2026年12月1日" in text and "Dec" not in text
    choose(box, "gpt-image-1.5")
    assert "2026年12月1日" in window.compose.lifecycle.text()
    assert "gpt-image-2.6-flare" in window.compose.switch_button.text()


def test_shut_down_models_are_grouped_under_retired_only_where_served(
    window: MainWindow, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TODAY_ENV, "2026-12-02")
    window.reload_providers(current="openai")  # OpenAI itself: what shut down is gone
    offered = [d for _t, d, _s in items(window.compose.model_box)]
    assert "gpt-image-1.5" not in offered and "gpt-image-1" not in offered
    assert "gpt-image-2.6-flare" in offered
    assert "Retired" not in [t for t, _d, _s in items(window.compose.model_box)]

    add_relay(window, sandbox.base_url, ("gpt-image-2.6-flare", "gpt-image-1.5", "gpt-image-1"))
    box = window.compose.model_box
    rows = items(box)
    texts = [t for t, _d, _s in rows]
    heading = texts.index("Retired")
    assert [d for _t, d, _s in rows[heading + 1 :]] == ["gpt-image-1.5", "gpt-image-1"]
    assert texts[heading + 1] == "GPT Image 1.5 — shut down 1 Dec 2026"
    assert rows[0][1] == "gpt-image-2.6-flare"
    model = box.model()
    assert isinstance(model, QStandardItemModel)
    assert not model.item(heading).isEnabled()  # a heading, not a choice
    assert all(s == "retired" for _t, _d, s in rows[heading + 1 :])

    choose(box, "gpt-image-1")
    compose = window.compose
    assert "23 Oct 2026" in compose.lifecycle.text()
    assert "may still serve it" in compose.lifecycle.text()
    assert compose.switch_button.text() == "Use gpt-image-2.5-flare"


def test_a_retired_models_404_offers_one_rerun_on_the_replacement(
    qtbot: QtBot, window: MainWindow, openai_sandbox: SandboxServer
) -> None:
    add_relay(window, openai_sandbox.base_url, ("gpt-image-1", "gpt-image-2.5-flare"))
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    for name, value in (("quality", "high"), ("size", "1024x1536"), ("output_format", "webp")):
        box = compose.params.widget_for(name)
        assert isinstance(box, QComboBox)
        choose(box, value)
    user = compose.params.widget_for("user")
    assert isinstance(user, QLineEdit)
    user.setText("customer-42")  # 2.x models take safety_identifier instead
    type_prompt(qtbot, window, "an old lighthouse")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    failed = blocker.args[0]
    assert failed.state is JobState.FAILED
    assert failed.error.status == 404 and failed.error.code == "model_not_found"
    bar = window.error_bar
    assert bar.isVisible()
    assert "gpt-image-1 has been shut down" in bar.text.text()
    assert "23 Oct 2026" in bar.text.text()
    assert "every setting carries over except: User" in bar.text.text()
    assert not bar.retry_button.isVisible()
    assert bar.action_button.text() == "Run again with gpt-image-2.5-flare"
    assert len(image_requests(openai_sandbox)) == 1

    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    assert len(image_requests(openai_sandbox)) == 2  # exactly one new request
    sent = image_requests(openai_sandbox)[-1].json()
    assert sent["model"] == "gpt-image-2.5-flare"
    assert (sent["quality"], sent["size"], sent["output_format"]) == ("high", "1024x1536", "webp")
    assert sent["prompt"] == "an old lighthouse"
    assert "user" not in sent
    assert not bar.isVisible()
    assert compose.model() == "gpt-image-2.5-flare"


def test_rerunning_a_history_job_on_a_retired_model_offers_the_switch(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    openai_sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TODAY_ENV, "2026-11-30")
    add_relay(window, openai_sandbox.base_url, ("gpt-image-1.5", "gpt-image-2.6-flare"))
    compose = window.compose
    choose(compose.model_box, "gpt-image-1.5")
    quality = compose.params.widget_for("quality")
    assert isinstance(quality, QComboBox)
    choose(quality, "low")
    type_prompt(qtbot, window, "a paper boat")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    first = blocker.args[0]
    assert first.state is JobState.DONE, first.error
    assert len(image_requests(openai_sandbox)) == 1

    monkeypatch.setenv(TODAY_ENV, "2026-12-05")  # a few days later: 1.5 has shut down
    window.reuse_history_job(int(first.history_id), run=True)
    bar = window.error_bar
    qtbot.waitUntil(bar.isVisible)
    assert "gpt-image-1.5 has been shut down" in bar.text.text()
    assert bar.action_button.text() == "Run again with gpt-image-2.6-flare"
    assert len(image_requests(openai_sandbox)) == 1  # nothing sent to the old model
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].state is JobState.DONE
    assert len(image_requests(openai_sandbox)) == 2
    sent = image_requests(openai_sandbox)[-1].json()
    assert (sent["model"], sent["quality"], sent["prompt"]) == (
        "gpt-image-2.6-flare",
        "low",
        "a paper boat",
    )


def test_a_shutdown_date_from_the_providers_model_list_changes_the_picker(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.sandbox.faults import Fault

    monkeypatch.setenv(TODAY_ENV, "2026-11-30")
    models = ("gpt-image-2", "gpt-image-2.6-flare")
    listing = {
        "object": "list",
        "data": [  # the provider announces a shutdown the tables do not know yet
            {
                "id": "gpt-image-2",
                "object": "model",
                "created": 1,
                "owned_by": "openai",
                "shutdown_date": "2027-03-01",
            },
            {
                "id": "gpt-image-2.6-flare",
                "object": "model",
                "created": 1,
                "owned_by": "openai",
                "shutdown_date": None,
            },
        ],
    }
    sandbox.inject(Fault(path="/models", status=200, body=listing))
    box = window.compose.model_box
    add_relay(window, sandbox.base_url, models)
    assert not sandbox.requests  # a provider set up by the program is not asked
    providers = window.compose.provider_box
    providers.activated.emit(providers.currentIndex())  # a person picks it in the list
    qtbot.waitUntil(
        lambda: box.itemText(box.findData("gpt-image-2")) == "GPT Image 2 — until 1 Mar 2027",
        timeout=10_000,
    )
    assert box.itemData(box.findData("gpt-image-2"), STATE_ROLE) == "deprecated"
    assert any(r.path.endswith("/models") for r in sandbox.requests)
    choose(box, "gpt-image-2")
    assert "1 Mar 2027" in window.compose.lifecycle.text()
    assert window.compose.switch_button.isHidden()  # the tables name no replacement

    # past that date the provider no longer runs it: it leaves the picker (the tables
    # do not say relays keep serving gpt-image-2), by the provider's cached answer
    monkeypatch.setenv(TODAY_ENV, "2027-03-02")
    window.reload_providers(current="sandbox")
    add_relay(window, sandbox.base_url, models)
    assert box.findData("gpt-image-2") == -1
    assert box.findData("gpt-image-2.6-flare") >= 0


def test_reusing_a_retired_job_fills_the_composer_and_offers_the_switch(
    qtbot: QtBot,
    window: MainWindow,
    openai_sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TODAY_ENV, "2026-11-30")
    add_relay(window, openai_sandbox.base_url, ("gpt-image-1-mini", "gpt-image-2.6-flare"))
    compose = window.compose
    choose(compose.model_box, "gpt-image-1-mini")
    type_prompt(qtbot, window, "a folded map")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    first = blocker.args[0]
    assert first.state is JobState.DONE, first.error

    monkeypatch.setenv(TODAY_ENV, "2026-12-03")
    compose.prompt.set_prompt("something else")
    window.reuse_history_job(int(first.history_id), run=False)
    bar = window.error_bar
    qtbot.waitUntil(bar.isVisible)
    assert compose.prompt.prompt() == "a folded map"  # the job's settings are back
    assert bar.action_button.text() == "Run again with gpt-image-2.6-flare"
    assert len(image_requests(openai_sandbox)) == 1  # reusing sends nothing


def test_shutdown_dates_can_be_asked_for_now(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.sandbox.faults import Fault

    monkeypatch.setenv(TODAY_ENV, "2026-11-30")
    add_relay(window, sandbox.base_url, ("gpt-image-2.5-flare", "gpt-image-2.6-flare"))
    box = window.compose.model_box
    assert box.itemText(box.findData("gpt-image-2.5-flare")) == "GPT Image 2.5 Flare"
    item = {"object": "model", "created": 1, "owned_by": "openai"}
    listing = {
        "object": "list",
        "data": [
            {**item, "id": "gpt-image-2.5-flare", "shutdown_date": "2027-01-15"},
            {**item, "id": "gpt-image-2.6-flare", "shutdown_date": None},
        ],
    }
    sandbox.inject(Fault(path="/models", status=200, body=listing))
    window.act_model_dates.trigger()
    qtbot.waitUntil(
        lambda: "until 15 Jan 2027" in box.itemText(box.findData("gpt-image-2.5-flare")),
        timeout=10_000,
    )
    assert [r.path for r in sandbox.requests] == ["/v1/models"]
