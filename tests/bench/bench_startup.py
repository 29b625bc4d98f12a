"""Start-up and memory of the real app with a 10,000-job history.

* Start to first paint: ``image-studio --home H`` in a fresh process with
  ``IMAGE_STUDIO_BENCH_FIRST_PAINT=1`` prints ``time.monotonic()`` once the main
  window has painted and quits (``studio.app``); the parent took the same
  system-wide clock just before spawning it. Reference, in the same run: a
  minimal PySide6 program showing an empty ``QMainWindow``, timed the same way.
* Memory: this module run as ``python -m tests.bench.bench_startup --rss H``
  builds the window as ``run_gui`` does, scrolls the gallery end to end
  (every page loaded, thumbnails made) and reports VmRSS from /proc/self/status.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from tests.bench.timing import Timing, row

MARK = "IMAGE_STUDIO_FIRST_PAINT"

EMPTY_WINDOW = textwrap.dedent(
    f"""\
    import sys, time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1280, 820)

    def report():
        print("{MARK}", f"{{time.monotonic():.6f}}", flush=True)
        app.quit()

    class Watch(QObject):
        seen = False
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, report)
            return False

    watch = Watch()
    window.installEventFilter(watch)
    window.show()
    app.exec()
    """
)


def _env(home: Path | None = None, pycache: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IMAGE_STUDIO_BENCH_FIRST_PAINT": "1"}
    # an installed app has compiled bytecode; without it every start compiles ~200
    # modules (~0.25 s here). Keep the .pyc files out of the checkout.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pycache is not None:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("IMAGE_STUDIO_API_KEY", None)  # start as a new user would: on the sandbox
    if home is not None:
        env["IMAGE_STUDIO_HOME"] = str(home)
    return env


def _first_paint(cmd: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith(MARK):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no first-paint mark (exit {done.returncode}): {done.stderr[-2000:]}")


#: a command and its environment
Start = tuple[list[str], dict[str, str]]


def _timed_first_paints(starts: list[Start], repeats: int) -> list[Timing]:
    """The starts in turn, ``repeats`` rounds (after one warm-up round: page cache, font
    cache, thumbnails on disk), so a burst of load on the shared machine hits all alike."""
    for cmd, env in starts:
        _first_paint(cmd, env)
    samples: list[list[float]] = [[] for _ in starts]
    for _ in range(repeats):
        for (cmd, env), out in zip(starts, samples, strict=True):
            out.append(_first_paint(cmd, env))
    return [Timing.of(s) for s in samples]


def _cold_first_paints(starts: list[Start], repeats: int, scratch: Path) -> list[Timing]:
    """Every start with an empty bytecode cache, as the first start of a fresh checkout
    (uv installs packages without compiling them): everything imported is compiled."""
    samples: list[list[float]] = [[] for _ in starts]
    for i in range(repeats):
        for j, ((cmd, env), out) in enumerate(zip(starts, samples, strict=True)):
            fresh = scratch / f"cold-{i}-{j}"
            fresh.mkdir()
            out.append(_first_paint(cmd, {**env, "PYTHONPYCACHEPREFIX": str(fresh)}))
            shutil.rmtree(fresh, ignore_errors=True)
    return [Timing.of(s) for s in samples]


def _app_cmd(home: Path) -> list[str]:
    exe = Path(sys.executable).with_name("image-studio")
    if exe.exists():
        return [str(exe), "--home", str(home)]
    return [sys.executable, "-m", "studio", "--home", str(home)]


def run(quick: bool) -> list[dict[str, object]]:
    from tests.bench.bench_ui import HISTORY_JOBS, seed_home

    repeats = 3 if quick else 7
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        full, empty = tmp / "full", tmp / "empty"
        seed_home(full)
        script = tmp / "empty_window.py"
        script.write_text(EMPTY_WINDOW)
        pyc = tmp / "pycache"
        reference, ours, bare = _timed_first_paints(
            [
                ([sys.executable, str(script)], _env(None, pyc)),
                (_app_cmd(full), _env(full, pyc)),
                (_app_cmd(empty), _env(empty, pyc)),
            ],
            repeats,
        )
        rows.append(
            row(
                f"start to first painted window, {HISTORY_JOBS} jobs in history (compiled)",
                ours,
                reference,
                "ratio <= 2.0",
                "image-studio process vs an empty-QMainWindow PySide6 program, same clock;"
                " bytecode compiled, as installed",
            )
        )
        cold_reference, cold = _cold_first_paints(
            [([sys.executable, str(script)], _env(None)), (_app_cmd(full), _env(full))],
            repeats,
            tmp,
        )
        rows.append(
            row(
                f"start to first painted window, {HISTORY_JOBS} jobs (no bytecode)",
                cold,
                cold_reference,
                "ratio <= 2.5",
                "both compile everything they import, as the first start of a fresh checkout",
            )
        )
        rows.append(
            row(
                "start to first painted window, empty history",
                bare,
                reference,
                "",
                "what the history costs at start-up is the difference to the row above",
            )
        )
        rss = _rss_child(full, pyc)
        rows.append(
            row(
                f"RSS, window open, gallery scrolled end to end ({rss['tiles']} tiles)",
                rss["after_mb"],
                rss["empty_mb"],
                "<= 250 MB",
                f"first paint: {rss['start_mb']:.0f} MB; reference: empty QMainWindow process",
                unit="MB",
            )
        )
    return rows


def _rss_child(home: Path, pycache: Path) -> dict[str, float]:
    cmd = [sys.executable, "-m", "tests.bench.bench_startup", "--rss", str(home)]
    done = subprocess.run(
        cmd, env=_env(home, pycache), capture_output=True, text=True, timeout=600, check=False
    )
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            return dict(json.loads(line))
    raise RuntimeError(f"RSS child failed (exit {done.returncode}): {done.stderr[-2000:]}")


# --- child process ------------------------------------------------------------


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _measure_rss(home: str) -> dict[str, float]:
    """Open the app like ``run_gui`` does, scroll the gallery end to end, read RSS."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from studio.app import create_application

    app = create_application([])
    assert isinstance(app, QApplication)
    probe = QMainWindow()  # the reference: what an empty window costs in this process
    probe.show()
    app.processEvents()
    empty_mb = _rss_mb()
    probe.close()

    from studio.core.service import Studio
    from studio.jobs.op import wait_for_workers
    from studio.ui.main_window import MainWindow

    studio = Studio.open(home)
    window = MainWindow(studio)
    window.show()
    app.processEvents()
    start_mb = _rss_mb()
    dock = window.gallery
    assert dock is not None
    view, model = dock.view, dock.model  # type: ignore[attr-defined]
    bar = view.verticalScrollBar()
    while True:
        bar.setValue(bar.value() + bar.pageStep())
        app.processEvents()
        if bar.value() >= bar.maximum() and not model.canFetchMore(view.rootIndex()):
            break
    dock.thumbs.wait()  # type: ignore[attr-defined]
    app.processEvents()
    after_mb = _rss_mb()
    tiles = model.rowCount()
    window.close()
    wait_for_workers(30_000)
    studio.close()
    return {"empty_mb": empty_mb, "start_mb": start_mb, "after_mb": after_mb, "tiles": tiles}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--rss":
        print(json.dumps(_measure_rss(sys.argv[2])), flush=True)
    else:
        sys.exit("usage: python -m tests.bench.bench_startup --rss HOME")
