"""The httpx client and the low-level transfer helpers the images client uses.

- Timeouts, proxy and CA bundle come from :class:`HttpSettings`; TLS
  verification is always on.
- A job's client is pooled per provider (:func:`pooled_client`, see
  :mod:`studio.core.pool`): connections live a few seconds between jobs. The
  socket a request uses is registered with its :class:`CancelToken`, so a cancel
  shuts it down from another thread and wakes a worker blocked waiting for
  headers at once, on a new or a reused connection. Other clients
  (:func:`make_client`) open a fresh connection per request.
- Bodies are read with a size cap; redirects are never followed
  automatically, so the key can never be forwarded to another host.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from studio.core.addresses import LinkPolicy
from studio.core.cancel import CancelToken
from studio.core.errorparse import RAW_BODY_CAP, parse_error, protocol_error
from studio.core.errors import ErrorKind, Problem, StudioError
from studio.core.pool import (
    KEEPALIVE_CONNECTIONS,
    KEEPALIVE_S,
    bare_tls_context,
    cancellable,
    lazy_https,
    no_env_proxy,
    shutdown,
    track_sockets,
)

MB = 1024 * 1024
_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
_MAX_REDIRECTS = 5


@dataclass(frozen=True)
class HttpSettings:
    """Timeouts, proxy and CA file for every connection the studio opens."""

    connect_timeout: float = 10.0
    read_timeout: float = 300.0
    write_timeout: float = 120.0
    #: explicit proxy URL; None -> honour the environment (trust_env)
    proxy: str | None = None
    #: custom CA file; TLS verification is ALWAYS on
    ca_bundle: str | None = None
    #: longest Retry-After we wait automatically
    max_retry_wait: float = 60.0
    #: the largest reply body read into memory; past it the reply is refused
    max_body_bytes: int = 200 * MB
    #: the largest single event of a streamed reply
    max_event_bytes: int = 64 * MB
    #: a whole job (all its requests, retries and downloads) ends after this long
    job_deadline: float = 900.0
    #: a stream that sends no image for this long (only keep-alives) is stopped
    stream_idle_timeout: float = 120.0


def origin(url: str) -> str:
    """``scheme://host:port`` (lower case, default ports made explicit)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}:{port}"


def same_origin(a: str, b: str) -> bool:
    return origin(a) == origin(b)


_ssl_lock = threading.Lock()
_ssl_contexts: dict[tuple[object, ...], ssl.SSLContext] = {}


def _ssl_context(ca_bundle: str | None, trust_env: bool) -> ssl.SSLContext:
    """One verifying TLS context per CA source, shared by every client.

    Loading the CA file costs ~20 ms of CPU per context, with the GIL held (the
    GUI's UI thread stalls meanwhile), and every job makes a client. A custom
    bundle is keyed by its size and mtime too, so a replaced file is read again.
    """
    if ca_bundle:
        info = os.stat(ca_bundle)
        key: tuple[object, ...] = ("file", ca_bundle, info.st_size, info.st_mtime_ns)
    else:
        env = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
        key = ("default", trust_env, *(env if trust_env else (None, None)))
    with _ssl_lock:
        context = _ssl_contexts.get(key)
        if context is None:
            if ca_bundle:
                context = ssl.create_default_context(cafile=ca_bundle)
            else:  # what httpx does for verify=True (certifi, or $SSL_CERT_FILE/DIR)
                context = httpx.create_ssl_context(trust_env=trust_env)
            _ssl_contexts[key] = context
        return context


def make_client(settings: HttpSettings, *, keepalive: bool = False) -> httpx.Client:
    """An httpx client; without ``keepalive`` every request opens a fresh connection."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.write_timeout,
        pool=settings.connect_timeout,
    )
    try:
        verify = _ssl_context(settings.ca_bundle, trust_env=settings.proxy is None)
    except (OSError, ssl.SSLError) as exc:
        if settings.ca_bundle:
            reason = getattr(exc, "strerror", None) or str(exc)
            problem = Problem.of(
                "ca_bundle",
                "The CA file {path} cannot be used: {reason}.",
                path=settings.ca_bundle,
                reason=reason,
            )
            raise StudioError.validation([problem]) from None
        raise
    # Loopback (the sandbox) never goes through a proxy from the environment.
    mounts: dict[str, httpx.BaseTransport | None] = {f"all://{h}": None for h in _LOOPBACK}
    limits = (
        httpx.Limits(max_keepalive_connections=KEEPALIVE_CONNECTIONS, keepalive_expiry=KEEPALIVE_S)
        if keepalive
        else httpx.Limits(max_keepalive_connections=0)
    )
    client = httpx.Client(
        timeout=timeout,
        verify=verify,
        proxy=settings.proxy,
        trust_env=settings.proxy is None,
        follow_redirects=False,
        limits=limits,
        mounts=mounts,
    )
    track_sockets(client)
    return client


def _loopback_client(settings: HttpSettings) -> httpx.Client:
    """A pooled client for a plain-HTTP loopback provider: no CA bundle is loaded
    unless a result link needs https (its transport is made then)."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.write_timeout,
        pool=settings.connect_timeout,
    )
    limits = httpx.Limits(
        max_keepalive_connections=KEEPALIVE_CONNECTIONS, keepalive_expiry=KEEPALIVE_S
    )

    def https() -> httpx.HTTPTransport:
        verify = _ssl_context(settings.ca_bundle, trust_env=True)
        return httpx.HTTPTransport(verify=verify, limits=limits)

    client = httpx.Client(
        timeout=timeout,
        verify=bare_tls_context(),  # plain HTTP only: never used for a handshake
        trust_env=False,  # checked: the environment names no proxy
        follow_redirects=False,
        limits=limits,
        mounts={"https://": lazy_https(https)},
    )
    track_sockets(client)
    return client


