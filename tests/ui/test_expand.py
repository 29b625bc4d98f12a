"""Expand… as a person uses it: the dialog's presets, free size, margins, anchors and
dragging; then an expansion in the window sent to the sandbox as one masked edit at
the new size, with the original area unchanged in the result."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from studio.core.capabilities import builtin_capabilities
from studio.core.expand import Anchor, Expansion, anchor_offset
from studio.core.request import Mode
from studio.core.size import Size
from studio.ui.expand_dialog import ExpandDialog
from tests.ui.sandbox_models import choose_model

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow

CAPS = builtin_capabilities()


def _picture(w: int, h: int) -> QImage:
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    return image


def _dialog(qtbot: QtBot, model: str, w: int = 1001, h: int = 601) -> ExpandDialog:
    caps = CAPS.get(model)
    assert caps is not None
    dialog = ExpandDialog(_picture(w, h), caps.params.get("size"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _ok(dialog: ExpandDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_aspect_presets_and_every_anchor(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "gpt-image-2.5-flare")
    dialog.how.setCurrentIndex(dialog.how.findText("Aspect 1:1"))
    assert dialog.target() == Size(1008, 1008)  # holds 1001x601, rounded up to 16
    assert _ok(dialog)
    for anchor, button in dialog.anchor_buttons.items():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        exp = dialog.expansion()
        assert exp is not None and button.isChecked()
        assert exp.offset == anchor_offset(Size(1001, 601), Size(1008, 1008), anchor)
    dialog.how.setCurrentIndex(dialog.how.findText("Aspect 16:9"))
    # 1072x608 holds the picture but is under the model's 655,360 pixels: a little more
    assert dialog.target() == Size(1088, 608) and _ok(dialog)


def test_free_size_is_checked_against_the_models_rule(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "gpt-image-2.5-flare")
    dialog.how.setCurrentIndex(dialog.how.findData(ExpandDialog.FREE))
    dialog.width_box.setValue(1100)
    dialog.height_box.setValue(700)
    assert not _ok(dialog) and "multiples of 16" in dialog.rule_label.text()
    dialog.width_box.setValue(1104)
    dialog.height_box.setValue(704)
    assert _ok(dialog) and not dialog.rule_label.isVisible()
    dialog.set_anchor(Anchor.BOTTOM_RIGHT)
    exp = dialog.expansion()
    assert exp == Expansion(Size(1001, 601), Size(1104, 704), (103, 103))


def test_margins_and_dragging_the_picture(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "gpt-image-2.5-flare", 800, 800)
    dialog.how.setCurrentIndex(dialog.how.findData(ExpandDialog.MARGINS))
    for box, value in zip(dialog.margin_boxes, (0, 16, 32, 0), strict=True):
        box.setValue(value)
    exp = dialog.expansion()
    assert exp is not None and exp.target == Size(832, 816) and exp.offset == (0, 16)
    preview = dialog.preview
    s = preview._scale()
    start = preview._frame().center()
    for kind, pos, buttons in (
        (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, start + QPointF(16 * s, -16 * s), Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, start + QPointF(16 * s, -16 * s), Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind, pos, pos, Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(preview, event)
    exp = dialog.expansion()
    assert exp is not None and exp.offset == (16, 0)
    assert [b.value() for b in dialog.margin_boxes] == [16, 0, 16, 16]


def test_a_model_without_free_sizes_offers_only_its_sizes(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "gpt-image-1.5", 1024, 1024)
    items = [dialog.how.itemText(i) for i in range(dialog.how.count())]
    assert items == ["1536x1024", "1024x1536"]
    dialog.set_anchor(Anchor.LEFT)
    exp = dialog.expansion()
    assert exp == Expansion(Size(1024, 1024), Size(1536, 1024), (0, 0))


def test_an_expanded_edit_in_the_window_keeps_the_original_area(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    from studio.jobs.queue import JobState

    model = "gpt-image-2.5-flare"
    _, compose = choose_model(window, studio_ctx, sandbox_provider, model)
    compose.set_mode(Mode.EDIT)
    source = tmp_path / "room.png"
    w, h = 700, 500
    picture = Image.new("RGB", (w, h))
    picture.putdata(
        [((x * 7) % 256, (y * 5) % 256, (x + y) % 256) for y in range(h) for x in range(w)]
    )
    picture.save(source)
    compose.inputs.add_files([source])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    exp = Expansion.anchored(Size(w, h), Size(1024, 768), Anchor.TOP_LEFT, feather=4)
    compose.expander.ask = lambda _picture, _spec: exp
    qtbot.mouseClick(panel.expand_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: compose.inputs.entries()[0].image.filename == "room-expanded.png", timeout=10_000
    )
    qtbot.waitUntil(
        lambda: not compose.mask_busy() and compose.mask_image() is not None, timeout=10_000
    )
    request = compose.build_request()
    assert request.params.get("size") == "1024x768" and request.expansion == exp
    assert len(request.images) == 1
    compose.prompt.set_prompt("continue the room")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    record = studio_ctx.history.get_job(int(job.history_id))
    assert record is not None
    with Image.open(record.images[0].path) as im:
        result = im.convert("RGB")
    assert result.size == (1024, 768)
    left, top, right, bottom = exp.kept_box()
    assert (
        result.crop((left, top, right, bottom)).tobytes()
        == picture.crop((left, top, right, bottom)).tobytes()
    )
    assert studio_ctx.history.request_for(int(job.history_id)).expansion == exp
    # reuse repeats it: the expanded picture, its mask, its size and its geometry
    compose.inputs.clear()
    window.reuse_history_job(int(job.history_id), run=False)
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(
        lambda: not compose.mask_busy() and compose.mask_image() is not None, timeout=10_000
    )
    again = compose.build_request()
    assert again.expansion == exp and again.params.get("size") == "1024x768"
    assert again.images[0].data == request.images[0].data


def test_a_model_without_a_larger_size_says_so(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "gpt-image-1.5", 1536, 1024)
    assert dialog.how.count() == 0 and not _ok(dialog)
    assert "no size larger" in dialog.rule_label.text()
    free = ExpandDialog(_picture(30, 20), None)  # a model with no size parameter
    qtbot.addWidget(free)
    free.how.setCurrentIndex(free.how.findData(ExpandDialog.MARGINS))
    assert [b.value() for b in free.margin_boxes] == [0, 5, 0, 5]  # the 1:1 frame on show
    for box, value in zip(free.margin_boxes, (0, 0, 10, 0), strict=True):
        box.setValue(value)
    assert free.expansion() == Expansion(Size(30, 20), Size(40, 20), (0, 0))


def test_expanding_from_markup_mode_sends_the_new_area_as_the_mask(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    """Expand… pressed while drawing markup: the canvas goes back to Mask mode and the
    job carries the mask of the new area (without it the whole picture is redrawn)."""
    from studio.ui.canvas.tools import CanvasMode

    model = "gpt-image-2.5-flare"
    _, compose = choose_model(window, studio_ctx, sandbox_provider, model)
    compose.set_mode(Mode.EDIT)
    source = tmp_path / "room.png"
    Image.new("RGB", (640, 480), "teal").save(source)
    compose.inputs.add_files([source])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    assert panel.mode() is CanvasMode.MARKUP
    qtbot.waitUntil(lambda: not compose.mask_busy())
    exp = Expansion.anchored(Size(640, 480), Size(1024, 480), Anchor.LEFT)
    compose.expander.ask = lambda _picture, _spec: exp
    qtbot.mouseClick(panel.expand_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: compose.inputs.entries()[0].image.filename == "room-expanded.png", timeout=10_000
    )
    qtbot.waitUntil(lambda: panel.mode() is CanvasMode.MASK and not compose.mask_busy())
    request = compose.build_request()
    assert request.expansion == exp and request.markup is None
    assert request.mask is not None
    with Image.open(io.BytesIO(request.mask.data)) as im:
        alpha = im.getchannel("A")
        assert im.size == (1024, 480)
        assert alpha.getpixel((100, 100)) == 255 and alpha.getpixel((900, 100)) == 0


def test_expanding_says_nothing_was_removed_and_undo_brings_the_original_back(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """The expanded picture takes the original's place: no warning that an input was
    removed (nobody removed one), and Ctrl+Z in the inputs still brings the original back."""
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("gpt-image-2.6-sunburst"))
    compose.set_mode(Mode.EDIT)
    source = tmp_path / "room.png"
    Image.new("RGB", (640, 480), "teal").save(source)
    compose.inputs.add_files([source])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    exp = Expansion.anchored(Size(640, 480), Size(1024, 480), Anchor.LEFT)
    compose.expander.ask = lambda _picture, _spec: exp
    qtbot.mouseClick(panel.expand_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: compose.inputs.entries()[0].image.filename == "room-expanded.png", timeout=10_000
    )
    assert not window.error_bar.isVisible(), window.error_bar.text.text()
    compose.inputs.list.setFocus()
    qtbot.keyClick(compose.inputs.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    names = [e.image.filename for e in compose.inputs.entries()]
    assert "room.png" in names


def test_an_aspect_preset_for_a_small_picture_meets_the_models_smallest_size(
    qtbot: QtBot,
) -> None:
    """A 640x480 photo: the smallest 1:1 frame that holds it (640x640) is below the
    model's 655,360 pixels, so every preset was refused at once; each preset now
    offers the smallest frame of its shape that the model takes."""
    caps = CAPS.get("gpt-image-2.6-sunburst")
    assert caps is not None and caps.params["size"].rule is not None
    rule = caps.params["size"].rule
    dialog = _dialog(qtbot, "gpt-image-2.6-sunburst", 640, 480)
    for a, b in ((1, 1), (4, 3), (16, 9), (9, 16)):
        dialog.how.setCurrentIndex(dialog.how.findText(f"Aspect {a}:{b}"))
        target = dialog.target()
        assert _ok(dialog), (a, b, target, dialog.rule_label.text())
        assert target.width >= 640 and target.height >= 480
        assert target.width * target.height >= rule.min_pixels
        assert target.width % 16 == 0 and target.height % 16 == 0
        assert abs(target.width / target.height - a / b) < 0.03
    dialog.how.setCurrentIndex(dialog.how.findText("Aspect 1:1"))
    assert dialog.target() == Size(816, 816)  # 810² holds the pixels, rounded up to 16


def test_the_greyed_fields_say_the_frame_chosen_and_margins_start_from_it(qtbot: QtBot) -> None:
    """A 16:9 preset showed margins of 0 px beside a frame that added 400 px on two
    sides, and switching to Margins then threw the frame away ("adds nothing")."""
    dialog = _dialog(qtbot, "gpt-image-2.6-sunburst", 1024, 1024)
    dialog.how.setCurrentIndex(dialog.how.findText("Aspect 16:9"))
    assert dialog.target() == Size(1824, 1024)
    assert [b.value() for b in dialog.margin_boxes] == [400, 0, 400, 0]
    dialog.set_anchor(Anchor.LEFT)
    assert [b.value() for b in dialog.margin_boxes] == [0, 0, 800, 0]
    dialog.how.setCurrentIndex(dialog.how.findData(ExpandDialog.MARGINS))
    exp = dialog.expansion()
    assert exp == Expansion(Size(1024, 1024), Size(1824, 1024), (0, 0)) and _ok(dialog)
    dialog.margin_boxes[1].setValue(96)
    assert (dialog.width_box.value(), dialog.height_box.value()) == (1824, 1120)


def test_annotations_move_with_the_picture_into_the_expanded_frame(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    """Annotations drawn before Expand… were dropped with no warning and no undo; they now
    move with the picture into the new frame, kept for later while the new area's mask
    is what the job sends."""
    from studio.ui.canvas import Tool
    from studio.ui.canvas.tools import CanvasMode
    from tests.ui.canvas.canvas_support import drag_image

    model = "gpt-image-2.5-flare"
    _, compose = choose_model(window, studio_ctx, sandbox_provider, model)
    compose.set_mode(Mode.EDIT)
    source = tmp_path / "room.png"
    Image.new("RGB", (640, 480), "teal").save(source)
    compose.inputs.add_files([source])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not compose.mask_busy())
    panel.canvas.set_tool(Tool.MARKUP_RECT)
    drag_image(panel.canvas, [(20, 30), (60, 60)])
    (drawn,) = panel.canvas.markup_layer.annotations
    exp = Expansion.anchored(Size(640, 480), Size(1024, 480), Anchor.RIGHT)
    compose.expander.ask = lambda _picture, _spec: exp
    qtbot.mouseClick(panel.expand_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: compose.inputs.entries()[0].image.filename == "room-expanded.png", timeout=10_000
    )
    qtbot.waitUntil(lambda: panel.mode() is CanvasMode.MASK and not compose.mask_busy())
    request = compose.build_request()
    assert request.mask is not None and request.markup is None  # the new area is sent
    (kept,) = panel.canvas.markup_layer.annotations
    assert kept == drawn.moved(384, 0)
    panel.ask_keep = lambda _leaving: True
    assert panel.request_mode(CanvasMode.MARKUP)
    doc = panel.markup_doc()
    assert doc is not None and (doc.width, doc.height) == (1024, 480)
    assert doc.annotations == (drawn.moved(384, 0),)
