"""The prompt's character count beside Recent and Snippets: as the prompt grows (and
when it goes over the model's limit, in bold) the buttons stay where they are; they
used to move left with each new digit, under the pointer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow


def test_the_buttons_beside_the_count_stay_put_as_the_prompt_grows(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-3"))  # 4,000 at most
    prompt = compose.prompt
    window.show()
    qtbot.waitExposed(window)

    def where() -> QPoint:
        qtbot.wait(20)  # the row is laid out again
        return prompt.recent_button.mapTo(window, QPoint(0, 0))

    start = where()
    assert prompt.count.text() == "0 / 4000"
    qtbot.keyClicks(prompt.text, "a red fox in snow")
    assert prompt.count.text() == "17 / 4000"
    assert where() == start
    prompt.set_prompt("雪" * 1234)
    assert where() == start
    prompt.set_prompt("雪" * 4321)  # over: the count turns bold
    assert prompt.over_limit()
    assert where() == start
    assert prompt.count.width() >= prompt.count.sizeHint().width()  # none of it cut off
