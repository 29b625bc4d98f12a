"""Pickers for today's models: size presets, free W×H checked live, complexity, quality tiers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from studio.core.capabilities import ParamType
from studio.core.size_presets import size_presets
from studio.jobs.queue import JobState
from tests.ui.test_window import choose, type_prompt, use_sandbox

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def _size_box(window: MainWindow) -> QComboBox:
    box = window.compose.params.widget_for("size")
    assert isinstance(box, QComboBox)
    return box


def _type_size(qtbot: QtBot, box: QComboBox, text: str) -> None:
    line = box.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, text)


def test_free_size_is_checked_live_on_its_own_line(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-2")
    type_prompt(qtbot, window, "a harbour at dawn")
    box = _size_box(window)
    note = compose.params.note_for("size")
    assert note is not None
    qtbot.waitUntil(note.isVisible)
    explanation = note.text()
    assert "16" in explanation and "3840" in explanation  # the rule, from the table
    assert compose.generate_button.isEnabled()

    _type_size(qtbot, box, "1000x1000")  # not multiples of 16
    assert compose.params.values()["size"] == "1000x1000"
    assert note.text() != explanation and "16" in note.text()
    assert not compose.generate_button.isEnabled()

    _type_size(qtbot, box, "4000x1000")  # too long and wider than 3:1
    assert "3840" in note.text()
    assert not compose.generate_button.isEnabled()

    _type_size(qtbot, box, "1280x720")
    assert note.text() == explanation
    assert compose.generate_button.isEnabled()


def test_size_presets_follow_the_rule_and_reach_the_sandbox(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, "gpt-image-2")
    caps = window.compose.caps
    assert caps is not None
    spec = caps.params["size"]
    assert spec.type is ParamType.SIZE and spec.rule is not None
    box = _size_box(window)
    offered = {box.itemData(i) for i in range(box.count())}
    presets = size_presets(spec.rule)
    assert {p.scale for p in presets} == {"1K", "2K", "4K"}
    assert {p.value for p in presets} <= offered
    assert {"1280x720", "2560x1440", "3840x2160", "2880x2880"} <= offered
    index = box.findText("1K 16:9 · 1280×720")
    assert index >= 0
    box.setCurrentIndex(index)
    assert window.compose.params.values()["size"] == "1280x720"
    type_prompt(qtbot, window, "a wide valley")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    assert [r.json()["size"] for r in sandbox.requests if "/images/" in r.path] == ["1280x720"]
    assert (job.images[0].image.width, job.images[0].image.height) == (1280, 720)


def test_fixed_size_models_get_no_presets_or_rule_line(window: MainWindow) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    box = _size_box(window)
    assert not box.isEditable()
    assert [box.itemData(i) for i in range(box.count())] == list(
        compose.caps.params["size"].choices  # type: ignore[union-attr]
    )
    assert compose.params.note_for("size") is None


def _choices(window: MainWindow, name: str) -> list[object]:
    box = window.compose.params.widget_for(name)
    assert isinstance(box, QComboBox)
    return [box.itemData(i) for i in range(box.count())]


def test_each_model_offers_only_its_own_values(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    window.reload_providers(current="sandbox")
    tiers = ["auto", "low", "medium", "high", "xhigh", "max"]
    for model in ("gpt-image-2.6-flare", "gpt-image-2.6-sunburst"):
        choose(compose.model_box, model)
        assert _choices(window, "quality") == tiers
        assert _choices(window, "complexity") == [None, "low", "medium", "high"]
        note = compose.params.note_for("complexity")
        assert note is not None
        qtbot.waitUntil(note.isVisible)
        assert "quality" in note.text()  # one line: planning is not rendering quality
        assert compose.params.widget_for("safety_identifier") is not None
        assert compose.params.widget_for("user") is None
    for model in ("gpt-image-2.5-flare", "gpt-image-2.5-sunburst"):
        choose(compose.model_box, model)
        assert _choices(window, "quality") == tiers
        assert compose.params.widget_for("complexity") is None
    choose(compose.model_box, "gpt-image-2")
    assert _choices(window, "quality") == ["auto", "low", "medium", "high"]
    assert compose.params.widget_for("complexity") is None
    choose(compose.model_box, "gpt-image-1.5")
    assert "xhigh" not in _choices(window, "quality")
    assert compose.params.widget_for("complexity") is None
    assert compose.params.widget_for("user") is not None
    assert compose.params.widget_for("safety_identifier") is None


def test_complexity_reaches_the_sandbox_only_on_2_6(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    from studio.core.providers import AuthStyle, Provider

    provider = Provider(
        id="new-models",
        name="New models",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=("gpt-image-2.6-flare", "gpt-image-2.5-flare"),
        default_model="gpt-image-2.6-flare",
        builtin=False,
    )
    window.studio.settings.upsert_provider(provider)
    window.reload_providers(current=provider.id)
    compose = window.compose
    choose(compose.model_box, "gpt-image-2.6-flare")
    complexity = compose.params.widget_for("complexity")
    quality = compose.params.widget_for("quality")
    assert isinstance(complexity, QComboBox) and isinstance(quality, QComboBox)
    choose(complexity, "low")
    choose(quality, "xhigh")
    choose(_size_box(window), "1024x1024")
    type_prompt(qtbot, window, "a maze seen from above")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].state is JobState.DONE, blocker.args[0].error
    sent = [r for r in sandbox.requests if "/images/" in r.path][-1].json()
    assert (sent["complexity"], sent["quality"]) == ("low", "xhigh")
    choose(compose.model_box, "gpt-image-2.5-flare")  # no complexity there: not sent
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].state is JobState.DONE, blocker.args[0].error
    sent = [r for r in sandbox.requests if "/images/" in r.path][-1].json()
    assert "complexity" not in sent and sent["quality"] == "xhigh"
