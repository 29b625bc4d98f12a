"""A job's deadline: one watcher thread for all of them, and each still fires on time."""

from __future__ import annotations

import threading
import time

from studio.core.cancel import CancelToken, Deadline
from studio.core.errors import ErrorKind, StudioError


def test_a_passed_deadline_cancels_and_explains_itself() -> None:
    token = CancelToken()
    with Deadline(token, 0.05) as deadline:
        assert token.wait(5.0), "the deadline never fired"
    assert deadline.expired
    err = deadline.explain(StudioError.cancelled())
    assert err.code == "job_deadline" and err.kind is ErrorKind.NETWORK
    # another error than the cancellation it caused is left as it is
    other = StudioError.of(ErrorKind.PROVIDER, "x")
    assert deadline.explain(other) is other


def test_a_job_that_ended_in_time_is_never_cancelled() -> None:
    token = CancelToken()
    with Deadline(token, 0.05) as deadline:
        pass
    assert not token.wait(0.2)
    assert not deadline.expired
    assert deadline.explain(StudioError.cancelled()).kind is ErrorKind.CANCELLED


def test_jobs_start_no_thread_of_their_own() -> None:
    with Deadline(CancelToken(), 60):
        pass  # the watcher exists from here on
    before = threading.active_count()
    tokens = [CancelToken() for _ in range(20)]
    deadlines = [Deadline(t, 60).__enter__() for t in tokens]
    assert threading.active_count() == before
    for d in deadlines:
        d.__exit__(None, None, None)
    assert not any(t.cancelled for t in tokens)


def test_a_shorter_deadline_added_later_fires_first() -> None:
    slow, fast = CancelToken(), CancelToken()
    started = time.monotonic()
    with Deadline(slow, 30), Deadline(fast, 0.05):
        assert fast.wait(5.0)
        assert time.monotonic() - started < 5.0
        assert not slow.cancelled


def test_a_deadline_years_away_leaves_the_watcher_running() -> None:
    """A settings file can say 1e308 seconds: waiting that long overflowed the timer and
    ended the one watcher thread (an unhandled thread exception), so no deadline fired."""
    far, fast = CancelToken(), CancelToken()
    with Deadline(far, 1e308):
        watcher = next(t for t in threading.enumerate() if t.name == "deadlines")
        with Deadline(fast, 0.05):
            assert fast.wait(5.0), "the deadline never fired"
        assert watcher.is_alive()
    assert not far.cancelled
