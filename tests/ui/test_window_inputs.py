"""Edit inputs, the mask, snippets and recent prompts, as a person uses them."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from studio.core.request import Mode

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def png(path: Path, size: tuple[int, int] = (64, 64), colour: str = "red") -> Path:
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def edit_mode(window: MainWindow, model: str = "gpt-image-1") -> None:
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData(model))
    compose.set_mode(Mode.EDIT)


def editing_a_picture(
    qtbot: QtBot, window: MainWindow, provider_id: str, picture: Path, size: tuple[int, int]
) -> Path:
    """The composer in Edit mode on gpt-image-2 (``provider_id``) with ``picture`` (a PNG
    made at ``size``) as its one input, added and read."""
    window.reload_providers(current=provider_id)
    edit_mode(window, "gpt-image-2")
    png(picture, size)
    window.compose.inputs.add_files([picture])
    qtbot.waitUntil(lambda: len(window.compose.inputs.entries()) == 1, timeout=10_000)
    return picture


def test_add_reorder_and_remove_inputs(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    edit_mode(window)
    inputs = window.compose.inputs
    inputs.add_files([png(tmp_path / "a.png"), png(tmp_path / "b.png", colour="blue")])
    qtbot.waitUntil(lambda: len(inputs.entries()) == 2, timeout=10_000)
    names = {e.image.filename for e in inputs.entries()}
    assert names == {"a.png", "b.png"}
    first = inputs.entries()[0].image.filename
    inputs.list.setFocus()
    inputs.list.setCurrentRow(0)
    qtbot.keyClick(inputs.list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    request = window.compose.build_request()
    assert request.images[1].filename == first
    assert request.images[0].data.startswith(b"\x89PNG")
    inputs.list.setCurrentRow(0)
    inputs.list.setFocus()
    qtbot.keyClick(inputs.list, Qt.Key.Key_Delete)
    assert [e.image.filename for e in inputs.entries()] == [first]
    assert "1 / 16" in inputs.title.text()
    # a removal is not trouble: its undo hint passes in the status bar, not the error bar
    assert "Removed 1 input." in window.statusBar().currentMessage()
    assert not window.notices.bar.isVisible()


def test_inputs_are_capped_at_the_models_maximum(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    edit_mode(window, "dall-e-2")
    inputs = window.compose.inputs
    limit = inputs.limit
    assert limit == window.studio.capabilities.get("dall-e-2").inputs.max_images
    notices: list[str] = []
    inputs.notice.connect(notices.append)
    files = [png(tmp_path / f"{i}.png") for i in range(limit + 1)]
    inputs.add_files(files)
    qtbot.waitUntil(lambda: bool(notices) and not inputs.busy(), timeout=10_000)
    assert len(inputs.entries()) == limit
    assert any(str(limit) in n for n in notices)


def test_dropping_files_adds_inputs(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    edit_mode(window)
    inputs = window.compose.inputs
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png(tmp_path / "dropped.png")))])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():  # Qt 6 only offers the QPoint constructor, marked deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(inputs.list.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(inputs.list.viewport(), drop)
    qtbot.waitUntil(lambda: len(inputs.entries()) == 1, timeout=10_000)
    assert inputs.entries()[0].image.filename == "dropped.png"


def test_pasting_an_image_adds_a_png_input(qtbot: QtBot, window: MainWindow) -> None:
    edit_mode(window)
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor("green"))
    QGuiApplication.clipboard().setImage(picture)
    inputs = window.compose.inputs
    qtbot.mouseClick(inputs.paste_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(inputs.entries()) == 1, timeout=10_000)
    entry = inputs.entries()[0]
    assert entry.image.data.startswith(b"\x89PNG")
    assert (entry.picture.width(), entry.picture.height()) == (40, 30)


def test_painted_mask_goes_into_the_request(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    compose = window.compose
    assert not compose.mask_page.built()  # the mask editor is made when first needed
    edit_mode(window)
    compose.inputs.add_files([png(tmp_path / "photo.png", (128, 96))])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    assert compose.build_request().mask is None  # nothing painted yet
    assert window.right_tabs.currentIndex() == window.mask_tab  # ready to paint
    panel = compose.mask_panel
    assert window.right_tabs.currentWidget() is compose.mask_page
    qtbot.waitUntil(panel.isVisible)
    qtbot.mouseClick(panel.fill_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    # the PNG is encoded in a worker; Generate waits for it
    assert compose.mask_busy() and not compose.can_generate()
    qtbot.waitUntil(lambda: not compose.mask_busy(), timeout=10_000)
    request = compose.build_request()
    assert request.mask is not None
    with Image.open(io.BytesIO(request.mask.data)) as mask:
        assert mask.size == (128, 96)
    compose.set_mode(Mode.GENERATE)  # no mask outside edits
    assert not window.right_tabs.isTabEnabled(window.mask_tab)
    assert window.right_tabs.currentWidget() is window.viewer
    assert compose.build_request().mask is None


def test_snippets_insert_and_persist(qtbot: QtBot, window: MainWindow) -> None:
    prompt = window.compose.prompt
    prompt.set_prompt("a castle")
    prompt.add_snippet("Watercolour", "soft watercolour, paper texture")
    action = next(a for a in prompt.snippet_menu.actions() if a.text() == "Watercolour")
    action.trigger()
    assert prompt.prompt() == "a castle, soft watercolour, paper texture"
    # kept in the prompt library as a prompt tagged "snippet"
    from studio.core.prompt_library import PromptLibrary

    with PromptLibrary(window.studio.paths.prompt_library_db) as lib:
        saved = lib.find_text("soft watercolour, paper texture")
        assert saved is not None and saved.title == "Watercolour" and saved.tags == ("snippet",)


def test_recent_prompts_menu(qtbot: QtBot, window: MainWindow) -> None:
    prompt = window.compose.prompt
    prompt.remember("older prompt")
    prompt.remember("newer prompt")
    texts = [a.text() for a in prompt.recent_menu.actions()]
    assert texts[:2] == ["newer prompt", "older prompt"]
    prompt.recent_menu.actions()[1].trigger()
    assert prompt.prompt() == "older prompt"


def test_prompt_over_the_limit_is_flagged(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData("dall-e-2"))
    compose.prompt.set_prompt("x" * 1001)
    assert compose.prompt.over_limit()
    assert "1001 / 1000" in compose.prompt.count.text()
    assert not compose.generate_button.isEnabled()


def test_reusing_an_edit_brings_back_its_inputs_and_mask(
    qtbot: QtBot, window: MainWindow, sandbox_provider: object, tmp_path: Path
) -> None:
    """'Reuse settings' on a masked edit restores the input and the painted mask exactly."""
    from studio.jobs.queue import JobState

    compose = window.compose
    panel = compose.mask_panel
    assert panel is not None
    window.reload_providers(current=sandbox_provider.id)  # type: ignore[attr-defined]
    edit_mode(window)
    compose.inputs.add_files([png(tmp_path / "room.png", (160, 120))])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(panel.isVisible)
    canvas = panel.canvas  # type: ignore[attr-defined]
    canvas.set_zoom(1.0)
    # paint the left third as a person would: press, drag, release
    start = canvas.image_to_widget(QPointF(20, 60)).toPoint()
    end = canvas.image_to_widget(QPointF(40, 60)).toPoint()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: not compose.mask_busy() and compose.mask_image() is not None)
    painted = compose.mask_image()
    assert painted is not None
    compose.prompt.set_prompt("a plant in the corner")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    # the person starts over, then reuses the job from the history
    compose.inputs.clear()
    compose.prompt.set_prompt("")
    window.reuse_history_job(int(job.history_id), run=False)
    qtbot.waitUntil(lambda: compose.prompt.prompt() == "a plant in the corner", timeout=10_000)
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    qtbot.waitUntil(
        lambda: not compose.mask_busy() and compose.mask_image() is not None, timeout=10_000
    )
    restored = compose.mask_image()
    assert restored is not None
    with Image.open(io.BytesIO(painted.data)) as a, Image.open(io.BytesIO(restored.data)) as b:
        assert a.size == b.size == (160, 120)
        assert a.getchannel("A").tobytes() == b.getchannel("A").tobytes()
        assert b.getchannel("A").getpixel((30, 60)) == 0  # painted: edit here
        assert b.getchannel("A").getpixel((150, 60)) == 255  # untouched: keep
