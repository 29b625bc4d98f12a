"""What a picker offers depends on the provider and the model together: relay extras
(seed, aspect ratio) only where the provider declares them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.core.providers import Provider, builtin_providers
from tests.ui.test_window import choose

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

EXTRAS = ("seed", "aspect_ratio")


def offered(window: MainWindow, provider: str, model: str) -> set[str]:
    window.reload_providers(current=provider)
    assert window.compose.provider().id == provider  # type: ignore[union-attr]
    choose(window.compose.model_box, model)
    return {s.name for s in window.compose.params.specs()}


def test_openai_models_on_the_sandbox_offer_no_relay_extras(window: MainWindow) -> None:
    names = offered(window, "sandbox", "gpt-image-1")
    assert "quality" in names and "size" in names
    assert not names & set(EXTRAS)
    request = window.compose.build_request()
    assert not set(request.params) & set(EXTRAS)


def test_a_relay_that_declares_them_offers_them(window: MainWindow) -> None:
    assert set(EXTRAS) <= offered(window, "chunqi", "gpt-image-1")
    # and switching provider with the same model takes them away again
    assert not offered(window, "sandbox", "gpt-image-1") & set(EXTRAS)


def test_a_relay_defined_models_own_parameters_stay(window: MainWindow) -> None:
    assert "aspect_ratio" in offered(window, "sandbox", "imagen4")


def test_extras_are_part_of_a_provider_profile() -> None:
    builtins = builtin_providers()
    assert builtins["chunqi"].extras == EXTRAS
    assert builtins["openai"].extras == () and builtins["sandbox"].extras == ()
    custom = Provider.from_dict({"id": "mine", "base_url": "https://x/v1", "extras": ["seed"]})
    assert Provider.from_dict(custom.to_dict()).extras == ("seed",)
