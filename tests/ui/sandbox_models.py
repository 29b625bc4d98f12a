"""The window on the test sandbox provider with a model it does not list by default (a
markup model, one priced in yuan) added and chosen, as several window tests need."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.ui.compose_panel import ComposePanel
    from studio.ui.main_window import MainWindow


def choose_model(
    window: MainWindow,
    studio_ctx: Studio,
    sandbox_provider: Provider,
    model: str,
    *,
    pick: str | None = None,
) -> tuple[Provider, ComposePanel]:
    """The provider offering ``model`` too, saved and shown; ``pick`` (``model`` unless
    given) chosen in the composer."""
    provider = replace(sandbox_provider, models=(*sandbox_provider.models, model))
    studio_ctx.settings.upsert_provider(provider)
    window.reload_providers(current=provider.id)
    compose = window.compose
    compose.model_box.setCurrentIndex(compose.model_box.findData(pick or model))
    return provider, compose
