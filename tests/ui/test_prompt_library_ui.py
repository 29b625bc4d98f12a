"""The prompt library in the window, driven as a person does: the composer's Library
button and keys, the dialog's search, tags, preview, use, edit, delete with undo,
import and export, and the Batch panel's "Pick from library…"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QListWidget,
    QToolButton,
)

from studio.core.paths import resolve_paths
from studio.core.prompt_library import PromptLibrary
from studio.ui.library.dialog import PromptLibraryDialog
from studio.ui.library.editor import PromptForm

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def lib_of(window: MainWindow) -> PromptLibrary:
    library = window.library.library
    assert library is not None
    return library


def seed(window: MainWindow) -> None:
    lib = lib_of(window)
    lib.save("a {animal} in {style}", "Animals", ["style"])
    lib.save("a red fox in the snow", "Fox", ["winter"])
    lib.save("a lighthouse at night", "", ["winter", "sea"])


def open_with_button(qtbot: QtBot, window: MainWindow) -> PromptLibraryDialog:
    button = window.compose.prompt.library_button
    assert button.isVisible() and not button.icon().isNull()
    # the button's main part (its arrow opens the small menu)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    qtbot.waitUntil(lambda: window.library.dialog is not None, timeout=5_000)
    dialog = window.library.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def labels(lst: QListWidget) -> list[str]:
    return [lst.item(i).text() for i in range(lst.count())]


def click_row(qtbot: QtBot, lst: QListWidget, text_start: str) -> None:
    for i in range(lst.count()):
        item = lst.item(i)
        if item.text().startswith(text_start):
            rect = lst.visualItemRect(item)
            qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert lst.currentItem() is item
            return
    raise AssertionError(f"no row starts with {text_start!r}: {labels(lst)}")


def test_the_composer_button_opens_the_library_and_use_fills_the_prompt(
    qtbot: QtBot, window: MainWindow
) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    assert len(labels(dialog.list)) == 3
    qtbot.keyClicks(dialog.search, "fox")
    qtbot.waitUntil(lambda: labels(dialog.list) == ["Fox  · winter"], timeout=5_000)
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert window.compose.prompt.prompt() == "a red fox in the snow"
    qtbot.waitUntil(lambda: window.library.dialog is None, timeout=5_000)


def test_search_by_tag_and_the_tag_list(qtbot: QtBot, window: MainWindow) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    tags = [dialog.tag_box.itemText(i) for i in range(dialog.tag_box.count())]
    assert tags == ["All tags", "sea (1)", "style (1)", "winter (2)"]
    dialog.tag_box.setFocus()
    qtbot.keyClick(dialog.tag_box, Qt.Key.Key_End)  # the last tag: winter
    qtbot.waitUntil(lambda: len(labels(dialog.list)) == 2, timeout=5_000)
    assert sorted(labels(dialog.list)) == [
        "Fox  · winter",
        "a lighthouse at night  · winter, sea",
    ]
    qtbot.keyClicks(dialog.search, "#sea")
    qtbot.waitUntil(lambda: len(labels(dialog.list)) == 1, timeout=5_000)
    qtbot.keyClick(dialog.tag_box, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: len(labels(dialog.list)) == 1, timeout=5_000)
    assert labels(dialog.list) == ["a lighthouse at night  · winter, sea"]


def test_the_preview_marks_the_variables(qtbot: QtBot, window: MainWindow) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    click_row(qtbot, dialog.list, "Animals")
    html = dialog.preview.toHtml()
    assert dialog.preview.toPlainText() == "a {animal} in {style}"
    assert html.count("font-weight:600") == 2  # each {variable} is marked
    assert "Variables: {animal}, {style}" in dialog.details.text()
    assert dialog.batch_button.isEnabled()
    click_row(qtbot, dialog.list, "Fox")
    assert "font-weight:600" not in dialog.preview.toHtml()
    assert not dialog.batch_button.isEnabled()  # no variables: no batch


def test_use_as_batch_template_opens_the_batch_panel_with_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    click_row(qtbot, dialog.list, "Animals")
    qtbot.mouseClick(dialog.batch_button, Qt.MouseButton.LeftButton)
    panel = window.batch_panel
    qtbot.waitExposed(panel)
    assert panel.template.text() == "a {animal} in {style}"
    panel.close()


def test_delete_then_undo_with_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    click_row(qtbot, dialog.list, "Fox")
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert "Fox  · winter" not in labels(dialog.list) and len(labels(dialog.list)) == 2
    assert dialog.message.text().startswith("Deleted “Fox”.")
    assert lib_of(window).find_text("a red fox in the snow") is None
    assert dialog.undo_button.isEnabled()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, CTRL)
    assert dialog.list.currentItem().text() == "Fox  · winter"
    back = lib_of(window).find_text("a red fox in the snow")
    assert back is not None and back.tags == ("winter",) and back.title == "Fox"
    assert not dialog.undo_button.isEnabled()


def test_after_a_delete_every_button_has_its_own_alt_key_and_alt_o_undoes(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Undo delete shared N with New…: once a prompt was deleted, Alt+N only moved the
    focus between the two."""
    seed(window)
    dialog = open_with_button(qtbot, window)
    click_row(qtbot, dialog.list, "Fox")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert dialog.undo_button.isEnabled()
    keys = [
        QKeySequence.mnemonic(b.text()).toString()
        for b in dialog.findChildren(QAbstractButton)
        if b.isVisibleTo(dialog) and b.isEnabled() and "&" in b.text()
    ]
    assert len(keys) == len(set(keys)), keys
    dialog.activateWindow()  # as the window manager does for a dialog that opens
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.list, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: lib_of(window).find_text("a red fox in the snow") is not None)
    assert not dialog.undo_button.isEnabled()


