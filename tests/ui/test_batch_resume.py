"""A batch survives the window: closed (or killed) mid-batch, the next window offers it
in a banner, and Resume finishes it with no member sent twice (the sandbox counts)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import shiboken6
from PySide6.QtCore import Qt

from studio.core.history.groups import GroupStatus, GroupStore, MemberState

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def _prompts(sandbox: SandboxServer) -> list[str]:
    return [r.json()["prompt"] for r in sandbox.requests if r.path.endswith("/images/generations")]


@pytest.fixture
def second_window(qtbot: QtBot, english: None) -> Iterator[list[tuple[MainWindow, Studio]]]:
    """Windows opened later on the same home, each on a studio of its own (a restart)."""
    from studio.jobs.op import wait_for_workers

    opened: list[tuple[MainWindow, Studio]] = []
    yield opened
    for win, _studio in opened:
        if shiboken6.isValid(win):
            win.queue.cancel_all()
    wait_for_workers(30_000)
    qtbot.wait(10)
    for win, studio in opened:
        if shiboken6.isValid(win):
            win.close()
        studio.close()


def _open_window(qtbot: QtBot, opened: list[tuple[MainWindow, Studio]]) -> MainWindow:
    from studio.core.service import Studio
    from studio.sandbox.embedded import embedded_sandbox_url
    from studio.ui.main_window import MainWindow

    studio = Studio.open(recover=False, sandbox=embedded_sandbox_url)
    win = MainWindow(studio)
    qtbot.addWidget(win)
    opened.append((win, studio))
    win.show()
    qtbot.waitExposed(win)
    return win


def _resume(qtbot: QtBot, win: MainWindow, expect: str) -> None:
    banner = win.group_windows.banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert expect in banner.text.text(), banner.text.text()
    qtbot.mouseClick(banner.resume_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden()
    panel = win.group_windows.batch_panel
    assert panel is not None
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=60_000)


def test_closing_the_window_mid_batch_keeps_the_rest_and_resume_finishes_it(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    second_window: list[tuple[MainWindow, Studio]],
) -> None:
    sandbox.latency = 0.3
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.params.set_values({"size": "256x256"})
    qtbot.keyClick(
        window,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.batch_panel
    panel.template.setText("owl {n}")
    panel.values.setPlainText("".join(f"{i}\n" for i in range(8)))
    panel.concurrency.setValue(1)
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress_bar.value() >= 2, timeout=30_000)
    window.close()
    qtbot.waitUntil(lambda: panel.group is not None, timeout=30_000)
    assert "kept for the next start" in panel.status.text()
    group = panel.group
    assert group is not None and group.status is GroupStatus.INTERRUPTED
    left = [m for m in group.members if m.state is MemberState.QUEUED]
    assert 1 <= len(left) <= 6 and len(_prompts(sandbox)) == 8 - len(left)
    # the next start on the same home
    win = _open_window(qtbot, second_window)
    _resume(qtbot, win, f"“owl {{n}}”, {8 - len(left)} of 8 done")
    resumed = win.group_windows.batch_panel
    assert resumed is not None and "8 of 8 succeeded" in resumed.status.text()
    sent = Counter(_prompts(sandbox))
    assert sorted(sent) == sorted(f"owl {i}" for i in range(8)) and max(sent.values()) == 1
    (again,) = GroupStore(studio_ctx.history).unfinished() or [None]
    assert again is None


def test_a_killed_batch_resumes_in_the_window_and_the_member_in_flight_is_not_sent_again(
    qtbot: QtBot,
    studio_home: Path,
    sandbox: SandboxServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    second_window: list[tuple[MainWindow, Studio]],
) -> None:
    monkeypatch.setenv("IMAGE_STUDIO_API_KEY", "test-batch-key")
    sandbox.latency = 0.3
    values = tmp_path / "values.txt"
    values.write_text("".join(f"{i}\n" for i in range(8)))
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio", "batch", "heron {n}", "--values", str(values),
         "--model", "dall-e-2", "--size", "256x256", "--base-url", sandbox.base_url,
         "--concurrency", "1", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())
        assert first["state"] == "succeeded"
        # the next member is on its way (sent, not answered) when the process dies
        qtbot.waitUntil(lambda: len(_prompts(sandbox)) == 2, timeout=10_000)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    before = Counter(_prompts(sandbox))
    assert sum(before.values()) == 2
    sandbox.latency = 0.0
    win = _open_window(qtbot, second_window)
    _resume(qtbot, win, "“heron {n}”, ")
    panel = win.group_windows.batch_panel
    assert panel is not None
    text = panel.status.text()
    assert "7 of 8 succeeded" in text and "1 member was being sent" in text, text
    sent = Counter(_prompts(sandbox))
    assert max(sent.values()) == 1 and len(sent) == 8  # each member reached it once
    group = panel.group
    assert group is not None and group.status is GroupStatus.FINISHED
    states = Counter(m.state for m in group.members)
    assert states == {MemberState.SUCCEEDED: 7, MemberState.INTERRUPTED: 1}
    (interrupted,) = [m for m in group.members if m.state is MemberState.INTERRUPTED]
    assert interrupted.prompt == "heron 1" and before["heron 1"] == 1


def test_discard_skips_what_was_left_and_sends_nothing(
    qtbot: QtBot,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    second_window: list[tuple[MainWindow, Studio]],
) -> None:
    from studio.core.batch import Target, plan_batch, start_group
    from studio.core.history.groups import GroupKind

    target = Target(sandbox_provider, "dall-e-2", {"size": "256x256"})
    members = plan_batch(studio_ctx, "a {animal}", "cat\nfox\nowl\n", target)
    group_id = start_group(studio_ctx, GroupKind.BATCH, "a {animal}", {}, members)
    GroupStore(studio_ctx.history).set_status(group_id, GroupStatus.INTERRUPTED)
    win = _open_window(qtbot, second_window)
    banner = win.group_windows.banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert "“a {animal}”, 0 of 3 done." in banner.text.text()
    qtbot.mouseClick(banner.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(banner.isHidden, timeout=10_000)
    group = GroupStore(studio_ctx.history).get(group_id)
    assert group is not None and group.status is GroupStatus.CANCELLED
    assert [m.state for m in group.members] == [MemberState.SKIPPED] * 3
    assert _prompts(sandbox) == [] and GroupStore(studio_ctx.history).unfinished() == []


def test_a_killed_comparison_is_offered_and_resuming_reopens_its_grid(
    qtbot: QtBot,
    studio_home: Path,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
    second_window: list[tuple[MainWindow, Studio]],
) -> None:
    from tests.killed_compare import MODELS, PROMPT, kill_mid_compare, sent_models

    monkeypatch.setenv("IMAGE_STUDIO_API_KEY", "test-compare-key")
    kill_mid_compare(sandbox, {})
    win = _open_window(qtbot, second_window)
    banner = win.group_windows.banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    said = banner.text.text()
    assert f"A comparison was not finished: “{PROMPT}”, 2 of 4 targets left to send." in said
    assert "1 target was being sent when the studio stopped" in said
    assert banner.resume_button.text() == "&Resume comparison"
    assert sent_models(sandbox) == Counter(MODELS[:2])  # nothing sent until asked
    qtbot.mouseClick(banner.resume_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden()
    dialog = win.group_windows.compare_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=60_000)
    cells = [dialog.cells[p] for p in range(4)]
    # each cell names its model as the model picker does, its id in the tooltip
    names = [win.studio.caps_for(m).display_name for m in MODELS]
    assert [c.title_text.split(" — ")[0] for c in cells] == names
    assert [c.title.toolTip() for c in cells] == list(MODELS)
    assert [c.state for c in cells] == [
        MemberState.SUCCEEDED,
        MemberState.INTERRUPTED,
        MemberState.SUCCEEDED,
        MemberState.SUCCEEDED,
    ]
    assert all(not cells[p].picture.isNull() for p in (0, 2, 3))
    assert "not sent again" in cells[1].status_text()
    assert sent_models(sandbox) == Counter(MODELS)  # each target reached the provider once
    summary = dialog.summary.text()
    assert summary.startswith("3 of 4 targets answered. About $") and summary.endswith(" spent.")
    assert GroupStore(win.studio.history).unfinished() == []


def test_closing_the_window_mid_comparison_keeps_the_targets_not_sent(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
) -> None:
    from studio.core.batch import Target, plan_compare, start_group
    from studio.core.history.groups import GroupKind
    from tests.killed_compare import MODELS, sent_models

    sandbox.latency = 0.3
    targets = [Target(sandbox_provider, model, {}) for model in MODELS]
    spec = {"targets": [t.to_json() for t in targets], "concurrency": 1}
    members = plan_compare(studio_ctx, "a crane", targets)
    group_id = start_group(studio_ctx, GroupKind.COMPARE, "a crane", spec, members)
    GroupStore(studio_ctx.history).set_status(group_id, GroupStatus.INTERRUPTED)
    group = GroupStore(studio_ctx.history).get(group_id)
    assert group is not None
    dialog = window.group_windows.resume_compare(group)
    qtbot.waitUntil(lambda: dialog.cells[0].done, timeout=30_000)
    window.close()
    qtbot.waitUntil(lambda: dialog.running == 0, timeout=30_000)
    after = GroupStore(studio_ctx.history).get(group_id)
    assert after is not None and after.status is GroupStatus.INTERRUPTED
    left = [m for m in after.members if m.state is MemberState.QUEUED]
    assert 1 <= len(left) <= 2 and sum(sent_models(sandbox).values()) == 4 - len(left)
    assert [g.id for g in GroupStore(studio_ctx.history).unfinished()] == [group_id]


def test_a_new_window_removes_input_pictures_no_group_names(
    qtbot: QtBot, second_window: list[tuple[MainWindow, Studio]]
) -> None:
    """Left by a session that crashed after its comparison was deleted: the next window
    removes the folder on a worker, and keeps one a group still names."""
    from studio.core.group_inputs import SPEC_KEY, EditInputs, store_inputs
    from studio.core.history.groups import GroupKind, MemberSpec
    from studio.core.paths import resolve_paths
    from studio.core.request import InputImage
    from studio.core.service import Studio

    old = 1_000_000_000.0
    root = resolve_paths().group_inputs_dir
    studio = Studio.open(recover=False)
    try:
        edit = store_inputs(root, EditInputs((InputImage("a.png", b"\x89PNG not really"),)))
        spec = {"targets": [], SPEC_KEY: edit}
        GroupStore(studio.history).create(GroupKind.COMPARE, "a cat", spec, [MemberSpec("a", {})])
    finally:
        studio.close()
    named = root / edit["folder"]
    orphan = root / ("e" * 32)
    orphan.mkdir()
    (orphan / "image-1.png").write_bytes(b"x")
    for folder in (named, orphan):
        os.utime(folder, (old, old))
    _open_window(qtbot, second_window)
    qtbot.waitUntil(lambda: not orphan.exists(), timeout=10_000)
    assert (named / "image-1.png").is_file()
