"""Removing API keys by their actual value, from text and from bytes.

A key does not have to look like a key (``sk-…``): a relay's token can be any
string. Every key the process uses is registered here, and every path that
prints, logs or stores what a provider sent goes through :func:`scrub_text` or
:func:`scrub_bytes`: error messages and their raw bodies (in
:class:`~studio.core.errors.StudioError` itself), 200 bodies before they are
journaled or parsed, stream events, log records.
"""

from __future__ import annotations

import threading

#: a registered secret shorter than this is not searched for (too many false hits)
MIN_SECRET_LEN = 6

_lock = threading.Lock()
_secrets: set[str] = set()
#: (secret bytes, mask bytes), longest first; rebuilt on every registration
_byte_table: tuple[tuple[bytes, bytes], ...] = ()


def mask_key(key: str) -> str:
    """``sk-…abcd``: enough to recognise a key, never enough to use it."""
    key = key.strip()
    prefix = "sk-" if key.startswith("sk-") else ""
    if len(key) < 12:
        return f"{prefix}…"
    return f"{prefix}…{key[-4:]}"


def register(secret: str | None) -> None:
    """Remember ``secret`` so it is removed wherever it appears later."""
    global _byte_table
    if not secret or len(secret.strip()) < MIN_SECRET_LEN:
        return
    secret = secret.strip()
    with _lock:
        if secret in _secrets:
            return
        _secrets.add(secret)
        ordered = sorted(_secrets, key=len, reverse=True)
        _byte_table = tuple(
            (s.encode("utf-8", "surrogateescape"), mask_key(s).encode("utf-8")) for s in ordered
        )


def known() -> frozenset[str]:
    with _lock:
        return frozenset(_secrets)


def scrub_text(text: str, extra: tuple[str | None, ...] = ()) -> str:
    """``text`` with every registered secret (and ``extra``) replaced by its mask."""
    if not text:
        return text
    secrets = set(known())
    secrets.update(s.strip() for s in extra if s and len(s.strip()) >= MIN_SECRET_LEN)
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, mask_key(secret))
    return text


def scrub_bytes(data: bytes) -> bytes:
    """``data`` with every registered secret's UTF-8 bytes replaced by its mask."""
    table = _byte_table
    if not data or not table:
        return data
    for secret, mask in table:
        if secret in data:
            data = data.replace(secret, mask)
    return data
