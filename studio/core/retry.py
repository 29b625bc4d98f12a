"""Automatic retries, only when a retry cannot be billed twice.

The studio is stricter than the reference SDK: it retries by itself only when
the provider cannot have processed the request — the connection was never made
(refused, connect error, connect timeout) or the provider answered 429 with a
``Retry-After`` short enough to wait for. Everything else goes to the user,
who decides (a Retry button), because a second generation may be charged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from studio.core.cancel import CancelToken
from studio.core.errors import ErrorKind, StudioError
from studio.core.events import Retrying

T = TypeVar("T")

MAX_RETRIES = 2
#: waits before the 1st and 2nd retry of a failed connection
CONNECT_BACKOFF = (0.5, 1.5)
_NOT_RETRIED_429 = {"insufficient_quota"}
#: connection failures that another attempt cannot fix
_FINAL = {"tls_error"}


def retry_wait(err: StudioError, retry_no: int, *, max_wait: float) -> float | None:
    """Seconds to wait before retry number ``retry_no`` (1-based), or None: do not retry."""
    if retry_no > MAX_RETRIES:
        return None
    if err.kind is ErrorKind.NETWORK and not err.maybe_processed and err.code not in _FINAL:
        return CONNECT_BACKOFF[min(retry_no, len(CONNECT_BACKOFF)) - 1]
    if (
        err.kind is ErrorKind.PROVIDER
        and err.status == 429
        and err.retry_after is not None
        and err.retry_after <= max_wait
        and err.code not in _NOT_RETRIED_429
    ):
        return max(0.0, err.retry_after)
    return None


def with_retries(
    call: Callable[[], T],
    *,
    max_wait: float,
    cancel: CancelToken | None = None,
    on_retry: Callable[[Retrying], None] | None = None,
) -> T:
    """``call()``, retried at most :data:`MAX_RETRIES` times when that is safe."""
    token = cancel or CancelToken()
    retry_no = 0
    while True:
        token.raise_if_cancelled()
        try:
            return call()
        except StudioError as err:
            if err.kind is ErrorKind.CANCELLED:
                raise
            retry_no += 1
            wait = retry_wait(err, retry_no, max_wait=max_wait)
            if wait is None:
                raise
            if on_retry is not None:
                on_retry(Retrying(attempt=retry_no + 1, wait=wait, reason=err.message))
            if token.wait(wait):
                raise StudioError.cancelled() from None
