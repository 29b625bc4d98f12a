"""Shared test configuration.

Qt runs offscreen; every test gets its own IMAGE_STUDIO_HOME so nothing touches
the developer's real settings or history; the keyring service name is unique
per test so keyring tests never see each other's (or a real user's) entries.
"""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("IMAGE_STUDIO_API_KEY", None)
# the tests read English unless they choose a language themselves: on a machine whose
# locale is Chinese, the window and every CLI run as a subprocess would otherwise speak it
os.environ["IMAGE_STUDIO_LANG"] = "en"
# ... and lay out with the fonts CI has: a Chinese locale makes fontconfig prefer a CJK face
# for every text, whose taller lines move the layout tests' measures (Chinese text still
# draws, from the fallback fonts, as in CI)
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow


#: the day the tests live on (the eve of the December 2026 shutdowns)
TEST_TODAY = "2026-11-30"


@pytest.fixture(autouse=True)
def studio_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home (settings, history, images) for every test."""
    home = tmp_path / "studio-home"
    home.mkdir()
    monkeypatch.setenv("IMAGE_STUDIO_HOME", str(home))
    monkeypatch.setenv("IMAGE_STUDIO_KEYRING_SERVICE", f"image-studio-test-{uuid.uuid4().hex[:8]}")
    monkeypatch.delenv("IMAGE_STUDIO_API_KEY", raising=False)
    # one calendar day for every test (core, sandbox and CLI subprocesses read it): models
    # retire on dates, and a test must not change its verdict when one passes; tests of
    # retirement itself pass their own dates
    monkeypatch.setenv("IMAGE_STUDIO_TODAY", TEST_TODAY)
    return home


@pytest.fixture
def frozen_heap() -> Iterator[None]:
    """What this process holds left out of the cycle collector's passes for the test, as
    the window leaves what its start made (``studio.core.collector``). For a test that
    watches the UI thread: late in a run this process holds what a thousand earlier tests
    left (600,000 objects), and one full pass over it took 100-190 ms, starving a timer
    while a job was in flight; that is this process's, not the window's. A heap a window
    already froze (once per process) stays frozen: ``gc.unfreeze`` would undo that too."""
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


@pytest.fixture(autouse=True, scope="session")
def _clipboard_emptied_before_exit() -> Iterator[None]:
    """Give the clipboard's contents back before the interpreter ends.

    The offscreen platform's clipboard deletes the ``QMimeData`` it holds when the
    QApplication goes away during interpreter shutdown, after Python has started tearing
    down: a test that copied rich data (a GIF's bytes, an SVG's text) then ended the whole
    run with SIGSEGV (exit 139) after every test had passed.
    """
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.clipboard().clear()


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    """A real sandbox server on 127.0.0.1 (random port), fresh per test.

    It plays a relay that still serves models OpenAI has shut down, so tests of
    model-independent behaviour on those models keep their meaning; tests of what
    OpenAI itself answers use ``SandboxServer(profile="openai")``.
    """
    from studio.sandbox.server import SandboxServer

    server = SandboxServer(profile="relay")
    server.start()
    try:
        yield server
    finally:
        server.stop()


# -- the window (Qt is imported only by the tests that ask for these) ---------------


TEST_PROVIDER = "test-sandbox"


@pytest.fixture
def studio_ctx() -> Iterator[Studio]:
    from studio.core.service import Studio
    from studio.jobs.op import wait_for_workers
    from studio.sandbox.embedded import embedded_sandbox_url

    ctx = Studio.open(recover=False, sandbox=embedded_sandbox_url)
    try:
        yield ctx
    finally:
        wait_for_workers(30_000)
        ctx.close()


@pytest.fixture
def sandbox_provider(studio_ctx: Studio, sandbox: SandboxServer) -> Provider:
    """A custom provider (no key needed) at the sandbox fixture's address."""
    from studio.core.providers import AuthStyle, Provider

    provider = Provider(
        id=TEST_PROVIDER,
        name="Test sandbox",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=("gpt-image-1", "dall-e-2", "dall-e-3", "gpt-image-2"),
        default_model="gpt-image-1",
        builtin=False,
    )
    studio_ctx.settings.upsert_provider(provider)
    return provider


@pytest.fixture
def english() -> Iterator[None]:
    from studio.ui.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def window(qtbot: QtBot, studio_ctx: Studio, english: None) -> Iterator[MainWindow]:
    from studio.jobs.op import wait_for_workers
    from studio.ui.main_window import MainWindow

    win = MainWindow(studio_ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # the history gallery is made right after the first paint: wait, as a person would
    qtbot.waitUntil(lambda: win.gallery_slot.placeholder is None, timeout=10_000)
    yield win
    win.queue.cancel_all()
    wait_for_workers(30_000)
    # deliver the workers' last queued signals while the widgets still exist
    qtbot.wait(10)
