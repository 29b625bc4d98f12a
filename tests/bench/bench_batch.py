"""A batch of 1,000 members (100 in the quick run) through the sandbox on 127.0.0.1.

Memory: the batch runs in a fresh child process through the core runner (validation,
journal, history and the stored images of every member, as the window and the CLI
run it) and reports its peak RSS (``VmHWM``); the reference is the same child
running one ordinary job. A flat batch costs about what one job costs. The RSS
growth from the tenth of the members to the last shows whether anything piles up.

The UI thread: a real window (offscreen) with the Batch panel running the batch and
showing its progress, the gallery taking every member as it lands; a 1 ms timer on
the UI thread records its ticks and the longest gap is the longest the window could
not react. The reference is one 60 Hz frame, as in ``bench_ui``.

The sandbox runs in its own process (``bench_ui.sandbox_process``), as a provider would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.bench_ui import FRAME_S, TickRecorder, _spin, sandbox_process
from tests.bench.timing import Timing, row

MODEL = "dall-e-2"  # the smallest pictures the relay sandbox makes: the batch, not the drawing
PARAMS = {"size": "256x256"}
TEMPLATE = "a {animal} in a field, study {n}"
ANIMALS = ("fox", "owl", "heron", "cat", "hare")
CONCURRENCY = 2


def _values(members: int) -> str:
    return "animal,n\n" + "".join(f"{ANIMALS[i % len(ANIMALS)]},{i}\n" for i in range(members))


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _provider(base_url: str) -> Any:
    from studio.core.providers import AuthStyle, Provider

    return Provider(
        id="bench-sandbox",
        name="Bench sandbox",
        base_url=base_url,
        auth=AuthStyle.NONE,
        models=(MODEL,),
        default_model=MODEL,
        builtin=False,
    )


def _child(mode: str, members: int, base_url: str, home: str) -> dict[str, float]:
    """Run in a fresh process: one job, or a batch of ``members``; report RSS (MB)."""
    from studio.core.batch import BatchRunner, MemberDone, Target, plan_batch, start_group
    from studio.core.history.groups import GroupKind, GroupStatus
    from studio.core.request import ImageRequest, Mode
    from studio.core.service import Studio

    studio = Studio.open(Path(home), recover=False)
    provider = _provider(base_url)
    try:
        if mode == "single":
            request = ImageRequest(Mode.GENERATE, MODEL, "a fox in a field", dict(PARAMS))
            outcome = studio.run_job(provider, request, source="bench")
            assert outcome.error is None, outcome.error
            return {"peak_mb": _status_mb("VmHWM"), "tenth_mb": 0.0, "end_mb": _status_mb("VmRSS")}
        target = Target(provider, MODEL, dict(PARAMS))
        planned = plan_batch(studio, TEMPLATE, _values(members), target)
        group_id = start_group(studio, GroupKind.BATCH, TEMPLATE, {}, planned)
        seen: list[float] = []

        def on_member(done: MemberDone) -> None:
            seen.append(1.0)
            if len(seen) == max(1, members // 10):
                tenth.append(_status_mb("VmRSS"))

        tenth: list[float] = []
        group = BatchRunner(
            studio, group_id, concurrency=CONCURRENCY, on_member=on_member, source="bench"
        ).run()
        failed = [m for m in group.members if m.state.value != "succeeded"]
        assert group.status is GroupStatus.FINISHED and not failed, failed[:3]
        return {
            "peak_mb": _status_mb("VmHWM"),
            "tenth_mb": tenth[0] if tenth else 0.0,
            "end_mb": _status_mb("VmRSS"),
        }
    finally:
        studio.close()


def _measure_child(mode: str, members: int, base_url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = {**os.environ, "IMAGE_STUDIO_HOME": str(home)}
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.bench.bench_batch",
                mode,
                str(members),
                base_url,
                str(home),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=1800,
            check=False,
        )
        if out.returncode != 0:
            raise RuntimeError(f"bench child {mode} failed: {out.stderr[-2000:]}")
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _ui_batch(app: Any, base_url: str, members: int) -> tuple[float, float]:
    """The longest UI-thread gap while the Batch panel runs ``members``; and the idle one."""
    from studio.core.service import Studio
    from studio.jobs.op import wait_for_workers
    from studio.ui.batch_panel import BatchPanel
    from studio.ui.i18n import set_language
    from studio.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        old_home = os.environ.get("IMAGE_STUDIO_HOME")
        os.environ["IMAGE_STUDIO_HOME"] = str(home)
        studio = Studio.open(home, recover=False)
        set_language("en")
        provider = _provider(base_url)
        window = MainWindow(studio)
        recorder = TickRecorder()
        try:
            window.show()
            # a window that has opened: painted, and what a job needs loaded meanwhile
            # (studio.core.warm), as it is by the time a person has a batch typed in
            recorder.start()
            _spin(app, lambda: window.warmed, timeout=120)
            recorder.stop()
            panel = BatchPanel(studio, provider, MODEL, dict(PARAMS), TEMPLATE, window)
            panel.show()
            panel.concurrency.setValue(CONCURRENCY)
            panel.values.setPlainText(_values(members))
            panel.refresh_preview()
            _spin(app, panel.start_button.isEnabled, timeout=120)
            recorder.start()
            _spin(app, lambda: len(recorder.ticks) > 50)
            panel.start_button.click()
            # until it ends (a batch that stopped on an error ends too, and is reported)
            _spin(app, lambda: panel.group is not None or not panel._busy, timeout=1800)
            assert panel.group is not None, panel.status.text()
            settle = time.monotonic() + 0.5  # the gallery's last tiles
            _spin(app, lambda: time.monotonic() > settle)
            gaps = recorder.stop()
            assert panel.progress_bar.value() == members, panel.status.text()
            assert f"{members} of {members} succeeded" in panel.status.text(), panel.status.text()
            recorder.start()
            idle_end = time.monotonic() + 1.0
            _spin(app, lambda: time.monotonic() > idle_end)
            idle = recorder.stop()
            panel.close()
        finally:
            window.queue.cancel_all()
            wait_for_workers(60_000)
            app.processEvents()
            if window.gallery is not None:
                window.gallery.shutdown()  # type: ignore[attr-defined]
            window.close()
            window.deleteLater()
            app.processEvents()
            studio.close()
            if old_home is None:
                os.environ.pop("IMAGE_STUDIO_HOME", None)
            else:
                os.environ["IMAGE_STUDIO_HOME"] = old_home
    return max(gaps), max(idle)


def run(quick: bool) -> list[dict[str, object]]:
    from PySide6.QtWidgets import QApplication

    members = 100 if quick else 1000
    repeats = 2 if quick else 3
    app = QApplication.instance() or QApplication([])
    batch: list[dict[str, float]] = []
    single: list[dict[str, float]] = []
    stalls: list[float] = []
    idles: list[float] = []
    with sandbox_process(latency=0.0) as base_url:
        for _ in range(repeats):
            single.append(_measure_child("single", 1, base_url))
            batch.append(_measure_child("batch", members, base_url))
        for _ in range(repeats):
            stall, idle = _ui_batch(app, base_url, members)
            stalls.append(stall)
            idles.append(idle)
    growth = [b["end_mb"] - b["tenth_mb"] for b in batch]
    return [
        row(
            f"peak RSS, batch of {members:,} (core runner, {CONCURRENCY} at once)",
            Timing.of([b["peak_mb"] for b in batch]),
            Timing.of([s["peak_mb"] for s in single]),
            "ratio <= 1.25",
            f"fresh process each, {repeats} runs; reference: the same process running one job",
            unit="MB",
        ),
        row(
            f"RSS growth from member {max(1, members // 10):,} to {members:,}",
            Timing.of(growth),
            None,
            "<= 20 MB",
            "flat memory: what the last nine tenths of the members add",
            unit="MB",
        ),
        row(
            f"UI thread longest stall, Batch panel running {members:,} members",
            Timing.of(stalls),
            FRAME_S,
            "<= 16 ms",
            f"{repeats} runs; 1 ms timer; progress and gallery updating; idle window's"
            f" longest gap {min(idles) * 1000:.1f}–{max(idles) * 1000:.1f} ms; reference:"
            " one 60 Hz frame",
        ),
    ]


if __name__ == "__main__":
    mode_arg, members_arg, url_arg, home_arg = sys.argv[1:5]
    print(json.dumps(_child(mode_arg, int(members_arg), url_arg, home_arg)))
