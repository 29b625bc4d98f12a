"""A markup edit in the window, as a person makes one: draw an arrow and a note on the
first input, send it to the sandbox (which repaints what the markup covers and writes
the note into the result), then reuse the job: the annotations come back editable."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from studio.core.markup import Kind
from studio.core.request import Mode
from studio.ui.canvas import Tool
from studio.ui.canvas.tools import CanvasMode
from tests.ui.canvas.canvas_support import drag_image
from tests.ui.sandbox_models import choose_model

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.compose_panel import ComposePanel
    from studio.ui.main_window import MainWindow

MODEL = "gpt-image-2.5-flare"


def _checker(path: Path, size: tuple[int, int]) -> Path:
    w, h = size
    im = Image.new("RGB", size)
    im.putdata([((x * 7) % 256, (y * 5) % 256, (x + y) % 256) for y in range(h) for x in range(w)])
    im.save(path, "PNG")
    return path


def _on_markup_model(
    window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider
) -> ComposePanel:
    """The composer on the sandbox with MODEL (which takes markup) chosen."""
    _, compose = choose_model(window, studio_ctx, sandbox_provider, MODEL)
    return compose


def test_a_markup_edit_runs_and_its_reuse_brings_back_the_annotations(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    from studio.jobs.queue import JobState

    compose = _on_markup_model(window, studio_ctx, sandbox_provider)
    compose.set_mode(Mode.EDIT)
    panel = compose.mask_panel
    source = _checker(tmp_path / "room.png", (160, 120))
    compose.inputs.add_files([source])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(panel.isVisible)
    assert panel.markup_mode_button.isEnabled()
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    assert panel.mode() is CanvasMode.MARKUP
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_ARROW)
    drag_image(canvas, [(20, 20), (60, 50)])
    canvas.set_tool(Tool.MARKUP_TEXT)
    drag_image(canvas, [(70, 20)])
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None
    qtbot.keyClicks(field, "lamp here")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not compose.mask_busy() and compose.markup_image() is not None)
    request = compose.build_request()
    assert request.mask is None and request.markup is not None
    compose.prompt.set_prompt("follow the arrow")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    record = studio_ctx.history.get_job(int(job.history_id))
    assert record is not None
    with Image.open(record.images[0].path) as im, Image.open(source) as src:
        result = im.convert("RGBA")
        # the provider may answer at another size: compare with the input scaled to it
        original = src.convert("RGBA").resize(result.size, Image.Resampling.LANCZOS)
    sx, sy = result.width / 160, result.height / 120
    under_arrow = (round(40 * sx), round(35 * sy))
    far_away = (round(150 * sx), round(110 * sy) - 60)
    assert result.getpixel(under_arrow) != original.getpixel(under_arrow)
    assert result.getpixel(far_away) == original.getpixel(far_away)
    # start over, then reuse: the annotations come back as objects in Markup mode
    drawn = canvas.markup_layer.annotations
    compose.inputs.clear()
    panel.ask_keep = lambda _leaving: False
    panel.request_mode(CanvasMode.MASK)
    window.reuse_history_job(int(job.history_id), run=False)
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: panel.mode() is CanvasMode.MARKUP, timeout=10_000)
    assert canvas.markup_layer.annotations == drawn
    assert [a.kind for a in drawn] == [Kind.ARROW, Kind.TEXT]
    qtbot.waitUntil(lambda: not compose.mask_busy() and compose.markup_image() is not None)


def test_a_model_without_markup_offers_only_the_mask(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-2"))
    compose.set_mode(Mode.EDIT)
    compose.inputs.add_files([_checker(tmp_path / "a.png", (64, 48))])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    assert not panel.markup_mode_button.isEnabled()
    assert not panel.request_mode(CanvasMode.MARKUP)
    assert compose.build_request().markup is None


def test_tool_keys_and_delete_reach_the_canvas_in_the_window(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider, tmp_path: Path
) -> None:
    compose = _on_markup_model(window, studio_ctx, sandbox_provider)
    compose.set_mode(Mode.EDIT)
    compose.inputs.add_files([_checker(tmp_path / "a.png", (160, 120))])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    canvas = panel.canvas
    window.activateWindow()
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    for key, tool in (
        (Qt.Key.Key_P, Tool.MARKUP_PEN),
        (Qt.Key.Key_N, Tool.MARKUP_LINE),
        (Qt.Key.Key_A, Tool.MARKUP_ARROW),
        (Qt.Key.Key_X, Tool.MARKUP_RECT),
        (Qt.Key.Key_O, Tool.MARKUP_ELLIPSE),
        (Qt.Key.Key_T, Tool.MARKUP_TEXT),
        (Qt.Key.Key_V, Tool.MARKUP_SELECT),
    ):
        qtbot.keyClick(canvas, key)
        assert canvas.tool is tool and panel.mode() is CanvasMode.MARKUP
    canvas.set_tool(Tool.MARKUP_RECT)
    drag_image(canvas, [(20, 20), (60, 50)])
    canvas.set_tool(Tool.MARKUP_SELECT)
    drag_image(canvas, [(40, 20)])
    assert canvas.markup_layer.selected == 0
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.markup_is_empty()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(canvas.markup_layer.annotations) == 1


def test_markup_on_an_exif_turned_photo_has_the_size_it_is_shown_at(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider, tmp_path: Path
) -> None:
    """The canvas shows a JPEG's stored pixels; the provider turns the photo by its EXIF
    orientation, so the markup is turned the same way and passes the size rule."""
    compose = _on_markup_model(window, studio_ctx, sandbox_provider)
    compose.set_mode(Mode.EDIT)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored 120x160, shown 160x120
    photo = tmp_path / "turned.jpg"
    Image.new("RGB", (120, 160), "olive").save(photo, "JPEG", exif=exif.tobytes())
    compose.inputs.add_files([photo])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    panel.request_mode(CanvasMode.MARKUP)
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_RECT)
    drag_image(canvas, [(10, 10), (50, 40)])
    qtbot.waitUntil(lambda: not compose.mask_busy() and compose.markup_image() is not None)
    compose.prompt.set_prompt("make the box red")
    request = compose.build_request()
    assert request.markup is not None
    with Image.open(io.BytesIO(request.markup.data)) as im:
        assert im.size == (160, 120)
    assert studio_ctx.check(request).problems == ()


def test_the_annotations_follow_their_image_when_the_order_changes(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider, tmp_path: Path
) -> None:
    compose = _on_markup_model(window, studio_ctx, sandbox_provider)
    compose.set_mode(Mode.EDIT)
    for name, size in (("a.png", (160, 120)), ("b.png", (90, 60))):
        count = len(compose.inputs.entries())
        compose.inputs.add_files([_checker(tmp_path / name, size)])
        qtbot.waitUntil(lambda c=count: len(compose.inputs.entries()) == c + 1, timeout=10_000)
    panel = compose.mask_panel
    panel.request_mode(CanvasMode.MARKUP)
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_ELLIPSE)
    drag_image(canvas, [(20, 20), (60, 50)])
    drawn = canvas.markup_layer.annotations
    inputs = compose.inputs
    inputs.list.setCurrentRow(1)
    inputs.act_first.trigger()  # b first: its own (empty) markup
    assert canvas.image_size().width() == 90 and canvas.markup_is_empty()
    inputs.list.setCurrentRow(1)
    inputs.act_first.trigger()  # a first again: its annotations come back
    assert canvas.image_size().width() == 160
    assert canvas.markup_layer.annotations == drawn
    assert panel.mode() is CanvasMode.MARKUP


def test_a_mask_kept_for_later_is_sent_again_back_in_mask_mode(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox_provider: Provider, tmp_path: Path
) -> None:
    """Paint a mask, draw in Markup (keeping the mask for later), come back to Mask: the
    job carries the mask again, not an edit of the whole picture."""
    compose = _on_markup_model(window, studio_ctx, sandbox_provider)
    compose.set_mode(Mode.EDIT)
    compose.inputs.add_files([_checker(tmp_path / "a.png", (160, 120))])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    canvas = panel.canvas
    canvas.set_tool(Tool.BRUSH)
    drag_image(canvas, [(20, 20), (60, 50)])
    qtbot.waitUntil(lambda: not compose.mask_busy() and compose.mask_image() is not None)
    panel.ask_keep = lambda _leaving: True  # "Keep for later"
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    assert panel.mode() is CanvasMode.MARKUP
    canvas.set_tool(Tool.MARKUP_ARROW)
    drag_image(canvas, [(80, 20), (120, 60)])
    qtbot.waitUntil(lambda: not compose.mask_busy() and compose.markup_image() is not None)
    assert compose.build_request().mask is None  # only one of the two is sent
    qtbot.mouseClick(panel.mask_mode_button, Qt.MouseButton.LeftButton)
    assert panel.mode() is CanvasMode.MASK
    qtbot.waitUntil(lambda: not compose.mask_busy())
    request = compose.build_request()
    assert request.markup is None
    assert request.mask is not None
    with Image.open(io.BytesIO(request.mask.data)) as im:
        alpha = im.getchannel("A")
        assert alpha.getpixel((40, 35)) == 0 and alpha.getpixel((150, 110)) == 255


def test_a_comparison_or_batch_from_the_window_takes_the_annotations_along(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    """What Compare and Batch get from the composer carries the annotations (and the
    expansion slot), so each member's job keeps them as a single edit's does."""
    compose = _on_markup_model(window, studio_ctx, sandbox_provider)
    compose.set_mode(Mode.EDIT)
    panel = compose.mask_panel
    compose.inputs.add_files([_checker(tmp_path / "room.png", (160, 120))])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(panel.isVisible)
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    panel.canvas.set_tool(Tool.MARKUP_ARROW)
    drag_image(panel.canvas, [(20, 20), (60, 50)])
    qtbot.waitUntil(lambda: not compose.mask_busy() and compose.markup_image() is not None)
    edit = window._edit_inputs()
    assert edit is not None and edit[0] and edit[1] is not None
    inputs = edit[1]
    doc = compose.build_request().markup_doc
    assert doc is not None and [a.kind for a in doc.annotations] == [Kind.ARROW]
    assert inputs.markup is not None and inputs.markup_doc == doc
    assert inputs.expansion is None


@pytest.mark.parametrize("how", ["ctrl+return", "button"])
def test_generate_while_typing_a_note_sends_the_note_with_the_job(
    how: str,
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    """Ctrl+Return pressed while the note was still being typed sent the job without it;
    with nothing else drawn, no markup and no mask went out and the whole picture was
    redrawn (and paid for); a click on Generate ended the typing and did nothing. The
    note now ends and goes with the job."""
    from studio.core.markup import NOTES_KEY
    from studio.jobs.queue import JobState

    compose = _on_markup_model(window, studio_ctx, sandbox_provider)
    compose.set_mode(Mode.EDIT)
    compose.prompt.set_prompt("follow the note")
    panel = compose.mask_panel
    compose.inputs.add_files([_checker(tmp_path / "room.png", (160, 120))])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(panel.isVisible)
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not compose.mask_busy())
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_TEXT)
    drag_image(canvas, [(70, 20)])
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None
    qtbot.keyClicks(field, "make this red")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        if how == "button":  # the click ends the typing, then asks for the job
            qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].state is JobState.DONE
    (edit,) = [r for r in sandbox.requests if r.path.endswith("/images/edits")]
    parts = {p.name: p for p in edit.multipart()}
    assert "markup" in parts
    with Image.open(io.BytesIO(parts["markup"].data)) as im:
        assert im.info[NOTES_KEY] == "make this red"


def test_compare_opened_while_typing_a_note_does_not_leave_the_note_out(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    """Compare (Ctrl+Shift+K) pressed in the note being typed took the pictures to edit
    without that note; the note now ends first, and Compare is asked for again once its
    markup is ready (as for any markup still being prepared)."""
    compose = _on_markup_model(window, studio_ctx, sandbox_provider)
    compose.set_mode(Mode.EDIT)
    panel = compose.mask_panel
    compose.inputs.add_files([_checker(tmp_path / "room.png", (160, 120))])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(panel.isVisible)
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not compose.mask_busy())
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_TEXT)
    drag_image(canvas, [(70, 20)])
    field = canvas.findChild(QLineEdit, "markup-note")
    assert field is not None
    qtbot.keyClicks(field, "lamp here")
    edit = window._edit_inputs()  # what Ctrl+Shift+K asks for
    if edit is None:  # the note's markup is still being prepared: asked again after
        qtbot.waitUntil(lambda: not compose.mask_busy(), timeout=10_000)
        edit = window._edit_inputs()
    assert edit is not None and edit[1] is not None
    doc = edit[1].markup_doc
    assert doc is not None and doc.notes() == ["lamp here"]
