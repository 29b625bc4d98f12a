"""Cost: an estimate before a job from the tables, the real cost after it from ``usage``.

Estimates only come from figures the tables know (token counts per quality and
size, token rates, per-image prices); what is unknown stays unknown and the
estimate says so rather than guess. After a job, :func:`actual_cost` prices the
provider's own ``usage`` with the table's rates: that is the number that counts.
A provider's price factor (relays bill at their own rates) scales both.

``note`` is for people; ``sources`` holds the tables' developer remarks (where a
figure comes from) and is never shown in the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio.core.capabilities import ModelCaps, Price, Rate, RateKind
from studio.core.request import ImageRequest

#: OpenAI: each partial image of a stream adds 100 image output tokens
PARTIAL_IMAGE_TOKENS = 100


@dataclass(frozen=True)
class Estimate:
    """What a request is expected to cost, with where the figures come from."""

    output_tokens: int | None
    cost: float | None
    currency: str | None
    note: str
    #: where the figures come from (developer remarks; never shown in the window)
    sources: tuple[str, ...] = ()
    #: every figure used is the maker's own
    official: bool = False


@dataclass(frozen=True)
class Cost:
    """What a finished job cost by its ``usage`` and the table's rates."""

    amount: float
    currency: str
    #: the sources of the rates used, for ``rates_source``
    source: str
    official: bool
    factor: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount,
            "currency": self.currency,
            "source": self.source,
            "official": self.official,
            "factor": self.factor,
        }


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


def _rate(price: Price | None, kind: RateKind) -> Rate | None:
    return None if price is None else price.rates.get(kind)


