"""Money as the studio writes it (Qt-free): an amount in its currency, and amounts in
several currencies side by side. Currencies are never converted: "$0.050 + ¥0.160"."""

from __future__ import annotations

from collections.abc import Mapping

from studio.core.capabilities import ModelCaps

_SYMBOLS = {"USD": "$", "CNY": "¥", "EUR": "€", "GBP": "£"}

#: what a model without a price (and an old record without a currency) is counted in
DEFAULT_CURRENCY = "USD"


def money(amount: float, currency: str | None) -> str:
    """``amount`` with enough decimals for a fraction of a cent to show ("$0.0042")."""
    places = 4 if abs(amount) < 0.01 and amount else 3 if abs(amount) < 1 else 2
    number = f"{amount:,.{places}f}"
    code = (currency or "").upper()
    symbol = _SYMBOLS.get(code)
    if symbol:
        return f"{symbol}{number}"
    return f"{number} {code}".strip()


def amounts_text(amounts: Mapping[str, float]) -> str:
    """Amounts in several currencies, each in its own ("$0.050 + ¥0.160"), in the order
    given; "" when there are none."""
    return " + ".join(money(amount, currency) for currency, amount in amounts.items())


def model_currency(caps: ModelCaps | None) -> str:
    """The currency a model's table prices it in (USD when it has no price)."""
    price = caps.price if caps is not None else None
    return (price.currency or DEFAULT_CURRENCY) if price is not None else DEFAULT_CURRENCY
