"""A comparison reopened from the history in the Chinese window: built-in providers'
names, the reasons of members that were not sent (also as older versions stored them),
and the cells of targets not sent yet all read in Chinese."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from studio.core.batch import BatchRunner, Target, plan_compare, start_group
from studio.core.history.groups import GroupKind, GroupStatus, GroupStore, MemberState
from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.compare_dialog import CompareDialog
    from studio.ui.main_window import MainWindow

PROMPT = "a heron in the reeds"


@pytest.fixture
def chinese() -> Iterator[None]:
    assert set_language("zh_CN")
    yield
    set_language("en")


def _posts(sandbox: SandboxServer) -> list[dict]:
    return [r.json() for r in sandbox.requests if r.path.endswith("/images/generations")]


def _group(studio: Studio, providers: list[Provider], models: list[str]) -> int:
    targets = [Target(p, m, {}) for p, m in zip(providers, models, strict=True)]
    spec = {"targets": [t.to_json() for t in targets], "concurrency": 1}
    members = plan_compare(studio, PROMPT, targets)
    return start_group(studio, GroupKind.COMPARE, PROMPT, spec, members)


def _reopen(qtbot: QtBot, window: MainWindow, group_id: int) -> CompareDialog:
    window.group_windows.open_group(group_id)
    qtbot.waitUntil(lambda: window.group_windows.compare_dialog is not None, timeout=10_000)
    dialog = window.group_windows.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: bool(dialog.summary.text()), timeout=10_000)
    return dialog


def test_a_reopened_comparison_names_built_in_providers_in_chinese(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    chinese: None,
) -> None:
    builtin = studio_ctx.providers()["sandbox"]
    assert builtin.name == "Sandbox (offline)"
    group_id = _group(studio_ctx, [builtin, sandbox_provider], ["gpt-image-1", "dall-e-2"])
    dialog = _reopen(qtbot, window, group_id)
    titles = [dialog.cells[p].title_text for p in range(2)]
    assert titles == ["GPT Image 1 — 沙盒（离线）", "DALL·E 2 — Test sandbox"], titles
    assert [dialog.cells[p].title.toolTip() for p in range(2)] == ["gpt-image-1", "dall-e-2"]


def test_skipped_reasons_read_in_chinese_also_as_stored_before(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    chinese: None,
) -> None:
    models = ["gpt-image-1", "dall-e-2", "dall-e-3"]
    group_id = _group(studio_ctx, [sandbox_provider] * 3, models)
    groups = GroupStore(studio_ctx.history)
    # the cap stops the comparison before its first target: nothing is sent
    BatchRunner(studio_ctx, group_id, concurrency=1, max_cost=1e-9).run()
    assert _posts(sandbox) == []
    group = groups.get(group_id)
    assert group is not None and group.status is GroupStatus.CAPPED
    assert [m.state for m in group.members] == [MemberState.SKIPPED] * 3
    assert group.members[0].error is not None and "text" in group.members[0].error
    # as an older version stored them: English sentences, no phrase
    for idx, message in (
        (1, "The batch was discarded before this member."),
        (2, "The batch was cancelled before this member was sent."),
    ):
        groups.update_member(
            group_id, idx, MemberState.SKIPPED, error={"kind": "skipped", "message": message}
        )
    dialog = _reopen(qtbot, window, group_id)
    texts = [dialog.cells[p].status.text() for p in range(3)]
    for text in texts:
        assert text.startswith("已跳过"), texts
        assert not re.search(r"[A-Za-z]{4,}", text), texts
    assert "支出上限" in texts[0] and "丢弃" in texts[1] and "取消" in texts[2], texts


def test_a_reopened_unfinished_comparison_says_what_was_not_sent_and_sends_it(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    chinese: None,
) -> None:
    from PySide6.QtCore import Qt

    models = ["gpt-image-1", "dall-e-2", "dall-e-3"]
    group_id = _group(studio_ctx, [sandbox_provider] * 3, models)
    groups = GroupStore(studio_ctx.history)
    # the studio stopped with the first target on its way and the others not sent
    groups.update_member(group_id, 0, MemberState.SENDING)
    groups.set_status(group_id, GroupStatus.INTERRUPTED)
    dialog = _reopen(qtbot, window, group_id)
    texts = [dialog.cells[p].status.text() for p in range(3)]
    assert texts[0].startswith("已发送，尚无回复"), texts
    assert all(t.startswith("尚未发送") for t in texts[1:]), texts
    # said where the picture would be too
    assert [dialog.cells[p].image.text() for p in range(3)] == ["已发送，尚无回复"] + [
        "尚未发送"
    ] * 2
    qtbot.waitUntil(dialog.resume_button.isVisible, timeout=10_000)
    assert dialog.resume_button.text() == "发送尚未发送的目标(&S)"
    assert _posts(sandbox) == []  # nothing is sent until asked
    qtbot.mouseClick(dialog.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: all(dialog.cells[p].phase.value == "final" for p in range(3)), timeout=60_000
    )
    states = [dialog.cells[p].state for p in range(3)]
    assert states == [MemberState.INTERRUPTED, MemberState.SUCCEEDED, MemberState.SUCCEEDED]
    assert sorted(p["model"] for p in _posts(sandbox)) == models[1:]  # each once
    assert not dialog.resume_button.isVisible()
    assert groups.resumable(group_id) is False


def test_a_finished_or_running_comparison_offers_no_resume(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
) -> None:
    group_id = _group(studio_ctx, [sandbox_provider] * 2, ["gpt-image-1", "dall-e-2"])
    groups = GroupStore(studio_ctx.history)
    groups.claim(group_id)  # run by this process right now
    assert groups.resumable(group_id) is False
    dialog = _reopen(qtbot, window, group_id)
    assert [dialog.cells[p].status.text().split("\n")[0] for p in range(2)] == ["Not sent yet"] * 2
    assert not dialog.resume_button.isVisible()


def test_a_refused_targets_offered_endpoints_read_in_chinese(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    chinese: None,
) -> None:
    group_id = _group(studio_ctx, [sandbox_provider] * 2, ["gpt-image-1", "paiwo-picture"])
    dialog = _reopen(qtbot, window, group_id)
    text = dialog.cells[1].status.text()
    assert text.startswith("已拒绝（未发送）"), text
    assert "paiwo-picture 不支持生成（它提供：上传）。" in text, text


def test_why_a_group_stopped_reads_in_chinese(qapp: object, chinese: None) -> None:
    from studio.core.errors import ErrorKind, StudioError
    from studio.ui.core_text import failure_text

    gone = StudioError.of(
        ErrorKind.VALIDATION,
        "The provider {provider} is no longer configured.",
        provider="relay-2",
        maybe_processed=False,
    )
    assert str(gone) != failure_text(gone)
    assert "relay-2" in failure_text(gone)
    assert not re.search(r"[A-Za-z]{4,}", failure_text(gone).replace("relay", ""))
    assert failure_text(RuntimeError("group 3 is being run by process 7")) == (
        "group 3 is being run by process 7"
    )


def test_the_gallery_tooltip_names_a_built_in_provider_in_chinese(
    qapp: object, studio_ctx: Studio, chinese: None
) -> None:
    from studio.core.result import ImageResult
    from studio.ui.gallery.items import GalleryItem
    from studio.ui.gallery.tile_parts import tooltip
    from tests.core.history.history_helpers import generate_request, generated

    store = studio_ctx.history
    lines = []
    for provider_id, name in (("sandbox", "Sandbox (offline)"), ("my-relay", "My relay")):
        job = store.start_job(
            provider_id=provider_id, provider_name=name, request=generate_request("a heron")
        )
        store.finish_job(job, ImageResult(images=[generated((200, 10, 10))]))
        record = store.get_job(job)
        assert record is not None
        lines.append(tooltip(GalleryItem(record, None, True)).split("\n")[1])
    assert lines[0].startswith("gpt-image-1，沙盒（离线） · "), lines
    assert "My relay" in lines[1] and "Sandbox" not in lines[0], lines


def test_a_target_whose_provider_is_gone_says_why_in_chinese(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, chinese: None
) -> None:
    from studio.core.history.groups import MemberSpec

    target = {
        "provider": "gone-relay",
        "provider_name": "Gone relay",
        "base_url": "",
        "auth": "bearer",
        "model": "gpt-image-1",
        "params": {},
    }
    group_id = start_group(
        studio_ctx,
        GroupKind.COMPARE,
        PROMPT,
        {"targets": [target]},
        [MemberSpec(PROMPT, target, 0.04)],
    )
    BatchRunner(studio_ctx, group_id).run()  # nothing can be sent: the provider is gone
    dialog = _reopen(qtbot, window, group_id)
    cell = dialog.cells[0]
    assert cell.state is MemberState.FAILED
    assert cell.title_text == "GPT Image 1 — Gone relay"
    assert "服务商 gone-relay 已不在配置中。" in cell.status.text(), cell.status.text()
