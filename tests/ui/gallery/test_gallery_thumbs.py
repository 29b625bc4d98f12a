"""The gallery's thumbnail loader: off the UI thread, newest request first, bounded."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from studio.ui.gallery.thumbs import ThumbnailLoader, _Queue


def test_queue_serves_the_newest_request_first_and_drops_the_oldest() -> None:
    q = _Queue(limit=3)
    assert q.push("a") == [] and q.push("b") == [] and q.push("c") == []
    assert q.push("a") == []  # asked again: moves to the front, nothing dropped
    assert q.push("d") == ["b"]  # full: the longest-waiting request goes
    assert [q.pop(), q.pop(), q.pop(), q.pop()] == ["d", "a", "c", None]


def test_loader_makes_thumbnails_and_reports_missing_files(qtbot: QtBot, tmp_path: Path) -> None:
    src = tmp_path / "big.png"
    Image.new("RGB", (1200, 600), (10, 200, 30)).save(src)
    loader = ThumbnailLoader(tmp_path / "thumbs", size=100)
    try:
        assert loader.pixmap(str(src)) is None  # not made yet: requested
        with qtbot.waitSignal(loader.ready) as ready:
            pass
        assert ready.args == [str(src)]
        pix = loader.pixmap(str(src))
        assert pix is not None and (pix.width(), pix.height()) == (200, 100)  # 2x for HiDPI
        assert len(list((tmp_path / "thumbs").rglob("*.jpg"))) == 1

        missing = str(tmp_path / "gone.png")
        with qtbot.waitSignal(loader.unavailable) as gone:
            assert loader.pixmap(missing) is None
        assert gone.args == [missing] and loader.is_broken(missing)
        assert loader.pixmap(missing) is None  # not asked for again
    finally:
        loader.shutdown()
