"""An edit never goes out without the mask or drawing the person made: an encoding that
failed blocks Generate with the reason (it logged a warning and sent the edit without
the mask, which repaints the whole picture); a reused job's mask that no longer fits
its image is said, not just logged."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from studio.core.request import Mode
from studio.ui.canvas import export
from studio.ui.canvas.tools import CanvasMode
from tests.ui.canvas.canvas_support import drag_image, make_test_png

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow

#: a model that takes markup edits
MARKUP_MODEL = "gpt-image-2.5-flare"


def _edit_with_one_input(qtbot: QtBot, window: MainWindow, provider: Provider, path: Path) -> None:
    window.reload_providers(current=provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-1"))
    compose.set_mode(Mode.EDIT)
    compose.inputs.add_files([path])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(compose.mask_panel.isVisible)
    compose.prompt.set_prompt("a hat on the otter")


def test_a_mask_that_could_not_be_encoded_blocks_generate(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _edit_with_one_input(qtbot, window, sandbox_provider, make_test_png(tmp_path / "in.png"))
    compose = window.compose
    canvas = compose.mask_panel.canvas
    assert canvas.mode() is CanvasMode.MASK
    real = export.encode_and_save

    def disk_full(*args: object, **kwargs: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "encode_and_save", disk_full)
    drag_image(canvas, [(40, 40), (120, 90)])
    qtbot.waitUntil(lambda: not compose.mask_busy(), timeout=10_000)
    text = compose.messages.problems.text()
    assert "The painted mask could not be prepared" in text and "No space left" in text
    assert compose.messages.problems.isVisible()
    assert not compose.generate_button.isEnabled()
    qtbot.keyClick(compose.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    assert [r for r in sandbox.requests if r.method == "POST"] == []  # nothing sent
    # the next stroke encodes: the edit can go, with its mask
    monkeypatch.setattr(export, "encode_and_save", real)
    drag_image(canvas, [(30, 100), (60, 120)])
    qtbot.waitUntil(lambda: not compose.mask_busy() and compose.mask_image() is not None)
    assert "could not be prepared" not in compose.messages.problems.text()
    assert compose.generate_button.isEnabled()


def test_a_reused_mask_that_does_not_fit_is_said(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider, tmp_path: Path
) -> None:
    _edit_with_one_input(qtbot, window, sandbox_provider, make_test_png(tmp_path / "in.png"))
    compose = window.compose
    wrong = io.BytesIO()
    Image.new("RGBA", (37, 21), (0, 0, 0, 0)).save(wrong, "PNG")  # another image's mask
    compose.masks.restore(wrong.getvalue())
    qtbot.waitUntil(lambda: "does not fit this image" in compose.messages.notes.text())
    assert compose.messages.notes.isVisible()
    assert "mask" in compose.messages.notes.text()
    # another first image: the note was about the old one
    compose.inputs.clear()
    compose.inputs.add_files([make_test_png(tmp_path / "other.png", 120, 90)])
    qtbot.waitUntil(lambda: "does not fit" not in compose.messages.notes.text(), timeout=10_000)


def test_a_drawing_that_could_not_be_encoded_blocks_generate(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from studio.ui.canvas import Tool, markup_export

    provider = replace(sandbox_provider, models=(*sandbox_provider.models, MARKUP_MODEL))
    studio_ctx.settings.upsert_provider(provider)
    _edit_with_one_input(qtbot, window, provider, make_test_png(tmp_path / "in.png"))
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData(MARKUP_MODEL))
    panel = compose.mask_panel
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    assert panel.mode() is CanvasMode.MARKUP

    def out_of_memory(*args: object, **kwargs: object) -> bytes:
        raise MemoryError("cannot allocate the drawing")

    monkeypatch.setattr(markup_export, "encode", out_of_memory)
    panel.canvas.set_tool(Tool.MARKUP_ARROW)
    drag_image(panel.canvas, [(20, 20), (90, 70)])
    qtbot.waitUntil(lambda: not compose.mask_busy(), timeout=10_000)
    text = compose.messages.problems.text()
    assert "The drawing could not be prepared" in text and "cannot allocate" in text
    assert not compose.generate_button.isEnabled()
