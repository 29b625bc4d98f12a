"""API keys: the OS keyring, an env var for scripts, or a session-only store.

Keys live in the OS keyring (service ``$IMAGE_STUDIO_KEYRING_SERVICE`` or
``image-studio``, username = provider id). ``IMAGE_STUDIO_API_KEY`` wins so
scripts and CI never need a keyring. When no keyring exists the GUI may keep a
key for this process only (:func:`set_session_key`); it is never written.

:func:`redact` is the one place that knows what a key looks like; logs and
error messages go through it so a key never reaches a file or a dialog.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from studio.core import redaction
from studio.core.redaction import mask_key

log = logging.getLogger(__name__)

SERVICE_ENV = "IMAGE_STUDIO_KEYRING_SERVICE"
DEFAULT_SERVICE = "image-studio"
KEY_ENV = "IMAGE_STUDIO_API_KEY"


_KEY_SHAPE = r"sk-[A-Za-z0-9_\-]{8,}"
#: a token is 10+ token characters with a digit, so prose ("bearer token required") survives
_BEARER = r"(?i)\b(bearer)(\s+)((?=[A-Za-z._~+/=\-]*\d)[A-Za-z0-9._~+/=\-]{10,})"
_AUTH_HEADER = (
    r"(?i)(\b(?:proxy-)?authorization\b[\"']?\s*[:=]\s*[\"']?)((?:bearer\s+)?)([^\s\"',;}\]]+)"
)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The key shapes, compiled at the first redaction (a job that logs nothing and fails
    nowhere redacts nothing, and compiling them is a CLI run's millisecond)."""
    return re.compile(_AUTH_HEADER), re.compile(_BEARER), re.compile(_KEY_SHAPE)


_lock = threading.Lock()
_session_keys: dict[str, str] = {}


class SecretsError(RuntimeError):
    """Saving or deleting a key failed; the message is safe to show (never holds the key)."""


@dataclass(frozen=True)
class KeyringStatus:
    """Whether keys can be kept in the OS keyring, in words a person understands."""

    available: bool
    backend: str
    message: str
    #: the keyring exists but is locked (the system will ask to unlock it)
    locked: bool = False


def service_name() -> str:
    return os.environ.get(SERVICE_ENV) or DEFAULT_SERVICE


# -- masking and redaction ----------------------------------------------------
def register_secret(secret: str | None) -> None:
    """Remember ``secret`` so :func:`redact` removes it wherever it appears."""
    redaction.register(secret)


def known_secrets() -> frozenset[str]:
    return redaction.known()


def redact(text: str, keys: Iterable[str | None] = ()) -> str:
    """``text`` with keys, key-shaped strings, Bearer tokens and Authorization values masked."""
    if not text:
        return text
    text = redaction.scrub_text(text, tuple(keys))
    auth_header, bearer, key_shape = _patterns()
    text = auth_header.sub(lambda m: m.group(1) + m.group(2) + _mask_token(m.group(3)), text)
    text = bearer.sub(lambda m: m.group(1) + m.group(2) + _mask_token(m.group(3)), text)
    return key_shape.sub(lambda m: mask_key(m.group(0)), text)


def _mask_token(token: str) -> str:
    return token if "…" in token else mask_key(token)


# -- the session-only store ---------------------------------------------------
def set_session_key(provider_id: str, key: str | None) -> None:
    """Keep ``key`` in memory for this process only (``None`` or "" forgets it)."""
    key = (key or "").strip()
    with _lock:
        if key:
            _session_keys[provider_id] = key
        else:
            _session_keys.pop(provider_id, None)
    register_secret(key)


def session_key(provider_id: str) -> str | None:
    with _lock:
        return _session_keys.get(provider_id)


def clear_session_keys() -> None:
    with _lock:
        _session_keys.clear()


# -- the keyring ----------------------------------------------------------------
def _keyring() -> Any:
    """The keyring library, imported on first use.

    Importing it (D-Bus, crypto, entry points) costs ~25 ms, which the log setup
    (it imports :func:`redact` from here) and a CLI run with ``$IMAGE_STUDIO_API_KEY``
    never need.
    """
    import keyring
    import keyring.errors

    return keyring


def get_key(provider_id: str) -> str | None:
    """The key for ``provider_id``: ``$IMAGE_STUDIO_API_KEY``, the session store, then the keyring.

    Never raises: a keyring that is absent, locked or broken counts as "no key"
    (logged, without the key); :func:`keyring_status` explains why.
    """
    env = os.environ.get(KEY_ENV, "").strip()
    if env:
        register_secret(env)
        return env
    session = session_key(provider_id)
    if session:
        return session
    if not _backend_usable(_backend()):
        return None
    try:
        stored = _keyring().get_password(service_name(), provider_id)
    except Exception as exc:  # keyring, D-Bus and OS errors all land here
        log.warning("Could not read the key for %s from the keyring: %s", provider_id, exc)
        return None
    if stored:
        register_secret(stored)
        return stored
    return None


