"""What the CLI prints: one JSON object with ``--json``, readable text without, and
the exit codes of the contract (see :mod:`studio.cli`)."""

from __future__ import annotations

import errno
import json
import sys
from typing import Any

from studio.core.errors import ErrorKind, StudioError

EXIT_OK, EXIT_USAGE, EXIT_PROVIDER, EXIT_NETWORK, EXIT_INTERRUPTED = 0, 2, 3, 4, 130
EXIT_STORAGE = 5
_EXIT_FOR_KIND = {
    ErrorKind.VALIDATION: EXIT_USAGE,
    ErrorKind.PROVIDER: EXIT_PROVIDER,
    ErrorKind.NETWORK: EXIT_NETWORK,
    ErrorKind.CANCELLED: EXIT_INTERRUPTED,
}


class _UsageError(Exception):
    """A command line argparse refused; ``parser`` is the (sub)command's grammar whose
    usage line helps (None: the whole program's)."""

    def __init__(self, message: str, parser: object | None = None) -> None:
        super().__init__(message)
        self.parser = parser


def _utf8_text(value: str | None, what: str) -> str | None:
    """Argument text that is valid UTF-8 (argv bytes in another encoding are refused)."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _UsageError(
            f"the {what} is not valid UTF-8 text (the shell passed bytes in another "
            "encoding, e.g. Latin-1 or GBK); pass it as UTF-8"
        ) from None
    return value


def _print(text: str, *, err: bool = False) -> None:
    """Print ``text``; undecodable bytes from argv or file names are replaced, never fatal."""
    from studio.core.request import printable

    print(printable(text), file=sys.stderr if err else sys.stdout)


class _Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def success(self, payload: dict[str, Any], text: str) -> int:
        if self.as_json:
            _print(json.dumps({"ok": True, **payload}, ensure_ascii=False))
        else:
            _print(text)
        return EXIT_OK

    def storage_failure(self, exc: BaseException, message: str | None = None) -> int:
        """The history database or the home folder could not be used (``message`` says why)."""
        full = getattr(exc, "errno", None) in (errno.ENOSPC, errno.EFBIG) or "full" in str(exc)
        if message is None and full:  # SQLite says "database or disk is full"
            message = (
                f"The disk holding the studio's files is full ({exc}). Free some space and "
                "try again; replies not yet stored are kept in the journal until then."
            )
        message = message or (
            f"The studio's files could not be used ({exc}). Another studio may be opening "
            "the same home; try again, or check the folder's space and permissions."
        )
        if self.as_json:
            error = {"kind": "storage", "message": message, "status": None, "code": "storage"}
            _print(json.dumps({"ok": False, "error": error}, ensure_ascii=False))
        else:
            _print(f"error: {message}", err=True)
        return EXIT_STORAGE

    def failure(self, err: StudioError, retired: dict[str, Any] | None = None) -> int:
        if self.as_json:
            from studio.core.advice import advise

            error = err.to_json()
            # additions to the contract's four fields (scripts may ignore them)
            error["request_id"] = err.request_id
            error["retry_after"] = err.retry_after
            error["advice"] = advise(err).to_json()
            if retired:
                error["retired"] = retired
            _print(json.dumps({"ok": False, "error": error}, ensure_ascii=False))
        else:
            # the studio's sentence often names the status already ("... (HTTP 402): ...")
            named = err.status and f"HTTP {err.status}" in err.message
            details = [f"HTTP {err.status}" if err.status and not named else "", err.code or ""]
            if err.request_id:
                details.append(f"request id {err.request_id}")
            extra = ", ".join(d for d in details if d)
            _print(f"error: {err.message}" + (f" ({extra})" if extra else ""), err=True)
            for problem in err.problems[1:] if len(err.problems) > 1 else ():
                _print(f"  - {problem}", err=True)
            if err.retry_after:
                wait = f"{err.retry_after:g}"
                print(f"  The provider asks to try again in {wait} s.", file=sys.stderr)
            if retired and retired.get("replacement"):
                print(
                    f"  {retired['model']} shut down on {retired['shutdown_date']}: "
                    f"use --model {retired['replacement']}.",
                    file=sys.stderr,
                )
            else:
                todo = what_to_do(err)
                if todo:
                    print(f"  What to do: {todo}", file=sys.stderr)
        return _EXIT_FOR_KIND[err.kind]


def what_to_do(err: StudioError) -> str:
    """The next step for a person reading the failure (the ``advice`` of ``--json``, in
    words); empty when the message itself says it or there is nothing to do."""
    from studio.core.advice import Cause, advise

    found = advise(err)
    cause = found.cause
    if cause is Cause.KEY_REJECTED:
        return (
            "check or replace the provider's key (Settings → Providers in the window, "
            "or IMAGE_STUDIO_API_KEY)."
        )
    if cause is Cause.NO_CREDIT:
        return (
            "the account may be out of credit, or the key may not be allowed to use this "
            "model: top up or check the account, or choose another --model or --provider."
        )
    if cause is Cause.RATE_LIMITED and not err.retry_after:
        return "wait a little, then run the command again."
    if cause is Cause.BLOCKED:
        return "rephrase the prompt, or try --moderation low where the model takes it."
    if cause is Cause.MODEL_UNAVAILABLE:
        return "choose another --model; `image-studio models` lists what the provider offers."
    if cause is Cause.TIMEOUT:
        return (
            "run it again; proxies may cut long generations: try --stream, or raise the "
            "timeout in the settings."
        )
    if cause is Cause.NETWORK:
        return "check the connection and the provider's address (--base-url), then run it again."
    if cause is Cause.GATEWAY:
        return "run it again later; --stream helps when a proxy cuts long requests."
    if cause is Cause.PROVIDER:
        return "run it again; if it keeps failing, give the provider the request id above."
    return ""


def _usage_error(message: str) -> StudioError:
    return StudioError(ErrorKind.VALIDATION, message, maybe_processed=False)
