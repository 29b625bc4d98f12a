"""Failures explained in plain words, with the action that fixes them."""

from __future__ import annotations

import pytest

from studio.core.errors import ErrorKind, Problem, StudioError
from studio.ui.error_text import Action, advise


@pytest.fixture(autouse=True)
def _app(qapp: object, english: None) -> None:
    """advise() translates, so it needs the application (in English here)."""


def test_bad_key_points_to_the_settings() -> None:
    err = StudioError(ErrorKind.PROVIDER, "Incorrect API key", status=401, code="invalid_api_key")
    advice = advise(err, "DMXAPI")
    assert advice.action is Action.OPEN_SETTINGS
    assert "DMXAPI" in advice.text and "401" in advice.text


def test_no_balance() -> None:
    advice = advise(StudioError(ErrorKind.PROVIDER, "余额不足", status=403), "DMXAPI")
    assert "credit" in advice.text and "余额不足" in advice.text
    assert advice.title == "No balance or no access"


def test_rate_limit_says_when() -> None:
    err = StudioError(ErrorKind.PROVIDER, "slow down", status=429, retry_after=12.2)
    advice = advise(err)
    assert "13 seconds" in advice.text
    assert advice.action is Action.RETRY
    assert "Wait a little" in advise(StudioError(ErrorKind.PROVIDER, "x", status=429)).text


def test_moderation_gives_the_reason_and_suggests_rephrasing() -> None:
    err = StudioError(
        ErrorKind.PROVIDER,
        "Your request was rejected: sexual content",
        status=400,
        code="moderation_blocked",
    )
    advice = advise(err)
    assert advice.action is Action.REPHRASE
    assert "sexual content" in advice.text and "rephras" in advice.text


def test_timeout_suggests_streaming_or_a_longer_timeout() -> None:
    advice = advise(StudioError(ErrorKind.NETWORK, "The read timed out after 300 s"))
    assert "streaming" in advice.text and "timeout" in advice.text
    proxy = advise(StudioError(ErrorKind.PROVIDER, "<html>524</html>", status=524))
    assert "streaming" in proxy.text


def test_missing_key_is_a_settings_action() -> None:
    err = StudioError.validation([Problem("key", "No API key for OpenAI.")])
    advice = advise(err, "OpenAI")
    assert advice.action is Action.ADD_KEY and "OpenAI" in advice.text


def test_validation_problem_is_shown_as_is() -> None:
    err = StudioError.validation([Problem("size", "256x256 is not offered")])
    advice = advise(err)
    assert advice.action is Action.NONE and "256x256" in advice.text
