"""Settings that name a retired model move to its replacement, once, with one notice.

A provider that follows OpenAI's shutdowns (``serves_retired = false`` in its
profile: OpenAI itself, the sandbox) cannot run a shut-down model, so a saved
default model that has retired is replaced by the first replacement the tables
name. Relays that may still serve the old name keep it, unless the tables say
no relay serves it either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from studio.core.capabilities import CapabilityRegistry
from studio.core.errors import Problem
from studio.core.lifecycle import State, today
from studio.core.providers import Provider
from studio.core.settings import Settings, providers


@dataclass(frozen=True)
class ModelMove:
    """A default model of a provider moved from a shut-down model to its replacement."""

    provider_id: str
    old: str
    new: str
    shutdown: dt.date


def replacement_for(
    model_id: str, registry: CapabilityRegistry, provider: Provider | None = None
) -> str | None:
    """The first replacement the tables know, preferring one ``provider`` lists."""
    caps = registry.get(model_id)
    if caps is None:
        return None
    known = [m for m in caps.lifecycle.replacements if registry.get(m) is not None]
    if provider is not None and provider.models:
        listed = [m for m in known if m in provider.models]
        known = listed or known
    return known[0] if known else None


def must_move(
    model_id: str, provider: Provider, registry: CapabilityRegistry, day: dt.date
) -> bool:
    """Whether ``provider`` can no longer run ``model_id`` on ``day``."""
    caps = registry.get(model_id)
    if caps is None or caps.lifecycle.state_on(day) is not State.RETIRED:
        return False
    return not (provider.serves_retired and caps.lifecycle.relay_may_serve)


def migrate_retired_defaults(
    settings: Settings, registry: CapabilityRegistry, day: dt.date | None = None
) -> list[ModelMove]:
    """Move every saved default model that has retired; the moves made (settings changed)."""
    day = day or today()
    moves: list[ModelMove] = []
    all_providers: Mapping[str, Provider] = providers(settings)
    for pid, model in sorted(settings.default_models.items()):
        provider = all_providers.get(pid)
        if provider is None or not must_move(model, provider, registry, day):
            continue
        new = replacement_for(model, registry, provider)
        caps = registry.get(model)
        if new is None or caps is None or caps.lifecycle.shutdown is None:
            continue
        settings.default_models[pid] = new
        moves.append(ModelMove(pid, model, new, caps.lifecycle.shutdown))
    return moves


def migration_notice(moves: list[ModelMove]) -> Problem | None:
    """One notice for every move made at this start, or None."""
    if not moves:
        return None
    parts = "; ".join(f"{m.provider_id}: {m.old} → {m.new}" for m in moves)
    return Problem.of(
        "model",
        "Models that have shut down were replaced in your saved defaults ({moves}).",
        moves=parts,
    )
