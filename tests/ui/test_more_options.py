"""The composer's less common options sit behind "More options", which remembers
whether it is open across restarts (settings.json)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from studio.ui.params_panel import LESS_COMMON
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow


def _restart(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """Close the window and the studio, and start both again from the files on disk."""
    from studio.core.service import Studio
    from studio.sandbox.embedded import embedded_sandbox_url
    from studio.ui.main_window import MainWindow

    assert window.close()
    studio = Studio.open(recover=False, sandbox=embedded_sandbox_url)
    again = MainWindow(studio)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.destroyed.connect(studio.close)
    return again


def test_more_options_hides_the_less_common_ones_and_remembers_being_opened(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio
) -> None:
    window.reload_providers(current="sandbox")
    compose = window.compose
    choose(compose.model_box, "gpt-image-2")
    params = compose.params
    button = params.more_button
    output_format = params.widget_for("output_format")
    assert isinstance(output_format, QComboBox)
    choose(output_format, "jpeg")  # compression applies to JPEG and WebP
    hidden = params.more_names()
    assert set(hidden) == {
        "output_compression",
        "moderation",
        "stream",
        "partial_images",
        "safety_identifier",
    }
    assert set(hidden) <= LESS_COMMON
    assert button.isVisible() and not params.more_shown()
    assert button.text() == f"More options ({len(hidden)})"
    for name in hidden:
        widget = params.widget_for(name)
        assert widget is not None and not widget.isVisible(), name
    for name in ("size", "quality", "n", "background", "output_format"):
        widget = params.widget_for(name)
        assert widget is not None and widget.isVisible(), name
    # a hidden option still goes with the job
    compression = params.widget_for("output_compression")
    assert isinstance(compression, QSpinBox)
    compression.setValue(70)
    assert compose.build_request().params.get("output_compression") == 70

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert params.more_shown()
    assert all(params.widget_for(n).isVisible() for n in hidden)  # type: ignore[union-attr]
    assert button.text() == "Fewer options"
    settings = studio_ctx.paths.settings_file
    qtbot.waitUntil(
        lambda: (
            settings.exists()
            and json.loads(settings.read_text(encoding="utf-8")).get("more_options") is True
        ),
        timeout=10_000,
    )

    again = _restart(qtbot, window)
    assert again.compose.params.more_shown()
    assert again.compose.params.widget_for("stream").isVisible()  # type: ignore[union-attr]
    # closed again: closed after the next start too
    qtbot.mouseClick(again.compose.params.more_button, Qt.MouseButton.LeftButton)
    assert not again.compose.params.more_shown()
    third = _restart(qtbot, again)
    assert not third.compose.params.more_shown()
    assert not third.compose.params.widget_for("stream").isVisible()  # type: ignore[union-attr]


def test_a_problem_with_a_hidden_option_opens_more_options(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.reload_providers(current="sandbox")
    compose = window.compose
    choose(compose.model_box, "dall-e-3")  # "user" is behind More options
    params = compose.params
    assert "user" in params.more_names() and not params.more_shown()
    params.show_problems({"user": "too long"})
    assert params.more_shown()
    assert params.widget_for("user").isVisible()  # type: ignore[union-attr]


def test_a_model_with_no_less_common_option_shows_no_disclosure(window: MainWindow) -> None:
    window.reload_providers(current="sandbox")
    params = window.compose.params
    choose(window.compose.model_box, "dall-e-2")
    assert set(params.more_names()) == {"response_format", "user"}
    assert params.more_button.isVisible()
    choose(window.compose.model_box, "paiwo-picture")
    assert params.more_names() == []
    assert not params.more_button.isVisible()
