"""Settings → General → Language, with the app started in Chinese by $IMAGE_STUDIO_LANG:
picking English switches the window at once (it was saved but nothing changed, as the
variable won), and saving other settings leaves the language alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from studio.ui.i18n import LANG_ENV, current_language, set_language

if TYPE_CHECKING:
    import pytest
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow
    from studio.ui.settings_dialog import SettingsDialog


def _save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )


def test_english_picked_in_settings_applies_over_the_start_variable(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.studio.settings.language = "en"  # saved before; the variable chose Chinese
    monkeypatch.setenv(LANG_ENV, "zh_CN")
    assert set_language("zh_CN")
    generate = window.compose.modes.tabText(0)
    assert generate == "生成", generate

    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.language.currentData() == "zh_CN"  # the language in use is shown
    _save(qtbot, dialog)  # nothing about the language changed: it stays, as the setting
    assert current_language() == "zh_CN"
    assert window.studio.settings.language == "en"

    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    _save(qtbot, dialog)
    assert current_language() == "en"
    assert window.compose.modes.tabText(0) == "Generate", window.compose.modes.tabText(0)
    assert window.studio.settings.language == "en"
