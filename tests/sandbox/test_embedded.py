"""The app's process-wide sandbox."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from studio.sandbox import embedded


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    embedded.stop_embedded_sandbox()
    yield
    embedded.stop_embedded_sandbox()


def test_one_started_server_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(embedded.LATENCY_ENV, raising=False)
    first = embedded.get_embedded_sandbox()
    assert embedded.get_embedded_sandbox() is first
    assert first.running
    assert first.latency == embedded.DEFAULT_LATENCY
    with httpx.Client(timeout=10) as c:
        assert c.get(first.base_url + "/models").status_code == 200


def test_latency_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embedded.LATENCY_ENV, "0")
    assert embedded.get_embedded_sandbox().latency == 0.0


def test_bad_latency_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embedded.LATENCY_ENV, "soon")
    assert embedded.get_embedded_sandbox().latency == embedded.DEFAULT_LATENCY


def test_restarts_after_stop() -> None:
    first = embedded.get_embedded_sandbox()
    embedded.stop_embedded_sandbox()
    assert not first.running
    second = embedded.get_embedded_sandbox()
    assert second is not first and second.running
