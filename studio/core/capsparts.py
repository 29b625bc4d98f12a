"""Reading the plain parts of a capability table: checked scalars and lists, and the
lifecycle, price and token-figure tables (each figure with its source).

:mod:`studio.core.capsload` builds whole model entries from these.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from studio.core.capabilities import Figures, Price, Rate, RateKind
from studio.core.lifecycle import Lifecycle, parse_date


class TableError(ValueError):
    """A semantic error in a table; ``path`` is the key path of the offending table."""

    def __init__(self, message: str, path: tuple[str, ...]) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


_LIFECYCLE_KEYS = {
    "shutdown", "replacements", "relay_may_serve", "source",
    "retired", "relay_only", "note",  # older spellings of shutdown, relay_may_serve, source
}  # fmt: skip


def _want(value: Any, kind: type | tuple[type, ...], what: str, path: tuple[str, ...]) -> Any:
    ok = isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not ok:
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise TableError(f"{what} must be a {names}, not {value!r}", path)
    return value


def _table(value: Any, what: str, path: tuple[str, ...]) -> dict[str, Any]:
    return _want(value, dict, what, path)


def _unknown_keys(
    raw: Mapping[str, Any], known: set[str], what: str, path: tuple[str, ...]
) -> None:
    unknown = sorted(set(raw) - known)
    if unknown:
        raise TableError(f"unknown key '{unknown[0]}' in {what}", path)


def _scalar_list(value: Any, what: str, path: tuple[str, ...]) -> tuple[Any, ...]:
    if not isinstance(value, list) or not value:
        raise TableError(f"{what} must be a non-empty list", path)
    for item in value:
        if not isinstance(item, str | int | float | bool):
            raise TableError(f"{what} may hold only strings, numbers or booleans", path)
    if len({(type(v), v) for v in value}) != len(value):
        raise TableError(f"{what} lists a value twice", path)
    return tuple(value)


def _conditions(value: Any, what: str, path: tuple[str, ...]) -> dict[str, tuple[Any, ...]]:
    table = _table(value, what, path)
    return {k: _scalar_list(v, f"{what}.{k}", path) for k, v in table.items()}


def _int(raw: Mapping[str, Any], key: str, default: int | None, path: tuple[str, ...]) -> Any:
    if key not in raw:
        return default
    return _want(raw[key], int, f"'{key}'", path)


def _number_table(raw: Any, kind: type, what: str, path: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, dict[str, Any]] = {}
    for quality, sizes in _table(raw, what, path).items():
        out[quality] = {
            size: _want(v, kind, f"{what}.{quality}.{size}", path)
            for size, v in _table(sizes, f"{what}.{quality}", path).items()
        }
    return out


def _rate(kind: str, raw: Any, path: tuple[str, ...]) -> Rate:
    raw = _table(raw, f"rate '{kind}'", path)
    _unknown_keys(raw, {"per_million", "source", "official"}, f"rate '{kind}'", path)
    if "per_million" not in raw:
        raise TableError(f"rate '{kind}' needs 'per_million'", path)
    value = _want(raw["per_million"], float, f"rate '{kind}'.per_million", path)
    if value < 0 or not math.isfinite(value):
        raise TableError(f"rate '{kind}' must be a finite number >= 0", path)
    return Rate(
        per_million=value,
        source=_want(raw.get("source", ""), str, f"rate '{kind}'.source", path),
        official=_want(raw.get("official", False), bool, f"rate '{kind}'.official", path),
    )


def _price(raw: Any, path: tuple[str, ...]) -> Price:
    raw = _table(raw, "'price'", path)
    known = {"currency", "per_image", "per_image_table", "rates", "note"}
    _unknown_keys(raw, known | {"per_million_output_tokens"}, "'price'", path)
    per_image = raw.get("per_image")
    rates: dict[RateKind, Rate] = {}
    for kind, rraw in _table(raw.get("rates", {}), "'price.rates'", path).items():
        try:
            rates[RateKind(kind)] = _rate(kind, rraw, path)
        except ValueError as exc:
            if isinstance(exc, TableError):
                raise
            names = ", ".join(k.value for k in RateKind)
            raise TableError(f"unknown rate '{kind}' (use: {names})", path) from None
    per_m = raw.get("per_million_output_tokens")  # the older spelling of rates.image_output
    if per_m is not None:  # written by the user over a built-in entry: it wins
        rates[RateKind.IMAGE_OUTPUT] = Rate(
            _want(per_m, float, "price", path), source=str(raw.get("note", ""))
        )
    return Price(
        currency=_want(raw.get("currency", "USD"), str, "'price.currency'", path),
        per_image=None if per_image is None else _want(per_image, float, "per_image", path),
        per_image_table=_number_table(
            raw.get("per_image_table", {}), float, "per_image_table", path
        ),
        rates=rates,
        note=_want(raw.get("note", ""), str, "'price.note'", path),
    )


def _lifecycle(raw: Any, path: tuple[str, ...]) -> Lifecycle:
    life = _table(raw, "'lifecycle'", path)
    _unknown_keys(life, _LIFECYCLE_KEYS, "'lifecycle'", path)
    when = life.get("shutdown", life.get("retired"))
    shutdown = parse_date(when)
    if when not in (None, "") and shutdown is None:
        raise TableError(f"lifecycle shutdown must be a YYYY-MM-DD date, not {when!r}", path)
    replacements = life.get("replacements", [])
    if replacements:
        replacements = _scalar_list(replacements, "'lifecycle.replacements'", path)
        if not all(isinstance(r, str) and r for r in replacements):
            raise TableError("'lifecycle.replacements' must list model ids", path)
    relay = life.get("relay_may_serve", life.get("relay_only", False))
    source = life.get("source", life.get("note", ""))
    return Lifecycle(
        shutdown=shutdown,
        replacements=tuple(replacements),
        relay_may_serve=_want(relay, bool, "'lifecycle.relay_may_serve'", path),
        source=_want(source, str, "'lifecycle.source'", path),
    )


def _figures(raw: Any, path: tuple[str, ...]) -> Figures:
    table = _table(raw, "'output_tokens_meta'", path)
    _unknown_keys(table, {"source", "official"}, "'output_tokens_meta'", path)
    return Figures(
        source=_want(table.get("source", ""), str, "'output_tokens_meta.source'", path),
        official=_want(table.get("official", False), bool, "'output_tokens_meta.official'", path),
    )
