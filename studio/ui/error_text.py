"""Failures in plain words, with what to do next.

The core's :class:`StudioError` carries the status, the provider's code and
message; this turns the common cases into a sentence and an action (open the
provider's settings, retry later, rephrase) the window can offer.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from studio.core.errors import ErrorKind, StudioError
from studio.ui.core_text import error_text, problem_text


class Action(enum.Enum):
    NONE = "none"
    OPEN_SETTINGS = "settings"  # the key or the address is wrong
    RETRY = "retry"
    REPHRASE = "rephrase"
    SWITCH_MODEL = "switch"  # the model has shut down: run the job on its replacement


@dataclass(frozen=True)
class Advice:
    title: str
    text: str
    action: Action = Action.RETRY


def _seconds(value: float) -> str:
    return str(int(value + 0.999))


def advise(err: StudioError, provider_name: str = "") -> Advice:
    detail = error_text(err)
    code = (err.code or "").lower()
    if err.kind is ErrorKind.CANCELLED:
        return Advice(
            QCoreApplication.translate("ErrorText", "Cancelled"),
            QCoreApplication.translate("ErrorText", "The job was stopped. Retry runs it again."),
        )
    if err.kind is ErrorKind.VALIDATION:
        if any(p.field == "key" for p in err.problems):
            return Advice(
                QCoreApplication.translate("ErrorText", "No API key"),
                QCoreApplication.translate(
                    "ErrorText", "%1 needs an API key. Add it in Settings → Providers."
                ).replace(
                    "%1", provider_name or QCoreApplication.translate("ErrorText", "This provider")
                ),
                Action.OPEN_SETTINGS,
            )
        if err.problems:  # the same "field: message; ..." as err.message, translated
            detail = "; ".join(f"{p.field}: {problem_text(p)}" for p in err.problems)
        return Advice(QCoreApplication.translate("ErrorText", "Not sent"), detail, Action.NONE)
    if err.status == 401 or code in ("invalid_api_key", "unauthorized"):
        return Advice(
            QCoreApplication.translate("ErrorText", "The API key was rejected"),
            QCoreApplication.translate(
                "ErrorText",
                "%1 did not accept the key (401). Check or replace it in the provider's settings.",
            ).replace(
                "%1", provider_name or QCoreApplication.translate("ErrorText", "The provider")
            )
            + "\n"
            + detail,
            Action.OPEN_SETTINGS,
        )
    if err.status == 403 or code in ("insufficient_quota", "insufficient_balance"):
        return Advice(
            QCoreApplication.translate("ErrorText", "No balance or no access"),
            QCoreApplication.translate(
                "ErrorText",
                "The provider refused the job: the account may be out of credit, or the key may "
                "not be allowed to use this model.",
            )
            + "\n"
            + detail,
            Action.OPEN_SETTINGS,
        )
    if err.status == 429 or code == "rate_limit_exceeded":
        if err.retry_after:
            when = QCoreApplication.translate("ErrorText", "Try again in %1 seconds.").replace(
                "%1", _seconds(err.retry_after)
            )
        else:
            when = QCoreApplication.translate("ErrorText", "Wait a little and try again.")
        return Advice(
            QCoreApplication.translate("ErrorText", "Too many requests"),
            QCoreApplication.translate("ErrorText", "The provider is rate limiting.")
            + " "
            + when
            + "\n"
            + detail,
        )
    if code in ("moderation_blocked", "content_policy_violation") or "moderation" in code:
        return Advice(
            QCoreApplication.translate("ErrorText", "Blocked by the content filter"),
            detail
            + "\n"
            + QCoreApplication.translate(
                "ErrorText", "Try rephrasing the prompt, or choose a lower moderation level."
            ),
            Action.REPHRASE,
        )
    if err.kind is ErrorKind.NETWORK:
        low = detail.lower()
        if "timeout" in low or "timed out" in low or err.status in (504, 524):
            return Advice(
                QCoreApplication.translate("ErrorText", "The request timed out"),
                detail
                + "\n"
                + QCoreApplication.translate(
                    "ErrorText",
                    "Long generations can be cut by proxies: turn on streaming, or raise the "
                    "timeout in Settings.",
                ),
            )
        return Advice(QCoreApplication.translate("ErrorText", "Network problem"), detail)
    if err.status in (502, 503, 504, 524):
        return Advice(
            QCoreApplication.translate("ErrorText", "The provider or a proxy failed"),
            detail
            + "\n"
            + QCoreApplication.translate(
                "ErrorText", "Turn on streaming or raise the timeout if this keeps happening."
            ),
        )
    title = QCoreApplication.translate("ErrorText", "The provider reported an error")
    if err.status:
        title += f" ({err.status})"
    return Advice(title, detail)
