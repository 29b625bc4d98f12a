"""Cost estimates from the output-token tables and the (user-editable) prices."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.core.capabilities import ModelCaps, load_capabilities
from studio.core.costs import estimate
from studio.core.request import ImageRequest, InputImage, Mode

REG = load_capabilities()


def caps(model_id: str) -> ModelCaps:
    found = REG.get(model_id)
    assert found is not None
    return found


def gen(model: str, **params: object) -> ImageRequest:
    return ImageRequest(Mode.GENERATE, model, "a cat", params)


@pytest.mark.parametrize(
    ("quality", "size", "tokens"),
    [("low", "1024x1024", 272), ("medium", "1024x1536", 1584), ("high", "1536x1024", 6208)],
)
def test_gpt_image_1_tokens_and_price(quality: str, size: str, tokens: int) -> None:
    est = estimate(gen("gpt-image-1", quality=quality, size=size, n=3), caps("gpt-image-1"))
    assert est.output_tokens == tokens * 3
    assert est.currency == "USD"
    assert est.cost == pytest.approx(tokens * 3 * 40.0 / 1_000_000)
    assert est.note.startswith("Estimate for 3 images:") and "estimate" in est.note


def test_quality_auto_counts_as_medium_and_says_so() -> None:
    est = estimate(
        gen("gpt-image-1-mini", quality="auto", size="1024x1024"), caps("gpt-image-1-mini")
    )
    assert est.output_tokens == 1056
    assert est.cost == pytest.approx(1056 * 8.0 / 1_000_000)
    assert "Quality auto is counted as medium." in est.note
    # the table's remark travels with the estimate, in a field the window never shows
    assert any("unconfirmed" in source for source in est.sources)
    assert "unconfirmed" not in est.note


def test_defaults_apply_when_params_are_absent() -> None:
    est = estimate(gen("gpt-image-1.5"), caps("gpt-image-1.5"))  # quality auto, size auto
    assert est.output_tokens == 1584  # medium, the dearest size
    assert "Size auto is counted as 1024x1536" in est.note


def test_per_image_tables_for_dall_e() -> None:
    est = estimate(gen("dall-e-3", quality="hd", size="1792x1024", n=2), caps("dall-e-3"))
    assert est.output_tokens is None and est.cost == pytest.approx(0.24) and est.currency == "USD"
    est = estimate(gen("dall-e-3"), caps("dall-e-3"))  # standard 1024x1024
    assert est.cost == pytest.approx(0.04)
    var = ImageRequest(
        Mode.VARIATIONS, "dall-e-2", params={"size": "256x256", "n": 5},
        images=(InputImage("a.png", b"\x89PNG\r\n\x1a\n"),),
    )  # fmt: skip
    assert estimate(var, caps("dall-e-2")).cost == pytest.approx(0.08)


def test_relay_prices_per_image_in_their_currency() -> None:
    est = estimate(gen("seedream-3.0", n=4), caps("seedream-3.0"))
    assert est.currency == "CNY" and est.cost == pytest.approx(0.32) and est.output_tokens is None
    assert estimate(gen("flux-kontext-max"), caps("flux-kontext-max")).cost == pytest.approx(0.4)


def test_no_table_means_no_estimate_and_says_why() -> None:
    est = estimate(gen("gpt-image-2", size="2048x2048"), caps("gpt-image-2"))
    assert (est.output_tokens, est.cost, est.currency) == (None, None, None)
    assert "No estimate" in est.note
    assert estimate(gen("imagen4"), caps("imagen4")).cost is None


def test_an_unknown_size_gives_no_token_count(tmp_path: Path) -> None:
    est = estimate(gen("gpt-image-1", size="640x480", quality="high"), caps("gpt-image-1"))
    assert est.output_tokens is None and est.cost is None


def test_edits_say_input_tokens_are_not_counted() -> None:
    req = ImageRequest(
        Mode.EDIT, "gpt-image-1", "hat", {"quality": "low", "size": "1024x1024"},
        images=(InputImage("a.png", b"\x89PNG\r\n\x1a\n"),),
    )  # fmt: skip
    assert (
        "Input image and text tokens are not included." in estimate(req, caps("gpt-image-1")).note
    )


def test_edited_prices_in_an_override_are_used(tmp_path: Path) -> None:
    path = tmp_path / "capabilities.toml"
    path.write_text(
        '[models."gpt-image-1".price]\nper_million_output_tokens = 27.2\ncurrency = "CNY"\n'
    )
    c = load_capabilities(path).get("gpt-image-1")
    assert c is not None
    est = estimate(gen("gpt-image-1", quality="low", size="1024x1024"), c)
    assert est.cost == pytest.approx(272 * 27.2 / 1_000_000) and est.currency == "CNY"


def test_a_model_with_rates_but_no_token_counts_says_which_is_missing() -> None:
    """gpt-image-2.6-sunburst has OpenAI's per-token rates but no tokens-per-picture
    table: the note must not claim the table has no price."""
    from studio.core.capabilities import builtin_capabilities
    from studio.core.costs import estimate
    from studio.core.request import ImageRequest, Mode

    caps = builtin_capabilities().get("gpt-image-2.6-sunburst")
    assert caps is not None and caps.price is not None and caps.price.rates
    est = estimate(ImageRequest(Mode.GENERATE, caps.id, "a fox", {"size": "1024x1024"}), caps)
    assert est.cost is None and est.output_tokens is None
    assert est.note.startswith("No estimate: gpt-image-2.6-sunburst's rates are known"), est.note
    assert "no token counts or price" not in est.note
