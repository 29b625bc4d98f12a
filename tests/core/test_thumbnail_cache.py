"""The thumbnail disk cache is capped: least recently used files go first, hits count as use."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio.core.thumbnails import PRUNE_TO, PruneReport, prune_cache, thumbnail_for

SIZE = 64
DAY = 86_400


def _sources(tmp_path: Path, n: int) -> list[Path]:
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"img{i}.png"
        img = Image.new("RGB", (300, 200), (i * 23 % 256, 255 - i * 11 % 256, 40))
        img.paste((255, 255, 255), (0, 0, 10 + i * 7, 50))  # sizes differ a little
        img.save(path)
        paths.append(path)
    return paths


def _age(paths: list[Path], days: float = 10) -> None:
    """Oldest first, a minute apart, all long ago (older than any hit refresh window)."""
    base = time.time() - days * DAY
    for i, path in enumerate(paths):
        os.utime(path, (base + i * 60, base + i * 60))


def _cache(tmp_path: Path, n: int) -> tuple[Path, list[Path], list[Path]]:
    """A real cache of ``n`` thumbnails: (thumbs dir, sources, thumbnails oldest first)."""
    thumbs_dir = tmp_path / "thumbs"
    sources = _sources(tmp_path, n)
    thumbs = [thumbnail_for(src, thumbs_dir, SIZE) for src in sources]
    assert len(set(thumbs)) == n
    _age(thumbs)
    return thumbs_dir, sources, thumbs


def _on_disk(thumbs_dir: Path) -> int:
    return sum(p.stat().st_size for p in thumbs_dir.rglob("*") if p.is_file())


def _oldest_to_remove(sizes: list[int], cap: int) -> int:
    """How many of the oldest must go to get down to PRUNE_TO of ``cap``."""
    total, k = sum(sizes), 0
    while total > int(cap * PRUNE_TO):
        total -= sizes[k]
        k += 1
    return k


def test_prune_removes_exactly_the_oldest_until_under_the_cap(tmp_path: Path) -> None:
    thumbs_dir, _, thumbs = _cache(tmp_path, 10)
    sizes = [t.stat().st_size for t in thumbs]
    total = sum(sizes)
    cap = total * 6 // 10
    k = _oldest_to_remove(sizes, cap)
    assert 2 <= k < 10  # the case is not trivial

    report = prune_cache(thumbs_dir, cap)

    assert [t.exists() for t in thumbs] == [False] * k + [True] * (10 - k)
    assert report == PruneReport(
        files_removed=k, bytes_removed=sum(sizes[:k]), bytes_kept=sum(sizes[k:])
    )
    assert _on_disk(thumbs_dir) == report.bytes_kept <= cap * PRUNE_TO


def test_nothing_is_removed_at_or_under_the_cap(tmp_path: Path) -> None:
    thumbs_dir, _, thumbs = _cache(tmp_path, 4)
    total = _on_disk(thumbs_dir)
    assert prune_cache(thumbs_dir, total) == PruneReport(bytes_kept=total)
    assert all(t.exists() for t in thumbs)
    assert prune_cache(thumbs_dir, total - 1).files_removed >= 1  # one byte over: it prunes


def test_a_cache_hit_marks_the_file_used_so_it_survives(tmp_path: Path) -> None:
    thumbs_dir, sources, thumbs = _cache(tmp_path, 6)
    before = thumbs[0].stat().st_mtime
    assert thumbnail_for(sources[0], thumbs_dir, SIZE) == thumbs[0]  # a hit on the oldest
    assert thumbs[0].stat().st_mtime > before + DAY
    sizes = [t.stat().st_size for t in thumbs]
    # a cap that, without the hit, would take the two oldest
    cap = int((sum(sizes) - sizes[0] - sizes[1] + 1) / PRUNE_TO)
    assert _oldest_to_remove(sizes, cap) == 2

    prune_cache(thumbs_dir, cap)

    assert thumbs[0].exists()  # used just now
    assert not thumbs[1].exists() and not thumbs[2].exists()  # now the least recently used
    assert all(t.exists() for t in thumbs[3:])


def test_a_missing_cache_folder_is_nothing_to_do(tmp_path: Path) -> None:
    assert prune_cache(tmp_path / "never-made", 1) == PruneReport()
    assert not (tmp_path / "never-made").exists()


def test_a_file_that_vanishes_during_the_scan_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    thumbs_dir, _, thumbs = _cache(tmp_path, 5)
    victim = thumbs[2]
    real_scandir = os.scandir

    def scandir_then_delete(path: str) -> contextlib.nullcontext[Iterator[os.DirEntry[str]]]:
        with real_scandir(path) as it:
            entries = list(it)
        if Path(path) == victim.parent:
            victim.unlink()  # listed, then gone before it is looked at
        return contextlib.nullcontext(iter(entries))

    monkeypatch.setattr(os, "scandir", scandir_then_delete)
    report = prune_cache(thumbs_dir, 1)  # everything must go

    assert not any(t.exists() for t in thumbs)
    assert report.files_removed == 4 and report.bytes_kept == 0


def test_emptied_and_empty_folders_are_removed_other_files_kept(tmp_path: Path) -> None:
    thumbs_dir, _, thumbs = _cache(tmp_path, 5)
    (thumbs_dir / "zz").mkdir()  # empty already
    keeper = thumbs[0].parent / "notes.txt"  # not a thumbnail: not the prune's business
    keeper.write_text("mine")
    os.utime(keeper, (0, 0))

    report = prune_cache(thumbs_dir, 1)

    assert report.files_removed == 5
    assert keeper.exists()
    assert sorted(p.name for p in thumbs_dir.iterdir()) == [keeper.parent.name]
    assert thumbs_dir.is_dir()


def test_stale_temp_files_of_atomic_writes_are_removed(tmp_path: Path) -> None:
    thumbs_dir, _, thumbs = _cache(tmp_path, 2)
    folder = thumbs[0].parent
    stale = folder / f".{thumbs[0].name}.k3j2x9.tmp"  # as write_bytes_atomic names them
    stale.write_bytes(b"x" * 1000)
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    fresh = folder / f".{thumbs[0].name}.a8b7c6.tmp"  # a write in progress
    fresh.write_bytes(b"y" * 500)

    report = prune_cache(thumbs_dir, 10**9)  # far under the cap

    assert not stale.exists() and fresh.exists()
    assert all(t.exists() for t in thumbs)
    assert report.files_removed == 1 and report.bytes_removed == 1000


def test_a_folder_removed_by_the_prune_mid_write_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from studio.core import atomic

    source = tmp_path / "src.png"
    Image.new("RGB", (64, 48), (10, 200, 30)).save(source)
    thumbs_dir = tmp_path / "thumbs"
    real_mkstemp = tempfile.mkstemp
    calls: list[str] = []

    def folder_gone_once(*args: Any, **kwargs: Any) -> tuple[int, str]:
        calls.append(str(kwargs.get("dir")))
        if len(calls) == 1:  # as if prune_cache's rmdir ran right after the mkdir
            os.rmdir(kwargs["dir"])
            raise FileNotFoundError(kwargs["dir"])
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", folder_gone_once)
    thumb = thumbnail_for(source, thumbs_dir, 32)
    assert len(calls) == 2 and thumb.is_file()
    with Image.open(thumb) as img:
        assert max(img.size) == 64  # 32 px at 2x
