"""What a failure means and what the user can do about it.

One classification of a :class:`StudioError` by its kind, HTTP status and the
provider's code, shared by the window (which words it, translated) and the CLI
(whose ``--json`` error carries it as ``advice``). Adding a case here changes both.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from studio.core.errors import ErrorKind, StudioError


class Cause(enum.StrEnum):
    """What went wrong, as far as the status and the code tell."""

    CANCELLED = "cancelled"  # the user stopped it
    NO_KEY = "no_key"  # nothing was sent: the provider needs a key
    INVALID_REQUEST = "invalid_request"  # nothing was sent: the request breaks a rule
    KEY_REJECTED = "key_rejected"  # 401 / invalid_api_key
    NO_CREDIT = "no_credit"  # 402 / 403 / a quota code: out of credit or no access
    RATE_LIMITED = "rate_limited"  # 429
    BLOCKED = "blocked"  # the content filter refused the prompt or image
    MODEL_UNAVAILABLE = "model_unavailable"  # 404 model_not_found: retired or unknown
    TIMEOUT = "timeout"  # no answer in time (network) or a gateway timeout
    NETWORK = "network"  # could not connect, or the connection broke
    GATEWAY = "gateway"  # 502/503/504/524 from the provider or a proxy in front of it
    PROVIDER = "provider"  # any other error the provider answered with


class Remedy(enum.StrEnum):
    """The one thing to offer the user next."""

    NONE = "none"  # fix the request (nothing was sent, retrying alone would not help)
    FIX_KEY = "fix_key"  # add or replace the key, or check the account, in the settings
    WAIT = "wait"  # wait (``retry_after`` seconds when known), then retry
    REPHRASE = "rephrase"  # change the prompt (or the moderation level)
    RETRY = "retry"  # try again as it is
    OTHER_MODEL = "other_model"  # choose another model


@dataclass(frozen=True)
class Advice:
    cause: Cause
    remedy: Remedy
    #: whole seconds to wait before retrying, when the provider said
    retry_after: int | None = None

    def to_json(self) -> dict[str, object]:
        """The ``advice`` object of the CLI's JSON error."""
        return {"cause": self.cause.value, "action": self.remedy.value, "wait": self.retry_after}


_TIMEOUT_STATUSES = (504, 524)
_GATEWAY_STATUSES = (502, 503, 504, 524)
#: codes OpenAI and the relays use for "no such model (any more)"
_MODEL_CODES = ("model_not_found", "model_not_exist", "model_does_not_exist")


def _is_timeout(err: StudioError) -> bool:
    words = f"{err.template} {err.message}".lower()
    return "timeout" in words or "timed out" in words or err.status in _TIMEOUT_STATUSES


def _model_gone(err: StudioError) -> bool:
    """A 404 whose words say the model does not exist (a relay without a code)."""
    words = (err.message or "").lower()
    return err.status == 404 and "model" in words and ("not exist" in words or "not found" in words)


def _out_of_credit(code: str) -> bool:
    """OpenAI's codes and the relays' (new-api: ``insufficient_user_quota``,
    ``pre_consume_token_quota_failed``): the account or token has no credit left."""
    return code in ("insufficient_quota", "insufficient_balance") or (
        "quota" in code and "rate" not in code
    )


def advise(err: StudioError) -> Advice:
    """Classify ``err``: what it means and what to do next."""
    code = (err.code or "").lower()
    if err.kind is ErrorKind.CANCELLED:
        return Advice(Cause.CANCELLED, Remedy.RETRY)
    if err.kind is ErrorKind.VALIDATION:
        if any(p.field == "key" for p in err.problems):
            return Advice(Cause.NO_KEY, Remedy.FIX_KEY)
        return Advice(Cause.INVALID_REQUEST, Remedy.NONE)
    if code in _MODEL_CODES or _model_gone(err):
        return Advice(Cause.MODEL_UNAVAILABLE, Remedy.OTHER_MODEL)
    if err.status == 401 or code in ("invalid_api_key", "unauthorized"):
        return Advice(Cause.KEY_REJECTED, Remedy.FIX_KEY)
    if err.status in (402, 403) or _out_of_credit(code):
        return Advice(Cause.NO_CREDIT, Remedy.FIX_KEY)
    if err.status == 429 or code == "rate_limit_exceeded":
        wait = math.ceil(err.retry_after) if err.retry_after else None
        return Advice(Cause.RATE_LIMITED, Remedy.WAIT, wait)
    if code in ("moderation_blocked", "content_policy_violation") or "moderation" in code:
        return Advice(Cause.BLOCKED, Remedy.REPHRASE)
    if err.kind is ErrorKind.NETWORK:
        return Advice(Cause.TIMEOUT if _is_timeout(err) else Cause.NETWORK, Remedy.RETRY)
    if err.status in _GATEWAY_STATUSES:
        return Advice(Cause.GATEWAY, Remedy.RETRY)
    return Advice(Cause.PROVIDER, Remedy.RETRY)
