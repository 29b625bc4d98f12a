"""The main window driven as a person would: type, pick, generate, cancel, fail."""

from __future__ import annotations

import gc
import re
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QSpinBox

from studio.core.errors import StudioError
from studio.core.providers import Provider
from studio.core.request import Mode
from studio.jobs.queue import JobState
from studio.sandbox.faults import Fault
from studio.ui.i18n import set_language

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


def choose(combo: QComboBox, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered"
    combo.setCurrentIndex(index)


def use_sandbox(window: MainWindow, provider: Provider, model: str = "gpt-image-1") -> None:
    window.reload_providers(current=provider.id)
    choose(window.compose.model_box, model)


def type_prompt(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.compose.prompt.text
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def test_starts_on_the_sandbox_with_a_banner(window: MainWindow) -> None:
    assert window.compose.provider() is not None
    assert window.compose.provider().id == "sandbox"  # type: ignore[union-attr]
    assert window.banner.isVisible()
    assert "sandbox" in window.banner_text.text().lower()


def test_pickers_follow_the_model(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    choose(compose.model_box, "dall-e-3")
    style = compose.params.widget_for("style")
    assert isinstance(style, QComboBox)
    qtbot.waitUntil(style.isVisible)
    assert [style.itemText(i) for i in range(style.count())] == ["vivid", "natural"]
    assert compose.params.widget_for("background") is None
    assert compose.prompt.count.text().endswith("/ 4000")
    assert not compose.modes.isTabEnabled(1)  # dall-e-3 has no edits

    choose(compose.model_box, "gpt-image-1")
    assert compose.params.widget_for("style") is None
    background = compose.params.widget_for("background")
    assert isinstance(background, QComboBox)
    assert compose.prompt.count.text().endswith("/ 32000")
    assert compose.modes.isTabEnabled(1)
    # output_compression only applies to JPEG / WebP output
    assert not compose.params.is_active("output_compression")
    fmt = compose.params.widget_for("output_format")
    assert isinstance(fmt, QComboBox)
    choose(fmt, "jpeg")
    assert compose.params.is_active("output_compression")
    # partial_images only with streaming
    assert not compose.params.is_active("partial_images")
    stream = compose.params.widget_for("stream")
    assert isinstance(stream, QCheckBox)
    assert not stream.isVisible()  # a less common option: behind More options
    qtbot.mouseClick(compose.params.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(stream.isVisible)
    # click the box itself (the field is wider than the indicator)
    qtbot.mouseClick(stream, Qt.MouseButton.LeftButton, pos=QPoint(8, stream.height() // 2))
    assert stream.isChecked()
    assert compose.params.is_active("partial_images")


def test_changing_model_keeps_what_still_applies(window: MainWindow) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    size = compose.params.widget_for("size")
    quality = compose.params.widget_for("quality")
    assert isinstance(size, QComboBox) and isinstance(quality, QComboBox)
    choose(size, "1024x1024")
    choose(quality, "high")
    choose(compose.model_box, "dall-e-3")
    values = compose.params.values()
    assert values["size"] == "1024x1024"  # offered by dall-e-3 too: kept
    assert values["quality"] == "standard"  # "high" is not: reset to the default


def test_forbidden_combination_disables_generate(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    type_prompt(qtbot, window, "a red fox")
    assert compose.generate_button.isEnabled()
    background = compose.params.widget_for("background")
    fmt = compose.params.widget_for("output_format")
    assert isinstance(background, QComboBox) and isinstance(fmt, QComboBox)
    choose(background, "transparent")
    choose(fmt, "jpeg")
    assert not compose.generate_button.isEnabled()
    assert compose.problems_label.isVisible()
    assert compose.problems_label.text()
    choose(fmt, "png")
    assert compose.generate_button.isEnabled()
    assert not compose.problems_label.isVisible()


def test_estimate_is_shown_live(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    choose(compose.model_box, "gpt-image-1")
    type_prompt(qtbot, window, "a lighthouse")
    size = compose.params.widget_for("size")
    quality = compose.params.widget_for("quality")
    assert isinstance(size, QComboBox) and isinstance(quality, QComboBox)
    choose(size, "1024x1024")
    choose(quality, "high")
    assert "4,160" in compose.estimate_label.text()
    choose(quality, "low")
    assert "272" in compose.estimate_label.text()


def test_generate_shows_the_result(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider)
    size = window.compose.params.widget_for("size")
    assert isinstance(size, QComboBox)
    choose(size, "1024x1024")
    type_prompt(qtbot, window, "a small green cube")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    assert window.viewer.current is not None
    picture = window.viewer.view.image()
    assert not picture.isNull()
    assert (picture.width(), picture.height()) == (1024, 1024)
    row = window.jobs.row_for(job)
    assert row is not None and "Done" in row.status.text()
    assert window.viewer.copy_button.isEnabled()
    assert window.compose.prompt.prompt() == "a small green cube"
    assert window.compose.prompt.recent()[0] == "a small green cube"
    assert "0 running · 1 finished · 0 failed" in window.status_jobs.text()


def test_ctrl_enter_runs_and_ctrl_up_recalls(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "first prompt")
    editor = window.compose.prompt.text
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor.selectAll()
    qtbot.keyClicks(editor, "something else")
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.compose.prompt.prompt() == "first prompt"


def test_cancel_stops_a_slow_job(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    sandbox.inject(Fault(action="slow", delay=30))
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "a very slow painting")
    qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = window.queue.jobs[-1]
    row = window.jobs.row_for(job)
    assert row is not None and row.cancel_button.isVisible()
    qtbot.waitUntil(lambda: len(sandbox.requests) > 0, timeout=10_000)
    with qtbot.waitSignal(window.queue.job_finished, timeout=10_000):
        qtbot.mouseClick(row.cancel_button, Qt.MouseButton.LeftButton)
    assert job.state is JobState.CANCELLED
    assert job.elapsed < 30  # stopped, not waited out
    assert "Cancelled" in row.status.text()
    assert row.retry_button.isVisible()
    assert window.compose.prompt.prompt() == "a very slow painting"


def test_a_failed_job_keeps_the_prompt_and_explains(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    sandbox.inject(
        Fault(
            status=429,
            body={
                "error": {
                    "message": "Slow down",
                    "type": "rate_limit",
                    "code": "rate_limit_exceeded",
                }
            },
            headers={"Retry-After": "120"},
            times=-1,
        )
    )
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "keep me")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.FAILED
    assert window.error_bar.isVisible()
    assert "120" in window.error_bar.text.text()  # says when to retry
    assert window.compose.prompt.prompt() == "keep me"
    assert window.error_bar.retry_button.isVisible()
    sandbox.clear_faults()
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.error_bar.retry_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].state is JobState.DONE
    assert blocker.args[0].request == job.request


def test_bad_key_opens_the_provider_settings(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    from studio.ui.settings_dialog import SettingsDialog

    sandbox.inject(
        Fault(
            status=401,
            body={"error": {"message": "Incorrect API key", "code": "invalid_api_key"}},
            times=-1,
        )
    )
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "a key test")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=5_000)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.providers_page.current().id == sandbox_provider.id  # type: ignore[union-attr]
    assert window.compose.prompt.prompt() == "a key test"
    dialog.reject()


def test_result_becomes_an_edit_input(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "a teapot")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.viewer.edit_button, Qt.MouseButton.LeftButton)
    assert window.compose.mode.value == "edit"
    assert len(window.compose.inputs.entries()) == 1
    assert window.compose.inputs.isVisible()
    request = window.compose.build_request()
    assert request.images and request.images[0].data.startswith(b"\x89PNG")


def test_several_jobs_run_at_once(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    sandbox.inject(Fault(action="slow", delay=30))
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "slow one")
    qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    slow = window.queue.jobs[-1]
    # the slow answer goes to the first request: let it arrive before the second
    qtbot.waitUntil(lambda: len(sandbox.requests) > 0, timeout=10_000)
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is not slow and blocker.args[0].state is JobState.DONE
    assert slow.running
    n = window.compose.params.widget_for("n")
    assert isinstance(n, QSpinBox)
    window.queue.cancel(slow)
    qtbot.waitUntil(lambda: not slow.running, timeout=10_000)


def test_window_state_persists(qtbot: QtBot, studio_ctx: object, english: None) -> None:
    from studio.ui.main_window import MainWindow

    first = MainWindow(studio_ctx)
    qtbot.addWidget(first)
    choose(first.compose.model_box, "dall-e-2")
    size = first.compose.params.widget_for("size")
    assert isinstance(size, QComboBox)
    choose(size, "512x512")
    first.compose.set_mode(first.compose.mode.__class__("variations"))
    first.close()
    studio_ctx.settings.last_params.clear()  # prove they come back from the file
    from studio.core.settings import load_settings

    studio_ctx.settings = load_settings(studio_ctx.paths)[0]
    second = MainWindow(studio_ctx)
    qtbot.addWidget(second)
    assert second.compose.model() == "dall-e-2"
    assert second.compose.mode.value == "variations"
    assert second.compose.params.values()["size"] == "512x512"
    second.close()


def test_about_shows_versions(qtbot: QtBot, window: MainWindow) -> None:
    from studio import __version__
    from studio.ui.about_dialog import AboutDialog

    window.act_about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    text = dialog.text.text()
    assert __version__ in text and "Qt" in text and "Python" in text
    assert str(window.studio.paths.data_dir) in text
    dialog.reject()


def test_result_becomes_a_variation_source_in_one_action(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider)
    size = window.compose.params.widget_for("size")
    assert isinstance(size, QComboBox)
    choose(size, "1024x1024")
    type_prompt(qtbot, window, "a square tile")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.viewer.variation_button, Qt.MouseButton.LeftButton)
    compose = window.compose
    assert compose.mode.value == "variations"
    assert compose.model() == "dall-e-2"  # the provider's model that offers variations
    assert len(compose.inputs.entries()) == 1
    assert compose.generate_button.isEnabled(), compose.problems
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    assert job.request.mode.value == "variations" and job.request.images


def test_moderation_block_offers_to_rephrase_and_shows_no_html(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    sandbox.inject(
        Fault(
            status=400,
            body={
                "error": {
                    "message": "Rejected by the safety system <b>bold</b>",
                    "code": "moderation_blocked",
                }
            },
            times=-1,
        )
    )
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "something rejected")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000):
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    bar = window.error_bar
    assert bar.isVisible()
    assert "&lt;b&gt;bold" in bar.text.text()  # shown as text, not rendered
    assert bar.action_button.isVisible() and bar.action_button.text() == "Edit the prompt"
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    editor = window.compose.prompt.text
    assert editor.textCursor().selectedText() == "something rejected"


def test_banner_goes_once_a_key_is_added(qtbot: QtBot, window: MainWindow) -> None:
    from studio.core.secrets import clear_session_keys

    assert window.banner.isVisible()
    qtbot.mouseClick(window.banner_button, Qt.MouseButton.LeftButton)
    dialog = window.open_settings()
    page = dialog.providers_page
    page.select_provider("openai")
    qtbot.keyClicks(page.key_edit, "test-key-sentinel-banner")
    try:
        qtbot.mouseClick(page.session_key_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10_000)
    finally:
        clear_session_keys()
    # Cancel: a key kept here is a change, which Esc would ask about
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )


def test_a_late_keyring_answer_does_not_bring_the_banner_back(
    qtbot: QtBot, studio_ctx: Studio, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check at start can still be waiting on a slow keyring when a key is added."""
    import threading

    import studio.ui.main_window as main_window
    from studio.core.service import Studio
    from studio.jobs.op import wait_for_workers

    first_started, release = threading.Event(), threading.Event()
    answers = iter([False, True])  # at start: no key; after the key was added: a key

    def slow_then_fast(_studio: Studio) -> bool:
        answer = next(answers)
        if not answer:
            first_started.set()
            release.wait(10)  # the first check is the slow one
        return answer

    monkeypatch.setattr(Studio, "any_key_configured", slow_then_fast)
    # a first start asks for the provider with a key, which also answers the banner
    monkeypatch.setattr(Studio, "first_keyed_provider", lambda s: None if slow_then_fast(s) else "")
    win = main_window.MainWindow(studio_ctx)
    qtbot.addWidget(win)
    win.show()
    assert win.banner.isVisible()
    qtbot.waitUntil(first_started.is_set, timeout=10_000)  # asked once the window painted
    win.update_banner()  # a key was added: this check answers first
    qtbot.waitUntil(lambda: not win.banner.isVisible(), timeout=10_000)
    release.set()  # now the stale "no key" arrives
    wait_for_workers(10_000)
    qtbot.wait(50)
    assert not win.banner.isVisible()


def test_a_session_key_is_found_without_asking_the_keyring(
    studio_ctx: Studio, monkeypatch: pytest.MonkeyPatch
) -> None:
    import studio.core.secrets as secrets
    from studio.core.service import Studio

    any_key_configured = Studio.any_key_configured

    asked: list[str] = []

    class CountingKeyring:
        def get_keyring(self) -> object:
            return self

        def get_password(self, _service: str, provider_id: str) -> None:
            asked.append(provider_id)

    monkeypatch.setattr(secrets, "_keyring", CountingKeyring)
    monkeypatch.setattr(secrets, "_backend_usable", lambda _backend: True)
    assert not any_key_configured(studio_ctx)
    assert asked  # with no session key the keyring is asked
    asked.clear()
    secrets.set_session_key("openai", "test-key-sentinel-session")
    try:
        assert any_key_configured(studio_ctx)
    finally:
        secrets.clear_session_keys()
    assert asked == []


def test_start_provider_follows_the_setting_then_a_key(
    qtbot: QtBot, studio_ctx: Studio, english: None
) -> None:
    from studio.core.secrets import clear_session_keys, set_session_key
    from studio.ui.main_window import MainWindow

    set_session_key("tuzi", "test-key-sentinel-start")
    try:
        keyed = MainWindow(studio_ctx)
        qtbot.addWidget(keyed)
        # the keys are looked up once the window is on screen, then the keyed one is chosen
        assert keyed.compose.provider().id == "sandbox"  # type: ignore[union-attr]
        keyed.show()
        qtbot.waitUntil(lambda: keyed.compose.provider().id == "tuzi", timeout=10_000)  # type: ignore[union-attr]
        studio_ctx.settings.default_provider = "openai"
        chosen = MainWindow(studio_ctx)
        qtbot.addWidget(chosen)
        assert chosen.compose.provider().id == "openai"  # type: ignore[union-attr]
    finally:
        clear_session_keys()


def test_a_provider_picked_before_the_keys_answer_is_kept(
    qtbot: QtBot, studio_ctx: Studio, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from studio.core.service import Studio
    from studio.jobs.op import wait_for_workers
    from studio.ui.main_window import MainWindow

    asked, release = threading.Event(), threading.Event()

    def slow_keyring(_studio: Studio) -> str:
        asked.set()
        release.wait(10)
        return "tuzi"

    monkeypatch.setattr(Studio, "first_keyed_provider", slow_keyring)
    win = MainWindow(studio_ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(asked.is_set, timeout=10_000)
    win.compose.set_provider("openai")  # the person chose while the keyring was slow
    release.set()
    wait_for_workers(10_000)
    qtbot.wait(50)
    assert win.compose.provider().id == "openai"  # type: ignore[union-attr]


def test_the_keyring_is_not_loaded_before_the_first_paint(tmp_path: Path) -> None:
    """A new user's first start: no key settings, so the keyring decides the provider;
    it must be asked after the window is on screen (its import costs 100-300 ms). The
    job modules (studio.core.warm) are loaded after it too."""
    import os
    import subprocess
    import sys

    probe = (
        "import atexit, gc, sys\n"
        "import studio.app as app\n"
        "atexit.register(lambda: print('collecting after it:', gc.isenabled(),"
        " gc.get_freeze_count() > 0, flush=True))\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "class Probe(QObject):\n"
        "    seen = False\n"
        "    def eventFilter(self, obj, event):\n"
        "        if event.type() == QEvent.Type.Paint and not self.seen:\n"
        "            self.seen = True\n"
        "            loaded = 'keyring' in sys.modules\n"
        "            print('keyring loaded at first paint:', loaded, flush=True)\n"
        "            loaded = 'studio.core.client' in sys.modules\n"
        "            print('job modules loaded at first paint:', loaded, flush=True)\n"
        "            print('collecting at first paint:', gc.isenabled(), flush=True)\n"
        "        return False\n"
        "make = app.create_application\n"
        "def create(argv=None):\n"
        "    qapp = make(argv)\n"
        "    qapp.probe = Probe(qapp)\n"
        "    qapp.installEventFilter(qapp.probe)\n"
        "    return qapp\n"
        "app.create_application = create\n"
        f"sys.exit(app.run_gui(['--home', {str(tmp_path)!r}]))\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "IMAGE_STUDIO_BENCH_FIRST_PAINT": "1",
        "IMAGE_STUDIO_LANG": "en",
    }
    env.pop("IMAGE_STUDIO_API_KEY", None)
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert "keyring loaded at first paint: False" in done.stdout, done.stdout + done.stderr
    assert "job modules loaded at first paint: False" in done.stdout, done.stdout
    # no cycle collection before the first paint; after it, with start-up's objects frozen
    assert "collecting at first paint: False" in done.stdout, done.stdout
    assert "collecting after it: True True" in done.stdout, done.stdout


def test_the_window_loads_what_a_job_needs_once_it_has_painted(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: window.warmed, timeout=30_000)
    assert "studio.core.client" in sys.modules and "PIL.PngImagePlugin" in sys.modules
    # and start-up's objects are left out of the collector's full passes from then on
    assert gc.get_freeze_count() > 0


def test_custom_size_is_checked_against_the_rule(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider, model="gpt-image-2")
    compose = window.compose
    type_prompt(qtbot, window, "a wide banner")
    size = compose.params.widget_for("size")
    assert isinstance(size, QComboBox) and size.isEditable()
    size.lineEdit().selectAll()
    qtbot.keyClicks(size.lineEdit(), "1000x1000")  # not a multiple of 16
    assert not compose.generate_button.isEnabled()
    assert "16" in compose.problems_label.text()
    size.lineEdit().selectAll()
    qtbot.keyClicks(size.lineEdit(), "1024x2048")
    assert compose.generate_button.isEnabled(), compose.problems
    assert compose.build_request().params["size"] == "1024x2048"
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.state is JobState.DONE, job.error
    assert (job.images[0].image.width, job.images[0].image.height) == (1024, 2048)


def test_history_entries_come_back_into_the_editor(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    use_sandbox(window, sandbox_provider)
    size = window.compose.params.widget_for("size")
    assert isinstance(size, QComboBox)
    choose(size, "1024x1536")
    type_prompt(qtbot, window, "an old map")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.history_id is not None
    # the person changes everything, then picks the job in the history again
    choose(window.compose.model_box, "dall-e-3")
    window.compose.prompt.set_prompt("something else")
    window.reuse_history_job(int(job.history_id), run=False)
    qtbot.waitUntil(lambda: window.compose.prompt.prompt() == "an old map", timeout=10_000)
    assert window.compose.model() == "gpt-image-1"
    assert window.compose.params.values()["size"] == "1024x1536"
    # an image from the history opens in the viewer
    path = job.images[0].path
    assert path is not None
    window.open_image(path)
    qtbot.waitUntil(lambda: window.viewer.job is None and window.viewer.current is not None)
    assert window.viewer.view.image().height() == 1536
    # and becomes an edit input in one action
    window.use_file(path, Mode.EDIT)
    qtbot.waitUntil(lambda: len(window.compose.inputs.entries()) == 1, timeout=10_000)
    assert window.compose.mode is Mode.EDIT


def test_a_fresh_window_waits_for_a_prompt_without_scolding(
    qtbot: QtBot, window: MainWindow
) -> None:
    compose = window.compose
    window.activateWindow()
    qtbot.waitUntil(compose.prompt.text.hasFocus)  # typing goes straight into the prompt
    assert not compose.generate_button.isEnabled()  # nothing to run yet ...
    assert compose.problems_label.isHidden()  # ... but no red text before any typing
    qtbot.keyClicks(compose.prompt.text, "a fox")
    assert compose.generate_button.isEnabled()
    compose.prompt.text.selectAll()
    qtbot.keyClick(compose.prompt.text, Qt.Key.Key_Delete)
    assert not compose.generate_button.isEnabled() and compose.problems_label.isHidden()
    # a real problem is still shown at once
    choose(compose.model_box, "dall-e-3")
    qtbot.keyClicks(compose.prompt.text, "x" * 4001)
    assert compose.problems_label.isVisible() and "4,000" in compose.problems_label.text()


def test_an_edit_without_an_input_yet_is_a_step_to_take_not_an_error(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A restart in Edit mode (inputs are not restored) or the mode just chosen: the
    missing input is said in the notes' colour, not in red, and without a scroll bar."""
    compose = window.compose
    window.reload_providers(current="sandbox")
    choose(compose.model_box, "gpt-image-2.6-sunburst")
    compose.set_mode(Mode.EDIT)
    qtbot.keyClicks(compose.prompt.text, "add a small boat")
    assert not compose.generate_button.isEnabled()  # still nothing to run ...
    assert compose.problems_label.isHidden()  # ... but no red text
    assert compose.warnings_label.isVisible()
    assert "Add an input image" in compose.warnings_label.text()
    bar = compose.messages.verticalScrollBar()
    for language in ("en", "zh_CN"):
        assert set_language(language)
        QApplication.processEvents()
        # two lines fit whole, nothing to scroll to
        needed = compose.messages.widget().sizeHint().height()
        assert compose.messages.viewport().height() >= needed, (language, needed)
        assert bar.maximum() == 0, (language, bar.maximum())
    assert set_language("en")
    # a real problem stays red beside it
    compose.prompt.text.insertPlainText("x" * 40_000)  # a paste
    assert compose.problems_label.isVisible() and "32,000" in compose.problems_label.text()
    assert "Add an input image" in compose.warnings_label.text()


def test_a_new_composer_shows_only_its_own_words_before_the_event_loop_runs(
    qapp: object, studio_ctx: Studio
) -> None:
    """Nothing the composer makes for itself (a measuring label) is ever shown: the first
    frame is painted before deferred deletes run (the README's screenshots caught one)."""
    from PySide6.QtWidgets import QLabel

    from studio.ui.compose_panel import ComposePanel

    assert set_language("en")
    panel = ComposePanel(studio_ctx.capabilities)
    panel.show()
    try:
        shown = [w.text() for w in panel.findChildren(QLabel) if w.isVisible()]
        assert not [t for t in shown if re.search(r"[\u4e00-\u9fff]", t)], shown
    finally:
        panel.close()
        panel.deleteLater()


def test_a_job_has_the_same_number_in_the_jobs_list_and_the_history(
    qtbot: QtBot, window: MainWindow, sandbox_provider: Provider
) -> None:
    from studio.core.request import ImageRequest

    window.resize(1366, 768)  # the Jobs strip at its usual width, whatever the font
    # two jobs already in the history (say, from the CLI) before this session's first
    history = window.studio.history
    for prompt in ("earlier one", "earlier two"):
        job_id = history.start_job(
            provider_id="cli",
            provider_name="CLI",
            request=ImageRequest(Mode.GENERATE, "gpt-image-1", prompt),
            source="cli",
        )
        history.fail_job(job_id, StudioError.cancelled())
    use_sandbox(window, sandbox_provider)
    type_prompt(qtbot, window, "the third job")
    with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.compose.generate_button, Qt.MouseButton.LeftButton)
    job = blocker.args[0]
    assert job.history_id == "3"
    row = window.jobs.row_for(job)
    assert row is not None
    assert row.title.full_text().startswith("#3 · gpt-image-1 · the third job")
    # what is shown is elided to the jobs strip's width, number first
    qtbot.waitUntil(lambda: row.title.text().startswith("#3 · "))


def test_settings_open_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    from studio.ui.settings_dialog import SettingsDialog

    shortcut = window.act_settings.shortcut()
    assert not shortcut.isEmpty()
    qtbot.keyClick(window, shortcut[0].key(), shortcut[0].keyboardModifiers())
    qtbot.waitUntil(lambda: (d := window.findChild(SettingsDialog)) is not None and d.isVisible())
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    dialog.reject()
