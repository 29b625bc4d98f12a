"""The compare grid driven as a person would: partial images stream into the cells, a
cell opens large, two cells meet under the A/B split line, a cell is retried by hand
(one new job in the same group) and one is picked as the window's result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from studio.core.history.groups import MemberState

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.sandbox.server import SandboxServer
    from studio.ui.ab_view import ABView
    from studio.ui.compare_dialog import CompareDialog
    from studio.ui.main_window import MainWindow


def _posts(sandbox: SandboxServer) -> list[dict]:
    return [r.json() for r in sandbox.requests if r.path.endswith("/images/generations")]


def _compare(
    qtbot: QtBot, window: MainWindow, provider: Provider, models: set[str]
) -> CompareDialog:
    window.reload_providers(current=provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    compose.params.set_values({"stream": True, "partial_images": 2, "size": "1024x1024"})
    qtbot.keyClicks(compose.prompt.text, "a heron in the reeds")
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        p, model = item.data(Qt.ItemDataRole.UserRole)
        if p.id == provider.id:
            wanted = model in models
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=30_000)
    return dialog


def _pixel(view: ABView, x: float) -> int:
    shot: QImage = view.grab().toImage()
    rect = view.picture_rect()
    px = int(rect.left() + rect.width() * x * view.devicePixelRatioF())
    return shot.pixel(px, int(rect.center().y() * view.devicePixelRatioF()))


def test_cells_stream_partials_zoom_and_meet_under_the_split_line(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    dialog = _compare(qtbot, window, sandbox_provider, {"gpt-image-1", "gpt-image-2"})
    assert "2 of 2 targets answered" in dialog.summary.text()
    posts = _posts(sandbox)
    assert sorted(p["model"] for p in posts) == ["gpt-image-1", "gpt-image-2"]
    assert all(p["stream"] is True and p["partial_images"] == 2 for p in posts)
    a, b = dialog.cells[0], dialog.cells[1]
    for cell in (a, b):
        # both previews were shown in the cell before the final picture replaced them
        assert cell.partials == 2, cell.status.text()
        assert cell.state is MemberState.SUCCEEDED and cell.path is not None
        assert cell.status.text().startswith("Done · ")
        assert not cell.image.pixmap().isNull()
    assert "estimate $0.0" in a.status.text()  # gpt-image-1: priced before and after
    assert "no estimate" in b.status.text() and "cost $0.0" in b.status.text()
    # zoom: a double-click on the picture opens it large
    qtbot.mouseDClick(a.image, Qt.MouseButton.LeftButton, pos=a.image.rect().center())
    zoom = dialog.zoom_dialog
    qtbot.waitExposed(zoom)
    assert zoom.view.image().size() == a.picture.size()
    assert min(zoom.view.width(), zoom.view.height()) > a.image.height()
    zoom.close()
    # A/B: the cell's menu offers the other cell
    assert a.ab_button.isEnabled()
    a.ab_menu.popup(a.ab_button.mapToGlobal(QPoint(0, a.ab_button.height())))
    qtbot.waitUntil(a.ab_menu.isVisible)
    (offer,) = a.ab_menu.actions()
    assert offer.text() == "Against " + b.title_text
    offer.trigger()
    a.ab_menu.hide()
    ab = dialog.ab_dialog
    qtbot.waitExposed(ab)
    view = ab.view
    view.set_split(1.0)
    only_a = [_pixel(view, x) for x in (0.1, 0.6)]
    view.set_split(0.0)
    only_b = [_pixel(view, x) for x in (0.1, 0.6)]
    assert only_a[1] != only_b[1]  # the two models drew different pictures
    # drag the line from the middle to a quarter of the width
    rect = view.picture_rect()
    view.set_split(0.5)
    middle = QPoint(int(view.split_x()), int(rect.center().y()))
    quarter = QPoint(int(rect.left() + rect.width() * 0.25), middle.y())
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(view, quarter)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=quarter)
    assert abs(view.split - 0.25) < 0.02
    assert _pixel(view, 0.1) == only_a[0] and _pixel(view, 0.6) == only_b[1]
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.split == 1.0 and _pixel(view, 0.6) == only_a[1]


def test_retry_is_one_new_job_in_the_group_and_the_winner_becomes_the_result(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    dialog = _compare(qtbot, window, sandbox_provider, {"gpt-image-1", "dall-e-3"})
    group = dialog.group
    assert group is not None and len(group.members) == 2
    before = len(_posts(sandbox))
    assert before == 2
    retried = next(c for c in dialog.cells.values() if "DALL·E 3" in c.title_text)
    first_job = retried.member.job_id if retried.member else None
    assert retried.retry_button.isEnabled()
    qtbot.mouseClick(retried.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: retried.done and retried.member.job_id != first_job, timeout=30_000)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=10_000)
    posts = _posts(sandbox)
    assert len(posts) == before + 1 and posts[-1]["model"] == "dall-e-3"
    group = dialog.group
    assert group is not None and len(group.members) == 3
    new = group.members[2]
    assert new.target == group.members[1].target and new.state is MemberState.SUCCEEDED
    assert retried.member.idx == 2 and new.job_id not in (None, first_job)
    assert group.members[1].job_id == first_job  # the first try keeps its own job
    # the winner: the window shows it, and Edit this acts on it
    winner = dialog.cells[0]
    qtbot.mouseClick(winner.winner_button, Qt.MouseButton.LeftButton)
    assert winner.status.text().startswith("★ Winner")
    assert not winner.winner_button.isEnabled()
    viewer = window.viewer
    qtbot.waitUntil(
        lambda: viewer.current is not None and viewer.current.path == winner.path, timeout=10_000
    )
    assert viewer.edit_button.isEnabled()
    qtbot.mouseClick(viewer.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.compose.inputs.entries()) == 1, timeout=10_000)


def test_a_refused_target_says_why_in_chinese(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    from studio.ui.i18n import set_language

    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    compose.prompt.set_prompt("a lighthouse at dusk " * 60)  # over dall-e-2's 1,000
    assert set_language("zh_CN")
    window.open_compare()
    dialog = window.compare_dialog
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        p, model = item.data(Qt.ItemDataRole.UserRole)
        wanted = p.id == sandbox_provider.id and model in ("gpt-image-1", "dall-e-2")
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.group is not None, timeout=30_000)
    refused = next(c for c in dialog.cells.values() if "DALL·E 2" in c.title_text)
    text = refused.status.text()
    assert text.startswith("已拒绝（未发送）"), text
    assert "提示词有 1,260 个字符；dall-e-2 最多接受 1,000 个。" in text
    assert "characters" not in text
    assert [p["model"] for p in _posts(sandbox)] == ["gpt-image-1"]


def test_built_in_provider_names_are_translated_in_the_targets_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    from studio.ui.i18n import set_language

    assert set_language("zh_CN")
    window.open_compare()
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    texts = [dialog.targets.item(row).text() for row in range(dialog.targets.count())]
    # the model as the picker names it (in both languages), the provider's name translated
    sandbox_rows = [t for t in texts if t.startswith("GPT Image 2.6 Sunburst — 沙盒")]
    assert sandbox_rows, texts
    assert not any("Sandbox (offline)" in t for t in texts), texts


def test_the_targets_list_takes_the_room_until_the_grid_comes(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    window.compose.prompt.set_prompt("a heron in the reeds")
    window.open_compare()
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    label, targets = dialog.prompt_label, dialog.targets
    # the label is as tall as its text, the list has the rest (it used to be the other way)
    assert label.height() <= 3 * label.fontMetrics().lineSpacing(), label.height()
    assert targets.height() > dialog.height() // 2, (targets.height(), dialog.height())
