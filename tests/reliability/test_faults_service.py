"""The fault matrix through ``Studio.run_job``, the path both front ends share.

Every failure ends as one readable message, the job is in history with its
status and reason, paid replies that could not be parsed stay in the journal,
and the sandbox saw exactly the requests the retry policy allows.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from studio.core.client import Retrying
from studio.core.errors import ErrorKind
from studio.core.events import JobStarted
from studio.core.journal import Journal
from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, Mode
from studio.core.service import Studio
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.core.imagebytes import png
from tests.reliability.conftest import (
    MATRIX,
    MATRIX_IDS,
    FaultCase,
    closed_port,
    image_requests,
    make_request,
)


def _provider(base_url: str) -> Provider:
    return Provider(
        id="rel-test",
        name="Reliability sandbox",
        base_url=base_url,
        auth=AuthStyle.NONE,
        models=("gpt-image-1", "dall-e-3"),
        default_model="gpt-image-1",
        builtin=False,
    )


@pytest.fixture
def studio() -> Iterator[Studio]:
    ctx = Studio.open(recover=False)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.mark.parametrize(("case", "mode"), MATRIX, ids=MATRIX_IDS)
def test_fault_ends_as_one_explained_recorded_failure(
    studio: Studio, sandbox: SandboxServer, case: FaultCase, mode: str
) -> None:
    for fault in case.faults("/images/edits" if mode == "edit" else "/images/generations"):
        sandbox.inject(fault)
    if case.read_timeout is not None:
        studio.settings.read_timeout = case.read_timeout
    base_url = f"http://127.0.0.1:{closed_port()}/v1" if case.refused else sandbox.base_url
    events: list[object] = []
    outcome = studio.run_job(_provider(base_url), make_request(mode), on_event=events.append)

    assert outcome.job_id is not None
    assert any(isinstance(e, JobStarted) for e in events)
    assert image_requests(sandbox) == case.requests
    record = studio.history.get_job(outcome.job_id)
    assert record is not None
    assert record.status == case.outcome
    assert record.mode == ("edit" if mode == "edit" else "generate")
    assert record.prompt == make_request(mode).prompt
    if case.outcome == "succeeded":
        assert outcome.error is None and record.images
        assert record.images[0].path.read_bytes().startswith(b"\x89PNG")
        return
    err = outcome.error
    assert err is not None
    message = err.message.lower()
    for word in case.words:
        assert word in message, (word, err.message)
    assert err.kind.value == case.kind
    assert err.status == case.status
    assert "traceback" not in message and "<html" not in message
    assert record.error is not None and record.error.message == err.message
    assert record.error.kind == case.kind and record.error.status == case.status
    assert not record.images
    if "retry_after" in case.extra:
        assert err.retry_after == case.extra["retry_after"]
    pending = Journal(studio.paths.journal_dir).pending()
    if case.journaled:
        (entry,) = pending  # the paid reply is kept for recovery
        body, meta = entry.read()
        assert body and meta["job_id"] == outcome.job_id
        assert body.startswith(b'{"created"') or b"event:" in body or body.startswith(b"{")
    else:
        assert pending == []
    if case.refused:
        # nothing reached a server, so it was tried again: twice, then reported
        assert sum(isinstance(e, Retrying) for e in events) == 2


def test_connect_failure_then_success_is_retried_and_succeeds(studio: Studio) -> None:
    """A retry after a refused connection is safe; the job then succeeds normally."""
    port = closed_port()
    server = SandboxServer(port=port, profile="relay")
    events: list[object] = []

    def start_on_first_retry(event: object) -> None:
        events.append(event)
        if isinstance(event, Retrying) and not server.running:
            server.start()

    try:
        outcome = studio.run_job(
            _provider(f"http://127.0.0.1:{port}/v1"),
            make_request("generate"),
            on_event=start_on_first_retry,
        )
        assert outcome.ok, outcome.error
        assert sum(isinstance(e, Retrying) for e in events) == 1
        assert image_requests(server) == 1
    finally:
        server.stop()


def test_n_split_keeps_the_images_that_arrived(studio: Studio, sandbox: SandboxServer) -> None:
    """dall-e-3 takes one image per request: with n=3 and one request failing, two are kept."""
    # the sandbox draws the same picture for the same request: one answer is a
    # different (real) picture so that the two kept images are distinct files
    other = {"created": 1, "data": [{"b64_json": base64.b64encode(png(32, 32)).decode()}]}
    sandbox.inject(Fault(path="/images/generations", status=500, times=1))
    sandbox.inject(Fault(path="/images/generations", status=200, body=other, times=1))
    request = ImageRequest(Mode.GENERATE, "dall-e-3", "three foxes", {"size": "1024x1024", "n": 3})
    outcome = studio.run_job(_provider(sandbox.base_url), request)
    assert image_requests(sandbox) == 3  # one per image, none repeated
    assert outcome.result is not None and len(outcome.result.errors) == 1
    record = studio.history.get_job(outcome.job_id or -1)
    assert record is not None
    assert record.status == "succeeded" and len(record.images) == 2
    assert all(i.path.is_file() for i in record.images)
    assert record.error is not None
    assert (
        "1 request failed; the other images" in record.error.message
        and "500" in record.error.message
    )


def test_n_split_all_failing_is_one_failed_job(studio: Studio, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", status=503, times=-1))
    request = ImageRequest(Mode.GENERATE, "dall-e-3", "two owls", {"size": "1024x1024", "n": 2})
    outcome = studio.run_job(_provider(sandbox.base_url), request)
    assert image_requests(sandbox) == 2
    record = studio.history.get_job(outcome.job_id or -1)
    assert record is not None and record.status == "failed" and not record.images
    assert record.error is not None and "503" in record.error.message


def test_a_job_left_in_the_journal_is_recovered_on_next_open(
    studio: Studio, sandbox: SandboxServer
) -> None:
    """A reply whose url download failed stays journaled; a later start stores what it can
    or leaves it pending without crashing (the url has expired for good)."""
    sandbox.inject(Fault(path="/images/generations", action="expired_url"))
    outcome = studio.run_job(_provider(sandbox.base_url), make_request("generate"))
    assert outcome.error is not None and outcome.error.kind is ErrorKind.PROVIDER
    assert len(Journal(studio.paths.journal_dir).pending()) == 1
    again = Studio.open(studio.paths.config_dir.parent)
    try:
        assert again.recover_journal() == 0  # not recoverable, and no crash
        assert len(Journal(studio.paths.journal_dir).pending()) == 1  # still kept
    finally:
        again.close()
