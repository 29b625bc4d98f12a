"""Settings → Test says what happened, at which address, and what to do, once."""

from __future__ import annotations

import re
import socket
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSlider, QApplication

from studio.sandbox.faults import Fault
from studio.ui.i18n import set_language
from studio.ui.lines_box import LinesBox
from studio.ui.settings_dialog import SettingsDialog
from studio.ui.settings_providers import TEST_RESULT_LINES

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer

KEY = "test-key-sentinel-2222-3333"


@pytest.fixture
def dialog(qtbot: QtBot, studio_ctx: Studio, english: None) -> SettingsDialog:
    d = SettingsDialog(studio_ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def run_test(qtbot: QtBot, dialog: SettingsDialog, base_url: str) -> str:
    page = dialog.providers_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.base_url.setText(base_url)
    page.key_edit.setText(KEY)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.test_button.isEnabled, timeout=20_000)
    return page.test_result.text()


def test_a_rejected_key_is_said_once_with_the_address_and_the_next_step(
    qtbot: QtBot, dialog: SettingsDialog, sandbox: SandboxServer
) -> None:
    sandbox.inject(
        Fault(status=401, body={"error": {"message": "bad key", "code": "invalid_api_key"}})
    )
    text = run_test(qtbot, dialog, sandbox.base_url)
    assert "refused the key (401)" in text
    assert sandbox.base_url in text
    assert text.count("401") == 1 and text.count("key") <= 2
    assert "settings" not in text.lower()  # the person is in them
    assert "Paste the right key" in text
    assert KEY not in text
    assert "color" in dialog.providers_page.test_result.styleSheet()  # shown as an error


def test_connection_refused_names_the_address(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"http://127.0.0.1:{port}/v1"
    text = run_test(qtbot, dialog, address)
    assert text.startswith("Could not reach")
    assert address in text
    assert "Base URL" in text  # what to do
    assert "color" in dialog.providers_page.test_result.styleSheet()


def test_success_is_plain_text_again(
    qtbot: QtBot, dialog: SettingsDialog, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(status=401))
    run_test(qtbot, dialog, sandbox.base_url)
    page = dialog.providers_page
    assert page.test_result.styleSheet()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_result.text().startswith("Connected"), timeout=20_000)
    assert page.test_result.styleSheet() == ""


def test_a_session_key_does_not_read_as_stored(qtbot: QtBot, dialog: SettingsDialog) -> None:
    from studio.core.secrets import clear_session_keys

    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
    qtbot.keyClicks(page.key_edit, KEY)
    try:
        with qtbot.waitSignal(page.keys_changed, timeout=10_000):
            qtbot.mouseClick(page.session_key_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "session only" in page.key_state.text(), timeout=10_000)
        assert "stored" not in page.key_state.text().lower()
        assert "not saved" in page.key_state.text()
    finally:
        clear_session_keys()


def test_a_long_model_list_is_shown_whole_and_moves_nothing(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    page = dialog.providers_page
    page.select_provider("sandbox")  # the embedded sandbox lists 20 models, 9 of them images
    qtbot.waitUntil(lambda: page.current() is not None and page.current().id == "sandbox")
    qtbot.waitUntil(lambda: bool(page.keyring_note.text()), timeout=10_000)  # laid out
    result = page.test_result
    below = page.price_factor.mapTo(dialog, page.price_factor.rect().topLeft())
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result.text().startswith("Connected"), timeout=20_000)
    qtbot.waitUntil(lambda: result.verticalScrollBar().maximum() > 0)  # laid out: it scrolls
    # the rows below stay where they were: the result's room was kept for it
    assert page.price_factor.mapTo(dialog, page.price_factor.rect().topLeft()) == below
    # every image model can be read: in the (scrollable) text and, one a line, in its tip
    known = [m for m in page.current().models]  # type: ignore[union-attr]
    assert len(known) > 5
    tip = result.toolTip()
    assert all(m in result.text() and m in tip.splitlines() for m in known), tip
    # scrolled to its end, the last line shows whole
    bar = result.verticalScrollBar()
    bar.setValue(bar.maximum())
    bottom = max(b for _t, b in _line_boxes(result)) - bar.value()
    assert bottom <= result.viewport().height()


def _line_boxes(box: LinesBox) -> list[tuple[float, float]]:
    """Where each laid-out line's glyphs reach, top and bottom, in the document."""
    doc = box.document()
    out = []
    block = doc.begin()
    while block.isValid():
        top = doc.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            baseline = top + line.y() + line.ascent()
            out.append((baseline - line.ascent(), baseline + line.descent()))
        block = block.next()
    return out


