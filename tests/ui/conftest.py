"""Fixtures for the window tests: a Studio on the per-test home, a provider
pointed at the sandbox fixture, and the main window driven with qtbot."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from studio.core.providers import AuthStyle, Provider

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer
    from studio.ui.main_window import MainWindow

TEST_PROVIDER = "test-sandbox"


@pytest.fixture
def studio_ctx() -> Iterator[Studio]:
    from studio.core.service import Studio
    from studio.jobs.op import wait_for_workers

    ctx = Studio.open(recover=False)
    try:
        yield ctx
    finally:
        wait_for_workers(30_000)
        ctx.close()


@pytest.fixture
def sandbox_provider(studio_ctx: Studio, sandbox: SandboxServer) -> Provider:
    """A custom provider (no key needed) at the sandbox fixture's address."""
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
    yield win
    win.queue.cancel_all()
    wait_for_workers(30_000)
    # deliver the workers' last queued signals while the widgets still exist
    qtbot.wait(10)
