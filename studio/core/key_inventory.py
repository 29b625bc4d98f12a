"""Which provider ids hold a key in the keyring, so every key the studio stored can go.

Most keyrings cannot list their entries, so the studio keeps its own list: one
more keyring entry (user name :data:`INDEX_USER`, value: the ids, comma-separated,
nothing secret) updated whenever a key is saved. Where the keyring can list
entries (the Secret Service on Linux) they are listed too, which also finds keys
saved before the list existed. :func:`remove_all_keys` deletes them all.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable

from studio.core import secrets

log = logging.getLogger(__name__)

#: the keyring user name of the list of ids (never a provider id: those are slugs)
INDEX_USER = "__image-studio-key-ids__"


def _index() -> set[str]:
    try:
        raw = secrets._keyring().get_password(secrets.service_name(), INDEX_USER)
    except Exception as exc:
        log.warning("Could not read the list of stored keys: %s", exc)
        return set()
    return {p for p in (raw or "").split(",") if p}


def _write_index(ids: set[str]) -> None:
    service = secrets.service_name()
    kr = secrets._keyring()
    if ids:
        kr.set_password(service, INDEX_USER, ",".join(sorted(ids)))
    else:
        with contextlib.suppress(kr.errors.PasswordDeleteError):
            kr.delete_password(service, INDEX_USER)


def note_stored(provider_id: str) -> None:
    """Add ``provider_id`` to the list (after its key was saved); never raises."""
    try:
        ids = _index()
        if provider_id not in ids:
            _write_index(ids | {provider_id})
    except Exception as exc:
        log.warning("Could not update the list of stored keys: %s", exc)


def note_removed(provider_id: str) -> None:
    """Drop ``provider_id`` from the list (after its key was deleted); never raises."""
    try:
        ids = _index()
        if provider_id in ids:
            _write_index(ids - {provider_id})
    except Exception as exc:
        log.warning("Could not update the list of stored keys: %s", exc)


def listed_ids() -> set[str]:
    """Ids the keyring itself lists under the studio's service (Secret Service only)."""
    backend = secrets._backend()
    if not secrets._is_secret_service(backend):
        return set()
    try:
        import secretstorage
    except ImportError:
        return set()
    try:
        connection = secretstorage.dbus_init()
    except Exception as exc:
        log.warning("The Secret Service cannot be reached: %s", exc)
        return set()
    found: set[str] = set()
    with contextlib.closing(connection):
        try:
            items = secretstorage.search_items(connection, {"service": secrets.service_name()})
            for item in items:
                user = item.get_attributes().get("username", "")
                if user:
                    found.add(user)
        except Exception as exc:
            log.warning("The Secret Service could not list the stored keys: %s", exc)
    return found - {INDEX_USER}


def stored_ids(known: Iterable[str] = ()) -> list[str]:
    """Every provider id that holds a key in the keyring (``known``: ids to check as well)."""
    if not secrets._backend_usable(secrets._backend()):
        return []
    candidates = _index() | listed_ids() | set(known)
    kr = secrets._keyring()
    held = []
    for pid in sorted(candidates):
        try:
            if kr.get_password(secrets.service_name(), pid):
                held.append(pid)
        except Exception as exc:
            log.warning("Could not read the key for %s: %s", pid, exc)
    return held


def remove_all_keys(known: Iterable[str] = ()) -> list[str]:
    """Delete every key the studio stored (and the session keys); the ids removed.

    Raises :class:`~studio.core.secrets.SecretsError` when the keyring refuses
    a deletion (the keys before it are gone, the rest are kept).
    """
    secrets.clear_session_keys()
    if not secrets._backend_usable(secrets._backend()):
        return []
    removed = []
    for pid in stored_ids(known):
        secrets.delete_key(pid)
        removed.append(pid)
    with contextlib.suppress(Exception):
        _write_index(set())
    return removed