def test_delete_with_the_button_and_undo_with_the_button(qtbot: QtBot, window: MainWindow) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    click_row(qtbot, dialog.list, "Animals")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert lib_of(window).count() == 2
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert lib_of(window).count() == 3
    assert dialog.list.currentItem().text() == "Animals  · style"


def test_edit_a_prompt_and_a_refused_edit_stays_open(qtbot: QtBot, window: MainWindow) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    click_row(qtbot, dialog.list, "Fox")
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    form = dialog.findChild(PromptForm)
    assert form is not None
    qtbot.waitExposed(form)
    assert form.text.toPlainText() == "a red fox in the snow"
    form.text.selectAll()
    qtbot.keyClicks(form.text, "a lighthouse at night")  # another prompt's text
    qtbot.mouseClick(form.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert form.isVisible() and "already has this text" in form.error.text()
    form.text.selectAll()
    qtbot.keyClicks(form.text, "a {colour} fox in the snow")
    form.tags.selectAll()
    qtbot.keyClicks(form.tags, "winter, animal")
    qtbot.mouseClick(form.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5_000)
    edited = lib_of(window).find_text("a {colour} fox in the snow")
    assert edited is not None and edited.tags == ("winter", "animal") and edited.title == "Fox"
    assert dialog.list.currentItem().text() == "Fox  · winter, animal"


def test_save_prompt_from_the_composer_with_its_key(qtbot: QtBot, window: MainWindow) -> None:
    prompt = window.compose.prompt
    prompt.set_prompt("a {fruit} still life, oil on canvas")
    prompt.text.setFocus()
    qtbot.keyClick(prompt.text, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: window.findChild(PromptForm) is not None, timeout=5_000)
    form = window.findChild(PromptForm)
    assert form is not None and form.text.toPlainText() == "a {fruit} still life, oil on canvas"
    qtbot.keyClicks(form.title, "Still life")
    qtbot.keyClicks(form.tags, "snippet, painting")
    qtbot.keyClick(form.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lib_of(window).count() == 1, timeout=5_000)
    saved = lib_of(window).find_text("a {fruit} still life, oil on canvas")
    assert saved is not None and saved.title == "Still life"
    assert saved.tags == ("snippet", "painting") and saved.variables == ("fruit",)
    # tagged "snippet": the composer's Snippets menu has it now
    assert "Still life" in [a.text() for a in prompt.snippet_menu.actions()]


def test_the_library_key_opens_the_dialog_and_saving_nothing_says_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.compose.prompt.text.setFocus()
    qtbot.keyClick(window.compose.prompt.text, Qt.Key.Key_D, CTRL)
    assert "nothing to save" in window.statusBar().currentMessage()
    assert window.findChild(PromptForm) is None
    qtbot.keyClick(window.compose.prompt.text, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.library.dialog is not None, timeout=5_000)
    assert window.library.dialog.list.count() == 0  # type: ignore[union-attr]


def test_a_job_prompt_becomes_recent_and_old_menus_read_the_library(
    qtbot: QtBot, window: MainWindow
) -> None:
    prompt = window.compose.prompt
    prompt.remember("a first prompt")
    prompt.remember("a second prompt")
    assert [e.text for e in lib_of(window).recent()] == ["a second prompt", "a first prompt"]
    assert [a.text() for a in prompt.recent_menu.actions()][:2] == [
        "a second prompt",
        "a first prompt",
    ]
    qtbot.keyClick(prompt.text, Qt.Key.Key_Up, CTRL)
    assert prompt.prompt() == "a second prompt"
    # removing a snippet takes it out of the menu but keeps it in the library
    prompt.add_snippet("Ink", "ink wash")
    remove = next(a for a in prompt.snippet_menu.actions() if a.menu() is not None)
    next(a for a in remove.menu().actions() if a.text() == "Ink").trigger()
    assert "Ink" not in [a.text() for a in prompt.snippet_menu.actions()]
    kept = lib_of(window).find_text("ink wash")
    assert kept is not None and kept.saved and kept.tags == ()


def test_export_then_import_through_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    target = tmp_path / "winter.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.keyClicks(dialog.search, "#winter")
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=5_000)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    data = json.loads(target.read_text("utf-8"))
    assert sorted(p["text"] for p in data["prompts"]) == [
        "a lighthouse at night",
        "a red fox in the snow",
    ]
    assert dialog.message.text() == f"Written to {target}. Prompts exported: 2."
    # a file with one good new prompt, one already there and one broken
    data["prompts"] += [{"text": "a new one", "tags": ["imported"]}, {"text": ["broken"]}]
    incoming = tmp_path / "incoming.json"
    incoming.write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(incoming), ""))
    )
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert dialog.message.text() == (
        "1 added, 2 merged into prompts the library had. Skipped: 1.\n"
        "• prompt 4: its text is missing or not text"
    )
    assert lib_of(window).count() == 4
    qtbot.waitUntil(
        lambda: (
            "imported (1)" in [dialog.tag_box.itemText(i) for i in range(dialog.tag_box.count())]
        ),
        timeout=5_000,
    )


