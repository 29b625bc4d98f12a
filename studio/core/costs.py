"""Cost estimates from the capability tables: output tokens and price, before sending.

Estimates only: prices are user-editable table data and differ per relay; the
real ``usage`` a provider reports after a job is what counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.core.capabilities import ModelCaps
from studio.core.request import ImageRequest


@dataclass(frozen=True)
class Estimate:
    output_tokens: int | None
    cost: float | None
    currency: str | None
    note: str


def _chosen(request: ImageRequest, caps: ModelCaps, name: str) -> Any:
    value = request.params.get(name)
    if value is None:
        spec = caps.params.get(name)
        value = spec.default if spec is not None else None
    return value


def _note(notes: list[str], text: str) -> None:
    if text not in notes:
        notes.append(text)


def _lookup(
    table: Any, quality: Any, size: Any, notes: list[str]
) -> tuple[Any, str | None, str | None]:
    """(value, quality used, size used) from a quality -> size table, or (None, ...)."""
    if not table:
        return None, None, None
    q = quality if isinstance(quality, str) and quality in table else None
    if q is None and quality in (None, "auto") and "medium" in table:
        q = "medium"
        _note(notes, "Quality auto is counted as medium.")
    if q is None and len(table) == 1:
        q = next(iter(table))
    if q is None:
        return None, None, None
    sizes = table[q]
    s = size if isinstance(size, str) and size in sizes else None
    if s is None and size in (None, "auto") and sizes:
        s = max(sizes, key=lambda k: sizes[k])
        _note(notes, f"Size auto is counted as {s}, the dearest size.")
    if s is None:
        return None, q, None
    return sizes[s], q, s


def estimate(request: ImageRequest, caps: ModelCaps) -> Estimate:
    """Output tokens and cost of ``request`` (times n), as far as the table knows them."""
    n = max(1, request.n)
    quality, size = _chosen(request, caps, "quality"), _chosen(request, caps, "size")
    notes: list[str] = []
    per_image_tokens, _, _ = _lookup(caps.output_tokens, quality, size, notes)
    tokens = None if per_image_tokens is None else int(per_image_tokens) * n
    price = caps.price
    cost: float | None = None
    if price is not None:
        from_table, _, _ = _lookup(price.per_image_table, quality, size, notes)
        if from_table is not None:
            cost = float(from_table) * n
        elif price.per_image is not None:
            cost = price.per_image * n
        elif price.per_million_output_tokens is not None and tokens is not None:
            cost = tokens * price.per_million_output_tokens / 1_000_000
    if tokens is None and cost is None:
        notes.insert(0, f"No estimate: the table for {caps.id} has no token counts or price.")
    else:
        parts = []
        if tokens is not None:
            parts.append(f"{tokens:,} output tokens")
        if cost is not None and price is not None:
            parts.append(f"about {cost:.4g} {price.currency}")
        notes.insert(0, f"Estimate for {n} image(s): " + ", ".join(parts) + ".")
        if request.images:
            notes.append("Input image and text tokens are not included.")
    if price is not None and price.note:
        notes.append(price.note)
    note = " ".join(notes)
    return Estimate(tokens, cost, price.currency if price and cost is not None else None, note)
