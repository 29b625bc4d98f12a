"""Failures in plain words, with what to do next.

What a failure means and what to do about it is core's classification
(:func:`studio.core.advice.advise`, which the CLI's JSON carries too); this words
each case as a translated title and sentence and picks the button the window offers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from studio.core import advice as core_advice
from studio.core.advice import Cause, Remedy
from studio.core.errors import StudioError
from studio.ui.core_text import error_text, problem_text


class Action(enum.Enum):
    NONE = "none"
    OPEN_SETTINGS = "settings"  # the key or the address is wrong
    ADD_KEY = "add_key"  # nothing was sent: the provider has no key yet (retrying cannot help)
    RETRY = "retry"
    REPHRASE = "rephrase"
    SWITCH_MODEL = "switch"  # the model has shut down: run the job on its replacement


# the button the window offers for each remedy (waiting ends in a retry)
_ACTION_FOR = {
    Remedy.NONE: Action.NONE,
    Remedy.FIX_KEY: Action.OPEN_SETTINGS,
    Remedy.WAIT: Action.RETRY,
    Remedy.REPHRASE: Action.REPHRASE,
    Remedy.RETRY: Action.RETRY,
    Remedy.OTHER_MODEL: Action.RETRY,
}


@dataclass(frozen=True)
class Advice:
    title: str
    text: str
    action: Action = Action.RETRY


def advise(err: StudioError, provider_name: str = "") -> Advice:
    found = core_advice.advise(err)
    action = _ACTION_FOR[found.remedy]
    detail = error_text(err)
    cause = found.cause
    if cause is Cause.CANCELLED:
        return Advice(
            QCoreApplication.translate("ErrorText", "Cancelled"),
            QCoreApplication.translate("ErrorText", "The job was stopped. Retry runs it again."),
            action,
        )
    if cause is Cause.NO_KEY:
        return Advice(
            QCoreApplication.translate("ErrorText", "No API key"),
            QCoreApplication.translate(
                "ErrorText", "%1 needs an API key. Add it in Settings → Providers."
            ).replace(
                "%1", provider_name or QCoreApplication.translate("ErrorText", "This provider")
            ),
            Action.ADD_KEY,
        )
    if cause is Cause.INVALID_REQUEST:
        if err.problems:  # the same "field: message; ..." as err.message, translated
            detail = "; ".join(f"{p.field}: {problem_text(p)}" for p in err.problems)
        return Advice(QCoreApplication.translate("ErrorText", "Not sent"), detail, action)
    if cause is Cause.KEY_REJECTED:
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
            action,
        )
    if cause is Cause.NO_CREDIT:
        return Advice(
            QCoreApplication.translate("ErrorText", "No balance or no access"),
            QCoreApplication.translate(
                "ErrorText",
                "The provider refused the job: the account may be out of credit, or the key may "
                "not be allowed to use this model.",
            )
            + "\n"
            + detail,
            action,
        )
    if cause is Cause.RATE_LIMITED:
        if found.retry_after:
            when = QCoreApplication.translate("ErrorText", "Try again in %1 seconds.").replace(
                "%1", str(found.retry_after)
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
            action,
        )
    if cause is Cause.BLOCKED:
        return Advice(
            QCoreApplication.translate("ErrorText", "Blocked by the content filter"),
            detail
            + "\n"
            + QCoreApplication.translate(
                "ErrorText", "Try rephrasing the prompt, or choose a lower moderation level."
            ),
            action,
        )
    if cause is Cause.TIMEOUT:
        return Advice(
            QCoreApplication.translate("ErrorText", "The request timed out"),
            detail
            + "\n"
            + QCoreApplication.translate(
                "ErrorText",
                "Long generations can be cut by proxies: turn on streaming, or raise the "
                "timeout in Settings.",
            ),
            action,
        )
    if cause is Cause.NETWORK:
        return Advice(QCoreApplication.translate("ErrorText", "Network problem"), detail, action)
    if cause is Cause.GATEWAY:
        return Advice(
            QCoreApplication.translate("ErrorText", "The provider or a proxy failed"),
            detail
            + "\n"
            + QCoreApplication.translate(
                "ErrorText", "Turn on streaming or raise the timeout if this keeps happening."
            ),
            action,
        )
    # Cause.PROVIDER and Cause.MODEL_UNAVAILABLE: the provider's own words say it best
    title = QCoreApplication.translate("ErrorText", "The provider reported an error")
    if err.status:
        title += f" ({err.status})"
    return Advice(title, detail, action)
