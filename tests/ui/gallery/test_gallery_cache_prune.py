"""The thumbnail disk cache is pruned once per session, shortly after the gallery appears,
on a worker: the window is up and responsive before anything is deleted."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.core.paths import resolve_paths
from studio.core.thumbnails import DEFAULT_CACHE_BYTES
from studio.jobs.op import wait_for_workers
from studio.ui.gallery.thumbs import PRUNE_DELAY_MS, ThumbnailLoader
from studio.ui.main_window import MainWindow

DAY = 86_400


def _sparse_thumb(folder: Path, digest: str, size: int, age_days: float) -> Path:
    """A cache file as large as the cap needs, without writing (or using) that much disk."""
    path = folder / digest[:2] / f"{digest[:40]}-160.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        fh.truncate(size)
    stamp = time.time() - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def over_cap_cache(studio_home: Path) -> tuple[Path, Path]:
    """(oldest, newer) in the studio's own thumbnail folder, together over the cap."""
    thumbs_dir = resolve_paths().thumbnails_dir
    oldest = _sparse_thumb(thumbs_dir, "a1" * 20, DEFAULT_CACHE_BYTES * 3 // 4, age_days=10)
    newer = _sparse_thumb(thumbs_dir, "b2" * 20, DEFAULT_CACHE_BYTES // 2, age_days=1)
    return oldest, newer


def test_cache_is_pruned_after_the_window_is_up(
    over_cap_cache: tuple[Path, Path], window: MainWindow, qtbot: QtBot
) -> None:
    oldest, newer = over_cap_cache
    assert window.gallery is not None and window.isVisible()
    assert oldest.exists()  # the window was made without waiting for the prune

    qtbot.waitUntil(lambda: not oldest.exists(), timeout=PRUNE_DELAY_MS + 10_000)

    assert newer.exists()  # the least recently used went, enough to be under the cap
    assert not oldest.parent.exists()  # its emptied folder too

    # once per session: another loader on the same folder does not prune again
    again = _sparse_thumb(oldest.parent.parent, "c3" * 20, DEFAULT_CACHE_BYTES, age_days=20)
    loader = ThumbnailLoader(again.parent.parent)
    try:
        qtbot.wait(PRUNE_DELAY_MS + 300)
        wait_for_workers(10_000)
        qtbot.wait(10)
        assert again.exists() and newer.exists()
    finally:
        loader.shutdown()
