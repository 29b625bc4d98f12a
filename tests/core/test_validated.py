"""A request is validated once on its way out, and the client takes only a validated one."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

import studio.core.validation as validation
from studio.core.capabilities import ModelCaps
from studio.core.errors import ErrorKind, Problem, StudioError
from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, Mode
from studio.core.validated import ValidatedRequest, check_request, validated

if TYPE_CHECKING:
    from studio.core.service import Studio
    from studio.sandbox.server import SandboxServer

REQUEST = ImageRequest(Mode.GENERATE, "gpt-image-1", "a blue square", {"size": "1024x1024"})


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every run of the core's validation, by the thread's name."""
    seen: list[str] = []
    real = validation.validate

    def counting(request: ImageRequest, caps: ModelCaps) -> list[Problem]:
        seen.append(threading.current_thread().name)
        return real(request, caps)

    monkeypatch.setattr(validation, "validate", counting)
    yield seen


def _provider(base_url: str) -> Provider:
    return Provider(id="t", name="T", base_url=base_url, auth=AuthStyle.NONE, builtin=False)


def test_only_check_request_makes_a_validated_request(studio_ctx: Studio) -> None:
    caps = studio_ctx.caps_for("gpt-image-1")
    checked = check_request(REQUEST, caps)
    assert checked.problems == () and checked.valid is not None
    assert checked.valid.request is REQUEST and checked.valid.caps is caps
    with pytest.raises(TypeError):
        ValidatedRequest(REQUEST, caps)
    bad = check_request(ImageRequest(Mode.GENERATE, "gpt-image-1", "x", {"quality": "ultra"}), caps)
    assert bad.valid is None and [p.field for p in bad.problems] == ["quality"]
    with pytest.raises(StudioError) as info:
        validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x", {"quality": "ultra"}), caps)
    assert info.value.kind is ErrorKind.VALIDATION


def test_the_client_refuses_a_request_that_was_not_validated(
    studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    with studio_ctx.client(_provider(sandbox.base_url)) as client, pytest.raises(TypeError):
        client.run(REQUEST)  # type: ignore[arg-type]
    assert sandbox.requests == []


def test_the_job_path_validates_a_plain_request_exactly_once(
    studio_ctx: Studio, sandbox: SandboxServer, calls: list[str]
) -> None:
    outcome = studio_ctx.run_job(_provider(sandbox.base_url), REQUEST)
    assert outcome.ok, outcome.error
    assert len(calls) == 1
    assert len(sandbox.requests) == 1


def test_a_validated_request_is_not_validated_again(
    studio_ctx: Studio, sandbox: SandboxServer, calls: list[str]
) -> None:
    valid = studio_ctx.check(REQUEST).valid
    assert valid is not None and len(calls) == 1
    outcome = studio_ctx.run_job(_provider(sandbox.base_url), valid)
    assert outcome.ok, outcome.error
    assert len(calls) == 1  # the check above was the only one
    assert outcome.record is not None and len(outcome.record.images) == 1


def test_a_refused_request_is_never_sent(
    studio_ctx: Studio, sandbox: SandboxServer, calls: list[str]
) -> None:
    outcome = studio_ctx.run_job(
        _provider(sandbox.base_url),
        ImageRequest(Mode.GENERATE, "dall-e-3", "x", {"style": "baroque"}),
    )
    assert outcome.error is not None and outcome.error.kind is ErrorKind.VALIDATION
    assert outcome.job_id is None and len(calls) == 1
    assert sandbox.requests == []
