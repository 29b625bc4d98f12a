"""The address rules for result links and plain HTTP (no network needed)."""

from __future__ import annotations

import pytest

from studio.core.addresses import LinkPolicy, check_plain_http, host_is_local
from studio.core.errors import ErrorKind, StudioError


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1%25eth0]/x.png",
        "http://0.0.0.0/x.png",
        "http://[::]/x.png",
        "http://224.0.0.1/x.png",
        "http://255.255.255.255/x.png",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://192.0.0.192/opc/v2/instance/",
    ],
)
def test_forbidden_addresses_are_refused_even_for_a_local_provider(url: str) -> None:
    with pytest.raises(StudioError) as info:
        LinkPolicy(allow_local=True).check(url)
    assert info.value.code == "address_refused" and info.value.kind is ErrorKind.PROVIDER


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/x.png",
        "http://localhost/x.png",
        "http://10.1.2.3/x.png",
        "http://192.168.1.20/x.png",
        "http://[::1]/x.png",
        "http://[fd12:3456::1]/x.png",
    ],
)
def test_local_addresses_only_when_the_provider_is_local(url: str) -> None:
    LinkPolicy(allow_local=True).check(url)
    with pytest.raises(StudioError) as info:
        LinkPolicy(allow_local=False).check(url)
    assert "loopback or private" in info.value.message


def test_public_addresses_are_fetched() -> None:
    LinkPolicy().check("https://8.8.8.8/image.png")
    LinkPolicy().check("https://[2001:4860:4860::8888]/image.png")


def test_the_provider_address_decides_what_is_local() -> None:
    assert host_is_local("http://127.0.0.1:5000/v1") and host_is_local("http://localhost/v1")
    assert host_is_local("http://192.168.0.10/v1")
    assert not host_is_local("https://8.8.8.8/v1")


def test_plain_http_only_to_this_machine_or_when_allowed() -> None:
    check_plain_http("http://127.0.0.1:9/v1", "local", allowed=False)
    check_plain_http("http://localhost/v1", "local", allowed=False)
    check_plain_http("https://example.com/v1", "remote", allowed=False)
    check_plain_http("http://192.168.1.5/v1", "lan", allowed=True)
    with pytest.raises(StudioError) as info:
        check_plain_http("http://192.168.1.5/v1", "lan", allowed=False)
    assert info.value.kind is ErrorKind.VALIDATION and info.value.code == "plain_http"
    assert "Settings → Providers" in info.value.message
