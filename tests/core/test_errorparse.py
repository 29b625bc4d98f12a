"""Every error body kind providers and proxies send becomes one readable StudioError."""

from __future__ import annotations

import json

import pytest

from studio.core.errorparse import parse_error, parse_retry_after, redact
from studio.core.errors import ErrorKind

KEY = "sk-test-SENTINEL-0123456789abcdef"


def _openai(message: str, type_: str, code: str | None, param: str | None = None) -> bytes:
    return json.dumps(
        {"error": {"message": message, "type": type_, "param": param, "code": code}}
    ).encode()


def test_openai_error_object() -> None:
    err = parse_error(
        400,
        _openai("Invalid size '999x999'.", "invalid_request_error", "invalid_value", "size"),
        {"x-request-id": "req_abc"},
    )
    assert err.kind is ErrorKind.PROVIDER
    assert err.status == 400
    assert err.code == "invalid_value"
    assert err.request_id == "req_abc"
    assert "Invalid size '999x999'." in err.message
    assert err.raw_body is not None and b"invalid_value" in err.raw_body
    assert err.maybe_processed is False


def test_new_api_request_id_is_taken_from_the_message() -> None:
    body = _openai(
        "当前分组上游负载已饱和，请稍后再试 (request id: 20250101120000abcdEFGH)",
        "new_api_error",
        None,
    )
    err = parse_error(500, body, {})
    assert err.request_id == "20250101120000abcdEFGH"
    assert "request id" not in err.message
    assert "当前分组上游负载已饱和" in err.message
    assert err.code == "new_api_error"
    assert err.maybe_processed is True


def test_one_api_header_request_id() -> None:
    body = _openai("invalid token", "one_api_error", None)
    err = parse_error(401, body, {"X-Oneapi-Request-Id": "2024-one-7"})
    assert err.request_id == "2024-one-7"
    assert "API key" in err.message and "invalid token" in err.message


def test_dmxapi_errcode_even_with_http_200() -> None:
    body = json.dumps({"ErrCode": 1002, "ErrMsg": "图片格式不支持", "Resp": None}).encode()
    err = parse_error(200, body)
    assert err.kind is ErrorKind.PROVIDER
    assert err.code == "1002"
    assert "图片格式不支持" in err.message


@pytest.mark.parametrize(
    ("status", "words"),
    [(502, "bad gateway"), (524, "timed out")],
)
def test_html_page_from_a_proxy(status: int, words: str) -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>example.com | 524: A timeout occurred</title>"
        b"<style>body{color:red}</style></head><body><h1>A timeout occurred</h1>"
        b"<script>var x = 1;</script></body></html>"
    )
    err = parse_error(status, page, {"content-type": "text/html"})
    assert err.kind is ErrorKind.PROVIDER
    assert "proxy" in err.message and words in err.message
    assert "524: A timeout occurred" in err.message
    assert "<" not in err.message
    assert err.raw_body == page


def test_html_without_title_is_stripped_of_tags() -> None:
    err = parse_error(502, b"<html><body><h1>Bad</h1> <p>gateway &amp; stuff</p></body></html>")
    assert "Bad gateway & stuff" in err.message
    assert "<" not in err.message


def test_empty_body() -> None:
    err = parse_error(500, b"")
    assert "HTTP 500" in err.message and "empty" in err.message
    assert err.raw_body == b""


def test_501_means_endpoint_not_offered() -> None:
    body = _openai("API not implemented", "new_api_error", "api_not_implemented")
    err = parse_error(501, body)
    assert "does not offer this endpoint" in err.message
    assert err.code == "api_not_implemented"
    assert err.maybe_processed is False


def test_403_uses_the_providers_words() -> None:
    err = parse_error(403, _openai("用户额度不足, 剩余额度: ＄0.00", "new_api_error", None))
    assert "No balance" in err.message and "用户额度不足" in err.message


def test_429_retry_after_headers() -> None:
    body = _openai("Rate limit reached", "requests", "rate_limit_exceeded")
    assert parse_error(429, body, {"Retry-After": "7"}).retry_after == 7.0
    assert parse_error(429, body, {"retry-after-ms": "1500"}).retry_after == 1.5
    assert parse_error(429, body, {}).retry_after is None
    assert parse_error(400, body, {"Retry-After": "7"}).retry_after is None


def test_retry_after_http_date() -> None:
    assert parse_retry_after({"Retry-After": "Wed, 21 Oct 2015 07:28:10 GMT"}, now=1445412480) == 10
    assert parse_retry_after({"Retry-After": "soon"}) is None


@pytest.mark.parametrize("code", ["moderation_blocked", "content_policy_violation"])
def test_moderation_gives_the_providers_reason(code: str) -> None:
    reason = "Your request was rejected as a result of our safety system."
    err = parse_error(400, _openai(reason, "image_generation_user_error", code))
    assert err.code == code
    assert "content grounds" in err.message and reason in err.message


def test_plain_text_body() -> None:
    err = parse_error(503, b"upstream connect error or disconnect/reset before headers")
    assert "upstream connect error" in err.message
    assert err.status == 503


def test_the_key_never_appears_in_the_message_or_raw_body() -> None:
    body = _openai(
        f"Incorrect API key provided: {KEY}.", "invalid_request_error", "invalid_api_key"
    )
    err = parse_error(401, body, api_key=KEY)
    assert KEY not in err.message
    assert err.raw_body is not None and KEY.encode() not in err.raw_body
    other = parse_error(401, _openai("bad key sk-abcdefghijklmnopqrstuvwxyz", "x", None))
    assert "sk-abcdefghijklmnopqrstuvwxyz" not in other.message


def test_redact_shortens_keylike_strings() -> None:
    assert redact("key sk-ABCDEFGHIJKLMNOP here") == "key sk-ABCD…[redacted] here"
    assert redact("my secret-key-value", "secret-key-value") == "my [redacted key]"


def test_json_that_is_not_an_object() -> None:
    err = parse_error(500, b'["weird"]')
    assert err.kind is ErrorKind.PROVIDER and "HTTP 500" in err.message


def test_raw_body_is_capped() -> None:
    big = b"x" * (3 * 1024 * 1024)
    err = parse_error(500, big)
    assert err.raw_body is not None and len(err.raw_body) == 1024 * 1024


def test_a_message_that_is_only_a_request_id_describes_the_body() -> None:
    body = b'{"error": {"message": "(request id: 2025abc)", "type": "new_api_error"}}'
    err = parse_error(401, body)
    assert err.request_id == "2025abc"
    assert not err.message.endswith(": ")
    assert err.message.startswith("The provider rejected the API key (HTTP 401). It sent")
