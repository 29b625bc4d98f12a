"""A job on a model its maker has shut down: say so, and offer the replacement.

When a provider answers ``model_not_found`` (OpenAI's 404, or a relay's own way
of saying it) for a model the tables know is retired, or a history job on such a
model is reused, the window offers one click to run it on the replacement. The
settings move with :func:`studio.core.lifecycle.carry_over` (every setting the
replacement takes; the rest are named as dropped).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from studio.core.advice import Cause, advise
from studio.core.capabilities import CapabilityRegistry
from studio.core.errors import StudioError
from studio.core.lifecycle import State, carry_over, today
from studio.core.migrate import replacement_for
from studio.core.providers import Provider
from studio.core.request import ImageRequest
from studio.ui.labels import param_name
from studio.ui.model_picker import date_text


def model_gone(err: StudioError) -> bool:
    """Whether ``err`` says the provider does not (or no longer) serve the model."""
    return advise(err).cause is Cause.MODEL_UNAVAILABLE


@dataclass(frozen=True)
class Switch:
    """The same job on the replacement model, and the settings that did not carry over."""

    old: str
    new: str
    shutdown: dt.date | None
    request: ImageRequest
    dropped: tuple[str, ...]


def retired_switch(
    request: ImageRequest,
    provider: Provider,
    registry: CapabilityRegistry,
    day: dt.date | None = None,
) -> Switch | None:
    """The move to the replacement when ``request``'s model has retired, else None.

    ``registry`` is the tables as ``provider`` sees them (its shutdown dates laid over)."""
    caps = registry.get(request.model)
    if caps is None:
        return None
    life = caps.lifecycle
    if life.state_on(day or today()) is not State.RETIRED:
        return None
    new = replacement_for(caps.id, registry, provider)
    new_caps = registry.get(new) if new else None
    if new is None or new_caps is None or not new_caps.supports(request.mode):
        return None
    moved = carry_over(request, new_caps)
    return Switch(request.model, new, life.shutdown, moved.request, moved.dropped)


def switch_title(sw: Switch) -> str:
    return QCoreApplication.translate("RetiredModel", "%1 has been shut down").replace("%1", sw.old)


def switch_text(sw: Switch) -> str:
    """Why the job cannot run as it is, and what running it on the replacement changes."""
    if sw.shutdown is not None:
        text = QCoreApplication.translate(
            "RetiredModel", "Its maker shut %1 down on %2, so the provider no longer runs it."
        ).replace("%2", date_text(sw.shutdown))
    else:
        text = QCoreApplication.translate(
            "RetiredModel", "Its maker shut %1 down, so the provider no longer runs it."
        )
    text = text.replace("%1", sw.old)
    if sw.dropped:
        names = QCoreApplication.translate("RetiredModel", ", ").join(
            param_name(n) for n in sw.dropped
        )
        text += " " + QCoreApplication.translate(
            "RetiredModel", "On %1 every setting carries over except: %2."
        ).replace("%1", sw.new).replace("%2", names)
    else:
        text += " " + QCoreApplication.translate(
            "RetiredModel", "On %1 every setting carries over."
        ).replace("%1", sw.new)
    return text


def switch_button_text(sw: Switch) -> str:
    return QCoreApplication.translate("RetiredModel", "Run again with %1").replace("%1", sw.new)
