"""What Settings → Providers → Test says: what happened, at which address, what to do.

The job error bar words a failure for someone composing a job ("open the
provider settings"); here the person is in those settings already, so each case
says once what happened, names the address that was asked, and the next step on
this page.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio.core import advice as core_advice
from studio.core.advice import Cause
from studio.core.errors import StudioError
from studio.ui.core_text import error_text


def test_failure_text(err: BaseException, provider_name: str, address: str) -> str:
    """One paragraph for a failed Test of ``provider_name`` at ``address``."""
    if not isinstance(err, StudioError):
        return (
            QCoreApplication.translate("TestText", "Testing %1 at %2 failed: %3")
            .replace("%1", provider_name)
            .replace("%2", address)
            .replace("%3", str(err))
        )
    cause = core_advice.advise(err).cause
    detail = error_text(err).strip()
    if cause is Cause.INVALID_REQUEST:  # refused here (plain HTTP, a bad address)
        text = QCoreApplication.translate("TestText", "Nothing was sent to %1 at %2: %3")
        return text.replace("%1", provider_name).replace("%2", address).replace("%3", detail)
    if cause is Cause.NO_KEY:
        text = QCoreApplication.translate(
            "TestText",
            "%1 needs an API key. Paste it in the key field below, then press Test again.",
        )
    elif cause is Cause.KEY_REJECTED:
        text = QCoreApplication.translate(
            "TestText",
            "%1 at %2 refused the key (401). Paste the right key below and press Test again.",
        )
    elif cause is Cause.NO_CREDIT:
        text = QCoreApplication.translate(
            "TestText",
            "%1 at %2 accepted the connection but refused the key's access (403): the "
            "account may be out of credit or the key not allowed here. Check the account "
            "on the provider's site.",
        )
    elif cause is Cause.TIMEOUT:
        text = QCoreApplication.translate(
            "TestText",
            "%1 at %2 did not answer in time. Check the address and the proxy (Network tab), "
            "or try again later.",
        )
    elif cause is Cause.NETWORK:
        text = QCoreApplication.translate(
            "TestText",
            "Could not reach %1 at %2 (%3). Check the Base URL above, your network and "
            "the proxy (Network tab).",
        )
        return text.replace("%1", provider_name).replace("%2", address).replace("%3", detail)
    elif cause is Cause.GATEWAY:
        text = QCoreApplication.translate(
            "TestText", "%1 at %2 or a proxy in front of it failed (%3). Try again in a moment."
        )
        return text.replace("%1", provider_name).replace("%2", address).replace("%3", detail)
    elif cause is Cause.RATE_LIMITED:
        text = QCoreApplication.translate(
            "TestText", "%1 at %2 is rate limiting. Wait a little and press Test again."
        )
    else:
        text = QCoreApplication.translate("TestText", "%1 at %2 answered with an error: %3")
        return text.replace("%1", provider_name).replace("%2", address).replace("%3", detail)
    return text.replace("%1", provider_name).replace("%2", address)
