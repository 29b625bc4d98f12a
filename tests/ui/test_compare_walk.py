"""The Compare dialog as a Chinese-speaking user met it: a target ticked without a key
fails in Chinese (it said "key: No API key for …" in English)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.compare_dialog import CompareDialog
    from studio.ui.main_window import MainWindow


def _compare(qtbot: QtBot, window: MainWindow, wanted: set[tuple[str, str]]) -> CompareDialog:
    """Compare the ticked (provider id, model) rows, in Chinese, as a person does."""
    compose = window.compose
    compose.prompt.set_prompt("雪中的红狐狸，水彩风格")
    assert set_language("zh_CN")
    window.open_compare()
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        ticked = (provider.id, model) in wanted
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "个已返回结果" in dialog.summary.text(), timeout=30_000)
    return dialog


def test_a_target_without_a_key_fails_in_chinese(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    dialog = _compare(
        qtbot, window, {(sandbox_provider.id, "gpt-image-1"), ("dmxapi", "gpt-image-2")}
    )
    cell = next(c for c in dialog.cells.values() if "DMXAPI" in c.title_text)
    text = cell.status.text()
    assert text.startswith("失败"), text
    assert "DMXAPI 没有 API 密钥。请在“设置 → 服务商”中添加" in text, text
    assert "No API key" not in text and "key:" not in text, text


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