def test_the_answer_box_shows_whole_lines_of_chinese_and_latin_mixed(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    assert set_language("zh_CN")
    page = dialog.providers_page
    page.select_provider("sandbox")
    qtbot.waitUntil(lambda: page.current() is not None and page.current().id == "sandbox")
    box = page.test_result
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.text().startswith("连接成功"), timeout=20_000)
    qtbot.waitUntil(lambda: box.verticalScrollBar().maximum() > 0)
    lines = _line_boxes(box)
    assert len(lines) > TEST_RESULT_LINES
    # the first line holds Chinese and model names, the next ones model names only:
    # laid out on their own, they would be of two heights
    first = box.document().begin().layout().lineAt(0)
    assert re.search("[\u4e00-\u9fff]", box.text()[: first.textLength()])
    assert not re.search("[\u4e00-\u9fff]", box.text()[first.textLength() :])
    step = box.line_height()
    height = box.viewport().height()
    assert height == TEST_RESULT_LINES * step  # exactly three lines
    bar = box.verticalScrollBar()
    # from the top; a click on the bar's arrow; a drag that stops mid-line; the end
    for move in (
        lambda: None,
        lambda: bar.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd),
        lambda: bar.setValue(bar.value() + step // 2 + 1),
        lambda: bar.setValue(bar.maximum()),
    ):
        move()
        QApplication.processEvents()
        shown = [(top - bar.value(), bottom - bar.value()) for top, bottom in lines]
        cut = [(t, b) for t, b in shown if t < height < b or t < 0 < b]
        assert not cut, (bar.value(), cut)
        whole = [(t, b) for t, b in shown if t >= 0 and b <= height]
        assert len(whole) == TEST_RESULT_LINES, (bar.value(), shown)


def test_a_refusal_before_sending_does_not_read_as_the_providers_answer(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    # plain HTTP to another machine is refused here, before anything leaves
    address = "http://relay.example.com/v1"
    text = run_test(qtbot, dialog, address)
    assert "answered" not in text
    assert text.startswith("Nothing was sent to")
    assert address in text and "plain HTTP" in text
    assert "color" in dialog.providers_page.test_result.styleSheet()
    assert set_language("zh_CN")
    qtbot.mouseClick(dialog.providers_page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.providers_page.test_button.isEnabled, timeout=20_000)
    zh = dialog.providers_page.test_result.text()
    assert "未发送" in zh and "回应" not in zh and address in zh


def test_an_answer_goes_when_the_address_it_was_for_changes(
    qtbot: QtBot, dialog: SettingsDialog, sandbox: SandboxServer
) -> None:
    text = run_test(qtbot, dialog, sandbox.base_url)
    page = dialog.providers_page
    assert text.startswith("Connected")
    page.base_url.selectAll()
    qtbot.keyClicks(page.base_url, "https://relay.example.com/v1")
    assert page.test_result.text() == ""  # not "Connected" for an address never asked
    text = run_test(qtbot, dialog, "https://relay.invalid/v1")
    assert "relay.invalid" in text
    qtbot.mouseClick(page.auth, Qt.MouseButton.LeftButton)  # opening a list changes nothing
    page.auth.hidePopup()
    assert page.test_result.text() == text
    page.auth.setCurrentIndex(1 - page.auth.currentIndex())  # another way to send the key
    assert page.test_result.text() == ""


def test_after_a_key_is_kept_the_focus_stays_by_the_key_not_on_remove_all(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    from studio.core.secrets import clear_session_keys

    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(page.key_edit, KEY)
    page.session_key_button.setFocus()  # as a click or Tab leaves it
    try:
        with qtbot.waitSignal(page.keys_changed, timeout=10_000):
            qtbot.keyClick(page.session_key_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: "session only" in page.key_state.text(), timeout=10_000)
        # the button went grey: Enter now must not land on "Remove all my keys…"
        assert QApplication.focusWidget() is page.key_edit
        page.remove_key_button.setFocus()
        with qtbot.waitSignal(page.keys_changed, timeout=10_000):
            qtbot.keyClick(page.remove_key_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: page.key_state.text() == "No key yet", timeout=10_000)
        assert QApplication.focusWidget() is page.key_edit
    finally:
        clear_session_keys()
