"""A conversation turn's cost counts the text model's tokens too, priced from the
tables' text-model rows; unknown rates are never guessed (real HTTP to the sandbox)."""

from __future__ import annotations

import pytest

from studio.core.capabilities import RateKind, builtin_capabilities
from studio.core.costs import actual_cost, text_cost, turn_cost
from studio.core.history.threads import thread_tree
from studio.core.providers import AuthStyle, Provider
from studio.core.service import Studio
from studio.core.turns import run_turn
from studio.sandbox.server import SandboxServer

MODEL = "gpt-image-2.6-sunburst"


def _provider(studio: Studio, sandbox: SandboxServer, text_model: str = "gpt-5.5") -> Provider:
    provider = Provider(
        id="talk",
        name="Talk sandbox",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=(MODEL,),
        default_model=MODEL,
        builtin=False,
        image_tool=True,
        image_tool_text_model=text_model,
    )
    studio.settings.upsert_provider(provider)
    return provider


def test_the_tables_price_every_text_model_a_provider_names() -> None:
    from studio.core.providers import builtin_providers

    tables = builtin_capabilities()
    named = {p.image_tool_text_model for p in builtin_providers().values() if p.image_tool}
    assert named  # the profiles do name one
    for model in named:
        price = tables.text_price(model)
        assert price is not None, model
        for kind in (RateKind.TEXT_INPUT, RateKind.TEXT_CACHED, RateKind.TEXT_OUTPUT):
            rate = price.rates[kind]
            assert rate.per_million > 0 and rate.source


def test_text_tokens_are_priced_by_kind_and_unknown_rates_are_not_guessed() -> None:
    price = builtin_capabilities().text_price("gpt-5.5")
    assert price is not None
    rates = {kind: rate.per_million for kind, rate in price.rates.items()}
    usage = {
        "input_tokens": 1_000,
        "input_tokens_details": {"cached_tokens": 200},
        "output_tokens": 500,
        "output_tokens_details": {"reasoning_tokens": 300},  # part of the output tokens
    }
    cost = text_cost(usage, price, factor=2.0)
    assert cost is not None and cost.currency == "USD" and not cost.official
    expected = (
        800 * rates[RateKind.TEXT_INPUT]
        + 200 * rates[RateKind.TEXT_CACHED]
        + 500 * rates[RateKind.TEXT_OUTPUT]
    ) / 1_000_000
    assert cost.amount == pytest.approx(expected * 2.0)
    assert text_cost(usage, None) is None  # a model the tables do not price
    assert text_cost(None, price) is None  # no usage sent
    assert text_cost({"input_tokens": 0, "output_tokens": 0}, None) is not None  # nothing used
    assert turn_cost(cost, None) is None and turn_cost(None, cost) is None
    total = turn_cost(cost, cost)
    assert total is not None and total.amount == pytest.approx(2 * cost.amount)


def test_a_turns_cost_in_the_history_adds_the_text_models_tokens(
    studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    provider = _provider(studio_ctx, sandbox)
    outcome = run_turn(
        studio_ctx, provider, "a lighthouse in fog", model=MODEL, params={"quality": "low"}
    )
    assert outcome.ok, outcome.error
    record = outcome.record
    assert record is not None and record.usage is not None
    reply = outcome.reply
    assert reply is not None and reply.usage is not None
    text_usage = reply.usage["text"]
    assert text_usage["input_tokens"] > 0 and text_usage["output_tokens"] > 0
    caps = studio_ctx.caps_for(MODEL)
    image = actual_cost(reply.usage["image"], caps)
    text = text_cost(text_usage, studio_ctx.capabilities.text_price("gpt-5.5"))
    assert image is not None and text is not None and text.amount > 0
    assert record.cost == pytest.approx(image.amount + text.amount)
    assert record.cost_currency == "USD"
    # stored: the text model, its tokens and their share of the cost
    assert record.usage["text_model"] == "gpt-5.5"
    assert record.usage["text_model_usage"] == text_usage
    assert record.usage["text_model_cost"]["amount"] == pytest.approx(text.amount)
    again = studio_ctx.history.get_job(record.id)
    assert again is not None and again.cost == pytest.approx(record.cost)
    tree = thread_tree(studio_ctx.history, record.id)
    assert tree is not None and tree["turns"][0]["cost"] == pytest.approx(record.cost)


def test_a_turn_driven_by_an_unpriced_text_model_has_no_total(
    studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    provider = _provider(studio_ctx, sandbox, text_model="gpt-4.1")
    outcome = run_turn(
        studio_ctx, provider, "a lighthouse in fog", model=MODEL, params={"quality": "low"}
    )
    assert outcome.ok, outcome.error
    record = outcome.record
    assert record is not None and record.usage is not None
    assert record.cost is None  # part of the bill has no rate: no total that looks whole
    assert record.usage["text_model"] == "gpt-4.1"
    assert "text_model_cost" not in record.usage
    assert record.usage["text_model_usage"]["output_tokens"] > 0