def test_a_hostile_import_is_refused_in_words_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "image-studio-prompts", "version": 1, "prompts": ["\xc3\x28"]}')
    dialog.import_path(bad)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert dialog.message.text().startswith("Nothing was imported: the file is not UTF-8 text")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (4 * 1024 * 1024 + 1))
    dialog.import_path(huge)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert "larger than 4 MB" in dialog.message.text()
    assert lib_of(window).count() == 3


def test_the_batch_panel_picks_its_template_from_the_library(
    qtbot: QtBot, window: MainWindow
) -> None:
    seed(window)
    window.compose.prompt.set_prompt("")
    window.open_batch()
    panel = window.batch_panel
    qtbot.waitExposed(panel)
    field = panel.template
    pick = next(
        b for b in field.findChildren(QToolButton) if b.defaultAction() is panel.picker.action
    )
    assert pick.isVisible() and "Pick from library…" in pick.toolTip()
    qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.picker.dialog is not None, timeout=5_000)
    dialog = panel.picker.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert not dialog.use_button.isVisible() and dialog.batch_button.isVisible()
    qtbot.keyClicks(dialog.search, "animal")
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=5_000)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert field.text() == "a {animal} in {style}"
    # the field's own key opens it too
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5_000)
    second = panel.picker.dialog
    assert second is not None and second is not dialog and second.pick_template
    second.reject()
    panel.close()


@pytest.fixture
def old_settings(studio_home: Path) -> Path:
    paths = resolve_paths(studio_home).ensure()
    old = {
        "snippets": [{"name": "Watercolour", "text": "soft watercolour, paper texture"}],
        "recent_prompts": ["the newest prompt", "an older prompt"],
    }
    paths.settings_file.write_text(json.dumps(old), "utf-8")
    return paths.settings_file


def test_an_old_settings_file_fills_the_composer_menus(
    old_settings: Path, qtbot: QtBot, window: MainWindow
) -> None:
    prompt = window.compose.prompt
    assert [a.text() for a in prompt.recent_menu.actions()] == [
        "the newest prompt",
        "an older prompt",
    ]
    assert "Watercolour" in [a.text() for a in prompt.snippet_menu.actions()]
    dialog = open_with_button(qtbot, window)
    assert labels(dialog.list) == ["Watercolour  · snippet"]


