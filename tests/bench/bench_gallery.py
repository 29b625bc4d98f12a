"""The gallery at scale: scrolling the real gallery widget, and a search's first page
with its count, over 10,000 and 100,000 jobs (and 1,000,000 outside ``--quick``).

Scrolling is measured as a person scrolls: a screen down, the tiles of that screen
read and drawn, the next screen. A 1 ms ``PreciseTimer`` on the UI thread ticks
through every step; the longest gap between two ticks is the longest the window
could not react in that step (everything the UI thread did: the scroll, the layout,
the pages arriving from the worker, the thumbnails, the paint). Each size is
scrolled three times: from the top, from the middle (after a jump there) and near
the end; the p90 of each pass gives the figure and its range. Flat means the last
steps of a pass cost what its first did, and 100k what 10k does.

The search figure is what a person waits for after typing: the first page of
matches in the grid and a count beside it (exact up to 1000, "1000+" beyond, the
exact number following on the worker).
"""

from __future__ import annotations

import math
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bench.timing import Timing, row

FRAME_S = 1 / 60
SEARCHES = ("otter", "harbour neon", "小海獭")


def _p90(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(len(ordered) * 0.9) - 1)]


def _spin(app: Any, until: Callable[[], bool], timeout: float = 60.0) -> None:
    """Run the event loop until ``until()``, blocking for events as ``exec`` does.

    (``processEvents(flags, maxtime)`` drops ``WaitForMoreEvents`` and returns at once
    when nothing is pending: looping on it kept one of the two cores busy polling, taken
    from the workers that read the pages and make the thumbnails. A 10 ms heartbeat
    wakes the loop for the timeout.)"""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()
    try:
        while not until():
            if time.monotonic() > deadline:
                raise TimeoutError("the gallery did not settle in time")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        heartbeat.stop()


def _shown_rows(dock: Any) -> list[int]:
    from PySide6.QtCore import QPoint

    view = dock.view
    if hasattr(view, "visible_rows"):
        return list(view.visible_rows())
    rect = view.viewport().rect()
    first = view.indexAt(rect.topLeft() + QPoint(2, 2)).row()
    last = view.indexAt(rect.bottomRight() - QPoint(2, 2)).row()
    if first < 0:
        return []
    if last < 0:
        last = min(dock.model.rowCount() - 1, first + 60)
    return list(range(first, last + 1))


def _screen_read(dock: Any) -> bool:
    rows = _shown_rows(dock)
    return bool(rows) and all(dock.model.loaded_item(r) is not None for r in rows)


def _screen_shown(dock: Any) -> Callable[[], bool]:
    """A check that the screen is as the user sees it at rest: its tiles read, their
    thumbnails made, and drawn (no thumbnail change or undrawn tile waiting for a paint;
    true twice in a row, so the paint those asked for has run in between)."""
    from studio.ui.gallery.tile_parts import picture_path

    calm = [0]

    def thumbnails_in() -> bool:
        thumbs = dock.model.thumbs
        for r in _shown_rows(dock):
            shown = picture_path(dock.model.item(r))
            if shown is not None and not thumbs.has(shown) and not thumbs.is_broken(shown):
                return False
        return True

    def check() -> bool:
        settled = (
            _screen_read(dock)
            and not dock.busy()
            and thumbnails_in()
            and not dock.model.thumbnails_waiting()
            and not dock.view.drawing_pending()
        )
        calm[0] = calm[0] + 1 if settled else 0
        return calm[0] >= 2

    return check


def _scroll_pass(app: Any, dock: Any, recorder: Any, steps: int) -> tuple[list[float], list[float]]:
    """``steps`` screens down: per step the UI thread's longest stall and the time until
    the screen's tiles were all read, their thumbnails made and drawn."""
    bar = dock.view.verticalScrollBar()
    stalls: list[float] = []
    filled: list[float] = []
    for _ in range(steps):
        if bar.value() >= bar.maximum():
            break
        recorder.start()
        _spin(app, lambda: len(recorder.ticks) > 3)
        start = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        _spin(app, _screen_shown(dock))
        filled.append(time.perf_counter() - start)
        gaps = recorder.stop()
        stalls.append(max(gaps))
    return stalls, filled


def _jump(app: Any, dock: Any, fraction: float) -> float:
    bar = dock.view.verticalScrollBar()
    start = time.perf_counter()
    bar.setValue(int(bar.maximum() * fraction))
    _spin(app, _screen_shown(dock))
    return time.perf_counter() - start


def _gallery(store: Any, app: Any) -> Any:
    from studio.ui.gallery import GalleryDock

    dock = GalleryDock(store)
    dock.resize(1100, 700)  # the history panel of a 1366x768 window, given room
    dock.show()
    shown = _screen_shown(dock)
    _spin(app, lambda: not dock.model.canFetchMore() and shown())
    return dock


def _close(app: Any, dock: Any) -> None:
    dock.shutdown()
    dock.close()
    dock.deleteLater()
    app.processEvents()


