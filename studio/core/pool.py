"""One pooled httpx client per provider, whose connection in flight a cancel can cut.

Jobs to the same provider reuse its connections for a few seconds (what a script
does with one SDK client): no new TCP connection and TLS handshake per job. What
keeps this safe:

- A client serves one provider at one address with one set of network settings
  (the pool's key); the key is sent per request, only to the provider's own origin.
- Every socket the pool uses is wrapped, so whichever request is reading or
  writing it registers the socket with its :class:`CancelToken`: a cancel shuts
  the socket in flight down even on a reused connection (no new connection event).
- Idle connections are dropped after :data:`KEEPALIVE_S`, and httpcore drops one the
  server has closed before reusing it. A reused connection that breaks after the
  request was sent is reported as possibly processed and never retried alone.
- A plain-HTTP loopback provider (the sandbox) loads no CA bundle: its https
  transport, needed only for a result link elsewhere, is made on first use.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import httpcore
import httpx

from studio.core.cancel import CancelToken

#: how long an idle connection is kept (the openai SDK's default as well)
KEEPALIVE_S = 5.0
#: idle connections kept per provider
KEEPALIVE_CONNECTIONS = 4

_active = threading.local()


def shutdown(sock: Any) -> None:
    """Shut a socket down from any thread (a blocked reader wakes at once)."""
    with contextlib.suppress(OSError, AttributeError):
        sock.shutdown(socket.SHUT_RDWR)


class _Request:
    """The request this thread is sending: its token and the sockets it registered."""

    def __init__(self, token: CancelToken) -> None:
        self.token = token
        self.seen: set[int] = set()
        self.removers: list[Callable[[], None]] = []

    def register(self, stream: httpcore.NetworkStream) -> None:
        if id(stream) in self.seen:
            return
        self.seen.add(id(stream))
        sock = stream.get_extra_info("socket")
        if sock is not None:
            self.removers.append(self.token.add_closer(lambda: shutdown(sock)))


@contextlib.contextmanager
def cancellable(token: CancelToken) -> Iterator[None]:
    """Within this block, the sockets this thread's request uses close on ``token``."""
    outer = getattr(_active, "request", None)
    request = _Request(token)
    _active.request = request
    try:
        yield
    finally:
        _active.request = outer
        for remove in request.removers:
            remove()


def _touch(stream: httpcore.NetworkStream) -> None:
    request = getattr(_active, "request", None)
    if request is not None:
        request.register(stream)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        _touch(self)
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        _touch(self)
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        _touch(self)  # a cancel during the handshake cuts the TCP socket
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        stream = _Stream(
            self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        )
        _touch(stream)
        return stream

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def track_sockets(client: httpx.Client) -> bool:
    """Wrap the network backend of every transport of ``client``; False when a
    transport is not httpx's own (then the caller must not keep connections)."""
    transports = [client._transport, *(t for t in client._mounts.values() if t is not None)]
    pools = []
    for transport in transports:
        if isinstance(transport, _LazyTransport):
            continue  # wraps its transport when it makes it
        pool = getattr(transport, "_pool", None)
        if pool is None or not hasattr(pool, "_network_backend"):
            return False
        pools.append(pool)
    for pool in pools:
        if not isinstance(pool._network_backend, _Backend):
            pool._network_backend = _Backend(pool._network_backend)
    return True


class _LazyTransport(httpx.BaseTransport):
    """A transport made (and its CA bundle loaded) on the first request through it."""

    def __init__(self, make: Callable[[], httpx.HTTPTransport]) -> None:
        self._make = make
        self._made: httpx.HTTPTransport | None = None
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            if self._made is None:
                made = self._make()
                pool = getattr(made, "_pool", None)
                if pool is not None and hasattr(pool, "_network_backend"):
                    pool._network_backend = _Backend(pool._network_backend)
                self._made = made
        return self._made.handle_request(request)

    def close(self) -> None:
        with self._lock:
            if self._made is not None:
                self._made.close()


def no_env_proxy() -> bool:
    """No proxy is configured in the environment (httpx reads the same variables)."""
    return not urllib.request.getproxies()


def lazy_https(make: Callable[[], httpx.HTTPTransport]) -> httpx.BaseTransport:
    return _LazyTransport(make)


def bare_tls_context() -> ssl.SSLContext:
    """A context that trusts no certificate: plain-HTTP transports need one to exist."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
