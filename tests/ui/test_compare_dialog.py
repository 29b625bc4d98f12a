"""The Compare dialog driven as a person would: three targets, one refuses, two answer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt

from studio.core.history.groups import GroupKind, MemberState
from studio.core.request import Mode
from studio.ui.compare_targets import load_ticks
from tests.ui.sandbox_models import choose_model
from tests.ui.test_window_inputs import edit_mode, editing_a_picture, png

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.compare_dialog import CompareDialog
    from studio.ui.main_window import MainWindow


def test_compare_three_targets_one_refused_gets_nothing(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    qtbot.keyClicks(compose.prompt.text, "a lighthouse at dusk " * 60)  # over dall-e-2's limit
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    wanted = {"dall-e-3", "dall-e-2"}
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        if provider.id == sandbox_provider.id and model in wanted:
            item.setCheckState(Qt.CheckState.Checked)
    assert [(t.provider.id, t.model) for t in dialog.checked_targets()] == [
        (sandbox_provider.id, "gpt-image-1"),
        (sandbox_provider.id, "dall-e-2"),
        (sandbox_provider.id, "dall-e-3"),
    ]
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "targets answered" in dialog.summary.text() or "stopped" in dialog.summary.text(),
        timeout=20_000,
    )
    assert "2 of 3 targets answered" in dialog.summary.text(), dialog.summary.text() + str(
        [c.status.text() for c in dialog.cells.values()]
    )
    group = dialog.group
    assert group is not None and group.kind is GroupKind.COMPARE
    states = {m.target["model"]: m.state for m in group.members}
    assert states == {
        "gpt-image-1": MemberState.SUCCEEDED,
        "dall-e-2": MemberState.REFUSED,
        "dall-e-3": MemberState.SUCCEEDED,
    }
    models = sorted(r.json()["model"] for r in sandbox.requests if r.path.endswith("/generations"))
    assert models == ["dall-e-3", "gpt-image-1"]
    refused = dialog.cells[1]
    assert "Refused (nothing sent)" in refused.status.text()
    assert "1,000" in refused.status.text() and refused.image.pixmap().isNull()
    done = dialog.cells[0]
    assert done.status.text().startswith("Done · ") and " s\nestimate " in done.status.text()
    assert not done.image.pixmap().isNull()


def _open(qtbot: QtBot, window: MainWindow) -> CompareDialog:
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    return dialog


def _open_from_menu(qtbot: QtBot, window: MainWindow) -> CompareDialog:
    window.act_compare.trigger()  # File → Compare…
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    return dialog


def _rows(dialog: CompareDialog) -> list[tuple[str, str, str, bool]]:
    out = []
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() is Qt.CheckState.Checked
        out.append((provider.id, model, item.text(), checked))
    return out


def test_compare_in_edit_mode_needs_a_picture_and_says_what_it_sends(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    dialog = _open(qtbot, window)
    assert dialog.note.isVisible() and "from the prompt" in dialog.note.text()
    assert "Edit mode" in dialog.note.text()  # where edits are compared
    assert dialog.compare_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    window.compose.set_mode(Mode.EDIT)
    window.activateWindow()
    dialog = _open(qtbot, window)
    note = dialog.note.text()
    assert dialog.note.isVisible() and "Add an input image" in note, note
    assert not dialog.compare_button.isEnabled()  # nothing to edit yet


def test_compare_in_edit_mode_sends_every_target_the_picture_and_its_mask(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    picture = editing_a_picture(
        qtbot, window, sandbox_provider.id, tmp_path / "quay.png", (128, 96)
    )
    compose = window.compose
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    qtbot.mouseClick(panel.fill_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not compose.mask_busy(), timeout=10_000)
    mask = compose.build_request().mask
    assert mask is not None
    qtbot.keyClicks(compose.prompt.text, "a lantern on the quay")
    dialog = _open(qtbot, window)
    assert "edits the input images" in dialog.note.text() and dialog.compare_button.isEnabled()
    wanted = {"gpt-image-2", "gpt-image-1", "dall-e-3"}  # dall-e-3 does not edit
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        if provider.id == sandbox_provider.id:
            item.setCheckState(
                Qt.CheckState.Checked if model in wanted else Qt.CheckState.Unchecked
            )
    # a model that cannot edit is never a target here, whatever its row says
    assert sorted(t.model for t in dialog.checked_targets()) == ["gpt-image-1", "gpt-image-2"]
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=30_000)
    assert "2 of 2 targets answered" in dialog.summary.text(), dialog.summary.text()
    edits = [r for r in sandbox.requests if r.path.endswith("/images/edits")]
    assert sorted(r.fields()["model"] for r in edits) == ["gpt-image-1", "gpt-image-2"]
    for request in edits:
        parts = {p.name: p for p in request.multipart()}
        assert parts["image"].data == picture.read_bytes()
        assert parts["mask"].data == mask.data
    assert not [r for r in sandbox.requests if r.path.endswith("/images/generations")]
    assert not any("dall-e-3" in c.title_text for c in dialog.cells.values())
    # reopened from the history, it says what its targets did
    group = dialog.group
    assert group is not None
    dialog.close()
    window.group_windows.open_group(group.id)
    qtbot.waitUntil(lambda: window.group_windows.compare_dialog is not None, timeout=10_000)
    reopened = window.group_windows.compare_dialog
    assert reopened is not None and reopened is not dialog
    qtbot.waitUntil(reopened.note.isVisible, timeout=10_000)
    assert "edited the same input images" in reopened.note.text()


def test_in_edit_mode_a_model_that_cannot_edit_is_greyed_last_and_keeps_its_tick(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, tmp_path: Path
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    dialog = _open(qtbot, window)  # Generate mode: dall-e-3 makes pictures, so it is offered
    row = next(i for i, r in enumerate(_rows(dialog)) if r[:2] == (sandbox_provider.id, "dall-e-3"))
    item = dialog.targets.item(row)
    dialog.targets.scrollToItem(item)
    box = dialog.targets.visualItemRect(item)
    qtbot.mouseClick(
        dialog.targets.viewport(), Qt.MouseButton.LeftButton, pos=box.topLeft() + QPoint(10, 8)
    )
    assert item.checkState() is Qt.CheckState.Checked
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    edit_mode(window, "gpt-image-2")
    window.compose.inputs.add_files([png(tmp_path / "quay.png", (128, 96))])
    qtbot.waitUntil(lambda: len(window.compose.inputs.entries()) == 1, timeout=10_000)
    compose = window.compose
    qtbot.waitUntil(lambda: not compose.mask_busy() and not compose.inputs.busy(), timeout=10_000)
    first = dialog
    dialog = _open_from_menu(qtbot, window)
    assert dialog is not first
    qtbot.waitUntil(lambda: "dmxapi" in dialog.keyless, timeout=10_000)
    assert "greyed out" in dialog.note.text()
    rows = _rows(dialog)
    greyed = [r for r in rows if r[2].endswith("— cannot edit")]
    assert {r[1] for r in greyed} >= {"dall-e-3", "paiwo-picture"}
    assert not any(r[1] in ("gpt-image-2", "dall-e-2") for r in greyed)  # these edit
    assert rows[-len(greyed) :] == greyed  # after every row that can be ticked
    item = next(
        dialog.targets.item(i)
        for i, r in enumerate(rows)
        if r[:2] == (sandbox_provider.id, "dall-e-3")
    )
    assert item.checkState() is Qt.CheckState.Unchecked
    assert "cannot edit pictures" in item.toolTip()
    dialog.targets.scrollToItem(item)
    box = dialog.targets.visualItemRect(item)
    qtbot.mouseClick(
        dialog.targets.viewport(), Qt.MouseButton.LeftButton, pos=box.topLeft() + QPoint(10, 8)
    )
    assert item.checkState() is Qt.CheckState.Unchecked  # a click cannot tick it
    assert all(t.model != "dall-e-3" for t in dialog.checked_targets())
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    window.compose.set_mode(Mode.GENERATE)  # back to making pictures: its tick is back
    dialog = _open_from_menu(qtbot, window)
    assert any(r[:2] == (sandbox_provider.id, "dall-e-3") and r[3] for r in _rows(dialog))
    assert not any(r[2].endswith("— cannot edit") for r in _rows(dialog))


def _click_row(qtbot: QtBot, dialog: CompareDialog, row: int) -> None:
    """A click on the row's check box, as a person ticks it."""
    item = dialog.targets.item(row)
    dialog.targets.scrollToItem(item)
    box = dialog.targets.visualItemRect(item)
    qtbot.mouseClick(
        dialog.targets.viewport(), Qt.MouseButton.LeftButton, pos=box.topLeft() + QPoint(10, 8)
    )


