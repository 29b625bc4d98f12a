"""Fault injection for the sandbox, and error bodies that look like real ones.

A :class:`Fault` is queued on a running server (``SandboxServer.inject`` or
``POST /_sandbox/faults``) and applies to the next ``times`` requests whose
path matches. The canned helpers build the error bodies real providers and
the relays/proxies in front of them send, so client tests exercise the same
parsing paths a user's failures do.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import asdict, dataclass, field, replace
from typing import Any

ACTIONS = frozenset(
    {
        "respond",
        "drop_before_headers",
        "reset_mid_body",
        "truncate_json",
        "invalid_base64",
        "stream_cut",
        "huge_body",
        "slow",
        "expired_url",
        "no_gif_access",  # the project may not make GIFs (OpenAI: feature_not_enabled)
        # hostile replies (bounded memory and time on the client's side)
        "endless_event",  # a stream event that never ends (no blank line)
        "keepalive_forever",  # a stream of nothing but comments, every ``interval``
        "trickle",  # the normal reply, one byte every ``interval``
        "stream_noise",  # a good stream with junk events (ping, arrays, bad partials)
        "many_images",  # ``size`` tiny images whatever n asked for
    }
)

DEFAULT_HUGE_SIZE = 300 * 1024 * 1024


@dataclass
class Fault:
    """What to do instead of (or before) answering normally.

    ``path`` matches the end (or, for a prefix like ``"/files/"``, the start) of
    the request path with ``/v1`` removed; ``None`` matches any API request.
    ``times`` counts matching requests; ``-1`` means forever.
    """

    path: str | None = None
    status: int = 500
    body: bytes | str | dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    delay: float = 0.0
    action: str = "respond"
    times: int = 1
    size: int | None = None
    #: pause between the pieces of ``keepalive_forever`` and ``trickle`` (seconds)
    interval: float = 0.5

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown fault action {self.action!r}; one of {sorted(ACTIONS)}")
        if self.times == 0 or self.times < -1:
            raise ValueError("times must be positive or -1 (forever)")

    def matches(self, path: str) -> bool:
        if self.path is None:
            return True
        api_path = path[3:] if path.startswith("/v1/") else path
        return api_path.endswith(self.path) or (
            self.path.endswith("/") and api_path.startswith(self.path)
        )

    def body_bytes(self) -> tuple[bytes, str]:
        """The body to send for ``respond`` and its default content type."""
        body = self.body
        if body is None:
            data, ctype = json_bytes(default_error_for(self.status)), "application/json"
        elif isinstance(body, dict):
            data, ctype = json_bytes(body), "application/json"
        elif isinstance(body, str):
            data = body.encode("utf-8")
            looks_html = body.lstrip()[:1] == "<"
            ctype = "text/html; charset=utf-8" if looks_html else "text/plain; charset=utf-8"
        else:
            data, ctype = bytes(body), "application/json"
        return data, self.content_type or ctype

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if isinstance(self.body, bytes):
            data["body"] = self.body.decode("utf-8", "replace")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fault:
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        return cls(**data)


class FaultQueue:
    """Thread-safe queue of faults; each request takes the first matching one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(replace(fault))  # a copy: ``times`` counts down here

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, path: str) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.matches(path):
                    if fault.times > 0:
                        fault.times -= 1
                        if fault.times == 0:
                            del self._faults[i]
                    return fault
        return None

    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)


def json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- canned error bodies -------------------------------------------------------------------------

_DEFAULT_BY_STATUS: dict[int, tuple[str, str, str]] = {
    400: ("Invalid request.", "invalid_request_error", "invalid_request"),
    401: ("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    403: ("You have insufficient permissions for this operation.", "invalid_request_error", ""),
    404: ("The requested resource was not found.", "invalid_request_error", "not_found"),
    408: ("Request timed out.", "server_error", "timeout"),
    409: ("Conflict.", "invalid_request_error", "conflict"),
    413: ("Request body too large.", "invalid_request_error", "request_too_large"),
    429: ("Rate limit reached for requests.", "requests", "rate_limit_exceeded"),
    500: ("The server had an error while processing your request.", "server_error", ""),
    501: ("API not implemented.", "new_api_error", "api_not_implemented"),
    502: ("Bad gateway.", "server_error", "bad_gateway"),
    503: ("The engine is currently overloaded, please try again later.", "server_error", ""),
}


def default_error_for(status: int) -> dict[str, Any]:
    message, etype, code = _DEFAULT_BY_STATUS.get(
        status, (f"Request failed with status {status}.", "server_error", "")
    )
    return openai_error(status, message, code or None, etype)


def openai_error(
    status: int = 400,
    message: str = "Invalid request.",
    code: str | None = None,
    type: str = "invalid_request_error",
    param: str | None = None,
) -> dict[str, Any]:
    """OpenAI's error object: ``{"error": {"message", "type", "param", "code"}}``.

    ``status`` is not part of the body; it is accepted so call sites read like
    the response they describe.
    """
    del status
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def new_api_error(
    message: str = "当前分组上游负载已饱和，请稍后再试",
    code: str | None = None,
    request_id: str | None = None,
) -> dict[str, Any]:
    """A new-api relay's error: OpenAI's shape, ``type: new_api_error``, request id appended."""
    rid = request_id or uuid.uuid4().hex[:24]
    return {
        "error": {
            "message": f"{message} (request id: {rid})",
            "type": "new_api_error",
            "param": "",
            "code": code,
        }
    }


def one_api_error(message: str = "无效的令牌", code: str | None = None) -> dict[str, Any]:
    """A one-api relay's error."""
    return {"error": {"message": message, "type": "one_api_error", "param": "", "code": code}}


def dmx_errcode(code: int = 1001, message: str = "Invalid input") -> dict[str, Any]:
    """DMXAPI's ``/responses`` failure (sent with HTTP 200)."""
    return {
        "ErrCode": code,
        "ErrMsg": message,
        "Resp": None,
        "usage": {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0},
    }


_HTML_TITLES = {
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway time-out",
    520: "Web server is returning an unknown error",
    521: "Web server is down",
    522: "Connection timed out",
    524: "A timeout occurred",
}


def html_page(status: int = 502) -> str:
    """A Cloudflare-style error page, as proxies send instead of JSON."""
    title = _HTML_TITLES.get(status, "Error")
    ray = uuid.uuid4().hex[:16]
    return (
        "<!DOCTYPE html>\n"
        '<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->\n'
        '<html lang="en-US">\n<head>\n'
        f"<title>api.example.com | {status}: {title}</title>\n"
        '<meta charset="UTF-8" />\n'
        '<meta name="robots" content="noindex, nofollow" />\n'
        "</head>\n<body>\n"
        '<div id="cf-wrapper"><div id="cf-error-details" class="p-0">\n'
        f'<h1><span class="inline-block">{title}</span>'
        f'<span class="code-label">Error code {status}</span></h1>\n'
        '<p>Visit <a href="https://www.cloudflare.com/">cloudflare.com</a> for more '
        "information.</p>\n"
        f'<div class="cf-error-footer">Cloudflare Ray ID: <strong>{ray}</strong></div>\n'
        "</div></div>\n</body>\n</html>\n"
    )