@dataclass
class _Pooled:
    """A provider's pooled client and how much it is used."""

    client: httpx.Client
    #: requests open through it right now
    busy: int = 0
    #: when it was last handed out or finished a request (time.monotonic)
    last_used: float = 0.0


_pool_lock = threading.Lock()
_pooled: dict[tuple[object, ...], _Pooled] = {}
_by_client: dict[int, _Pooled] = {}


def pooled_client(settings: HttpSettings, provider_id: str, base_url: str) -> httpx.Client:
    """The shared client of one provider at one address with these settings.

    Callers fetch it per request and never close it. A client unused for longer than
    its keep-alive (so with no live connection) is closed when another is made."""
    key = (provider_id, base_url, settings)
    now = time.monotonic()
    with _pool_lock:
        entry = _pooled.get(key)
        if entry is None or entry.client.is_closed:
            _sweep(now)
            entry = _Pooled(_new_pooled_client(settings, base_url))
            _pooled[key] = entry
            _by_client[id(entry.client)] = entry
        entry.last_used = now
        return entry.client


def _sweep(now: float) -> None:
    for key, entry in list(_pooled.items()):
        if entry.busy == 0 and now - entry.last_used > 2 * KEEPALIVE_S:
            del _pooled[key]
            _by_client.pop(id(entry.client), None)
            entry.client.close()


def _new_pooled_client(settings: HttpSettings, base_url: str) -> httpx.Client:
    parts = urlsplit(base_url)
    plain_loopback = (
        parts.scheme.lower() == "http"
        and (parts.hostname or "").lower() in ("127.0.0.1", "localhost", "::1")
        and settings.proxy is None
        and settings.ca_bundle is None
        and no_env_proxy()
    )
    return _loopback_client(settings) if plain_loopback else make_client(settings, keepalive=True)


@contextlib.contextmanager
def _in_use(client: httpx.Client) -> Iterator[None]:
    """Count a request open through a pooled client, so no sweep closes it meanwhile."""
    with _pool_lock:
        entry = _by_client.get(id(client))
        if entry is not None:
            entry.busy += 1
    try:
        yield
    finally:
        if entry is not None:
            with _pool_lock:
                entry.busy -= 1
                entry.last_used = time.monotonic()


@atexit.register
def _close_pooled() -> None:
    with _pool_lock:
        for entry in _pooled.values():
            with contextlib.suppress(Exception):
                entry.client.close()
        _pooled.clear()
        _by_client.clear()