def test_the_dialog_speaks_chinese_and_follows_a_language_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    from studio.ui.i18n import set_language

    seed(window)
    dialog = open_with_button(qtbot, window)
    set_language("zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "提示词库", timeout=5_000)
    assert dialog.use_button.text() == "使用(&U)"
    assert dialog.tag_box.itemText(0) == "全部标签"
    assert window.compose.prompt.library_button.text() == "提示词库"
    assert window.library.act_save.text() == "保存提示词到库(&V)…"
    click_row(qtbot, dialog.list, "Animals")
    assert "变量：{animal}, {style}" in dialog.details.text()


@pytest.fixture
def broken_library(studio_home: Path) -> Path:
    paths = resolve_paths(studio_home).ensure()
    paths.prompt_library_db.write_bytes(b"not a database " * 200)
    return paths.prompt_library_db


def test_a_broken_library_file_leaves_the_window_working(
    broken_library: Path, qtbot: QtBot, window: MainWindow
) -> None:
    assert window.library.library is None
    assert not window.library.act_open.isEnabled() and not window.library.act_save.isEnabled()
    assert "prompt library could not be opened" in window.statusBar().currentMessage()
    assert "not a database" in window.library.act_open.toolTip()
    # the composer still remembers prompts for this session, and the Batch panel opens
    window.compose.prompt.remember("still works")
    assert window.compose.prompt.recent() == ["still works"]
    window.open_batch()
    panel = window.batch_panel
    panel.picker.action.trigger()
    assert not panel.picker.action.isEnabled()
    assert "could not be opened" in panel.picker.action.toolTip()
    panel.close()
    assert broken_library.read_bytes().startswith(b"not a database")  # nothing overwritten


def test_the_library_keys_are_the_windows_own_and_bound_once(window: MainWindow) -> None:
    from tests.ui.test_window_shortcuts import _bindings

    bindings = _bindings(window)
    assert bindings["Ctrl+Shift+L"] == ["actPromptLibrary"]
    assert bindings["Ctrl+D"] == ["actSavePrompt"]
    file_menu = [a.objectName() for a in window.file_menu.actions()]
    assert file_menu.index("actPromptLibrary") < file_menu.index("actBatch")
    assert "(Ctrl+Shift+L)" in window.compose.prompt.library_button.toolTip()


def test_a_delete_while_another_process_writes_says_busy_and_keeps_the_prompt(
    qtbot: QtBot, window: MainWindow
) -> None:
    import sqlite3

    seed(window)
    dialog = open_with_button(qtbot, window)
    click_row(qtbot, dialog.list, "Fox")
    other = sqlite3.connect(window.studio.paths.prompt_library_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert "busy: another Image Studio is writing" in dialog.message.text()
        assert "Fox  · winter" in labels(dialog.list)
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "Fox  · winter" not in labels(dialog.list)


def test_up_and_down_in_the_search_choose_what_return_uses(
    qtbot: QtBot, window: MainWindow
) -> None:
    seed(window)
    dialog = open_with_button(qtbot, window)
    qtbot.mouseClick(dialog.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.search, "winter")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert len(labels(dialog.list)) == 2  # the list was brought up to date first
    assert dialog.list.currentRow() == 1
    chosen = lib_of(window).get(int(dialog.list.currentItem().data(Qt.ItemDataRole.UserRole)))
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # stays on the last
    qtbot.keyClick(dialog.search, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.list.currentRow() == 1
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert chosen is not None and window.compose.prompt.prompt() == chosen.text


def test_the_save_form_names_its_fields_and_alt_keys_reach_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    prompt = window.compose.prompt
    prompt.set_prompt("a quiet harbour at dawn")
    prompt.text.setFocus()
    qtbot.keyClick(prompt.text, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: window.findChild(PromptForm) is not None, timeout=5_000)
    form = window.findChild(PromptForm)
    assert form is not None
    qtbot.waitExposed(form)
    from PySide6.QtWidgets import QFormLayout, QLabel

    names = []
    for row, field in enumerate((form.title, form.text, form.tags)):
        label = form.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        widget = label.widget() if label is not None else None
        assert isinstance(widget, QLabel) and widget.isVisible()
        assert widget.buddy() is field
        names.append(widget.text())
    assert names == ["&Title:", "&Prompt:", "T&ags:"]
    form.activateWindow()  # as the window manager does for a dialog that opens
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    form.title.setFocus()
    qtbot.keyClick(form.title, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.tags.hasFocus)
    form.reject()


def test_an_empty_library_says_how_to_fill_it_and_a_missed_search_says_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_with_button(qtbot, window)
    assert dialog.list.count() == 0
    assert dialog.preview.toPlainText().startswith("No saved prompts yet. Press New…")
    dialog.close()
    qtbot.waitUntil(lambda: window.library.dialog is None, timeout=5_000)
    seed(window)
    dialog = open_with_button(qtbot, window)
    assert "No saved" not in dialog.preview.toPlainText()
    qtbot.mouseClick(dialog.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.search, "zebra")
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=5_000)
    assert dialog.preview.toPlainText() == "No saved prompt matches this search or tag."
