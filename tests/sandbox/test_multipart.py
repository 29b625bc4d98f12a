"""The multipart parser, on bodies built by httpx (the client's own library)."""

from __future__ import annotations

import httpx
import pytest

from studio.sandbox.multipart import MultipartError, header_params, parse


def _encode(
    data: dict[str, str], files: list[tuple[str, tuple[str, bytes, str]]]
) -> tuple[bytes, str]:
    request = httpx.Request("POST", "http://x/", data=data, files=files)
    return request.read(), request.headers["Content-Type"]


def test_parses_fields_and_files_in_order() -> None:
    payload = b"\x89PNG\r\n\x1a\n--not-a-boundary\r\n\r\n\x00\xff"
    body, ctype = _encode(
        {"prompt": "héllo\r\nworld", "n": "2"},
        [
            ("image[]", ("a b.png", payload, "image/png")),
            ("image[]", ("c.webp", b"", "image/webp")),
        ],
    )
    parts = parse(body, ctype)
    assert [(p.name, p.filename, p.content_type) for p in parts] == [
        ("prompt", None, None),
        ("n", None, None),
        ("image[]", "a b.png", "image/png"),
        ("image[]", "c.webp", "image/webp"),
    ]
    assert parts[0].text() == "héllo\r\nworld"
    assert parts[2].data == payload
    assert parts[3].data == b""


def test_header_params_unquote() -> None:
    assert header_params('form-data; name="a\\"b"; filename=x.png') == (
        "form-data",
        {"name": 'a"b', "filename": "x.png"},
    )


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--\r\n", "text/plain"),
        (
            b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--\r\n",
            "multipart/form-data",
        ),
        (
            b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n",
            "multipart/form-data; boundary=b",
        ),
        (b"--b\r\nno blank line\r\n--b--\r\n", "multipart/form-data; boundary=b"),
        (
            b"--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--\r\n",
            "multipart/form-data; boundary=b",
        ),
        (b"nothing here", "multipart/form-data; boundary=b"),
    ],
)
def test_malformed_bodies_raise(body: bytes, ctype: str) -> None:
    with pytest.raises(MultipartError):
        parse(body, ctype)
