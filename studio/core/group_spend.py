"""What a group's members are charged and in which currency (Qt-free)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from studio.core.errors import ErrorKind, StudioError
from studio.core.history.groups import Group, Member, MemberSpec, MemberState
from studio.core.money import DEFAULT_CURRENCY, model_currency

if TYPE_CHECKING:
    from studio.core.service import Studio


def _priced(studio: Studio, target: dict[str, Any]) -> dict[str, Any]:
    """``target`` with the currency its model is priced in (what its estimate, and the
    spend cap of a group of it, are counted in)."""
    currency = model_currency(studio.capabilities.get(str(target.get("model", ""))))
    return {**target, "currency": currency}


def target_currency(target: dict[str, Any]) -> str:
    """The currency a stored member's estimate is in (a group stored before members
    knew it was priced in USD)."""
    return str(target.get("currency") or DEFAULT_CURRENCY)


def same_target(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two stored targets are the same model on the same provider with the same
    parameters (the currency a member was planned in, or not, aside)."""
    return {k: v for k, v in a.items() if k != "currency"} == {
        k: v for k, v in b.items() if k != "currency"
    }


def _charged(
    cost: float | None, estimate: float | None, state: MemberState, error: dict[str, Any] | None
) -> float:
    """What a finished member counts against a spend cap: its actual cost, else its
    estimate when it may have been paid for (not when it was refused, skipped, or
    failed before the provider could have processed it)."""
    if cost is not None:
        return cost
    unpaid = (MemberState.REFUSED, MemberState.SKIPPED, MemberState.QUEUED)
    if state in unpaid or estimate is None:
        return 0.0
    if error is not None and error.get("maybe_processed") is False:
        return 0.0
    return estimate


def charged(member: Member) -> tuple[str, float]:
    """A finished member's currency and what it counts as spent: its actual cost in its
    job's currency, else its estimate in the currency it was planned in."""
    amount = _charged(member.cost, member.estimate, member.state, member.error)
    currency = target_currency(member.target)
    if member.cost is not None and member.cost_currency:
        currency = member.cost_currency
    return currency, amount


def group_currencies(members: Iterable[Member | MemberSpec]) -> list[str]:
    """The currencies a group's members are priced in, in the order they first come (a
    member refused before anything was sent costs nothing and counts in none)."""
    found: dict[str, None] = {}
    for m in members:
        if isinstance(m, MemberSpec) and m.refused is not None:
            continue
        if isinstance(m, Member) and m.state is MemberState.REFUSED:
            continue
        found[target_currency(m.target)] = None
        if isinstance(m, Member) and m.cost is not None and m.cost_currency:
            found[m.cost_currency] = None
    return list(found)


def cap_currency(members: Iterable[Member | MemberSpec]) -> str:
    """The one currency a spend cap on ``members`` is counted in; raises a validation
    StudioError (nothing was sent) when they are priced in several."""
    currencies = group_currencies(members)
    if len(currencies) > 1:
        raise StudioError.of(
            ErrorKind.VALIDATION,
            "A spend cap is counted in one currency, but these targets are priced in"
            " {currencies}: run them without a cap, or run the targets of each currency"
            " separately.",
            currencies=", ".join(currencies),
            maybe_processed=False,
        )
    return currencies[0] if currencies else DEFAULT_CURRENCY


def group_spent(group: Group) -> dict[str, float]:
    """What a group's finished members count as spent (as its runner counts them), per
    currency: every currency its members are priced in, even at nothing spent yet."""
    return members_spent(group.members)


def members_spent(members: Sequence[Member]) -> dict[str, float]:
    """What finished ``members`` count as spent, per currency (see :func:`group_spent`)."""
    spent = dict.fromkeys(group_currencies(members), 0.0)
    for m in members:
        currency, amount = charged(m)
        if amount or currency in spent:
            spent[currency] = spent.get(currency, 0.0) + amount
    return spent


def retry_spend(group: Group, member: Member, cap: float | None) -> float | None:
    """What ``group`` already spent in ``member``'s currency when sending ``member`` again
    could take it past ``cap`` (its estimate unknown, or over); None when it fits, or
    the group has no cap."""
    if cap is None:
        return None
    spent = group_spent(group).get(target_currency(member.target), 0.0)
    if member.estimate is None or spent + member.estimate > cap + 1e-9:
        return spent
    return None
