"""What the CLI prints: one JSON object with ``--json``, readable text without, and
the exit codes of the contract (see :mod:`studio.cli`)."""

from __future__ import annotations

import errno
import json
import sys
from typing import Any

from studio.cli_text import QT_TRANSLATE_NOOP, error_message, problem_message, translate
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
            translate(
                "cli",
                "the {what} is not valid UTF-8 text (the shell passed bytes in another "
                "encoding, e.g. Latin-1 or GBK); pass it as UTF-8",
            ).format(what=what)
        ) from None
    return value


def _print(text: str, *, err: bool = False) -> None:
    """Print ``text``; undecodable bytes from argv or file names are replaced, never fatal."""
    from studio.core.request import printable

    print(printable(text), file=sys.stderr if err else sys.stdout)


#: SQLite says "database or disk is full"
_DISK_FULL = QT_TRANSLATE_NOOP(
    "cli",
    "The disk holding the studio's files is full ({exc}). Free some space and try again; "
    "replies not yet stored are kept in the journal until then.",
)
_STORAGE_FAILED = QT_TRANSLATE_NOOP(
    "cli",
    "The studio's files could not be used ({exc}). Another studio may be opening "
    "the same home; try again, or check the folder's space and permissions.",
)


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
        """The history database or the home folder could not be used (``message``, in
        English, says why when the caller knows)."""
        full = getattr(exc, "errno", None) in (errno.ENOSPC, errno.EFBIG) or "full" in str(exc)
        template = _DISK_FULL if message is None and full else _STORAGE_FAILED
        english = message or template.format(exc=exc)
        if self.as_json:
            error = {"kind": "storage", "message": english, "status": None, "code": "storage"}
            _print(json.dumps({"ok": False, "error": error}, ensure_ascii=False))
        else:
            said = message or translate("cli", template).format(exc=exc)
            _print(translate("cli", "error: {reason}").format(reason=said), err=True)
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
            message = error_message(err)
            named = err.status and f"HTTP {err.status}" in message
            details = [f"HTTP {err.status}" if err.status and not named else "", err.code or ""]
            if err.request_id:
                details.append(translate("cli", "request id {id}").format(id=err.request_id))
            extra = ", ".join(d for d in details if d)
            said = message + (f" ({extra})" if extra else "")
            _print(translate("cli", "error: {reason}").format(reason=said), err=True)
            for problem in err.problems[1:] if len(err.problems) > 1 else ():
                _print(f"  - {problem.field}: {problem_message(problem)}", err=True)
            if err.retry_after:
                wait = f"{err.retry_after:g}"
                asks = translate("cli", "The provider asks to try again in {wait} s.")
                print("  " + asks.format(wait=wait), file=sys.stderr)
            if retired and retired.get("replacement"):
                shut = translate("cli", "{model} shut down on {date}: use --model {replacement}.")
                shut = shut.format(
                    model=retired["model"],
                    date=retired["shutdown_date"],
                    replacement=retired["replacement"],
                )
                print("  " + shut, file=sys.stderr)
            else:
                todo = what_to_do(err)
                if todo:
                    todo = translate("cli", "What to do: {advice}").format(advice=todo)
                    print("  " + todo, file=sys.stderr)
        return _EXIT_FOR_KIND[err.kind]


#: the next step for each cause of a failure (``advice.cause`` of ``--json``), in words
_NEXT_STEP = {
    "key_rejected": QT_TRANSLATE_NOOP(
        "cli",
        "check or replace the provider's key (Settings → Providers in the window, "
        "or IMAGE_STUDIO_API_KEY).",
    ),
    "no_credit": QT_TRANSLATE_NOOP(
        "cli",
        "the account may be out of credit, or the key may not be allowed to use this "
        "model: top up or check the account, or choose another --model or --provider.",
    ),
    "rate_limited": QT_TRANSLATE_NOOP("cli", "wait a little, then run the command again."),
    "blocked": QT_TRANSLATE_NOOP(
        "cli", "rephrase the prompt, or try --moderation low where the model takes it."
    ),
    "model_unavailable": QT_TRANSLATE_NOOP(
        "cli", "choose another --model; `image-studio models` lists what the provider offers."
    ),
    "timeout": QT_TRANSLATE_NOOP(
        "cli",
        "run it again; proxies may cut long generations: try --stream, or raise the "
        "timeout in the settings.",
    ),
    "network": QT_TRANSLATE_NOOP(
        "cli",
        "check the connection and the provider's address (--base-url), then run it again.",
    ),
    "gateway": QT_TRANSLATE_NOOP(
        "cli", "run it again later; --stream helps when a proxy cuts long requests."
    ),
    "provider": QT_TRANSLATE_NOOP(
        "cli", "run it again; if it keeps failing, give the provider the request id above."
    ),
}


def what_to_do(err: StudioError) -> str:
    """The next step for a person reading the failure (the ``advice`` of ``--json``, in
    words); empty when the message itself says it or there is nothing to do."""
    from studio.core.advice import Cause, advise

    cause = advise(err).cause
    if cause is Cause.RATE_LIMITED and err.retry_after:
        return ""  # the message says how long to wait
    step = _NEXT_STEP.get(cause.value)
    return translate("cli", step) if step else ""


def _usage_error(message: str) -> StudioError:
    return StudioError(ErrorKind.VALIDATION, message, maybe_processed=False)
