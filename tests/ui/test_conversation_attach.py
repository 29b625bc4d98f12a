"""A conversation turn carries input images and a mask painted on the image it edits:
driven in the window as a person would, checked in what the sandbox received over HTTP."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from studio.core.providers import Provider
from studio.core.saving import name_for
from studio.core.service import Studio
from studio.sandbox.server import SandboxServer
from studio.ui.conversation_attach import MaskDialog
from studio.ui.main_window import MainWindow
from tests.ui.canvas.canvas_support import drag_image
from tests.ui.test_conversation_tab import _aim, _bodies, _say, _talk_provider
from tests.ui.test_window import use_sandbox


def _decoded(ref: dict[str, str]) -> Image.Image:
    url = ref["image_url"]
    assert url.startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))


def _image_size(path: str) -> tuple[int, int]:
    with Image.open(path) as img:
        return img.size


def test_a_mask_painted_on_the_turns_image_is_sent_as_input_image_mask(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a harbour at noon", 1)
    first = panel.base_turn
    assert first is not None
    size = _image_size(panel._images[first])

    qtbot.mouseClick(panel.attach.mask_button, Qt.MouseButton.LeftButton)
    dialog = panel.attach.dialog
    assert isinstance(dialog, MaskDialog) and dialog.isVisible()
    canvas = dialog.painter.canvas
    assert (canvas.image_size().width(), canvas.image_size().height()) == size
    w, h = size
    drag_image(canvas, [(w * 0.2, h * 0.2), (w * 0.5, h * 0.3), (w * 0.6, h * 0.6)])
    assert not canvas.mask_is_empty()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.attach.turn_mask is not None, timeout=10_000)
    assert f"{w}×{h}" in panel.attach.mask_label.text()

    _say(qtbot, panel, "make the painted water green", 2)
    body = _bodies(sandbox)[-1]
    tool = body["tools"][0]
    mask = _decoded(tool["input_image_mask"])
    assert mask.size == size and mask.format == "PNG"
    alpha = mask.convert("RGBA").getchannel("A")
    assert alpha.getpixel((int(w * 0.5), int(h * 0.3))) == 0  # painted: may change
    assert alpha.getpixel((w - 2, h - 2)) == 255  # not painted: kept
    assert body["previous_response_id"].startswith("resp_")
    # the mask went with that turn: the next one starts without
    assert panel.attach.turn_mask is None and tool["type"] == "image_generation"


def test_an_attached_image_is_sent_as_input_image_and_a_mask_follows_its_image(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    tmp_path: Path,
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    photo = tmp_path / "boat.png"
    Image.new("RGB", (96, 64), (20, 90, 200)).save(photo)
    # a file dropped on the composer is attached, not typed
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    view = panel.composer.viewport()
    for kind in (QDropEvent.Type.DragEnter, QDropEvent.Type.Drop):
        event = QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            kind,
        )
        QApplication.sendEvent(view, event)
    qtbot.waitUntil(lambda: len(panel.attach.images()) == 1, timeout=10_000)
    assert panel.composer.toPlainText() == ""
    assert "1" in panel.attach.inputs.title.text()

    # a new thread edits its first attachment: the mask is painted on it
    qtbot.mouseClick(panel.attach.mask_button, Qt.MouseButton.LeftButton)
    dialog = panel.attach.dialog
    assert dialog is not None
    assert dialog.painter.canvas.image_size().width() == 96
    drag_image(dialog.painter.canvas, [(10, 10), (40, 30)])
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: panel.attach.turn_mask is not None, timeout=10_000)

    _say(qtbot, panel, "put a sail on the boat", 1)
    body = _bodies(sandbox)[-1]
    user = next(item for item in body["input"] if item.get("role") == "user")
    images = [c for c in user["content"] if c["type"] == "input_image"]
    assert len(images) == 1
    sent = _decoded(images[0])
    assert sent.size == (96, 64) and sent.convert("RGB").getpixel((5, 5)) == (20, 90, 200)
    assert _decoded(body["tools"][0]["input_image_mask"]).size == (96, 64)
    assert panel.attach.images() == ()  # they went with the turn

    # a mask painted on the turn, then the user continues another turn: it is dropped
    qtbot.mouseClick(panel.attach.mask_button, Qt.MouseButton.LeftButton)
    dialog = panel.attach.dialog
    assert dialog is not None
    dialog.painter.canvas.fill_mask()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: panel.attach.turn_mask is not None, timeout=10_000)
    panel.new_thread()
    assert panel.attach.turn_mask is None
    assert "removed" in panel.status.text()


def test_use_result_attaches_the_picture_on_show(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer, tmp_path: Path
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    qtbot.mouseClick(panel.attach.result_button, Qt.MouseButton.LeftButton)
    assert panel.attach.images() == ()
    assert "no picture" in panel.status.text()
    photo = tmp_path / "shown.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(photo)
    window.open_image(str(photo))
    qtbot.waitUntil(lambda: window.viewer.current is not None, timeout=10_000)
    window.right_tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.attach.result_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.attach.images()) == 1, timeout=10_000)
    with Image.open(io.BytesIO(panel.attach.images()[0].data)) as img:
        assert img.size == (40, 30)
    assert panel.attach.images()[0].filename == "shown.png"  # a file keeps its own name


def test_use_result_names_the_picture_as_a_saved_copy_of_it_is_named(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
) -> None:
    use_sandbox(window, sandbox_provider)
    window.compose.prompt.set_prompt('A fox: "asleep" under a lantern? <night>/day')
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.history_id is not None, job.error
    record = studio_ctx.history.get_job(int(job.history_id))
    assert record is not None
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    qtbot.mouseClick(panel.attach.result_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.attach.images()) == 1, timeout=10_000)
    name = panel.attach.images()[0].filename
    # the settings' pattern, as Save as and a drag name this picture: date, job, prompt
    assert name == name_for(record, record.images[0], studio_ctx.settings.file_pattern)
    assert f"_{record.id}_a-fox-asleep-under-a-lantern-night-day." in name, name
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)  # safe on every system
    # what the strip shows (its middle elided when narrow), whole in its tip
    assert panel.attach.inputs.list.item(0).toolTip().startswith(f"{name}\n")


def test_a_history_image_used_as_input_goes_to_the_conversation_in_front(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer, tmp_path: Path
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    assert window.gallery is not None
    photo = tmp_path / "from-history.png"
    Image.new("RGB", (50, 40), (0, 120, 60)).save(photo)
    window.gallery.use_as_input.emit(str(photo))  # the history's "use as input"
    qtbot.waitUntil(lambda: len(panel.attach.images()) == 1, timeout=10_000)
    assert window.right_tabs.currentIndex() == window.conversation_tab
    assert window.compose.inputs.images() == ()
    # with another tab in front it is an edit input, as before
    window.right_tabs.setCurrentWidget(window.viewer)
    window.gallery.use_as_input.emit(str(photo))
    qtbot.waitUntil(lambda: len(window.compose.inputs.images()) == 1, timeout=10_000)
    assert len(panel.attach.images()) == 1


def test_an_image_pasted_into_the_composer_is_attached_and_text_still_pastes(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    from PySide6.QtGui import QColor, QGuiApplication, QImage

    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    picture = QImage(30, 20, QImage.Format.Format_RGB32)
    picture.fill(QColor(250, 200, 0))
    clipboard = QGuiApplication.clipboard()
    clipboard.setImage(picture)
    panel.composer.setFocus()
    qtbot.keyClick(panel.composer, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(panel.attach.images()) == 1, timeout=10_000)
    assert panel.composer.toPlainText() == ""
    with Image.open(io.BytesIO(panel.attach.images()[0].data)) as img:
        assert img.size == (30, 20)
    clipboard.setText("make it brighter")
    qtbot.keyClick(panel.composer, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert panel.composer.toPlainText() == "make it brighter"
    assert len(panel.attach.images()) == 1


def test_use_result_attaches_an_svg_result_as_a_still_png(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
) -> None:
    """A turn takes still rasters: an SVG on show goes as its rasterisation at the job's
    size (a PNG, named so), as the composer's Use result does, not as the drawing's text."""
    from studio.core.request import ImageRequest, Mode
    from studio.ui.result_viewer import load_result_file

    params = {"size": "1024x1024", "output_format": "svg"}
    request = ImageRequest(Mode.GENERATE, "gpt-image-2.6-flare", "a drawn fox", params)
    outcome = studio_ctx.run_job(sandbox_provider, request, source="cli")
    assert outcome.error is None and outcome.record is not None, outcome.error
    drawing = outcome.record.images[0].path
    assert drawing.suffix == ".svg"
    window.viewer.show_file(load_result_file(str(drawing)))
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    qtbot.mouseClick(panel.attach.result_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.attach.images()) == 1, timeout=10_000)
    attached = panel.attach.images()[0]
    assert attached.filename == f"{drawing.stem}.png"
    assert attached.data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(attached.data)) as picture:
        assert picture.size == (1024, 1024)
