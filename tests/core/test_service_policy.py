"""Policy the core service owns: which key counts, which provider offers uploads."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

import pytest

from studio.core import secrets
from studio.core.capabilities import Endpoint, builtin_capabilities
from studio.core.providers import AuthStyle, Provider

if TYPE_CHECKING:
    from studio.core.service import Studio


class _NoKeyring:
    """A keyring with nothing in it that records who was asked for."""

    asked: ClassVar[list[str]] = []

    def get_keyring(self) -> object:
        return self

    def get_password(self, _service: str, provider_id: str) -> None:
        self.asked.append(provider_id)


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    _NoKeyring.asked = []
    monkeypatch.setattr(secrets, "_keyring", _NoKeyring)
    monkeypatch.setattr(secrets, "_backend_usable", lambda _backend: True)
    monkeypatch.delenv(secrets.KEY_ENV, raising=False)
    return _NoKeyring.asked


def test_no_key_anywhere(studio_ctx: Studio, no_keyring: list[str]) -> None:
    assert not studio_ctx.any_key_configured()
    assert studio_ctx.first_keyed_provider() is None
    keyed = [p.id for p in studio_ctx.providers().values() if p.needs_key]
    assert keyed and set(no_keyring) == set(keyed)  # every keyed provider was looked up
    assert "sandbox" not in no_keyring


def test_a_session_key_counts_and_names_its_provider(
    studio_ctx: Studio, no_keyring: list[str]
) -> None:
    secrets.set_session_key("tuzi", "test-key-sentinel-tuzi")
    try:
        assert studio_ctx.any_key_configured()
        assert no_keyring == []  # the in-memory sources answer first
        assert studio_ctx.first_keyed_provider() == "tuzi"
        tuzi = studio_ctx.providers()["tuzi"]
        assert studio_ctx.api_key(tuzi) == "test-key-sentinel-tuzi"
        assert studio_ctx.api_key(studio_ctx.providers()["sandbox"]) is None
    finally:
        secrets.clear_session_keys()


def test_the_environment_key_comes_before_the_session_key(
    studio_ctx: Studio, no_keyring: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(secrets.KEY_ENV, "test-key-sentinel-env")
    secrets.set_session_key("openai", "test-key-sentinel-session")
    try:
        assert studio_ctx.any_key_configured()
        assert studio_ctx.api_key(studio_ctx.providers()["openai"]) == "test-key-sentinel-env"
        first = next(p.id for p in studio_ctx.providers().values() if p.needs_key)
        assert studio_ctx.first_keyed_provider() == first  # list order, every one has the key
    finally:
        secrets.clear_session_keys()


def test_upload_comes_from_the_tables() -> None:
    tables = builtin_capabilities()
    uploader = tables.upload_model()
    assert uploader is not None and Endpoint.UPLOAD in uploader.endpoints
    assert tables.upload_model(["gpt-image-1", uploader.id]) is uploader
    assert tables.upload_model(["gpt-image-1", "dall-e-3", "no-such-model"]) is None
    assert tables.upload_model([]) is None


def test_which_providers_offer_uploads(studio_ctx: Studio) -> None:
    providers = studio_ctx.providers()
    offering = {pid for pid, p in providers.items() if studio_ctx.offers_upload(p)}
    assert offering == {"sandbox", "dmxapi"}
    custom = Provider(
        id="relay",
        name="Relay",
        base_url="https://relay.example/v1",
        auth=AuthStyle.BEARER,
        models=("gpt-image-1",),
        builtin=False,
    )
    assert not studio_ctx.offers_upload(custom)
    uploader = studio_ctx.capabilities.upload_model()
    assert uploader is not None
    with_upload = replace(custom, models=("gpt-image-1", uploader.id))
    assert studio_ctx.offers_upload(with_upload)
