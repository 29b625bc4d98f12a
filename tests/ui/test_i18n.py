"""Switching the language changes what a person sees, at once."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from studio.core.resources import resource
from studio.ui.i18n import choose_language, normalise, set_language

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def test_switching_language_changes_visible_text(qtbot: QtBot, window: MainWindow) -> None:
    assert window.compose.generate_button.text() == "&Generate"
    assert window.file_menu.title() == "&File"
    assert set_language("zh_CN")
    assert window.compose.generate_button.text() == "生成(&G)"
    assert window.file_menu.title() == "文件(&F)"
    assert window.compose.modes.tabText(1) == "编辑"
    assert "离线沙盒" in window.banner_text.text()
    size = window.compose.params.widget_for("size")
    assert size is not None
    label = window.compose.params.label_for("size")
    assert label is not None and label.text() == "尺寸"
    set_language("en")
    assert window.compose.generate_button.text() == "&Generate"
    assert window.compose.modes.tabText(1) == "Edit"


def test_language_setting_switches_from_the_settings_dialog(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.open_settings()
    combo = dialog.language
    combo.setCurrentIndex(combo.findData("zh_CN"))
    with qtbot.waitSignal(dialog.settings_saved, timeout=10_000):
        dialog.buttons.accepted.emit()
    assert window.studio.settings.language == "zh_CN"
    assert window.compose.generate_button.text() == "生成(&G)"


def test_env_override_and_normalising(monkeypatch: pytest.MonkeyPatch) -> None:
    assert normalise("zh-CN") == "zh_CN"
    assert normalise("zh_Hans_CN") == "zh_CN"
    assert normalise("fr_FR") == "en"
    monkeypatch.setenv("IMAGE_STUDIO_LANG", "zh_CN")
    assert choose_language("en") == "zh_CN"
    monkeypatch.delenv("IMAGE_STUDIO_LANG")
    assert choose_language("zh_CN") == "zh_CN"
    assert choose_language("en") == "en"


def test_catalogue_is_complete_and_compiled(tmp_path: Path) -> None:
    ts = resource("translations", "studio_zh_CN.ts")
    qm = resource("translations", "studio_zh_CN.qm")
    # the committed .qm is what lrelease makes of the committed .ts (file times say
    # nothing after a clone, so compare what the compiler writes)
    here = Path(sys.executable).parent / "pyside6-lrelease"
    lrelease = str(here) if here.exists() else shutil.which("pyside6-lrelease")
    assert lrelease, "pyside6-lrelease is part of PySide6-Essentials"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert qm.read_bytes() == fresh.read_bytes(), "run the catalogue build: the .qm is stale"
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation") is not None
        and m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
    ]
    assert unfinished == []
