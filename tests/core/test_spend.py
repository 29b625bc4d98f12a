"""Actual cost from the returned usage and the table's rates, stored with the job,
summed per provider and period; estimates for the models whose figures are known."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import pytest

from studio.core import model_signals
from studio.core.capabilities import builtin_capabilities
from studio.core.costs import actual_cost, estimate
from studio.core.lifecycle import State
from studio.core.request import ImageRequest, Mode
from studio.sandbox.server import SandboxServer

if TYPE_CHECKING:
    from studio.core.providers import Provider
    from studio.core.service import Studio

#: USD per 1M tokens: text input, image input, output (from the tables' sources)
RATES = {
    "gpt-image-2.6-sunburst": (5.0, 8.0, 30.0),
    "gpt-image-2.6-flare": (5.0, 8.0, 30.0),
    "gpt-image-2.5-flare": (5.0, 8.0, 30.0),
    "gpt-image-2.5-sunburst": (5.0, 8.0, 30.0),
    "gpt-image-2": (5.0, 8.0, 30.0),
    "gpt-image-1-mini": (2.0, 2.5, 8.0),
}


def _by_hand(usage: dict, model: str) -> float:  # type: ignore[type-arg]
    text_rate, image_rate, out_rate = RATES[model]
    details = usage["input_tokens_details"]
    return (
        details["text_tokens"] * text_rate
        + details["image_tokens"] * image_rate
        + usage["output_tokens"] * out_rate
    ) / 1_000_000


@pytest.mark.parametrize("model", list(RATES))
def test_actual_cost_is_usage_times_the_rates_and_is_stored(
    studio_ctx: Studio, sandbox_provider: Provider, model: str
) -> None:
    params = {"quality": "high", "size": "1024x1024", "n": 2}
    outcome = studio_ctx.run_job(
        sandbox_provider, ImageRequest(Mode.GENERATE, model, "a harbour at dawn", params)
    )
    assert outcome.error is None and outcome.result is not None and outcome.record is not None
    usage = outcome.result.usage
    assert usage is not None and usage["output_tokens"] > 0
    record = studio_ctx.history.get_job(outcome.job_id)  # type: ignore[arg-type]
    assert record is not None
    assert record.cost == pytest.approx(_by_hand(usage, model))
    assert record.cost_currency == "USD" and record.cost_source
    official = all(r.official for r in builtin_capabilities().get(model).price.rates.values())  # type: ignore[union-attr]
    assert ("OpenAI pricing page" in record.cost_source) == official


def test_a_price_factor_scales_estimate_and_actual(
    studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    studio_ctx.settings.price_factors[sandbox_provider.id] = 0.68
    request = ImageRequest(
        Mode.GENERATE, "gpt-image-2.5-flare", "a kite", {"quality": "max", "size": "1024x1024"}
    )
    outcome = studio_ctx.run_job(sandbox_provider, request)
    assert outcome.record is not None and outcome.result is not None
    usage = outcome.result.usage
    assert usage is not None
    assert outcome.record.cost == pytest.approx(0.68 * _by_hand(usage, "gpt-image-2.5-flare"))
    assert outcome.record.estimate is not None
    assert outcome.record.estimate["cost"] == pytest.approx(0.68 * 7024 * 30.0 / 1_000_000)


def test_estimates_cover_quality_n_and_previews_and_say_what_is_unknown() -> None:
    reg = builtin_capabilities()
    flare = reg.get("gpt-image-2.5-flare")
    assert flare is not None
    for quality, tokens in (("low", 196), ("medium", 439), ("high", 1756), ("xhigh", 3122)):
        req = ImageRequest(
            Mode.GENERATE, flare.id, "x", {"quality": quality, "size": "1024x1024", "n": 3}
        )
        est = estimate(req, flare)
        assert est.output_tokens == 3 * tokens
        assert est.cost == pytest.approx(3 * tokens * 30.0 / 1_000_000)
        assert "an estimate" in est.note and not est.official
        assert any("third-party" in s for s in est.sources)
    streamed = ImageRequest(
        Mode.GENERATE,
        flare.id,
        "x",
        {"quality": "low", "size": "1024x1024", "n": 2, "stream": True, "partial_images": 3},
    )
    assert estimate(streamed, flare).output_tokens == 2 * (196 + 3 * 100)
    # a size without a known token count, and a model without any: no estimate, said so
    odd = ImageRequest(Mode.GENERATE, flare.id, "x", {"quality": "low", "size": "2048x1152"})
    assert estimate(odd, flare).cost is None
    sunburst = reg.get("gpt-image-2.6-sunburst")
    assert sunburst is not None
    none = estimate(ImageRequest(Mode.GENERATE, sunburst.id, "x", {}), sunburst)
    assert (none.output_tokens, none.cost) == (None, None) and "No estimate" in none.note
    # a usage without a rate for one of its token kinds is not priced (never guessed)
    g1 = reg.get("gpt-image-1")
    assert g1 is not None
    usage = {
        "input_tokens": 10,
        "output_tokens": 272,
        "input_tokens_details": {"text_tokens": 10, "image_tokens": 0},
    }
    assert actual_cost(usage, g1) is None
    assert actual_cost(None, sunburst) is None


def test_spend_sums_match_the_history(studio_ctx: Studio, sandbox_provider: Provider) -> None:
    for model, quality in (
        ("gpt-image-2.6-flare", "low"),
        ("gpt-image-2.6-sunburst", "max"),
        ("gpt-image-1-mini", "medium"),
    ):
        outcome = studio_ctx.run_job(
            sandbox_provider,
            ImageRequest(Mode.GENERATE, model, "a lamp", {"quality": quality, "size": "1024x1024"}),
        )
        assert outcome.error is None
    # a failed job costs nothing and is not summed
    bad = studio_ctx.run_job(
        sandbox_provider, ImageRequest(Mode.GENERATE, "gpt-image-2.5-flare", "", {})
    )
    assert bad.error is not None
    jobs = studio_ctx.history.list_jobs(limit=50)
    costs = [j.cost for j in jobs if j.cost is not None]
    assert len(costs) == 3
    day = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    (row,) = studio_ctx.history.spend(by="day")
    assert (row.period, row.provider_id, row.currency, row.jobs) == (
        day,
        sandbox_provider.id,
        "USD",
        3,
    )
    assert row.amount == pytest.approx(sum(costs))
    (month,) = studio_ctx.history.spend(by="month")
    assert month.period == day[:7] and month.amount == pytest.approx(sum(costs))
    assert studio_ctx.history.spend(since=dt.datetime.now(dt.UTC).timestamp() + 60) == []


def test_provider_shutdown_dates_are_read_cached_and_laid_over_the_tables(
    studio_ctx: Studio, sandbox_provider: Provider
) -> None:
    from dataclasses import replace

    with SandboxServer(profile="openai", today=dt.date(2026, 11, 30)) as openai_like:
        provider = replace(sandbox_provider, base_url=openai_like.base_url)
        signals = studio_ctx.lifecycle_signals(provider)
        assert signals is not None and signals.shutdown["gpt-image-1.5"] == "2026-12-01"
        assert signals.shutdown["gpt-image-2.6-flare"] is None
        studio_ctx.lifecycle_signals(provider)  # fresh: from the cache
        assert [r.path for r in openai_like.requests] == ["/v1/models"]
        studio_ctx.lifecycle_signals(provider, force=True)  # on demand
        assert len(openai_like.requests) == 2
    # the provider's own date wins over the tables' for that provider only
    path = model_signals.cache_path(studio_ctx.paths.data_dir)
    data = json.loads(path.read_text())
    data[provider.id]["shutdown"]["gpt-image-2"] = "2027-01-15"
    data[provider.id]["shutdown"]["gpt-image-2.5-flare"] = "not a date"
    path.write_text(json.dumps(data))
    seen = studio_ctx.capabilities_for(provider)
    g2 = seen.get("gpt-image-2")
    assert g2 is not None and g2.lifecycle.shutdown == dt.date(2027, 1, 15)
    assert g2.lifecycle.state_on(dt.date(2026, 11, 30)) is State.DEPRECATED
    assert "GET /models" in g2.lifecycle.source
    flare = seen.get("gpt-image-2.5-flare")
    assert flare is not None and flare.lifecycle.shutdown is None  # junk counts as none
    other = studio_ctx.capabilities.get("gpt-image-2")
    assert other is not None and other.lifecycle.shutdown is None  # the tables are untouched
    path.write_text("{ broken")
    assert studio_ctx.capabilities_for(provider).get("gpt-image-2").lifecycle.shutdown is None  # type: ignore[union-attr]


def test_price_factors_are_settings_checked_on_load(studio_home: object) -> None:
    from studio.core.paths import resolve_paths
    from studio.core.settings import load_settings, save_settings

    paths = resolve_paths().ensure()
    paths.settings_file.write_text(json.dumps({"price_factors": {"tuzi": 0.68, "x": -1}}))
    settings, problems = load_settings(paths)
    assert settings.price_factors == {} and any("price_factors" in p for p in problems)
    settings.price_factors = {"tuzi": 0.68}
    save_settings(paths, settings)
    again, problems = load_settings(paths)
    assert again.price_factor("tuzi") == 0.68 and again.price_factor("openai") == 1.0
    assert problems == []
