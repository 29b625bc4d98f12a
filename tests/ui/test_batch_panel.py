"""The Batch panel driven as a person would: template, values, preview, start, cancel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from studio.core.history.groups import GroupStatus, GroupStore, MemberState
from studio.ui.i18n import set_language
from tests.ui.sandbox_models import choose_model

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.batch_panel import BatchPanel
    from studio.ui.main_window import MainWindow


def _posts(sandbox: SandboxServer) -> list[dict]:
    return [r.json() for r in sandbox.requests if r.path.endswith("/images/generations")]


def _press_batch(qtbot: QtBot, window: MainWindow) -> BatchPanel:
    """File → Batch from a template… by its key, Ctrl+Shift+B; the panel on screen."""
    qtbot.keyClick(
        window,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.batch_panel
    assert panel is not None
    qtbot.waitExposed(panel)
    return panel


def _open(qtbot: QtBot, window: MainWindow, provider: Provider) -> BatchPanel:
    window.reload_providers(current=provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.params.set_values({"size": "256x256"})
    panel = _press_batch(qtbot, window)
    # the model as the model picker names it, its id in the tooltip
    assert panel.target_label.text() == "DALL·E 2 on Test sandbox"
    assert panel.target_label.toolTip() == "dall-e-2"
    return panel


def test_a_batch_runs_from_the_panel_and_lands_in_history(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
) -> None:
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.clear()
    qtbot.keyClicks(panel.template, "a {animal} in {style}")
    panel.values.setPlainText("animal,style\ncat,oil\nfox,ink\nowl,chalk\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    assert "3 prompts, about $0.048" in panel.preview.text()
    assert "a cat in oil" in panel.preview.text()
    assert _posts(sandbox) == []
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    assert "3 of 3 succeeded" in panel.status.text()
    assert panel.progress_bar.value() == 3
    assert panel.group is not None and panel.group.status is GroupStatus.FINISHED
    prompts = sorted(p["prompt"] for p in _posts(sandbox))
    assert prompts == ["a cat in oil", "a fox in ink", "a owl in chalk"]
    assert panel.group.members[0].job_id is not None
    (found,) = GroupStore(studio_ctx.history).search("{animal}")
    assert found.id == panel.group.id
    assert panel.start_button.isEnabled() and not panel.cancel_button.isEnabled()


def test_a_batch_that_ran_shows_its_pictures_in_the_history(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    panel = _open(qtbot, window, sandbox_provider)
    assert not panel.pictures_button.isVisible()  # nothing ran yet
    panel.template.clear()
    qtbot.keyClicks(panel.template, "a {animal}")
    panel.values.setPlainText("animal\ncat\nfox\nowl\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    assert panel.pictures_button.isVisible() and panel.group is not None
    gallery = window.gallery
    assert gallery is not None
    jobs = {m.job_id for m in panel.group.members}
    qtbot.mouseClick(panel.pictures_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: {gallery.model.item(r).job.id for r in range(gallery.model.rowCount())} == jobs,
        timeout=10_000,
    )
    assert gallery.filters.group_chip.text() == f"Only batch #{panel.group.id}"
    # reopened from the history later, the panel offers them too
    panel.close()
    window.group_windows.open_group(panel.group.id)
    qtbot.waitUntil(lambda: window.group_windows.batch_panel is not None, timeout=10_000)
    reopened = window.group_windows.batch_panel
    assert reopened is not None
    qtbot.waitUntil(reopened.pictures_button.isVisible, timeout=10_000)
    # its table is not kept: the box is empty, not an example read as its values, and
    # the preview says which prompts it sent
    assert reopened.values.toPlainText() == "" and reopened.values.placeholderText() == ""
    preview = reopened.preview.text()
    assert "3 prompt" in preview and "a cat" in preview and "a fox" in preview
    assert set_language("zh_CN")
    try:
        assert reopened.values.placeholderText() == ""
    finally:
        set_language("en")


def test_bad_rows_are_shown_and_nothing_can_start(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.setText("a {animal} in {style}")
    panel.values.setPlainText("animal,style\ncat\n\nfox,ink\n")
    qtbot.waitUntil(lambda: "Nothing can be sent" in panel.preview.text(), timeout=10_000)
    assert "line 2: has 1 value; the header has 2" in panel.preview.text()
    assert "line 3: is empty" in panel.preview.text()
    assert not panel.start_button.isEnabled()
    assert _posts(sandbox) == []


def test_pause_then_cancel_skips_the_rest(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    sandbox.latency = 0.2
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.setText("owl {n}")
    panel.values.setPlainText("".join(f"{i}\n" for i in range(12)))
    panel.concurrency.setValue(1)
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress_bar.value() >= 1, timeout=30_000)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert panel.pause_button.text() == "&Resume"
    runner = panel.runner
    assert runner is not None
    qtbot.waitUntil(runner.held.is_set, timeout=30_000)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in panel.status.text(), timeout=30_000)
    group = panel.group
    assert group is not None and group.status is GroupStatus.CANCELLED
    # the paused queue sent nothing more: only members handed on before the pause ran
    started = [m for m in group.members if m.job_id is not None]
    assert 1 <= len(started) <= 3 and len(_posts(sandbox)) <= len(started)
    assert all(m.state is MemberState.SKIPPED for m in group.members[len(started) :])
    assert "12 of 12 done" in panel.status.text()


def test_a_paused_batch_says_so_and_promises_no_time_left(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    sandbox.latency = 0.2
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.setText("owl {n}")
    panel.values.setPlainText("".join(f"{i}\n" for i in range(12)))
    panel.concurrency.setValue(1)
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress_bar.value() >= 2, timeout=30_000)
    assert "s left" in panel.status.text()
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert "Paused" in panel.status.text()  # at once, not when the next member lands
    runner = panel.runner
    assert runner is not None
    qtbot.waitUntil(runner.held.is_set, timeout=30_000)
    qtbot.wait(3000)  # the panel reads the progress many times meanwhile
    assert "Paused" in panel.status.text() and "s left" not in panel.status.text()
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert "Paused" not in panel.status.text()
    # the time left counts the time spent working, not the three seconds of the pause
    p = runner.progress()
    assert p.eta_s is not None and p.eta_s < 3.0 / p.done * (p.total - p.done)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    assert "Paused" not in panel.status.text()


def test_the_values_typed_come_back_when_the_panel_is_opened_again(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """Esc closes the panel; the table pasted into it is not lost with it."""
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.setText("a {animal} in {style}")
    panel.values.setFocus()
    for n, line in enumerate(("animal,style", "cat,oil", "fox,ink")):
        if n:
            qtbot.keyClick(panel.values, Qt.Key.Key_Return)
        qtbot.keyClicks(panel.values, line)
    qtbot.keyClick(panel.values, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    again = _open(qtbot, window, sandbox_provider)
    assert again is not panel and again.isVisible()
    assert again.values.toPlainText() == "animal,style\ncat,oil\nfox,ink"
    again.template.setText("a {animal} in {style}")
    qtbot.waitUntil(again.start_button.isEnabled, timeout=10_000)
    assert "2 prompts" in again.preview.text()
    assert _posts(sandbox) == []


def test_a_batch_opened_in_edit_mode_needs_a_picture(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """Opened in Edit mode with no input image, the panel says to add one and sends
    nothing; opened from Generate it needs no note."""
    from studio.core.request import Mode

    window.compose.set_mode(Mode.EDIT)
    panel = _open(qtbot, window, sandbox_provider)
    assert panel.edit_note.isVisible()
    assert "Add an input image" in panel.edit_note.text()
    panel.template.setText("a {animal}")
    panel.values.setPlainText("cat\nfox\n")
    qtbot.wait(400)  # the preview's pause
    assert not panel.start_button.isEnabled() and sandbox.requests == []
    panel.close()
    window.compose.set_mode(Mode.GENERATE)
    window.act_batch.trigger()  # File → Batch from a template…
    again = window.batch_panel
    assert again is not panel and not again.edit_note.isVisible()


def test_a_batch_in_edit_mode_edits_the_input_with_each_prompt(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    from tests.ui.test_window_inputs import editing_a_picture

    picture = editing_a_picture(qtbot, window, sandbox_provider.id, tmp_path / "room.png", (96, 64))
    panel = _press_batch(qtbot, window)
    assert "edits the input images" in panel.edit_note.text()
    panel.template.setText("paint the walls {colour}")
    panel.values.setPlainText("colour\nred\nteal\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    # Enter in the template does not send the batch (nor pay for it)
    panel.template.setFocus()
    qtbot.keyClick(panel.template, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert panel.runner is None and sandbox.requests == []
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    assert "2 of 2 succeeded" in panel.status.text()
    edits = [r for r in sandbox.requests if r.path.endswith("/images/edits")]
    assert sorted(r.fields()["prompt"] for r in edits) == [
        "paint the walls red",
        "paint the walls teal",
    ]
    assert all(
        {p.name: p for p in r.multipart()}["image"].data == picture.read_bytes() for r in edits
    )
    assert _posts(sandbox) == []
    # Start again asks first: each member would be paid for again; Cancel sends nothing
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    box = panel.again_box
    assert box is not None
    qtbot.waitExposed(box)
    assert "Send these 2 prompts again? Each is a new job, paid for again." in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert panel.runner is None
    assert len([r for r in sandbox.requests if r.path.endswith("/images/edits")]) == 2
    # asked again and answered "Send again": the same prompts go once more
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    box = panel.again_box
    assert box is not None
    qtbot.waitExposed(box)
    send = next(b for b in box.buttons() if b.text() == "&Send again")
    qtbot.mouseClick(send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: len([r for r in sandbox.requests if r.path.endswith("/images/edits")]) == 4,
        timeout=30_000,
    )
    qtbot.waitUntil(lambda: panel.runner is None, timeout=30_000)


def test_bad_rows_are_explained_in_chinese(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    from studio.ui.i18n import set_language

    panel = _open(qtbot, window, sandbox_provider)
    assert set_language("zh_CN")
    panel.template.setText("a {animal} in {style}")
    panel.values.setPlainText("animal,style\ncat\n\nfox,ink\nowl,\n")
    qtbot.waitUntil(lambda: "无法发送任何内容" in panel.preview.text(), timeout=10_000)
    text = panel.preview.text()
    assert "取值表中有些行被拒绝" in text, text
    assert "第 2 行：有 1 个值；表头有 2 列" in text
    assert "第 3 行：是空行" in text
    assert "第 5 行：缺少 style 的值" in text
    assert "value" not in text and "empty" not in text
    # a prompt over dall-e-2's limit, said in Chinese with the figures
    panel.values.setPlainText("animal,style\n" + "cat," + "x" * 1200 + "\n")
    qtbot.waitUntil(lambda: "有些提示词太长" in panel.preview.text(), timeout=10_000)
    assert "第 2 行：生成的提示词有 1,209 个字符；模型最多接受 1,000 个" in panel.preview.text()
    assert _posts(sandbox) == []


def test_every_field_has_its_label_and_buddy(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    panel = _open(qtbot, window, sandbox_provider)
    shown = [label.text() for label in panel.form_labels if label.isVisible()]
    assert shown == [
        "Model:",
        "&Template:",
        "&Values:",
        "&At once per provider:",
        "Spend &cap (USD, 0 = none):",
    ]
    buddies = [label.buddy() for label in panel.form_labels]
    assert buddies == [None, panel.template, panel.values, panel.concurrency, panel.cap]


def test_a_sandbox_batch_says_its_money_is_simulated(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio
) -> None:
    """The built-in sandbox prices its jobs like the real model (so a budget can be tried)
    but charges nothing: the panel must not say the money was spent."""
    window.reload_providers(current="sandbox")
    window.open_batch()
    panel = window.batch_panel
    assert panel is not None and panel.target.provider.is_sandbox
    panel.template.setText("a {animal} at dawn")
    panel.values.setPlainText("cat\nowl\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=60_000)
    text = panel.status.text()
    assert "2 of 2 done, 0 failed" in text
    assert re.search(r"\$\d+\.\d{3} simulated \(the sandbox charges nothing\)", text), text
    assert "spent" not in text


def test_the_template_says_how_columns_fill_it(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    panel = _open(qtbot, window, sandbox_provider)
    assert panel.hint.isVisible()
    assert "name in braces" in panel.hint.text() and "column" in panel.hint.text()


def test_the_chinese_example_is_chinese_throughout_and_works(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    from studio.ui.i18n import set_language

    panel = _open(qtbot, window, sandbox_provider)
    assert set_language("zh_CN")
    try:
        assert panel.hint.text().startswith("模板中花括号里的每个名称")
        template = panel.template.placeholderText()
        example = panel.values.placeholderText().split("\n\n")[0]
        header = example.splitlines()[0]
        assert header == "动物,风格" and template == "{风格}风格的{动物}", (header, template)
        # the example as shown is a batch the panel takes
        panel.template.clear()
        panel.template.insert(template)  # as an input method commits it (QTest types Latin-1)
        panel.values.setPlainText(example)
        qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
        assert "油画风格的猫" in panel.preview.text()
    finally:
        set_language("en")


def test_a_batch_paused_with_nothing_left_to_send_ends_without_saying_paused(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """Pause pressed (by its Alt key) while the last members are on their way: they
    finish, and the ending is not followed by a pause that no longer holds anything."""
    sandbox.latency = 0.5
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.setText("owl {n}")
    panel.values.setPlainText("1\n2\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    panel.template.setFocus()
    qtbot.keyClick(panel.template, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(panel.pause_button.isEnabled, timeout=10_000)
    qtbot.keyClick(panel.template, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "Paused" in panel.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    assert "2 of 2 succeeded" in panel.status.text()
    assert "Paused" not in panel.status.text(), panel.status.text()
    assert panel.pause_button.text() == "&Pause" and not panel.pause_button.isChecked()


def test_close_puts_the_panel_away_and_a_running_batch_runs_on(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """Close, as in the Compare dialog, closes the panel as Esc does: a batch on its way
    is not cancelled (no member skipped, none cut off in flight); every member lands."""
    sandbox.latency = 0.2
    panel = _open(qtbot, window, sandbox_provider)
    assert panel.close_button.text() == "C&lose" and panel.close_button.isVisible()
    assert not panel.close_button.autoDefault()  # Enter in the template sends nothing
    panel.template.setText("owl {n}")
    panel.values.setPlainText("".join(f"{i}\n" for i in range(6)))
    panel.concurrency.setValue(1)
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress_bar.value() >= 1, timeout=30_000)
    assert panel.runner is not None
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    qtbot.waitUntil(lambda: panel.group is not None, timeout=30_000)
    group = panel.group
    assert group is not None and group.status is GroupStatus.FINISHED
    assert group.counts() == {"succeeded": 6}
    assert len(_posts(sandbox)) == 6
    # by keyboard too (Alt+L), in Chinese as well
    again = _open(qtbot, window, sandbox_provider)
    try:
        assert set_language("zh_CN")
        assert again.close_button.text() == "关闭(&L)"
        again.template.setFocus()
        qtbot.keyClick(again.template, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: not again.isVisible())
    finally:
        set_language("en")


def test_the_title_bars_close_button_puts_a_running_batch_away_too(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    """A close event (the title bar's button) is Close: it cancelled the batch, cutting
    off the member in flight and skipping the rest."""
    sandbox.latency = 0.2
    panel = _open(qtbot, window, sandbox_provider)
    panel.template.setText("otter {n}")
    panel.values.setPlainText("".join(f"{i}\n" for i in range(4)))
    panel.concurrency.setValue(1)
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress_bar.value() >= 1, timeout=30_000)
    assert panel.runner is not None
    assert panel.close()  # what the title bar's button asks
    assert not panel.isVisible()
    qtbot.waitUntil(lambda: panel.group is not None, timeout=30_000)
    group = panel.group
    assert group is not None and group.status is GroupStatus.FINISHED
    assert group.counts() == {"succeeded": 4}
    assert len(_posts(sandbox)) == 4


def test_a_provider_without_a_key_cannot_start_a_batch_until_one_is_added(
    qtbot: QtBot, window: MainWindow
) -> None:
    from studio.core.secrets import clear_session_keys
    from studio.ui.settings_dialog import SettingsDialog

    window.reload_providers(current="dmxapi")
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-2"))
    window.open_batch()
    panel = window.batch_panel
    qtbot.waitExposed(panel)
    assert panel.target_label.text() == "GPT Image 2 on DMXAPI"
    panel.template.setText("a {animal}")
    panel.values.setPlainText("animal\ncat\nfox\n")
    qtbot.waitUntil(lambda: "2 prompts" in panel.preview.text(), timeout=10_000)
    qtbot.waitUntil(panel.key_note.isVisible, timeout=10_000)
    note = panel.key_note.text()
    assert 'No API key for <a href="dmxapi">DMXAPI</a>: add one in Settings' in note, note
    assert not panel.start_button.isEnabled()  # every member would fail unsent
    panel.key_note.linkActivated.emit("dmxapi")  # the provider's name, clicked
    settings = window.findChild(SettingsDialog)
    assert settings is not None and settings.isVisible()
    page = settings.providers_page
    assert page.current() is not None and page.current().id == "dmxapi"  # type: ignore[union-attr]
    try:
        qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
        qtbot.keyClicks(page.key_edit, "sk-test-key-for-the-batch-0000")
        with qtbot.waitSignal(page.keys_changed, timeout=10_000):
            qtbot.mouseClick(page.session_key_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(settings.settings_saved, timeout=10_000):
            settings.buttons.accepted.emit()  # Save
        qtbot.waitUntil(lambda: not panel.keyless, timeout=10_000)
    finally:
        clear_session_keys()
    assert not panel.key_note.isVisible()
    assert panel.start_button.isEnabled()  # not pressed: DMXAPI is a real service


def test_the_missing_key_reads_in_chinese(qtbot: QtBot, window: MainWindow) -> None:
    window.reload_providers(current="dmxapi")
    assert set_language("zh_CN")
    try:
        window.open_batch()
        panel = window.batch_panel
        qtbot.waitExposed(panel)
        qtbot.waitUntil(panel.key_note.isVisible, timeout=10_000)
        note = panel.key_note.text()
        assert '<a href="dmxapi">DMXAPI</a> 没有 API 密钥' in note, note
        assert "No API key" not in note
    finally:
        set_language("en")


def test_an_input_added_while_the_edit_batch_waits_for_one_reaches_it(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    """The panel said "Add an input image in Edit mode first"; a person added one in the
    composer beside it, and the panel kept saying so with Start greyed until it was
    closed and opened again."""
    from tests.ui.test_window_inputs import edit_mode, png

    window.reload_providers(current=sandbox_provider.id)
    edit_mode(window, "gpt-image-2")
    panel = _press_batch(qtbot, window)
    assert "Add an input image" in panel.edit_note.text()
    panel.template.setText("paint the walls {colour}")
    panel.values.setPlainText("colour\nred\nteal\n")
    qtbot.wait(400)
    assert not panel.start_button.isEnabled()
    picture = png(tmp_path / "room.png", (96, 64))
    window.compose.inputs.add_files([picture])
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    assert "edits the input images" in panel.edit_note.text()
    assert "2 prompts" in panel.preview.text()
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Finished" in panel.status.text(), timeout=30_000)
    edits = [r for r in sandbox.requests if r.path.endswith("/images/edits")]
    assert len(edits) == 2
    assert all(
        {p.name: p for p in r.multipart()}["image"].data == picture.read_bytes() for r in edits
    )


def test_a_batch_on_a_model_priced_in_yuan_counts_in_yuan(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    """The panel said "about 0.160 USD in all" and "Spend cap (USD…)" for seedream-3.0,
    which the tables price in yuan: the estimates and the cap are counted in yuan."""

    choose_model(window, studio_ctx, sandbox_provider, "seedream-3.0")
    window.open_batch()
    panel = window.batch_panel
    assert panel is not None
    qtbot.waitExposed(panel)
    assert panel.form_labels[4].text() == "Spend &cap (CNY, 0 = none):"
    panel.template.setText("a {animal}")
    panel.values.setPlainText("cat\nowl\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    assert "2 prompts, about ¥0.160 in all" in panel.preview.text(), panel.preview.text()


def test_a_model_with_rates_but_no_token_counts_is_not_called_unpriced(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    """gpt-image-2.6 has OpenAI's list rates but no token counts per picture: the panel
    said "no price known for this model" where the composer says there is no estimate
    and the cost shows after the job."""

    model = "gpt-image-2.6-sunburst"
    choose_model(window, studio_ctx, sandbox_provider, model)
    window.open_batch()
    panel = window.batch_panel
    assert panel is not None
    panel.template.setText("a {animal}")
    panel.values.setPlainText("cat\nowl\n")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    text = panel.preview.text()
    assert "no estimate for this model: each cost shows after its job" in text, text
    assert "no price" not in text


def test_a_batch_priced_in_yuan_is_capped_and_says_its_spend_in_yuan(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    """The cap the panel labels in yuan is counted in yuan, and the spend is said in
    yuan while it runs, when it ends and when the batch is reopened from the history."""

    choose_model(window, studio_ctx, sandbox_provider, "seedream-3.0")
    window.open_batch()
    panel = window.batch_panel
    assert panel is not None
    qtbot.waitExposed(panel)
    panel.template.setText("a {animal}")
    panel.values.setPlainText("cat\nowl\nemu\n")
    panel.concurrency.setValue(1)
    panel.cap.setValue(0.2)  # yuan: two at ¥0.08 fit, a third would make ¥0.24
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "spend cap" in panel.status.text(), timeout=30_000)
    text = panel.status.text()
    assert "Stopped by the spend cap: 2 of 3 succeeded." in text, text
    assert "¥0.160 spent" in text and "$" not in text, text
    group = panel.group
    assert group is not None
    panel.show_group(group)
    assert "¥0.160 spent" in panel.status.text(), panel.status.text()
