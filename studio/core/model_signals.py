"""A provider's own lifecycle signal: the ``shutdown_date`` of its ``GET /models`` items.

The only lifecycle fact the API gives. Read in the background, cached per provider
in ``DATA/model-signals.json``, refreshed at most once a day (or when asked), and
laid over the tables for that provider: a date there overrides the table's
shutdown date, a null says the provider announces none.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.core.atomic import write_text_atomic
from studio.core.capabilities import CapabilityRegistry, ModelCaps
from studio.core.lifecycle import parse_date

if TYPE_CHECKING:
    from studio.core.cancel import CancelToken
    from studio.core.providers import Provider
    from studio.core.service import Studio

log = logging.getLogger(__name__)

CACHE_NAME = "model-signals.json"
MAX_AGE_S = 24 * 3600
#: a cache file larger than this is hostile or broken: ignored
MAX_CACHE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class ProviderSignals:
    provider_id: str
    fetched_at: float
    #: model id -> "YYYY-MM-DD" or None, only for items that carried the field
    shutdown: Mapping[str, str | None] = field(default_factory=dict)

    def fresh(self, now: float | None = None) -> bool:
        return 0 <= (now or time.time()) - self.fetched_at < MAX_AGE_S


def cache_path(data_dir: Path) -> Path:
    return data_dir / CACHE_NAME


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_CACHE_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def cached(data_dir: Path, provider_id: str) -> ProviderSignals | None:
    """The cached signals of ``provider_id``, fresh or not (None if there are none)."""
    entry = _read_cache(cache_path(data_dir)).get(provider_id)
    if not isinstance(entry, dict) or not isinstance(entry.get("fetched_at"), int | float):
        return None
    raw = entry.get("shutdown")
    if not isinstance(raw, dict):
        return None
    shutdown = {
        str(k): (v if isinstance(v, str) and parse_date(v) else None) for k, v in raw.items()
    }
    return ProviderSignals(provider_id, float(entry["fetched_at"]), shutdown)


def store(data_dir: Path, signals: ProviderSignals) -> None:
    path = cache_path(data_dir)
    data = _read_cache(path)
    data[signals.provider_id] = {
        "fetched_at": signals.fetched_at,
        "shutdown": dict(signals.shutdown),
    }
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def refresh(
    studio: Studio,
    provider: Provider,
    *,
    force: bool = False,
    cancel: CancelToken | None = None,
    now: float | None = None,
) -> ProviderSignals | None:
    """The provider's signals: from the cache when fresh, else from ``GET /models``.

    Blocking (network): call it from a worker. A provider without a model list
    (``models_endpoint = false``) has none. A failed fetch keeps the old cache and
    raises ``StudioError`` for the caller to show or ignore.
    """
    if not provider.models_endpoint:
        return None
    data_dir = studio.paths.data_dir
    old = cached(data_dir, provider.id)
    if old is not None and not force and old.fresh(now):
        return old
    _ids, dates = studio.list_models_with_dates(studio.resolve(provider), cancel)
    return ProviderSignals(provider.id, now or time.time(), dates)


def apply(
    caps: ModelCaps, signals: ProviderSignals | None, aliases: Mapping[str, str]
) -> ModelCaps:
    """``caps`` with the provider's shutdown date laid over the table's, if it sent one.

    The model's own id wins over an alias's item (a snapshot may retire first).
    """
    if signals is None:
        return caps
    names = [caps.id, *(a for a, target in aliases.items() if target == caps.id)]
    for name in names:
        if name in signals.shutdown:
            when = signals.shutdown[name]
            life = caps.lifecycle.with_shutdown(
                parse_date(when), f"{signals.provider_id} GET /models shutdown_date"
            )
            return replace(caps, lifecycle=life)
    return caps


def registry_for(
    registry: CapabilityRegistry, signals: ProviderSignals | None
) -> CapabilityRegistry:
    """The tables as ``signals``' provider sees them."""
    if signals is None:
        return registry
    aliases = registry.aliases()
    models = {m.id: apply(m, signals, aliases) for m in registry.models()}
    return CapabilityRegistry(models, registry.override_errors, registry.text_prices)
