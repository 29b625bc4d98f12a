"""A small ``multipart/form-data`` parser (the stdlib ``cgi`` module is gone in 3.13).

Strict enough to catch a malformed body the way a real server would, and it
keeps every part's name, filename and content type so tests can assert what
the client really sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PARAM_RE = re.compile(r';\s*([A-Za-z0-9_*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


class MultipartError(ValueError):
    pass


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes = field(repr=False)

    @property
    def is_file(self) -> bool:
        return self.filename is not None

    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


def header_params(value: str) -> tuple[str, dict[str, str]]:
    """``'form-data; name="a"'`` -> ``("form-data", {"name": "a"})``."""
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for key, raw in _PARAM_RE.findall(";" + rest):
        raw = raw.strip()
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        params[key.lower()] = raw
    return main.strip().lower(), params


def boundary_of(content_type: str) -> str:
    kind, params = header_params(content_type)
    if kind != "multipart/form-data":
        raise MultipartError(f"expected multipart/form-data, got {kind or 'nothing'}")
    boundary = params.get("boundary", "")
    if not boundary:
        raise MultipartError("multipart/form-data without a boundary")
    return boundary


def parse(body: bytes, content_type: str) -> list[Part]:
    """All parts, in order."""
    delimiter = b"--" + boundary_of(content_type).encode("latin-1")
    chunks = body.split(delimiter)
    if len(chunks) < 3 and not (len(chunks) == 2 and chunks[1].startswith(b"--")):
        raise MultipartError("no multipart boundary found in the body")
    if not chunks[-1].startswith(b"--"):
        raise MultipartError("multipart body is not terminated")
    parts: list[Part] = []
    for chunk in chunks[1:-1]:
        if not chunk.startswith(b"\r\n"):
            raise MultipartError("malformed multipart delimiter line")
        head, sep, data = chunk[2:].partition(b"\r\n\r\n")
        if not sep:
            raise MultipartError("multipart part without a blank line after its headers")
        if not data.endswith(b"\r\n"):
            raise MultipartError("multipart part data not followed by CRLF")
        parts.append(_part(head.decode("utf-8", "replace"), data[:-2]))
    return parts


def _part(head: str, data: bytes) -> Part:
    headers: dict[str, str] = {}
    for line in head.split("\r\n"):
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    disposition, params = header_params(headers.get("content-disposition", ""))
    if disposition != "form-data" or "name" not in params:
        raise MultipartError("multipart part without Content-Disposition: form-data; name=...")
    ctype = headers.get("content-type")
    return Part(
        name=params["name"],
        filename=params.get("filename"),
        content_type=ctype.split(";")[0].strip().lower() if ctype else None,
        data=data,
    )
