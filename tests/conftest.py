"""Shared test configuration.

Qt runs offscreen; every test gets its own IMAGE_STUDIO_HOME so nothing touches
the developer's real settings or history; the keyring service name is unique
per test so keyring tests never see each other's (or a real user's) entries.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("IMAGE_STUDIO_API_KEY", None)

if TYPE_CHECKING:
    from studio.sandbox.server import SandboxServer


@pytest.fixture(autouse=True)
def studio_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home (settings, history, images) for every test."""
    home = tmp_path / "studio-home"
    home.mkdir()
    monkeypatch.setenv("IMAGE_STUDIO_HOME", str(home))
    monkeypatch.setenv("IMAGE_STUDIO_KEYRING_SERVICE", f"image-studio-test-{uuid.uuid4().hex[:8]}")
    monkeypatch.delenv("IMAGE_STUDIO_API_KEY", raising=False)
    return home


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    """A real sandbox server on 127.0.0.1 (random port), fresh per test."""
    from studio.sandbox.server import SandboxServer

    server = SandboxServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