def estimate(request: ImageRequest, caps: ModelCaps, *, factor: float = 1.0) -> Estimate:
    """Output tokens and cost of ``request`` (times n), as far as the tables know them.

    Covers quality, size, n and partial images (100 output tokens each); input
    images and the prompt's text have no published token count per image, so they
    are left out and the note says so (the job's usage counts them).
    """
    n = max(1, request.n)
    quality, size = _chosen(request, caps, "quality"), _chosen(request, caps, "size")
    notes: list[str] = []
    sources: list[str] = []
    per_image_tokens, _, _ = _lookup(caps.output_tokens, quality, size, notes)
    tokens = None if per_image_tokens is None else int(per_image_tokens) * n
    if tokens is not None and caps.output_tokens_meta.source:
        sources.append(caps.output_tokens_meta.source)
    output_format = _chosen(request, caps, "output_format")
    if tokens is not None and output_format == "gif":
        frames = _chosen(request, caps, "frame_count")
        if isinstance(frames, int) and not isinstance(frames, bool) and frames > 1:
            tokens *= frames
            _note(notes, f"A GIF is counted as {frames} images, one per frame.")
    if output_format == "svg":
        _note(notes, "The SVG author's tokens come on top (its usage is shown after the job).")
    partials = request.params.get("partial_images")
    if tokens is not None and request.stream and isinstance(partials, int) and partials > 0:
        tokens += PARTIAL_IMAGE_TOKENS * partials * n
        _note(notes, f"Previews add {PARTIAL_IMAGE_TOKENS} output tokens each.")
    price = caps.price
    official = bool(caps.output_tokens_meta.official) if tokens is not None else True
    cost: float | None = None
    if price is not None:
        from_table, _, _ = _lookup(price.per_image_table, quality, size, notes)
        out_rate = _rate(price, RateKind.IMAGE_OUTPUT)
        if from_table is not None:
            cost = float(from_table) * n
        elif price.per_image is not None:
            cost = price.per_image * n
        elif out_rate is not None and tokens is not None:
            cost = tokens * out_rate.per_million / 1_000_000
            sources.append(out_rate.source)
            official = official and out_rate.official
        if price.note:
            sources.append(price.note)
    if cost is not None:
        cost *= factor
    if tokens is None and cost is None:
        if price is not None and price.rates:
            notes.insert(
                0,
                f"No estimate: {caps.id}'s rates are known, but not how many tokens a"
                " picture takes; the job's usage gives its cost.",
            )
        else:
            notes.insert(0, f"No estimate: the table for {caps.id} has no token counts or price.")
    else:
        parts = []
        if tokens is not None:
            parts.append(f"{tokens:,} output tokens")
        if cost is not None and price is not None:
            parts.append(f"about {cost:.4g} {price.currency}")
        notes.insert(
            0,
            f"Estimate for {n} {'image' if n == 1 else 'images'}: "
            + ", ".join(parts)
            + " (an estimate; the job's "
            "usage gives the real cost).",
        )
        if request.images:
            notes.append("Input image and text tokens are not included.")
        if factor != 1.0:
            notes.append(f"Price factor {factor:g} for this provider applied.")
    return Estimate(
        tokens,
        cost,
        price.currency if price and cost is not None else None,
        " ".join(notes),
        tuple(dict.fromkeys(s for s in sources if s)),
        official and cost is not None,
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def actual_cost(
    usage: Mapping[str, Any] | None, caps: ModelCaps, *, factor: float = 1.0
) -> Cost | None:
    """The cost of a finished job from its ``usage`` and the table's token rates.

    None when the provider sent no usage or the table lacks a rate for a kind of
    token the job used (an unknown rate is never guessed). All output tokens,
    2.6's planning text included, are priced at the image output rate: OpenAI
    lists one output rate for its image models.
    """
    price = caps.price
    if not usage or price is None or not price.rates:
        return None
    inp = usage.get("input_tokens_details")
    inp = inp if isinstance(inp, Mapping) else {}
    text_in, image_in = _int(inp.get("text_tokens")), _int(inp.get("image_tokens"))
    if not inp:
        text_in = _int(usage.get("input_tokens"))
    output = _int(usage.get("output_tokens"))
    used: list[tuple[int, RateKind]] = [
        (text_in, RateKind.TEXT_INPUT),
        (image_in, RateKind.IMAGE_INPUT),
        (output, RateKind.IMAGE_OUTPUT),
    ]
    return _priced(used, price, factor)


def _priced(used: list[tuple[int, RateKind]], price: Price, factor: float) -> Cost | None:
    """Token counts by kind at ``price``'s rates; None when a kind used has no rate."""
    amount = 0.0
    sources: list[str] = []
    official = True
    for count, kind in used:
        if not count:
            continue
        rate = price.rates.get(kind)
        if rate is None:
            return None
        amount += count * rate.per_million / 1_000_000
        sources.append(rate.source)
        official = official and rate.official
    source = "; ".join(dict.fromkeys(s for s in sources if s))
    return Cost(amount * factor, price.currency, source, official, factor)


def text_cost(
    usage: Mapping[str, Any] | None, price: Price | None, *, factor: float = 1.0
) -> Cost | None:
    """What a text model's tokens cost (the model that drives the Responses image tool):
    ``usage`` is the response's own ``usage`` (input, cached input, output tokens).

    None when there is no usage, or a kind of token it used has no rate (never guessed).
    A usage with no tokens at all costs nothing."""
    if not isinstance(usage, Mapping):
        return None
    details = usage.get("input_tokens_details")
    cached = _int(details.get("cached_tokens")) if isinstance(details, Mapping) else 0
    total_in = _int(usage.get("input_tokens"))
    used = [
        (max(0, total_in - cached), RateKind.TEXT_INPUT),
        (min(cached, total_in) if total_in else cached, RateKind.TEXT_CACHED),
        (_int(usage.get("output_tokens")), RateKind.TEXT_OUTPUT),
    ]
    if not any(count for count, _ in used):
        return Cost(0.0, price.currency if price is not None else "USD", "", True, factor)
    if price is None:
        return None
    return _priced(used, price, factor)


def turn_cost(image: Cost | None, text: Cost | None) -> Cost | None:
    """A conversation turn's cost: the image tool's and the text model's together.

    None when either is unknown or they are in different currencies: a total that
    left out part of the bill would look like the whole of it."""
    if image is None or text is None or image.currency != text.currency:
        return None
    sources = "; ".join(dict.fromkeys(s for s in (image.source, text.source) if s))
    return Cost(
        image.amount + text.amount,
        image.currency,
        sources,
        image.official and text.official,
        image.factor,
    )
