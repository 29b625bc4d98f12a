"""The Compare dialog as a Chinese-speaking user met it: a target without a key says why
in Chinese (it could be ticked, then failed, and said "key: No API key for …" in
English)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow


def test_a_target_without_a_key_says_why_in_chinese_and_cannot_be_ticked(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    window.compose.prompt.set_prompt("雪中的红狐狸，水彩风格")
    assert set_language("zh_CN")
    window.open_compare()
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: "dmxapi" in dialog.keyless, timeout=10_000)
    row = next(
        r
        for r in range(dialog.targets.count())
        if dialog.targets.item(r).data(Qt.ItemDataRole.UserRole)[0].id == "dmxapi"
        and dialog.targets.item(r).data(Qt.ItemDataRole.UserRole)[1] == "gpt-image-2"
    )
    item = dialog.targets.item(row)
    assert item.text() == "GPT Image 2 — DMXAPI — 无 API 密钥", item.text()
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    tip = item.toolTip()
    assert tip == "gpt-image-2\nDMXAPI 没有 API 密钥：请在“设置 → 服务商”中添加。", tip
    # rows in Latin letters only are as tall as those with Chinese: no check box overlaps
    latin = next(
        r
        for r in range(dialog.targets.count())
        if dialog.targets.item(r).text() == "GPT Image 1 — Test sandbox"
    )
    rows = (latin, row)
    heights = {dialog.targets.visualItemRect(dialog.targets.item(r)).height() for r in rows}
    assert len(heights) == 1, heights
    note = dialog.keys_note.text()
    assert "已灰显" in note and '<a href="dmxapi">DMXAPI</a>' in note, note
    assert "No API key" not in note and "Greyed" not in note, note


def test_a_long_prompt_takes_one_line_and_leaves_the_targets_their_room(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    prompt = "雪中的红狐狸，水彩风格，远处有松树和木屋，" * 30  # 630 characters
    window.compose.prompt.set_prompt(prompt)
    assert set_language("zh_CN")
    window.open_compare()
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    label = dialog.prompt_label
    # it used to wrap to every line of the prompt, squeezing the list under it
    assert label.height() <= 2 * label.fontMetrics().lineSpacing(), label.height()
    assert label.text().startswith("提示词：雪中的红狐狸") and label.text().endswith("…")
    assert dialog.targets.height() > dialog.height() // 2, dialog.targets.height()
    assert prompt in label.toolTip()  # the whole prompt, where a pointer rests
