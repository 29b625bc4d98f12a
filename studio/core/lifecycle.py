"""Model lifecycle: active, deprecated (shutting down on a date) or retired.

The facts are table data (``lifecycle = { shutdown, replacements, relay_may_serve,
source }`` in the capability tables); the state is always computed against a
date, so a model whose shutdown date has passed is retired without a table edit.
A provider's own ``GET /models`` ``shutdown_date`` values may override the
tables for that provider (see :mod:`studio.core.model_signals`).

:func:`carry_over` moves a request's settings to the replacement model and
says which ones the replacement does not take.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studio.core.capabilities import ModelCaps
    from studio.core.request import ImageRequest

#: set to an ISO date to make "today" that date (tests, reproducing a report)
TODAY_ENV = "IMAGE_STUDIO_TODAY"


def today() -> dt.date:
    """Today's date in UTC (OpenAI's shutdown dates are UTC days), or ``$IMAGE_STUDIO_TODAY``."""
    raw = os.environ.get(TODAY_ENV, "").strip()
    if raw:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    return dt.datetime.now(dt.UTC).date()


class State(enum.StrEnum):
    ACTIVE = "active"
    DEPRECATED = "deprecated"  # still served, shutdown date announced
    RETIRED = "retired"  # shut down by its maker


@dataclass(frozen=True)
class Lifecycle:
    """A model's lifecycle facts; its state depends on the day asked about."""

    #: the day the maker shuts (or shut) the model down; None = none announced
    shutdown: dt.date | None = None
    #: models to move to, best first
    replacements: tuple[str, ...] = ()
    #: after shutdown, relays may still serve the name (from other upstreams)
    relay_may_serve: bool = False
    #: where the facts come from: a developer note, never shown in the window
    source: str = ""

    def state_on(self, day: dt.date | None = None) -> State:
        """The state on ``day`` (default: :func:`today`)."""
        if self.shutdown is None:
            return State.ACTIVE
        return State.RETIRED if (day or today()) >= self.shutdown else State.DEPRECATED

    @property
    def replacement(self) -> str | None:
        """The first replacement, or None."""
        return self.replacements[0] if self.replacements else None

    # -- older readers ---------------------------------------------------------------

    @property
    def retired(self) -> str | None:
        """The shutdown date (ISO) if it has passed today, else None."""
        if self.shutdown is not None and self.state_on() is State.RETIRED:
            return self.shutdown.isoformat()
        return None

    @property
    def relay_only(self) -> bool:
        """Retired by its maker, but relays may still serve it."""
        return self.relay_may_serve and self.retired is not None

    def with_shutdown(self, shutdown: dt.date | None, source: str) -> Lifecycle:
        """The same facts with another shutdown date (a provider's own signal)."""
        return replace(self, shutdown=shutdown, source=source)


def parse_date(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` string (or a TOML date) as a date; anything else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class CarryOver:
    """A request moved to another model: what was kept and what was dropped."""

    request: ImageRequest
    #: parameter names the new model does not take (or takes with other values)
    dropped: tuple[str, ...]


def carry_over(request: ImageRequest, caps: ModelCaps) -> CarryOver:
    """``request`` for the model ``caps``: every setting it takes, the rest dropped.

    A value the new model's table refuses (say ``quality = "hd"``) is dropped too,
    so the new request passes validation on those fields; an image-count above the
    new model's maximum is lowered to it and counted as dropped.
    """
    from studio.core.validation import check_value

    kept: dict[str, Any] = {}
    dropped: list[str] = []
    for name, value in request.params.items():
        spec = caps.params.get(name)
        if value is None:
            continue
        if spec is None or request.mode not in spec.modes:
            dropped.append(name)
        elif name == "n" and isinstance(value, int) and value > caps.n_max:
            kept[name] = caps.n_max
            dropped.append(name)
        elif check_value(spec, value, caps.id) is not None:
            dropped.append(name)
        else:
            kept[name] = value
    moved = replace(request, model=caps.id, params=kept)
    if request.mask is not None and not caps.inputs.mask:
        moved = replace(moved, mask=None)
        dropped.append("mask")
    return CarryOver(moved, tuple(dropped))
