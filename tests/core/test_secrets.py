"""Keys: masking and redaction, the env var, the session store, and a REAL Secret Service.

Tests marked ``keyring`` talk to gnome-keyring over D-Bus (``.ci/with-keyring``
provides a throwaway, unlocked one). With ``CI`` set they fail when no Secret
Service is reachable; elsewhere they skip with the reason.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import keyring
import keyring.backend
import pytest
from keyring.backends import fail

from studio.core import secrets
from studio.core.secrets import (
    KEY_ENV,
    SecretsError,
    clear_session_keys,
    delete_key,
    get_key,
    keyring_status,
    mask_key,
    redact,
    register_secret,
    set_key,
    set_session_key,
)

TEST_KEY = "sk-test-notreal-0123456789abcd"
PASSWORD_ENV = "IMAGE_STUDIO_TEST_KEYRING_PASSWORD"


@pytest.fixture(autouse=True)
def _clean_session() -> Iterator[None]:
    clear_session_keys()
    yield
    clear_session_keys()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """The keyring library's own "no backend" keyring, as on a machine without one."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def secret_service() -> Iterator[str]:
    """A reachable Secret Service (fails under CI, skips locally when absent)."""
    status = keyring_status()
    if not (status.available and "SecretService" in status.backend):
        bus = "set" if os.environ.get("DBUS_SESSION_BUS_ADDRESS") else "unset"
        reason = (
            f"no Secret Service reachable (backend: {status.backend}; {status.message}; "
            f"DBUS_SESSION_BUS_ADDRESS {bus}) — run under .ci/with-keyring"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    service = secrets.service_name()
    assert service.startswith("image-studio-test-")  # never the user's real entries
    yield service
    for pid in ("openai", "tuzi", "dmxapi", "unicode-provider"):
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(service, pid)


# -- masking and redaction ----------------------------------------------------
def test_mask_key_shows_only_prefix_and_last_four() -> None:
    assert mask_key(TEST_KEY) == "sk-…abcd"
    assert mask_key("abcdefghijklmnop") == "…mnop"
    # short secrets reveal nothing
    assert mask_key("sk-short") == "sk-…"
    assert mask_key("tiny") == "…"


def test_redact_masks_key_shapes_bearer_and_authorization_values() -> None:
    text = (
        f"POST /v1/images headers={{'Authorization': 'Bearer {TEST_KEY}'}} "
        f"retrying with {TEST_KEY}; raw Authorization: dmx-raw-key-0987654321 "
        "other: Bearer abc.def-ghi_jkl9"
    )
    out = redact(text)
    assert TEST_KEY not in out
    assert "dmx-raw-key-0987654321" not in out
    assert "abc.def-ghi_jkl9" not in out
    assert "sk-…abcd" in out
    assert "…4321" in out
    assert out.startswith("POST /v1/images")
    # idempotent: redacting twice changes nothing more
    assert redact(out) == out


def test_redact_replaces_explicit_and_registered_keys_of_any_shape() -> None:
    explicit = "plainsecretvalue123"
    assert explicit not in redact(f"error for {explicit}!", keys=[explicit])
    registered = "zz-registered-secret-42"
    assert registered in redact(f"x {registered}")  # not key-shaped, not yet known
    register_secret(registered)
    assert registered not in redact(f"x {registered}")
    # very short strings are never registered (they would mangle ordinary text)
    register_secret("abc")
    assert redact("abc def") == "abc def"


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "Generated 2 images of a red fox (sk-i diving) at 1024x1024 — 画 done"
    assert redact(text) == text
    prose = "401: Missing bearer token in the request; Authorization header not sent"
    assert redact(prose) == prose
    assert redact("") == ""


# -- env var and session store (no keyring needed) -----------------------------
def test_env_key_wins(monkeypatch: pytest.MonkeyPatch, no_keyring: None) -> None:
    set_session_key("openai", "sk-test-session-11111111")
    monkeypatch.setenv(KEY_ENV, "  sk-test-from-env-22222222 ")
    assert get_key("openai") == "sk-test-from-env-22222222"
    assert "sk-test-from-env-22222222" not in redact("leaked sk-test-from-env-22222222")


def test_session_store_without_a_keyring(no_keyring: None) -> None:
    status = keyring_status()
    assert not status.available
    assert "No system keyring" in status.message
    assert get_key("openai") is None
    with pytest.raises(SecretsError, match="No system keyring"):
        set_key("openai", TEST_KEY)
    set_session_key("openai", f" {TEST_KEY} ")
    assert get_key("openai") == TEST_KEY
    assert get_key("tuzi") is None
    delete_key("openai")  # forgets the session key too, and never raises without a keyring
    assert get_key("openai") is None


def test_session_key_set_to_empty_forgets_it() -> None:
    set_session_key("tuzi", "sk-test-session-33333333")
    set_session_key("tuzi", "")
    assert secrets.session_key("tuzi") is None


def test_service_name_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(secrets.SERVICE_ENV, "my-service")
    assert secrets.service_name() == "my-service"
    monkeypatch.delenv(secrets.SERVICE_ENV)
    assert secrets.service_name() == "image-studio"


# -- the real Secret Service ------------------------------------------------
@pytest.mark.keyring
def test_keyring_round_trip(secret_service: str) -> None:
    status = keyring_status()
    assert status.available and not status.locked
    assert get_key("openai") is None
    set_key("openai", f"  {TEST_KEY}\n")
    # stored under the service name, username = provider id, seen by any keyring client
    assert keyring.get_password(secret_service, "openai") == TEST_KEY
    assert get_key("openai") == TEST_KEY
    assert get_key("tuzi") is None
    set_key("openai", "sk-test-replaced-44444444")
    assert get_key("openai") == "sk-test-replaced-44444444"
    delete_key("openai")
    assert get_key("openai") is None
    assert keyring.get_password(secret_service, "openai") is None
    delete_key("openai")  # deleting a missing key is fine


@pytest.mark.keyring
def test_keyring_keys_are_per_provider_and_unicode_safe(secret_service: str) -> None:
    set_key("dmxapi", "dmx-raw-键-0987654321")
    set_key("unicode-provider", "sk-test-unicode-55555555")
    assert get_key("dmxapi") == "dmx-raw-键-0987654321"
    assert get_key("unicode-provider") == "sk-test-unicode-55555555"
    # an empty key deletes
    set_key("dmxapi", "   ")
    assert get_key("dmxapi") is None
    # keys read back are registered for redaction
    assert "sk-test-unicode-55555555" not in redact("x sk-test-unicode-55555555")


@pytest.mark.keyring
def test_session_key_overrides_keyring_until_a_save(secret_service: str) -> None:
    set_key("tuzi", "sk-test-stored-66666666")
    set_session_key("tuzi", "sk-test-session-77777777")
    assert get_key("tuzi") == "sk-test-session-77777777"
    set_key("tuzi", "sk-test-stored-88888888")  # saving replaces the session copy
    assert get_key("tuzi") == "sk-test-stored-88888888"


@pytest.mark.keyring
def test_locked_keyring_is_reported(secret_service: str) -> None:
    password = os.environ.get(PASSWORD_ENV)
    if not password:
        if os.environ.get("CI"):
            pytest.fail(f"{PASSWORD_ENV} is not set: run the tests under .ci/with-keyring")
        pytest.skip(f"{PASSWORD_ENV} unset: only a throwaway keyring is locked by tests")
    import secretstorage

    with secretstorage.dbus_init() as connection:
        collection = secretstorage.get_default_collection(connection)
        collection.lock()
        try:
            status = keyring_status()
            assert status.available
            assert status.locked
            assert "locked" in status.message
        finally:
            _unlock(connection, collection.collection_path, password)
        assert not collection.is_locked()
    assert not keyring_status().locked


def _unlock(connection: object, collection_path: str, password: str) -> None:
    """Unlock without a prompt, as the PAM module does (gnome-keyring's internal interface)."""
    from jeepney import DBusAddress, new_method_call

    service = DBusAddress(
        "/org/freedesktop/secrets",
        bus_name="org.freedesktop.secrets",
        interface="org.freedesktop.Secret.Service",
    )
    internal = DBusAddress(
        "/org/freedesktop/secrets",
        bus_name="org.freedesktop.secrets",
        interface="org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
    )
    send = connection.send_and_get_reply  # type: ignore[attr-defined]
    session = send(new_method_call(service, "OpenSession", "sv", ("plain", ("s", "")))).body[1]
    secret = (session, b"", password.encode(), "text/plain")
    send(
        new_method_call(
            internal, "UnlockWithMasterPassword", "o(oayays)", (collection_path, secret)
        )
    )
