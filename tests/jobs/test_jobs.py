"""The bridge: work runs on workers, answers arrive on the UI thread by signals."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtGui import QImage

from studio.core.providers import Provider
from studio.core.request import ImageRequest, Mode
from studio.jobs.decoding import PARTIAL_SIDE
from studio.jobs.op import BackgroundOp, wait_for_workers
from studio.jobs.queue import Job, JobQueue, JobState
from studio.sandbox.faults import Fault

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer


def test_background_op_runs_off_the_ui_thread(qtbot: QtBot) -> None:
    ui = threading.get_ident()
    seen: dict[str, Any] = {}
    parent = QObject()

    def op() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def success(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.get_ident()
        seen["is_main"] = QThread.currentThread() is parent.thread()

    BackgroundOp(parent, op, success).run()
    qtbot.waitUntil(lambda: "value" in seen, timeout=10_000)
    assert seen["value"] == 42
    assert seen["worker"] != ui
    assert seen["callback"] == ui and seen["is_main"]


def test_background_op_reports_failures(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def op() -> None:
        raise ValueError("boom")

    BackgroundOp(None, op, lambda _r: None).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "boom"


def test_no_callback_after_the_parent_is_gone(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    release = threading.Event()
    called: list[int] = []
    parent = QWidget()
    BackgroundOp(parent, lambda: release.wait(10) and 1, called.append).run()
    parent.deleteLater()
    qtbot.wait(50)
    release.set()
    assert wait_for_workers(10_000)
    qtbot.wait(50)
    assert called == []


@pytest.fixture
def provider(sandbox: SandboxServer) -> Provider:
    from studio.core.providers import AuthStyle

    return Provider(id="t", name="T", base_url=sandbox.base_url, auth=AuthStyle.NONE, builtin=False)


def test_an_ops_qt_objects_die_on_the_ui_thread_whoever_drops_it_last(qtbot: QtBot) -> None:
    """A worker dropping an op's last reference must not destroy its Qt side there.

    PySide disconnects under Qt's connection lock and then waits for the GIL, while the
    UI thread connects the next op holding the GIL: the window hung in a batch that way.
    Here the last references are dropped on another thread after the answers arrived,
    as happens when a pool's worker lets go of its task after the UI took the answer.
    """
    ui = threading.get_ident()
    destroyed_on: list[int] = []
    answered: list[int] = []
    parent = QObject()

    def note_destroyed(*_args: object) -> None:
        destroyed_on.append(threading.get_ident())

    ops: list[BackgroundOp[int]] = []
    for i in range(20):
        op = BackgroundOp(parent, lambda i=i: i, answered.append)
        op._relay.destroyed.connect(note_destroyed)
        ops.append(op.run())
    qtbot.waitUntil(lambda: len(answered) == 20, timeout=10_000)
    assert wait_for_workers(10_000)
    dropper = threading.Thread(target=ops.clear)
    dropper.start()
    dropper.join()
    qtbot.waitUntil(lambda: len(destroyed_on) == 20, timeout=10_000)
    assert set(destroyed_on) == {ui}
    assert sorted(answered) == list(range(20))


def test_queue_decodes_images_and_reports_in_order(
    qtbot: QtBot, studio_ctx: Studio, provider: Provider
) -> None:
    queue = JobQueue(studio_ctx)
    arrived: list[Any] = []
    queue.image_arrived.connect(lambda job, r: arrived.append(r))
    request = ImageRequest(Mode.GENERATE, "gpt-image-1", "two dots", {"n": 2, "size": "1024x1024"})
    with qtbot.waitSignal(queue.job_finished, timeout=60_000) as blocker:
        job = queue.submit(provider, request)
    assert blocker.args[0] is job
    assert job.state is JobState.DONE
    assert len(job.images) == 2 and len(arrived) == 2
    for r in job.images:
        assert not r.qimage.isNull() and r.qimage.width() == 1024
        assert r.path is not None and r.path.endswith(("png", "PNG"))
    assert job.history_id is not None
    assert job.usage and job.usage.get("output_tokens")


def test_queue_streams_partial_images(qtbot: QtBot, studio_ctx: Studio, provider: Provider) -> None:
    queue = JobQueue(studio_ctx)
    partials: list[bool] = []
    queue.job_changed.connect(lambda job: partials.append(job.partial is not None))
    request = ImageRequest(
        Mode.GENERATE, "gpt-image-1", "stream me", {"stream": True, "partial_images": 2}
    )
    with qtbot.waitSignal(queue.job_finished, timeout=60_000):
        job = queue.submit(provider, request)
    assert job.state is JobState.DONE, job.error
    assert job.partial is not None and not job.partial.isNull()
    assert any(partials)


def test_a_big_partial_is_decoded_reduced_and_measures_the_full_size(
    qtbot: QtBot, studio_ctx: Studio, provider: Provider
) -> None:
    queue = JobQueue(studio_ctx)
    request = ImageRequest(
        Mode.GENERATE,
        "gpt-image-1",
        "stream me big",
        {"stream": True, "partial_images": 1, "size": "1536x1024"},
    )
    with qtbot.waitSignal(queue.job_finished, timeout=60_000):
        job = queue.submit(provider, request)
    assert job.state is JobState.DONE, job.error
    partial = job.partial
    assert partial is not None and not partial.isNull()
    assert max(partial.width(), partial.height()) <= PARTIAL_SIDE
    final = job.images[0].qimage
    assert (final.width(), final.height()) == (1536, 1024)
    logical = partial.deviceIndependentSize()
    assert (round(logical.width()), round(logical.height())) == (1536, 1024)


def test_partials_faster_than_a_frame_are_announced_once_then_the_newest(
    qtbot: QtBot, studio_ctx: Studio, provider: Provider
) -> None:
    queue = JobQueue(studio_ctx)
    job = Job(1, provider, ImageRequest(Mode.GENERATE, "gpt-image-1", "burst", {}))
    seen: list[int] = []
    queue.job_changed.connect(lambda j: seen.append(j.partial_index))
    for index in range(4):  # four partials in one go, as a fast stream delivers them
        img = QImage(8, 8, QImage.Format.Format_RGB32)
        img.fill(index)
        queue._on_partial(job, img, index)
    assert seen == [0]  # the first at once; the rest wait for the frame
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5_000)
    assert seen == [0, 3]  # the newest, once; the ones between were never painted
    assert job.partial is not None and job.partial.pixel(0, 0) & 0xFFFFFF == 3


def test_cancel_wakes_a_blocked_request(
    qtbot: QtBot, studio_ctx: Studio, provider: Provider, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(action="slow", delay=30))
    queue = JobQueue(studio_ctx)
    job = queue.submit(provider, ImageRequest(Mode.GENERATE, "gpt-image-1", "slow"))
    qtbot.waitUntil(lambda: len(sandbox.requests) > 0, timeout=10_000)
    with qtbot.waitSignal(queue.job_finished, timeout=10_000):
        queue.cancel(job)
    assert job.state is JobState.CANCELLED
    assert not queue.running()


def test_validation_failure_is_reported_not_raised(
    qtbot: QtBot, studio_ctx: Studio, provider: Provider
) -> None:
    queue = JobQueue(studio_ctx)
    request = ImageRequest(Mode.GENERATE, "dall-e-3", "x", {"style": "baroque"})
    with qtbot.waitSignal(queue.job_finished, timeout=30_000):
        job = queue.submit(provider, request)
    assert job.state is JobState.FAILED
    assert job.error is not None and job.error.kind.value == "validation"


def test_short_calls_are_not_held_up_by_long_jobs(
    qtbot: QtBot, studio_ctx: Studio, provider: Provider, sandbox: SandboxServer
) -> None:
    from studio.jobs.op import worker_pool

    sandbox.inject(Fault(action="slow", delay=30, times=-1))
    queue = JobQueue(studio_ctx)
    jobs = [
        queue.submit(provider, ImageRequest(Mode.GENERATE, "gpt-image-1", f"slow {i}"))
        for i in range(worker_pool().maxThreadCount() + 1)
    ]
    try:
        qtbot.waitUntil(lambda: len(sandbox.requests) >= 1, timeout=10_000)
        done: list[str] = []
        BackgroundOp(None, lambda: "loaded", done.append).run()
        qtbot.waitUntil(lambda: done == ["loaded"], timeout=10_000)
        assert all(j.running for j in jobs)
    finally:
        queue.cancel_all()
        qtbot.waitUntil(lambda: not queue.running(), timeout=20_000)


def test_queue_reports_an_automatic_retry_with_its_wait(
    qtbot: QtBot, studio_ctx: Studio, provider: Provider, sandbox: SandboxServer
) -> None:
    """A 429 with a short Retry-After reaches the job as a typed ``Retrying`` event."""
    sandbox.inject(Fault(status=429, headers={"Retry-After": "0.2"}))
    queue = JobQueue(studio_ctx)
    notes: list[tuple[str, float]] = []
    queue.job_changed.connect(
        lambda job: notes.append((job.retrying, job.retry_wait)) if job.retrying else None
    )
    with qtbot.waitSignal(queue.job_finished, timeout=60_000):
        job = queue.submit(provider, ImageRequest(Mode.GENERATE, "gpt-image-1", "retry me"))
    assert job.state is JobState.DONE, job.error
    assert len(notes) == 1
    reason, wait = notes[0]
    assert wait == pytest.approx(0.2) and reason
    assert job.retrying is None  # cleared when the image arrived
    assert job.history_id is not None and len(job.images) == 1
