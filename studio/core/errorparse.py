"""Turning every kind of error reply into a :class:`StudioError`.

Providers and the relays in front of them answer failures in many shapes: the
OpenAI error object, new-api's and one-api's variants of it, DMXAPI's
``{"ErrCode", "ErrMsg"}`` (sometimes with HTTP 200), an HTML page from a proxy,
or nothing at all. The body is always read as bytes first and never assumed to
be JSON; whatever it is, the user gets one readable sentence.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from collections.abc import Mapping
from typing import Any

from studio.core.errors import ErrorKind, StudioError, Text
from studio.core.redaction import scrub_bytes, scrub_text

#: the most of a body an error keeps (enough to diagnose, never a memory hog)
RAW_BODY_CAP = 1024 * 1024
#: the most of a provider's message shown to the user
MESSAGE_CAP = 600

_REQUEST_ID_RE = re.compile(r"\s*\(request id: ?([^)\s]+)\)", re.IGNORECASE)
_KEYLIKE_RE = re.compile(r"\b(sk-[A-Za-z0-9_\-]{4})[A-Za-z0-9_\-]{8,}")
_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SCRIPT_RE = re.compile(r"<(script|style)[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")

_POLICY_CODES = {"moderation_blocked", "content_policy_violation", "content_filter"}
_PROXY_STATUS = {
    502: Text.of("bad gateway"),
    503: Text.of("service unavailable"),
    504: Text.of("gateway timeout"),
    520: Text.of("unknown error"),
    521: Text.of("web server is down"),
    522: Text.of("connection timed out"),
    523: Text.of("origin is unreachable"),
    524: Text.of("timed out waiting for the provider"),
}


def redact(text: str, key: str | None = None) -> str:
    """``text`` without ``key`` or anything that looks like an API key."""
    if key and len(key) >= 4:
        text = text.replace(key, "[redacted key]")
    text = scrub_text(text)
    return _KEYLIKE_RE.sub(r"\1…[redacted]", text)


def _redact_bytes(body: bytes, key: str | None) -> bytes:
    capped = body[:RAW_BODY_CAP]
    if key and len(key) >= 4:
        capped = capped.replace(key.encode("utf-8", "replace"), b"[redacted key]")
    return scrub_bytes(capped)


def _clip(text: str, limit: int = MESSAGE_CAP) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for k, v in headers.items():
        if k.lower() == name:
            return v
    return None


def parse_retry_after(
    headers: Mapping[str, str] | None, *, now: float | None = None
) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date)."""
    ms = _header(headers, "retry-after-ms")
    if ms is not None:
        try:
            value = float(ms) / 1000.0
        except ValueError:
            value = -1.0
        if 0 <= value < 1e9:
            return value
    ra = _header(headers, "retry-after")
    if ra is None:
        return None
    ra = ra.strip()
    try:
        value = float(ra)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(ra)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        value = when.timestamp() - (time.time() if now is None else now)
        return max(0.0, value)
    return value if 0 <= value < 1e9 else None


def request_id_from(headers: Mapping[str, str] | None, message: str = "") -> str | None:
    for name in ("x-request-id", "x-oneapi-request-id", "x-new-api-request-id", "request-id"):
        value = _header(headers, name)
        if value:
            return value.strip()[:200]
    match = _REQUEST_ID_RE.search(message)
    return match.group(1) if match else None


def decode_text(body: bytes) -> str:
    """The body as text, whatever its encoding claims (invalid bytes replaced)."""
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    return body.decode("utf-8", errors="replace")


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | bool):
        return str(value)
    try:
        return json.dumps(value, ensure_ascii=False)[:MESSAGE_CAP]
    except (TypeError, ValueError, RecursionError):
        return None


def html_summary(text: str) -> str:
    """The title of an HTML page, else its visible text, shortened."""
    import html  # an error page is rare: its entity table is not loaded for every job

    match = _TITLE_RE.search(text)
    if match:
        title = _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub("", match.group(1)))).strip()
        if title:
            return _clip(title, 200)
    stripped = _TAG_RE.sub(" ", _SCRIPT_RE.sub(" ", text))
    return _clip(_SPACE_RE.sub(" ", html.unescape(stripped)), 200)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return (
        head.startswith("<!doctype html")
        or head.startswith("<html")
        or "<head" in head
        or (head.startswith("<") and "</" in text[:5000].lower())
    )


def dmx_error(obj: Any) -> tuple[str, str] | None:
    """``(code, message)`` when ``obj`` is a DMXAPI reply with a non-zero ErrCode."""
    if not isinstance(obj, dict) or "ErrCode" not in obj:
        return None
    code = obj.get("ErrCode")
    if code in (0, "0", None):
        return None
    return (_as_str(code) or "", _as_str(obj.get("ErrMsg")) or "unknown error")


def _fields(obj: Any) -> tuple[str | None, str | None, str | None]:
    """``(message, type, code)`` from the error shapes providers use."""
    if not isinstance(obj, dict):
        return None, None, None
    err = obj.get("error")
    if isinstance(err, dict):
        msg = _as_str(err.get("message")) or _as_str(err.get("msg"))
        etype = _as_str(err.get("type"))
        code = _as_str(err.get("code"))
        return msg, etype, code
    if isinstance(err, str):
        return err, None, _as_str(obj.get("code"))
    dmx = dmx_error(obj)
    if dmx:
        return dmx[1], "dmxapi_error", dmx[0]
    for key in ("message", "msg", "detail", "error_msg"):
        if key in obj:
            return _as_str(obj.get(key)), _as_str(obj.get("type")), _as_str(obj.get("code"))
    return None, None, None


