"""A thumbnail of an input given by URL, fetched once and carefully.

The image behind an input URL is fetched by the provider, not by the studio;
the studio only shows (and keeps in the history) a small thumbnail of it. That
one fetch sends no key and no cookie, speaks only ``http``/``https``, is
bounded in size and time, and follows the same address rules as result links
(:mod:`studio.core.addresses`): never a link-local or metadata address, and a
loopback or private one only when the provider itself lives there.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from studio.core.addresses import LinkPolicy
from studio.core.errors import ErrorKind, StudioError
from studio.core.http import HttpSettings, download, make_client
from studio.core.thumbnails import render_thumbnail

#: the most read for a thumbnail (larger inputs are the provider's business)
MAX_BYTES = 16 * 1024 * 1024
#: the thumbnail's longest side is twice this (high-DPI), as the gallery's
THUMB_SIZE = 128
_TIMEOUTS = HttpSettings(connect_timeout=5.0, read_timeout=10.0, write_timeout=10.0)


def check_input_url(url: str) -> None:
    """Refuse an address the studio will not even look at (before any connection)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise StudioError.of(
            ErrorKind.VALIDATION,
            "{url} is not an http or https address.",
            code="bad_url",
            maybe_processed=False,
            url=url[:200],
        )
    if parts.username or parts.password:
        raise StudioError.of(
            ErrorKind.VALIDATION,
            "{url} carries a user name or password; the studio sends no credentials with an "
            "input address.",
            code="bad_url",
            maybe_processed=False,
            url=f"{parts.scheme}://…@{parts.hostname}",
        )


def fetch_thumbnail(url: str, provider_base_url: str, http: HttpSettings = _TIMEOUTS) -> bytes:
    """A PNG or JPEG thumbnail of the image at ``url`` (raises StudioError)."""
    check_input_url(url)
    policy = LinkPolicy.for_provider(provider_base_url)
    try:
        with make_client(http) as client:
            data = download(client, url, policy=policy, max_bytes=MAX_BYTES)
    except StudioError as err:
        if err.code != "address_refused":
            raise
        raise StudioError.of(
            ErrorKind.VALIDATION,
            "{host} is {reason}; the studio fetches nothing from there for this provider.",
            code="address_refused",
            maybe_processed=False,
            host=err.values.get("host", ""),
            reason=err.values.get("reason", ""),
        ) from None
    try:
        thumb, _alpha = render_thumbnail(data, THUMB_SIZE)
    except Exception:  # whatever Pillow makes of hostile bytes: not a picture
        raise StudioError.of(
            ErrorKind.VALIDATION,
            "{url} is not a picture the studio can show ({size} bytes).",
            code="not_an_image",
            maybe_processed=False,
            url=url[:200],
            size=len(data),
        ) from None
    return thumb
