"""Switching the language changes what a person sees, at once."""

from __future__ import annotations

import re
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


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_catalogue_is_complete_and_compiled(tmp_path: Path, lang: str) -> None:
    ts = resource("translations", f"studio_{lang}.ts")
    qm = resource("translations", f"studio_{lang}.qm")
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
    # the code's own "#:" comments are not notes to the translator (the build drops them)
    notes = [m.findtext("extracomment") for m in ET.parse(ts).getroot().iter("message")]
    assert [n for n in notes if n] == []


def _numerus(lang: str) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> the plural forms, for every message with a count."""
    out = {}
    for context in ET.parse(resource("translations", f"studio_{lang}.ts")).getroot():
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            if m.get("numerus") == "yes":
                forms = [f.text or "" for f in m.iter("numerusform")]
                out[(name, m.findtext("source") or "")] = forms
    return out


def test_the_english_catalogue_has_both_forms_of_every_count() -> None:
    """The build keeps it in step with the full catalogue: the same messages with a
    count (lupdate's plural-only pass over the same sources), each said twice."""
    english, chinese = _numerus("en"), _numerus("zh_CN")
    assert set(english) == set(chinese)
    assert len(english) >= 25
    for (context, source), forms in english.items():
        assert len(forms) == 2 and all("%n" in f for f in forms), (context, source, forms)
        assert "(s)" not in forms[0] + forms[1], (context, source, forms)


def test_a_count_in_the_ui_is_said_with_n_never_as_s_after_a_number() -> None:
    """A word that may be plural ("input(s)") goes with %n, so each language says it its
    own way; "(s)" is left only as a unit (seconds) and in "http(s)". The core's own
    messages (the "core" context) choose their singular or plural template from the
    number (``studio.core.wording.plural``), so none says "(s)" either."""
    plural_word = re.compile(r"[a-z]\(s\)")
    wrong = [
        (context.findtext("name"), m.findtext("source"))
        for context in ET.parse(resource("translations", "studio_zh_CN.ts")).getroot()
        for m in context.iter("message")
        if m.get("numerus") != "yes"
        and plural_word.search((m.findtext("source") or "").replace("http(s)", ""))
    ]
    assert wrong == []


def test_english_says_one_and_many(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from studio.ui.gallery.tile_parts import ThreadWords

    def said(context: str, source: str, n: int) -> str:
        return QCoreApplication.translate(context, source, None, n)

    again = "Send these %n prompt(s) again? Each is a new job."
    assert set_language("en")
    assert said("BatchPanel", again, 1) == "Send this 1 prompt again? It is a new job."
    assert said("BatchPanel", again, 2) == "Send these 2 prompts again? Each is a new job."
    assert said("ProvidersPage", "Connected: %n model(s).", 1) == "Connected: 1 model."
    assert said("ProvidersPage", "Connected: %n model(s).", 12) == "Connected: 12 models."
    assert said("GalleryDock", "%n job(s)", 0) == "0 jobs"
    words = ThreadWords()
    assert words.badge(1) == "Thread · 1 turn" and words.badge(3) == "Thread · 3 turns"
    assert set_language("zh_CN")
    assert said("BatchPanel", again, 2) == "再次发送这 2 个提示词？每个都是新任务。"
    assert said("ProvidersPage", "Connected: %n model(s).", 1) == "连接成功：1 个模型。"
    assert words.badge(3) == "对话 · 3 轮"
    set_language("en")
    assert words.badge(2) == "Thread · 2 turns"


def test_qt_s_own_file_dialog_labels_its_fields_in_chinese(qapp: object) -> None:
    """Qt's Chinese catalogue misses the file dialog's "&Look in:" and "Files of &type:"
    (it has the older words without the mnemonic); the studio's catalogue supplies them."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    set_language("zh_CN")
    try:
        dialog = QFileDialog(None, "")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        dialog.deleteLater()
    finally:
        set_language("en")
    assert len(labels) >= 3  # look in, file name, file type
    english = [text for text in labels if re.search(r"[A-Za-z]{3}", text)]
    assert english == []