def _tls_verify_failed(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            break
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(
            seen
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def transport_error(exc: Exception, cancel: CancelToken | None = None) -> StudioError:
    """A :class:`StudioError` for an httpx failure; ``maybe_processed`` is False only
    when nothing can have reached the provider."""
    if cancel is not None and cancel.cancelled:
        return StudioError.cancelled()
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectTimeout):
        return StudioError.of(
            ErrorKind.NETWORK,
            "Could not connect to the provider in time ({detail}).",
            code="connect_timeout",
            maybe_processed=False,
            detail=detail,
        )
    if isinstance(exc, httpx.ConnectError) and _tls_verify_failed(exc):
        return StudioError.of(
            ErrorKind.NETWORK,
            "The provider's TLS certificate could not be verified ({detail}). Behind a company "
            "proxy that inspects TLS, set its CA file in the network settings.",
            code="tls_error",
            maybe_processed=False,
            detail=detail,
        )
    if isinstance(exc, httpx.ConnectError | httpx.ProxyError | httpx.UnsupportedProtocol):
        return StudioError.of(
            ErrorKind.NETWORK,
            "Could not connect to the provider: {detail}.",
            code="connect_error",
            maybe_processed=False,
            detail=detail,
        )
    if isinstance(exc, httpx.PoolTimeout):
        return StudioError.of(
            ErrorKind.NETWORK,
            "No connection became free in time.",
            code="pool_timeout",
            maybe_processed=False,
        )
    if isinstance(exc, httpx.ReadTimeout):
        return StudioError.of(
            ErrorKind.NETWORK,
            "The provider did not answer in time. It may still be working on the request "
            "(and charge for it); check before retrying, or raise the read timeout.",
            code="read_timeout",
        )
    if isinstance(exc, httpx.WriteTimeout):
        return StudioError.of(
            ErrorKind.NETWORK, "Sending the request took too long.", code="write_timeout"
        )
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return StudioError.of(
            ErrorKind.NETWORK,
            "The connection broke after the request was sent ({detail}). "
            "The provider may have processed it.",
            code="connection_reset",
            detail=detail,
        )
    return StudioError.of(
        ErrorKind.NETWORK, "Network failure: {detail}.", code="network_error", detail=detail
    )


@contextlib.contextmanager
def open_response(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    headers: Mapping[str, str],
    content: bytes | None = None,
    cancel: CancelToken | None = None,
) -> Iterator[httpx.Response]:
    """A streamed response whose connection ``cancel`` can cut at any moment.

    httpx failures (also while the caller reads the body) become
    :class:`StudioError`; a failure after a cancel becomes CANCELLED.
    """
    token = cancel or CancelToken()
    token.raise_if_cancelled()
    removers: list[Callable[[], None]] = []

    def trace(event: str, info: dict[str, Any]) -> None:
        if event.endswith(("connect_tcp.complete", "start_tls.complete")):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                removers.append(token.add_closer(lambda: shutdown(sock)))

    try:
        with (
            _in_use(client),
            cancellable(token),
            client.stream(
                method, url, content=content, headers=dict(headers), extensions={"trace": trace}
            ) as response,
        ):
            yield response
    except httpx.HTTPError as exc:
        raise transport_error(exc, token) from None
    except StudioError:
        if token.cancelled:
            raise StudioError.cancelled() from None
        raise
    finally:
        for remove in removers:
            remove()


def read_capped(
    response: httpx.Response,
    max_bytes: int,
    *,
    cancel: CancelToken | None = None,
    truncate: bool = False,
) -> bytes:
    """The body, checking ``cancel`` between chunks; past ``max_bytes`` either a
    protocol error or (``truncate``) the first ``max_bytes``."""
    length = response.headers.get("content-length", "")
    if not truncate and length.isdigit() and int(length) > max_bytes:
        raise protocol_error(
            "The reply is {size} MB, over the {limit} MB limit.",
            status=response.status_code,
            size=int(length) // MB,
            limit=max_bytes // MB,
        )
    buf = bytearray()
    for chunk in response.iter_bytes():
        if cancel is not None:
            cancel.raise_if_cancelled()
        buf += chunk
        if len(buf) > max_bytes:
            if truncate:
                return bytes(buf[:max_bytes])
            raise protocol_error(
                "The reply is larger than the {limit} MB limit; it was not read.",
                bytes(buf[:RAW_BODY_CAP]),  # its start, to see what it was
                status=response.status_code,
                limit=max_bytes // MB,
            )
    if cancel is not None:
        cancel.raise_if_cancelled()
    return bytes(buf)


def download(
    client: httpx.Client,
    url: str,
    *,
    key_origin: str | None = None,
    key_headers: Mapping[str, str] | None = None,
    cancel: CancelToken | None = None,
    max_bytes: int = 200 * MB,
    policy: LinkPolicy | None = None,
) -> bytes:
    """Fetch a result ``url``. ``key_headers`` (the Authorization) are sent only
    while the url's origin is ``key_origin``; redirects are followed by hand, and
    every address on the way is checked against ``policy`` (default: no local
    or link-local address at all)."""
    policy = policy or LinkPolicy()
    current = url
    for _ in range(_MAX_REDIRECTS + 1):
        scheme = urlsplit(current).scheme.lower()
        if scheme not in ("http", "https"):
            raise StudioError.of(
                ErrorKind.PROVIDER,
                "The provider returned an image address the studio cannot fetch: {url}",
                code="bad_url",
                url=current[:200],
            )
        policy.check(current)
        headers: dict[str, str] = {"Accept": "image/*"}
        if key_headers and key_origin and same_origin(current, key_origin):
            headers.update(key_headers)
        with open_response(client, "GET", current, headers=headers, cancel=cancel) as resp:
            if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                current = urljoin(current, resp.headers["location"])
                continue
            if resp.status_code >= 300:
                body = read_capped(resp, RAW_BODY_CAP, cancel=cancel, truncate=True)
                err = parse_error(resp.status_code, body, resp.headers)
                raise StudioError.of(
                    ErrorKind.PROVIDER,
                    "Could not download the image (HTTP {status}; result links expire after "
                    "about an hour): {reason}"
                    if resp.status_code in (403, 404, 410)
                    else "Could not download the image (HTTP {status}): {reason}",
                    status=resp.status_code,
                    code="download_failed",
                    raw_body=err.raw_body,
                    reason=err.message,
                )
            return read_capped(resp, max_bytes, cancel=cancel)
    raise StudioError.of(
        ErrorKind.PROVIDER,
        "Too many redirects while downloading the image.",
        code="download_failed",
    )