def test_targets_name_their_models_as_the_model_picker_does(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    dialog = _open(qtbot, window)
    rows = _rows(dialog)
    row = next(i for i, r in enumerate(rows) if r[:2] == (sandbox_provider.id, "gpt-image-1"))
    assert rows[row][2] == "GPT Image 1 — Test sandbox"
    assert dialog.targets.item(row).toolTip() == "gpt-image-1"  # the id stays at hand
    picker = window.compose.model_box  # the picker's own words for a model in use
    shown = picker.itemText(picker.findData("gpt-image-2"))
    assert (sandbox_provider.id, "gpt-image-2", f"{shown} — Test sandbox", False) in rows
    assert not any(r[2].startswith(r[1] + " — ") for r in rows), rows  # no raw id


def test_targets_without_a_key_cannot_be_ticked_and_say_why(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    # ticked last time, before its key was removed: not offered now, but not forgotten
    window.compare_choice = {(sandbox_provider.id, "gpt-image-1"), ("dmxapi", "gpt-image-2")}
    dialog = _open(qtbot, window)
    qtbot.waitUntil(lambda: "dmxapi" in dialog.keyless, timeout=10_000)
    rows = _rows(dialog)
    marked = [r for r in rows if r[2].endswith("— no API key")]
    assert {r[0] for r in marked} >= {"dmxapi", "openai"}
    assert not any(r[0] in ("sandbox", sandbox_provider.id) for r in marked)
    first_marked = rows.index(marked[0])
    assert all(r in marked for r in rows[first_marked:])  # the keyed ones come first
    row = next(i for i, r in enumerate(rows) if r[:2] == ("dmxapi", "gpt-image-2"))
    dmx = dialog.targets.item(row)
    assert rows[row][2] == "GPT Image 2 — DMXAPI — no API key"
    assert not dmx.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not dmx.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert dmx.checkState() is Qt.CheckState.Unchecked
    assert dmx.toolTip() == ("gpt-image-2\nNo API key for DMXAPI: add one in Settings → Providers.")
    _click_row(qtbot, dialog, row)
    assert dmx.checkState() is Qt.CheckState.Unchecked  # a click cannot tick it
    assert [(t.provider.id, t.model) for t in dialog.checked_targets()] == [
        (sandbox_provider.id, "gpt-image-1")
    ]
    assert ("dmxapi", "gpt-image-2") in window.compare_choice  # back once it has a key
    # the line under the list names them, each a link to its page in Settings
    note = dialog.keys_note
    assert note.isVisible() and "Greyed out: no API key for" in note.text()
    assert '<a href="dmxapi">DMXAPI</a>' in note.text()
    assert '<a href="openai">OpenAI</a>' in note.text()
    assert "sandbox" not in note.text()


def test_a_key_added_in_settings_offers_its_targets_again(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    from studio.core.secrets import clear_session_keys
    from studio.ui.settings_dialog import SettingsDialog

    window.reload_providers(current=sandbox_provider.id)
    window.compare_choice = {(sandbox_provider.id, "gpt-image-1"), ("dmxapi", "gpt-image-2")}
    dialog = _open(qtbot, window)
    qtbot.waitUntil(lambda: "dmxapi" in dialog.keyless, timeout=10_000)
    dialog.keys_note.linkActivated.emit("dmxapi")  # the provider's name, clicked
    settings = window.findChild(SettingsDialog)
    assert settings is not None and settings.isVisible()
    page = settings.providers_page
    assert page.current() is not None and page.current().id == "dmxapi"  # type: ignore[union-attr]
    try:
        qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
        qtbot.keyClicks(page.key_edit, "sk-test-key-for-the-list-0000")
        with qtbot.waitSignal(page.keys_changed, timeout=10_000):
            qtbot.mouseClick(page.session_key_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(settings.settings_saved, timeout=10_000):
            settings.buttons.accepted.emit()  # Save
        qtbot.waitUntil(lambda: "dmxapi" not in dialog.keyless, timeout=10_000)
    finally:
        clear_session_keys()
    rows = _rows(dialog)
    row = next(i for i, r in enumerate(rows) if r[:2] == ("dmxapi", "gpt-image-2"))
    dmx = dialog.targets.item(row)
    assert rows[row][2] == "GPT Image 2 — DMXAPI" and rows[row][3]  # ticked, as left
    assert dmx.flags() & Qt.ItemFlag.ItemIsEnabled
    assert dmx.toolTip() == "gpt-image-2"
    assert ("dmxapi", "gpt-image-2") in {(t.provider.id, t.model) for t in dialog.checked_targets()}
    assert "DMXAPI" not in dialog.keys_note.text() and "OpenAI" in dialog.keys_note.text()


def test_a_target_refused_for_want_of_a_key_offers_no_retry(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    from studio.core.batch import BatchRunner, Target, plan_compare, start_group

    dmxapi = studio_ctx.providers()["dmxapi"]
    targets = [Target(sandbox_provider, "gpt-image-1", {}), Target(dmxapi, "gpt-image-2", {})]
    prompt = "a heron in the reeds"
    spec = {"targets": [t.to_json() for t in targets]}
    group_id = start_group(
        studio_ctx, GroupKind.COMPARE, prompt, spec, plan_compare(studio_ctx, prompt, targets)
    )
    BatchRunner(studio_ctx, group_id).run()  # the sandbox answers; DMXAPI has no key
    window.group_windows.open_group(group_id)
    qtbot.waitUntil(lambda: window.group_windows.compare_dialog is not None, timeout=10_000)
    dialog = window.group_windows.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=10_000)
    answered, keyless = dialog.cells[0], dialog.cells[1]
    assert answered.done and answered.retry_button.isEnabled()
    assert keyless.title_text == "GPT Image 2 — DMXAPI"
    text = keyless.status.text()
    assert text.startswith("Refused (nothing sent)"), text
    assert "No API key for DMXAPI" in text, text
    assert not keyless.retry_button.isEnabled()  # it would only be refused again


def test_ticked_targets_are_remembered_next_time(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    dialog = _open(qtbot, window)
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        if provider.id == sandbox_provider.id and model in ("dall-e-3", "gpt-image-1"):
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    window.activateWindow()
    again = _open(qtbot, window)
    assert again is not dialog
    ticked = {(p, m) for p, m, _t, checked in _rows(again) if checked}
    assert ticked == {(sandbox_provider.id, "dall-e-3"), (sandbox_provider.id, "gpt-image-1")}


def test_card_titles_break_between_model_and_provider_only(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current="sandbox")
    dialog = _open(qtbot, window)
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        if provider.id == "sandbox" and model == "gpt-image-2.6-flare":
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=20_000)
    for cell in dialog.cells.values():
        lines = cell.title.text().split("\n")
        model, provider = cell.title_text.split(" — ")
        assert lines == [model, provider]
        metrics = cell.title.fontMetrics()
        room = cell.title.contentsRect().width()
        assert all(metrics.horizontalAdvance(line) <= room for line in lines), (lines, room)


def test_ticked_targets_are_kept_across_a_restart_without_those_gone(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    from studio.ui.main_window import MainWindow

    window.reload_providers(current=sandbox_provider.id)
    dialog = _open(qtbot, window)
    wanted = {(sandbox_provider.id, "dall-e-3"), ("sandbox", "gpt-image-2.6-flare")}
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        if (provider.id, model) in wanted:
            item.setCheckState(Qt.CheckState.Checked)
        elif item.checkState() is Qt.CheckState.Checked:  # the composer's target
            item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    window.close()

    again = MainWindow(studio_ctx)  # the next start
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    reopened = _open_from_menu(qtbot, again)
    assert {(p, m) for p, m, _t, checked in _rows(reopened) if checked} == wanted
    qtbot.mouseClick(reopened.close_button, Qt.MouseButton.LeftButton)
    again.close()

    # a provider removed meanwhile: its target is not ticked, nor kept
    studio_ctx.settings.remove_provider(sandbox_provider.id)
    third = MainWindow(studio_ctx)
    qtbot.addWidget(third)
    third.show()
    qtbot.waitExposed(third)
    last = _open_from_menu(qtbot, third)
    assert {(p, m) for p, m, _t, checked in _rows(last) if checked} == {
        ("sandbox", "gpt-image-2.6-flare")
    }
    qtbot.mouseClick(last.close_button, Qt.MouseButton.LeftButton)
    assert load_ticks(third.qsettings) == {("sandbox", "gpt-image-2.6-flare")}
    third.close()


def test_an_input_added_while_compare_waits_for_one_reaches_it(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, tmp_path: Path
) -> None:
    """Compare in Edit mode with no picture waited, greyed, and stayed so when a picture
    was added in the composer beside it."""
    from tests.ui.test_window_inputs import png

    window.reload_providers(current=sandbox_provider.id)
    window.compose.set_mode(Mode.EDIT)
    dialog = _open(qtbot, window)
    assert not dialog.compare_button.isEnabled()
    window.compose.inputs.add_files([png(tmp_path / "quay.png", (128, 96))])
    qtbot.waitUntil(dialog.compare_button.isEnabled, timeout=10_000)
    assert "Each target edits the input images" in dialog.note.text()
    assert dialog.inputs is not None and len(dialog.inputs.images) == 1


def test_each_cell_speaks_its_models_currency(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    """Every cell said "USD", also for a model the tables price in yuan (a relay's
    seedream-3.0): "estimate 0.080 USD" for ¥0.08."""

    provider, compose = choose_model(
        window, studio_ctx, sandbox_provider, "seedream-3.0", pick="gpt-image-1"
    )
    qtbot.keyClicks(compose.prompt.text, "a red kite")
    dialog = _open(qtbot, window)
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        p, model = item.data(Qt.ItemDataRole.UserRole)
        if p.id == provider.id and model == "seedream-3.0":
            item.setCheckState(Qt.CheckState.Checked)
    assert {t.model for t in dialog.checked_targets()} == {"gpt-image-1", "seedream-3.0"}
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=20_000)
    texts = {
        str(c.member.target.get("model")): c.status.text()
        for c in dialog.cells.values()
        if c.member is not None
    }
    assert "estimate ¥0.080" in texts["seedream-3.0"], texts
    assert "estimate $" in texts["gpt-image-1"] and "USD" not in texts["gpt-image-1"]


def test_the_summary_says_what_was_spent_in_each_currency(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    """After a run the dialog said only how many targets answered; what a target priced
    in yuan and one in dollars spent is said in each currency, never added up."""

    provider, compose = choose_model(
        window, studio_ctx, sandbox_provider, "seedream-3.0", pick="dall-e-2"
    )
    qtbot.keyClicks(compose.prompt.text, "a red kite")
    dialog = _open(qtbot, window)
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        p, model = item.data(Qt.ItemDataRole.UserRole)
        wanted = p.id == provider.id and model in ("dall-e-2", "seedream-3.0")
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "targets answered" in dialog.summary.text(), timeout=20_000)
    summary = dialog.summary.text()
    assert summary == "2 of 2 targets answered. About $0.020 + ¥0.080 spent.", summary


def test_resuming_a_capped_comparison_in_two_currencies_is_refused_in_chinese(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
) -> None:
    """A comparison stored with a spend cap whose targets are priced in dollars and in
    yuan is not sent under a cap that could only count one of them: the dialog says why
    in the UI's language, and nothing is sent."""
    from dataclasses import replace

    from studio.core.batch import Target, plan_compare, start_group
    from studio.core.history.groups import GroupStatus, GroupStore
    from studio.ui.compare_dialog import CompareDialog
    from studio.ui.i18n import set_language

    provider = replace(sandbox_provider, models=(*sandbox_provider.models, "seedream-3.0"))
    studio_ctx.settings.upsert_provider(provider)
    targets = [Target(provider, "dall-e-2", {}), Target(provider, "seedream-3.0", {})]
    members = plan_compare(studio_ctx, "a kite", targets)
    spec = {"targets": [t.to_json() for t in targets], "max_cost": 0.5}
    store = GroupStore(studio_ctx.history)
    group_id = start_group(studio_ctx, GroupKind.COMPARE, "a kite", spec, members)
    store.set_status(group_id, GroupStatus.INTERRUPTED)  # its studio stopped before sending
    group = store.get(group_id)
    assert group is not None
    assert set_language("zh_CN")
    try:
        dialog = CompareDialog(studio_ctx, "a kite", {}, studio_ctx.providers(), parent=window)
        dialog.show()
        dialog.resume_group(group)
        qtbot.waitUntil(lambda: "对比已停止" in dialog.summary.text(), timeout=20_000)
        text = dialog.summary.text()
        assert "花费上限只按一种货币计算" in text and "USD, CNY" in text, text
        assert "spend cap" not in text
    finally:
        set_language("en")
    assert not [r for r in sandbox.requests if "/images/" in r.path]