def _scroll_rows(store: Any, jobs: int, steps: int) -> tuple[list[dict[str, object]], float]:
    from PySide6.QtWidgets import QApplication

    from tests.bench.bench_history import _rss_mb
    from tests.bench.bench_ui import TickRecorder

    app = QApplication.instance() or QApplication([])
    rss_before = _rss_mb()
    dock = _gallery(store, app)
    recorder = TickRecorder()
    p90s: list[float] = []
    fills: list[float] = []
    early: list[float] = []
    late: list[float] = []
    jumps: list[float] = []
    for fraction in (None, 0.5, 0.9):
        if fraction is not None:
            jumps.append(_jump(app, dock, fraction))
        stalls, filled = _scroll_pass(app, dock, recorder, steps)
        p90s.append(_p90(stalls))
        fills.append(_p90(filled))
        third = max(1, len(stalls) // 3)
        early.extend(stalls[:third])
        late.extend(stalls[-third:])
    dock.thumbs.wait()
    rss_after = _rss_mb()
    loaded = dock.model.job_count_loaded()
    total = dock.model.rowCount()
    _close(app, dock)
    flat = _p90(late) / _p90(early)
    stall = Timing.of(p90s)
    out = [
        row(
            f"gallery scroll, UI thread's longest stall per screen, p90 ({jobs:,} jobs)",
            stall,
            FRAME_S,
            target="<= 16 ms, flat",
            note=(
                f"3 passes x {steps} screens (top, middle, end); last third / first third "
                f"of a pass: {flat:.2f}; reference: one frame at 60 Hz"
            ),
        ),
        row(
            f"gallery scroll, a screen's tiles read and drawn, p90 ({jobs:,} jobs)",
            Timing.of(fills),
            None,
            target="(info)",
            note=f"jump to the middle / end: {jumps[0] * 1000:.0f} / {jumps[1] * 1000:.0f} ms",
        ),
    ]
    if rss_before is not None and rss_after is not None:
        out.append(
            row(
                f"gallery memory after scrolling ({jobs:,} jobs, {loaded} of {total:,} rows held)",
                rss_after,
                rss_before,
                target="< +150 MB",
                note="reference: RSS before the gallery was made",
                unit="MB",
            )
        )
    return out, stall.median


def _painted_when() -> type:
    from PySide6.QtCore import QEvent, QObject

    class PaintedWhen(QObject):
        """Notes a paint of the widget it watches that began once ``ready()`` held (the
        spin loop sees it after that paint is done)."""

        def __init__(self, ready: Callable[[], bool]) -> None:
            super().__init__()
            self.ready = ready
            self.seen = False

        def eventFilter(self, obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and self.ready():
                self.seen = True
            return False

    return PaintedWhen


def _search_rows(store: Any, jobs: int, repeats: int) -> list[dict[str, object]]:
    from PySide6.QtWidgets import QApplication

    from studio.core.history import JobQuery

    app = QApplication.instance() or QApplication([])
    dock = _gallery(store, app)
    _PaintedWhen = _painted_when()
    out = []
    for text in SEARCHES:
        shown: list[float] = []
        exact: list[float] = []
        for i in range(repeats + 1):
            dock._set_query(JobQuery())  # back to everything, settled
            _spin(app, lambda: not dock.busy() and dock.model.rowCount() > 0)
            label = dock.count_label.text()
            # shown: the grid painted with the new page and the count beside it
            painted = _PaintedWhen(
                lambda label=label: dock.model.rowCount() > 0 and dock.count_label.text() != label
            )
            dock.view.viewport().installEventFilter(painted)
            start = time.perf_counter()
            dock._set_query(JobQuery(text=text))
            _spin(app, lambda painted=painted: painted.seen)
            first = time.perf_counter() - start
            dock.view.viewport().removeEventFilter(painted)
            _spin(app, lambda: not dock.busy())
            if i:  # the first is a warm-up
                shown.append(first)
                exact.append(time.perf_counter() - start)
        counted = dock._count
        out.append(
            row(
                f"gallery search '{text}': first page + count shown ({jobs:,} jobs)",
                Timing.of(shown),
                None,
                target="<= 16 ms",
                note=(
                    f"{counted:,} matches; the exact count shown after "
                    f"{statistics.median(exact) * 1000:.0f} ms"
                ),
            )
        )
    _close(app, dock)
    return out


def run(quick: bool) -> list[dict[str, object]]:
    from studio.core.history import HistoryStore
    from studio.core.paths import Paths
    from tests.bench.bench_history import _seed

    sizes = (10_000, 100_000) if quick else (10_000, 100_000, 1_000_000)
    steps = 40 if quick else 80
    repeats = 5 if quick else 9
    out: list[dict[str, object]] = []
    stalls: dict[int, float] = {}
    for jobs in sizes:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            store = HistoryStore(Paths(config_dir=tmp / "config", data_dir=tmp / "data"))
            try:
                seeded = _seed(store, jobs)
                out.append(
                    row(
                        f"seed {jobs:,} jobs with image files (linked)",
                        seeded,
                        None,
                        note=f"setup; {jobs / seeded:,.0f} jobs/s",
                    )
                )
                scroll, stalls[jobs] = _scroll_rows(store, jobs, steps)
                out.extend(scroll)
                if jobs >= 100_000:
                    out.extend(_search_rows(store, jobs, repeats))
            finally:
                store.close()
    small, large = sizes[0], sizes[-1]
    k = math.log(stalls[large] / stalls[small]) / math.log(large / small)
    out.append(
        row(
            f"gallery scroll stall: growth exponent {small:,} -> {large:,} jobs",
            None,
            None,
            "flat (k ≈ 0)",
            note=f"k = {k:.2f} (stall ∝ jobs^k)",
        )
    )
    return out