def parse_error(
    status: int,
    body: bytes,
    headers: Mapping[str, str] | None = None,
    *,
    api_key: str | None = None,
) -> StudioError:
    """A readable :class:`StudioError` for an error reply (never raises)."""
    try:
        return _parse_error(status, body, headers, api_key)
    except Exception:  # defensive: a parser bug must not hide the failure
        return StudioError(
            ErrorKind.PROVIDER,
            f"The provider answered HTTP {status}.",
            status=status,
            raw_body=_redact_bytes(body, api_key),
        )


def _parse_error(
    status: int, body: bytes, headers: Mapping[str, str] | None, api_key: str | None
) -> StudioError:
    text = decode_text(body[:RAW_BODY_CAP])
    obj = _load_json(text) if text.strip()[:1] in ("{", "[") else None
    detail, etype, code = _fields(obj)
    request_id = request_id_from(headers, detail or "")
    if detail:
        # only a request id: nothing to quote, so the body is described instead
        detail = _REQUEST_ID_RE.sub("", detail).strip() or None
    retry_after = parse_retry_after(headers) if status in (429, 503) else None
    maybe_processed = status != 501 and (status >= 500 or status == 408)

    if detail is None:
        what: Text
        if not text.strip():
            what = Text.of("an empty reply")
        elif _looks_like_html(text):
            what = Text.of("an HTML page ({summary})", summary=redact(html_summary(text), api_key))
        else:
            unreadable = redact(_clip(_SPACE_RE.sub(" ", text), 200), api_key)
            what = Text.of("an unreadable reply: {text}", text=unreadable)
        if status in _PROXY_STATUS and text.strip():
            template = (
                "A proxy in front of the provider answered HTTP {status} ({meaning}) with {what}. "
                "The request may still be processed; check before retrying."
                if status in (504, 522, 524)
                else "A proxy in front of the provider answered HTTP {status} ({meaning}) with "
                "{what}."
            )
            args: dict[str, Any] = {"meaning": _PROXY_STATUS[status], "what": what}
        else:
            template = _status_sentence(status, None, said=False)
            args = {"what": what}
    else:
        template = _status_sentence(status, code, said=True)
        args = {"detail": redact(_clip(detail), api_key)}

    return StudioError.of(
        ErrorKind.PROVIDER,
        template,
        status=status,
        code=code or etype,
        raw_body=_redact_bytes(body, api_key),
        maybe_processed=bool(maybe_processed),
        request_id=request_id,
        retry_after=retry_after,
        **args,
    )


def _status_sentence(status: int, code: str | None, said: bool) -> str:
    """The template for an error reply: ending ": {detail}" when the provider ``said``
    something readable, else ". It sent {what}." (a phrase describing the body)."""
    if said and code in _POLICY_CODES:
        return "The provider refused the request on content grounds: {detail}"
    if said and code == "insufficient_quota":
        return "The account is out of quota or balance: {detail}"
    known = {
        401: (
            "The provider rejected the API key (HTTP 401): {detail}",
            "The provider rejected the API key (HTTP 401). It sent {what}.",
        ),
        403: (
            "No balance, or access forbidden (HTTP 403): {detail}",
            "No balance, or access forbidden (HTTP 403). It sent {what}.",
        ),
        404: (
            "The provider does not know this endpoint or model (HTTP 404): {detail}",
            "The provider does not know this endpoint or model (HTTP 404). It sent {what}.",
        ),
        413: (
            "The request is too large for the provider (HTTP 413): {detail}",
            "The request is too large for the provider (HTTP 413). It sent {what}.",
        ),
        429: (
            "Too many requests; the provider asks to slow down (HTTP 429): {detail}",
            "Too many requests; the provider asks to slow down (HTTP 429). It sent {what}.",
        ),
        501: (
            "This provider does not offer this endpoint (HTTP 501): {detail}",
            "This provider does not offer this endpoint (HTTP 501). It sent {what}.",
        ),
        200: (
            "The provider reported an error: {detail}",
            "The provider reported an error. It sent {what}.",
        ),
    }
    if status in known:
        return known[status][0 if said else 1]
    if status >= 500:
        if said:
            return "The provider had an internal error (HTTP {status}): {detail}"
        return "The provider had an internal error (HTTP {status}). It sent {what}."
    if said:
        return "The provider rejected the request (HTTP {status}): {detail}"
    return "The provider rejected the request (HTTP {status}). It sent {what}."


def protocol_error(
    template: str, body: bytes | None = None, *, status: int | None = None, **values: Any
) -> StudioError:
    """A reply we cannot understand; keeps the body so a paid result is not lost.

    ``template`` is an English sentence (``{name}`` filled from ``values``, see
    :meth:`StudioError.of`) that the window translates."""
    return StudioError.of(
        ErrorKind.NETWORK,
        template,
        status=status,
        code="protocol_error",
        raw_body=None if body is None else body[:RAW_BODY_CAP],
        maybe_processed=True,
        **values,
    )