def set_key(provider_id: str, key: str) -> None:
    """Store ``key`` in the OS keyring (an empty key deletes it). Raises :class:`SecretsError`."""
    key = key.strip()
    if not key:
        delete_key(provider_id)
        return
    register_secret(key)
    backend = _backend()
    if not _backend_usable(backend):
        raise SecretsError(
            "No system keyring is available, so the key cannot be saved. "
            "Keep it for this session only, or set IMAGE_STUDIO_API_KEY."
        )
    try:
        _keyring().set_password(service_name(), provider_id, key)
    except Exception as exc:
        raise SecretsError(
            f"The keyring ({_backend_label(backend)}) refused to save the key for "
            f"'{provider_id}': {redact(str(exc), [key]) or type(exc).__name__}"
        ) from None
    with _lock:
        _session_keys.pop(provider_id, None)
    from studio.core.key_inventory import note_stored

    note_stored(provider_id)


def delete_key(provider_id: str) -> None:
    """Forget the key for ``provider_id`` (keyring and session). A missing key is not an error."""
    set_session_key(provider_id, None)
    backend = _backend()
    if not _backend_usable(backend):
        return
    from studio.core.key_inventory import note_removed

    try:
        _keyring().delete_password(service_name(), provider_id)
    except _keyring().errors.PasswordDeleteError:
        note_removed(provider_id)
        return
    except Exception as exc:
        raise SecretsError(
            f"The keyring ({_backend_label(backend)}) refused to delete the key for "
            f"'{provider_id}': {redact(str(exc)) or type(exc).__name__}"
        ) from None
    note_removed(provider_id)


def stored_key(provider_id: str) -> str | None:
    """The key in the keyring only (no env var, no session key); ``None`` when absent."""
    if not _backend_usable(_backend()):
        return None
    try:
        stored = _keyring().get_password(service_name(), provider_id)
    except Exception as exc:
        log.warning("Could not read the key for %s from the keyring: %s", provider_id, exc)
        return None
    return str(stored) if stored else None


def keyring_status() -> KeyringStatus:
    """Whether keys can be kept in the OS keyring, in words a person understands."""
    try:
        backend = _backend()
    except Exception as exc:
        return KeyringStatus(False, "unknown", f"The keyring library failed to start: {exc}")
    label = _backend_label(backend)
    if not _backend_usable(backend):
        return KeyringStatus(
            False,
            label,
            "No system keyring was found (on Linux: no Secret Service such as GNOME Keyring "
            "or KWallet on the D-Bus session). Keys can be kept for this session only, "
            "or given in IMAGE_STUDIO_API_KEY.",
        )
    if _is_secret_service(backend):
        return _secret_service_status(backend, label)
    return KeyringStatus(True, label, f"Keys are stored in {label}.")


def _backend() -> Any:
    return _keyring().get_keyring()


def _leaf_backends(backend: Any) -> list[Any]:
    inner = getattr(backend, "backends", None)
    if inner is not None and type(backend).__name__ == "ChainerBackend":
        return list(inner)
    return [backend]


def _backend_usable(backend: Any) -> bool:
    from keyring.backends import fail

    leaves = _leaf_backends(backend)
    return any(
        not isinstance(b, fail.Keyring) and type(b).__module__ != "keyring.backends.null"
        for b in leaves
    )


def _backend_label(backend: Any) -> str:
    leaves = _leaf_backends(backend)
    names = [str(getattr(b, "name", type(b).__name__)) for b in leaves]
    return ", ".join(names) or type(backend).__name__


def _is_secret_service(backend: Any) -> bool:
    return any(
        type(b).__module__ == "keyring.backends.SecretService" for b in _leaf_backends(backend)
    )


def _secret_service_status(backend: Any, label: str) -> KeyringStatus:
    """Look at the default collection without prompting (no unlock, no create)."""
    try:
        import secretstorage
        from secretstorage.exceptions import ItemNotFoundException, SecretStorageException
    except ImportError:
        return KeyringStatus(True, label, f"Keys are stored in {label}.")
    leaf = next(b for b in _leaf_backends(backend) if _is_secret_service(b))
    path = (
        getattr(leaf, "preferred_collection", None) or secretstorage.collection.DEFAULT_COLLECTION
    )
    try:
        connection = secretstorage.dbus_init()
    except SecretStorageException as exc:
        return KeyringStatus(False, label, f"The Secret Service cannot be reached: {exc}")
    with contextlib.closing(connection):
        try:
            collection = secretstorage.Collection(connection, path)
            locked = collection.is_locked()
            name = collection.get_label() or "default"
        except ItemNotFoundException:
            return KeyringStatus(
                True,
                label,
                "The Secret Service has no default keyring yet; the system will ask to "
                "create one when a key is first saved.",
            )
        except SecretStorageException as exc:
            return KeyringStatus(False, label, f"The Secret Service failed to answer: {exc}")
    if locked:
        return KeyringStatus(
            True,
            label,
            f"The keyring '{name}' is locked; the system will ask you to unlock it "
            "when a key is saved or read.",
            locked=True,
        )
    return KeyringStatus(True, label, f"Keys are stored in the keyring '{name}' ({label}).")
