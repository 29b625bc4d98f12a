"""Which addresses the studio talks to: result links and plain HTTP.

A result link comes from the provider's reply, so a hostile or compromised
provider chooses it. The studio never fetches one whose host is (or resolves
to) a link-local, unspecified, multicast, broadcast or cloud-metadata address,
and fetches loopback or private addresses only when the provider itself lives
on one (the sandbox, a relay on the LAN). The check runs after DNS resolution
and again on every redirect.

A base URL in plain HTTP to a host other than this machine would send the key
in cleartext: it is refused unless the user allowed it for that provider.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from studio.core.errors import ErrorKind, StudioError, Text

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: instance-metadata services that are not in a link-local range
_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
        "fd00:ec2::254",  # AWS over IPv6
    )
)
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
# built once: every request of a batch member asks about its address
_BROADCAST = ipaddress.IPv4Address("255.255.255.255")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_LOOPBACK = ipaddress.ip_address("127.0.0.1")


def _unwrap(ip: IPAddress) -> IPAddress:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
    return ip


def forbidden_reason(ip: IPAddress) -> Text | None:
    """Why ``ip`` is never fetched (None: it may be, depending on the provider)."""
    ip = _unwrap(ip)
    if ip in _METADATA or str(ip) == "169.254.169.254":
        return Text.of("a cloud metadata address")
    if ip.is_link_local:
        return Text.of("a link-local address")
    if ip.is_unspecified:
        return Text.of("an unspecified address")
    if ip.is_multicast:
        return Text.of("a multicast address")
    if isinstance(ip, ipaddress.IPv4Address) and ip == _BROADCAST:
        return Text.of("a broadcast address")
    return None


def is_local(ip: IPAddress) -> bool:
    """Loopback or private (this machine, the LAN, a carrier-grade NAT)."""
    ip = _unwrap(ip)
    shared = isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT
    return ip.is_loopback or ip.is_private or shared


@functools.lru_cache(maxsize=256)
def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def resolve(host: str, port: int | None) -> list[IPAddress]:
    """Every address ``host`` stands for (an IP literal is itself; [] when DNS fails)."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found: list[IPAddress] = []
    for info in infos:
        ip = _literal(str(info[4][0]))
        if ip is not None and ip not in found:
            found.append(ip)
    return found


def host_is_local(url: str) -> bool:
    """Does ``url``'s host resolve only to loopback or private addresses?"""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return False
    if host in _LOOPBACK_NAMES:
        return True
    try:
        port = parts.port
    except ValueError:
        port = None
    ips = resolve(host, port)
    return bool(ips) and all(is_local(ip) for ip in ips)


@dataclass(frozen=True)
class LinkPolicy:
    """Which result links may be fetched: ``allow_local`` when the provider is local."""

    allow_local: bool = False

    @classmethod
    def for_provider(cls, base_url: str) -> LinkPolicy:
        return cls(allow_local=host_is_local(base_url))

    def check(self, url: str) -> None:
        """Raise a PROVIDER error (code ``address_refused``) for a link not to fetch."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        try:
            port = parts.port
        except ValueError:
            port = None
        if not host:
            return  # httpx reports a link without a host
        if host in _LOOPBACK_NAMES:
            ips: list[IPAddress] = [_LOOPBACK]
        else:
            ips = resolve(host, port)
        for ip in ips:
            reason = forbidden_reason(ip)
            if reason is None and is_local(ip) and not self.allow_local:
                reason = Text.of("a loopback or private address of this network")
            if reason is not None:
                raise StudioError.of(
                    ErrorKind.PROVIDER,
                    "The provider's image link points to {host}, {reason}; the studio does not "
                    "fetch such links (the reply is kept in the journal).",
                    code="address_refused",
                    maybe_processed=True,
                    host=host[:100],
                    reason=reason,
                )


def is_loopback_host(url: str) -> bool:
    """Is ``url``'s host this machine, by name or literal address (no DNS)?"""
    host = (urlsplit(url).hostname or "").lower()
    if host in _LOOPBACK_NAMES:
        return True
    ip = _literal(host)
    return ip is not None and _unwrap(ip).is_loopback


def check_plain_http(base_url: str, name: str, allowed: bool) -> None:
    """Refuse an ``http://`` base URL to another machine unless ``allowed``."""
    if urlsplit(base_url).scheme.lower() != "http" or allowed or is_loopback_host(base_url):
        return
    raise StudioError.of(
        ErrorKind.VALIDATION,
        "{provider} is set to plain HTTP ({url}): the key and your images would cross the "
        "network unencrypted. Use https://, or allow plain HTTP for this provider in "
        "Settings → Providers.",
        code="plain_http",
        maybe_processed=False,
        provider=name,
        url=base_url[:200],
    )


def plain_http_warning(base_url: str) -> bool:
    """Should the user be warned (an allowed plain-HTTP address to another machine)?"""
    return urlsplit(base_url).scheme.lower() == "http" and not is_loopback_host(base_url)
