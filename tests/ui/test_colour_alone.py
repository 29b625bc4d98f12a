"""What the composer says only by colour on screen says it by shape and in words too:
a problem that stops Generate is marked ✕, a note •, and a screen reader hears which
is which."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.core.request import Mode
from tests.ui.accessible import name_of
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.ui.main_window import MainWindow


def test_a_problem_and_a_note_differ_in_more_than_their_colour(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    compose = window.compose
    choose(compose.model_box, "dall-e-2")
    compose.set_mode(Mode.EDIT)  # no input image yet: a step to take, a note
    compose.prompt.set_prompt("a fox " * 300)  # past dall-e-2's 1000 characters
    messages = compose.messages
    qtbot.waitUntil(lambda: messages.problems.isVisible() and messages.notes.isVisible())
    problems, notes = messages.problems.text(), messages.notes.text()
    assert problems.startswith("✕ ") and "•" not in problems, problems
    assert notes.startswith("• ") and "✕" not in notes, notes
    assert not compose.generate_button.isEnabled()
    assert name_of(messages.problems) == problems
    assert messages.problems.accessibleDescription() == "Problems: Generate waits for these"
    assert messages.notes.accessibleDescription() == "Notes"
