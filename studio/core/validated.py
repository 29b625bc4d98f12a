"""A request the model's table accepts, as a type.

:func:`check_request` is the one validation a request passes on its way out:
the compose panel's live feedback calls it, and ``Studio.run_job`` calls it for
a request that has not been through it. It alone makes a
:class:`ValidatedRequest`; a provider client takes nothing else, so a request
that was never checked cannot reach the wire, and one that was is not checked
again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studio.core.capabilities import ModelCaps
from studio.core.errors import Problem, StudioError
from studio.core.request import ImageRequest

#: only this module holds it, so only this module makes a ValidatedRequest
_SEAL = object()


@dataclass(frozen=True)
class ValidatedRequest:
    """``request`` as judged against ``caps`` (the table it was judged by travels with it,
    so the client splits ``n`` and words errors by the same entry)."""

    request: ImageRequest
    caps: ModelCaps
    _seal: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._seal is not _SEAL:
            raise TypeError("only check_request (studio.core.validated) makes a ValidatedRequest")

    @property
    def model(self) -> str:
        return self.request.model


@dataclass(frozen=True)
class Checked:
    """The verdict on a request: its problems, and the validated request when there are none."""

    problems: tuple[Problem, ...]
    valid: ValidatedRequest | None


def check_request(request: ImageRequest, caps: ModelCaps) -> Checked:
    """Judge ``request`` by ``caps`` (the model's table entry)."""
    from studio.core.validation import validate  # Pillow and friends load on first use

    problems = tuple(validate(request, caps))
    if problems:
        return Checked(problems, None)
    return Checked((), ValidatedRequest(request, caps, _SEAL))


def validated(request: ImageRequest, caps: ModelCaps) -> ValidatedRequest:
    """``request`` validated by ``caps``; raises a validation :class:`StudioError` if it is not."""
    checked = check_request(request, caps)
    if checked.valid is None:
        raise StudioError.validation(list(checked.problems))
    return checked.valid
