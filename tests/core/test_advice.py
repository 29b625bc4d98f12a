"""Core's reading of a failure: what it means and what the user can do next."""

from __future__ import annotations

import pytest

from studio.core.advice import Advice, Cause, Remedy, advise
from studio.core.errors import ErrorKind, Problem, StudioError

P, N = ErrorKind.PROVIDER, ErrorKind.NETWORK


def _provider(message: str, status: int | None = None, code: str | None = None) -> StudioError:
    return StudioError(P, message, status=status, code=code)


CASES = [
    (StudioError.cancelled(), Cause.CANCELLED, Remedy.RETRY),
    (StudioError.validation([Problem("key", "No API key.")]), Cause.NO_KEY, Remedy.FIX_KEY),
    (StudioError.validation([Problem("size", "7x7")]), Cause.INVALID_REQUEST, Remedy.NONE),
    (_provider("Incorrect API key", 401, "invalid_api_key"), Cause.KEY_REJECTED, Remedy.FIX_KEY),
    (_provider("bad token", code="unauthorized"), Cause.KEY_REJECTED, Remedy.FIX_KEY),
    (_provider("余额不足", 403), Cause.NO_CREDIT, Remedy.FIX_KEY),
    (_provider("quota", 400, "insufficient_quota"), Cause.NO_CREDIT, Remedy.FIX_KEY),
    # new-api / one-api relays: 402 Payment Required and their own quota codes
    (_provider("用户额度不足", 402, "insufficient_user_quota"), Cause.NO_CREDIT, Remedy.FIX_KEY),
    (_provider("Payment Required", 402), Cause.NO_CREDIT, Remedy.FIX_KEY),
    (
        _provider("预扣费额度失败", 403, "pre_consume_token_quota_failed"),
        Cause.NO_CREDIT,
        Remedy.FIX_KEY,
    ),
    (
        _provider("token quota used up", 400, "insufficient_user_quota"),
        Cause.NO_CREDIT,
        Remedy.FIX_KEY,
    ),
    (_provider("slow down", 429), Cause.RATE_LIMITED, Remedy.WAIT),
    (_provider("rejected", 400, "moderation_blocked"), Cause.BLOCKED, Remedy.REPHRASE),
    (_provider("policy", 400, "content_policy_violation"), Cause.BLOCKED, Remedy.REPHRASE),
    (_provider("gone", 404, "model_not_found"), Cause.MODEL_UNAVAILABLE, Remedy.OTHER_MODEL),
    (_provider("gone", 400, "model_not_exist"), Cause.MODEL_UNAVAILABLE, Remedy.OTHER_MODEL),
    (_provider("The model x does not exist", 404), Cause.MODEL_UNAVAILABLE, Remedy.OTHER_MODEL),
    (StudioError(N, "The read timed out after 300 s"), Cause.TIMEOUT, Remedy.RETRY),
    (StudioError(N, "[Errno 111] Connection refused"), Cause.NETWORK, Remedy.RETRY),
    (_provider("<html>524</html>", 524), Cause.GATEWAY, Remedy.RETRY),
    (_provider("bad gateway", 502), Cause.GATEWAY, Remedy.RETRY),
    (_provider("no such route", 404), Cause.PROVIDER, Remedy.RETRY),
    (_provider("oops", 500, "server_error"), Cause.PROVIDER, Remedy.RETRY),
]


@pytest.mark.parametrize(("err", "cause", "remedy"), CASES, ids=[c[1].value for c in CASES])
def test_each_failure_has_a_cause_and_a_remedy(
    err: StudioError, cause: Cause, remedy: Remedy
) -> None:
    found = advise(err)
    assert (found.cause, found.remedy) == (cause, remedy)


def test_every_cause_is_reachable() -> None:
    assert {c[1] for c in CASES} == set(Cause)
    assert {c[2] for c in CASES} == set(Remedy)


def test_rate_limit_says_how_long_to_wait_in_whole_seconds() -> None:
    err = StudioError(ErrorKind.PROVIDER, "slow down", status=429, retry_after=12.2)
    assert advise(err) == Advice(Cause.RATE_LIMITED, Remedy.WAIT, 13)
    assert advise(StudioError(ErrorKind.PROVIDER, "x", status=429)).retry_after is None
    assert advise(StudioError(ErrorKind.PROVIDER, "x", code="rate_limit_exceeded")).cause is (
        Cause.RATE_LIMITED
    )


def test_a_gateway_timeout_on_the_network_path_is_a_timeout() -> None:
    err = StudioError(ErrorKind.NETWORK, "Gateway Timeout", status=504)
    assert advise(err).cause is Cause.TIMEOUT
    templated = StudioError.of(ErrorKind.NETWORK, "No answer within {s} s.", s=30)
    assert advise(templated).cause is Cause.NETWORK  # no timeout words, no gateway status


def test_json_form_names_cause_action_and_wait() -> None:
    err = StudioError(ErrorKind.PROVIDER, "slow", status=429, retry_after=3)
    assert advise(err).to_json() == {"cause": "rate_limited", "action": "wait", "wait": 3}
    assert advise(StudioError.cancelled()).to_json() == {
        "cause": "cancelled",
        "action": "retry",
        "wait": None,
    }
