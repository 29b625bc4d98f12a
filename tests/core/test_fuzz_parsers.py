"""Fuzzing the parsers: whatever a server sends, the only failure is a StudioError,
and a failure keeps the raw body (so a paid result is never lost to a parser)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.core.errorparse import RAW_BODY_CAP, parse_error, parse_retry_after
from studio.core.errors import StudioError
from studio.core.request import InputImage
from studio.core.responses import (
    parse_images_response,
    parse_models_response,
    parse_upload_response,
)
from studio.core.streaming import StreamReader
from studio.core.wire import build_multipart
from studio.sandbox import multipart
from tests.core.imagebytes import b64, png

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,  # nothing written to .hypothesis in the checkout
    suppress_health_check=[HealthCheck.too_slow],
)

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["", b64(png(2, 2)), "aGVsbG8=", "https://x.example/a.png", "data:,"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "data",
                    "b64_json",
                    "url",
                    "usage",
                    "created",
                    "error",
                    "message",
                    "ErrCode",
                    "ErrMsg",
                    "Resp",
                    "img_id",
                    "id",
                    "type",
                ]
            )
            | st.text(max_size=5),
            inner,
            max_size=5,
        )
    ),
    max_leaves=12,
)

BODIES = st.binary(max_size=300) | JSON.map(lambda v: json.dumps(v).encode())


def _no_download(url: str) -> bytes:
    raise StudioError.cancelled()


def _check_keeps_body(err: StudioError, body: bytes) -> None:
    assert err.raw_body is None or err.raw_body == body[:RAW_BODY_CAP]
    assert isinstance(err.message, str) and err.message


@FUZZ
@given(body=BODIES)
def test_images_parser_only_raises_studio_errors(body: bytes) -> None:
    try:
        result = parse_images_response(body, download=_no_download)
    except StudioError as err:
        if err.kind.value != "cancelled":
            assert err.raw_body == body[:RAW_BODY_CAP]
            _check_keeps_body(err, body)
    else:
        assert result.images


@FUZZ
@given(body=BODIES)
def test_upload_and_models_parsers_only_raise_studio_errors(body: bytes) -> None:
    for parse in (parse_upload_response, parse_models_response):
        try:
            parse(body)
        except StudioError as err:
            assert err.raw_body == body[:RAW_BODY_CAP]


@FUZZ
@given(
    status=st.integers(min_value=100, max_value=599),
    body=BODIES,
    headers=st.dictionaries(
        st.sampled_from(["Retry-After", "retry-after-ms", "x-request-id", "X-Oneapi-Request-Id"])
        | st.text(max_size=8),
        st.text(max_size=30),
        max_size=4,
    ),
)
def test_error_parser_never_raises(status: int, body: bytes, headers: dict[str, str]) -> None:
    err = parse_error(status, body, headers)
    assert isinstance(err, StudioError)
    assert err.status == status
    assert err.raw_body == body
    assert err.message
    assert err.retry_after is None or err.retry_after >= 0


@FUZZ
@given(st.text(max_size=40))
def test_retry_after_never_raises(value: str) -> None:
    for name in ("Retry-After", "retry-after-ms"):
        wait = parse_retry_after({name: value})
        assert wait is None or wait >= 0


@FUZZ
@given(
    events=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "",
                    "message",
                    "error",
                    "image_generation.partial_image",
                    "image_generation.completed",
                    "image_edit.partial_image",
                ]
            )
            | st.text(max_size=10),
            st.text(max_size=40) | JSON.map(json.dumps) | st.just("[DONE]"),
        ),
        max_size=6,
    )
)
def test_stream_events_only_raise_studio_errors(events: list[tuple[str, str]]) -> None:
    reader = StreamReader()
    for event, data in events:
        try:
            reader.handle(event, data)
        except StudioError as err:
            assert err.raw_body is None or err.raw_body == data.strip().encode("utf-8", "replace")
            return


@FUZZ
@given(
    fields=st.lists(
        st.tuples(
            st.text(min_size=1, max_size=10).filter(lambda s: "\r" not in s and "\n" not in s),
            st.one_of(st.text(max_size=30), st.integers(), st.booleans()),
        ),
        max_size=5,
    ),
    filename=st.text(min_size=1, max_size=20),
)
def test_multipart_round_trips_through_a_real_parser(
    fields: list[tuple[str, Any]], filename: str
) -> None:
    data = png(3, 3)
    body = build_multipart(fields, [("image", InputImage(filename, data))], boundary="b0und4ry")
    parts = multipart.parse(body.content, body.content_type)
    texts = [p for p in parts if not p.is_file]
    assert len(texts) == len(fields)
    for part, (_, value) in zip(texts, fields, strict=True):
        expected = ("true" if value else "false") if isinstance(value, bool) else str(value)
        assert part.text() == expected
    (file_part,) = [p for p in parts if p.is_file]
    assert file_part.data == data and file_part.content_type == "image/png"
