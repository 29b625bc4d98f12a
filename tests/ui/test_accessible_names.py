"""Every surface as a screen reader meets it: each interactive widget it shows has an
accessible name (an icon-only button, a field whose label is elsewhere, a list, the
canvas), read through Qt's own accessibility interfaces, and the history's tiles and
the jobs' rows say their prompt, status and cost."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from studio.core.capabilities import builtin_capabilities
from studio.core.request import Mode
from studio.sandbox.faults import Fault
from studio.ui.expand_dialog import ExpandDialog
from studio.ui.library.editor import PromptForm
from tests.ui.accessible import name_of, unnamed
from tests.ui.compare_steps import compare_two
from tests.ui.sandbox_models import choose_model
from tests.ui.test_conversation_tab import _aim, _say, _talk_provider

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _generate(qtbot: QtBot, window: MainWindow, prompt: str) -> None:
    window.compose.prompt.set_prompt(prompt)
    qtbot.waitUntil(window.compose.generate_button.isEnabled)
    qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.queue.jobs) and not window.queue.running(), timeout=20_000)


def _walk(found: dict[str, list[str]], surface: str, root: QWidget) -> None:
    missing = unnamed(root)
    if missing:
        found[surface] = missing


def _report(found: dict[str, list[str]]) -> str:
    return "unnamed:\n" + "\n".join(
        f"{surface}:\n  " + "\n  ".join(names) for surface, names in found.items()
    )


def test_the_window_and_its_dialogs_name_every_control(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    tmp_path: Path,
) -> None:
    found: dict[str, list[str]] = {}
    window.reload_providers(current=sandbox_provider.id)
    _generate(qtbot, window, "a red fox in the snow")
    qtbot.waitUntil(lambda: window.gallery.model.rowCount() > 0, timeout=10_000)
    window.compose.params.set_more_shown(True)
    _walk(found, "main window", window)
    qtbot.mouseClick(window.gallery.view_options.list_button, Qt.MouseButton.LeftButton)
    _walk(found, "history as a list", window.gallery)
    qtbot.mouseClick(window.gallery.view_options.list_button, Qt.MouseButton.LeftButton)

    window.right_tabs.setCurrentIndex(window.conversation_tab)
    qtbot.waitUntil(window.conversation.isVisible)
    _walk(found, "conversation", window.conversation)
    window.right_tabs.setCurrentIndex(0)

    _, compose = choose_model(window, studio_ctx, sandbox_provider, "gpt-image-2.5-flare")
    compose.set_mode(Mode.EDIT)
    source = tmp_path / "room.png"
    Image.new("RGB", (160, 120), (200, 80, 40)).save(source)
    compose.inputs.add_files([source])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    qtbot.waitUntil(panel.isVisible)
    _walk(found, "mask editor", window)
    qtbot.mouseClick(panel.markup_mode_button, Qt.MouseButton.LeftButton)
    _walk(found, "markup editor", window)
    compose.set_mode(Mode.GENERATE)

    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    compare = window.compare_dialog
    qtbot.waitExposed(compare)
    compare_two(qtbot, compare)
    _walk(found, "compare grid", compare)
    compare.close()

    window.act_batch.trigger()  # File → Batch from a template…
    batch = window.batch_panel
    qtbot.waitExposed(batch)
    _walk(found, "batch panel", batch)
    batch.close()

    settings = window.open_settings()
    qtbot.waitExposed(settings)
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        _walk(found, f"settings, {settings.tabs.tabText(index)}", settings)
    settings.reject()

    button = window.compose.prompt.library_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    qtbot.waitUntil(lambda: window.library.dialog is not None, timeout=5_000)
    library = window.library.dialog
    assert library is not None
    qtbot.waitExposed(library)
    _walk(found, "prompt library", library)
    qtbot.mouseClick(library.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: library.findChild(PromptForm) is not None)
    form = library.findChild(PromptForm)
    assert form is not None
    qtbot.waitExposed(form)
    _walk(found, "a saved prompt's form", form)
    form.reject()
    library.close()

    window.act_spend.trigger()
    spend = window.model_actions.spend_view
    assert spend is not None
    qtbot.waitUntil(lambda: bool(spend.entries()), timeout=10_000)
    _walk(found, "spending", spend)
    spend.close()

    picture = QImage(300, 200, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkCyan)
    sizes = builtin_capabilities().get("gpt-image-2")
    assert sizes is not None
    expand = ExpandDialog(picture, sizes.params.get("size"), window)
    qtbot.addWidget(expand)
    expand.show()
    qtbot.waitExposed(expand)
    _walk(found, "expand", expand)

    assert not found, _report(found)


def test_tiles_and_job_rows_say_their_prompt_status_and_cost(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    window.reload_providers(current=sandbox_provider.id)
    _generate(qtbot, window, "a lighthouse at dusk")
    row = window.jobs.list.item(0)
    spoken = row.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "a lighthouse at dusk" in spoken and "Done in" in spoken, spoken
    assert "$0.0" in spoken, spoken  # its cost
    model = window.gallery.model

    def tile() -> str:
        return str(model.data(model.index(0), Qt.ItemDataRole.AccessibleTextRole) or "")

    # the tile is there while the job runs, and says so; then it is done
    qtbot.waitUntil(lambda: "succeeded" in tile(), timeout=10_000)
    spoken = tile()
    assert spoken.startswith("a lighthouse at dusk, succeeded, "), spoken
    assert "$0.0" in spoken and "gpt-image-1" in spoken, spoken
    table = window.gallery.table
    cell = table.model().index(0, 0)
    assert table.model().data(cell, Qt.ItemDataRole.AccessibleTextRole) == spoken
    assert name_of(window.gallery.view) == "History images"


def test_a_failure_the_zoom_and_ab_views_a_conversation_and_uploads_name_every_control(
    qtbot: QtBot,
    window: MainWindow,
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
) -> None:
    found: dict[str, list[str]] = {}
    window.reload_providers(current=sandbox_provider.id)
    sandbox.inject(Fault(status=400, body={"error": {"message": "refused", "type": "x"}}))
    _generate(qtbot, window, "a fox")
    assert window.error_bar.isVisible()
    _walk(found, "a failed job (its error bar, its row's Retry)", window)

    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    compare = window.compare_dialog
    qtbot.waitExposed(compare)
    compare_two(qtbot, compare)
    first, second = list(compare.cells.values())[:2]
    qtbot.mouseClick(first.zoom_button, Qt.MouseButton.LeftButton)
    zoom = compare.zoom_dialog
    qtbot.waitExposed(zoom)
    _walk(found, "a cell's zoom", zoom)
    zoom.close()
    ab = compare.compare_ab(first.position, second.position)
    assert ab is not None
    qtbot.waitExposed(ab)
    _walk(found, "A/B", ab)
    ab.close()
    compare.close()

    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    qtbot.waitUntil(panel.isVisible)
    _say(qtbot, panel, "a boat", 1)
    _say(qtbot, panel, "make it red", 2)
    _walk(found, "a conversation with turns", panel)

    window.right_tabs.setCurrentIndex(0)
    window.reload_providers(current="sandbox")
    box = window.compose.model_box
    box.setCurrentIndex(box.findData("paiwo-picture"))
    qtbot.waitUntil(lambda: window.upload_page.built() and window.upload_panel.isVisible())
    _walk(found, "uploads", window.upload_panel)

    assert not found, _report(found)
