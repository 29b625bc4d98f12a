"""Parsing success bodies: b64 and url results, usage, odd relay shapes, recovery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.core.errors import ErrorKind, StudioError
from studio.core.journal import Journal
from studio.core.responses import (
    B64_CHUNK,
    decode_b64,
    parse_images_response,
    parse_models_response,
    parse_upload_response,
    recover,
)
from tests.core.imagebytes import b64, jpeg, png, webp


def _body(obj: object) -> bytes:
    return json.dumps(obj).encode()


def test_b64_results_with_usage_and_revised_prompt() -> None:
    usage = {"input_tokens": 10, "output_tokens": 272, "total_tokens": 282}
    body = _body(
        {
            "created": 1700000000,
            "data": [
                {"b64_json": b64(png(16, 8)), "revised_prompt": "a red square"},
                {"b64_json": b64(jpeg(4, 6))},
                {"b64_json": b64(webp(5, 5))},
            ],
            "usage": usage,
        }
    )
    result = parse_images_response(body)
    assert [(i.format, i.width, i.height) for i in result.images] == [
        ("png", 16, 8),
        ("jpeg", 4, 6),
        ("webp", 5, 5),
    ]
    assert result.images[0].revised_prompt == "a red square"
    assert result.images[0].data == png(16, 8)
    assert result.usage == usage
    assert result.created == 1700000000


def test_url_results_are_downloaded() -> None:
    fetched: list[str] = []

    def download(url: str) -> bytes:
        fetched.append(url)
        return png(3, 3)

    body = _body({"created": 1, "data": [{"url": "https://cdn.example/a.png"}]})
    result = parse_images_response(body, download=download)
    assert fetched == ["https://cdn.example/a.png"]
    assert result.images[0].source_url == "https://cdn.example/a.png"
    assert (result.images[0].width, result.images[0].height) == (3, 3)


def test_b64_is_preferred_when_a_relay_sends_both() -> None:
    def download(url: str) -> bytes:
        raise AssertionError("must not download when b64_json is present")

    body = _body({"data": [{"url": "https://cdn.example/a.png", "b64_json": b64(png())}]})
    assert parse_images_response(body, download=download).images[0].source_url is None


def test_partial_download_failure_keeps_the_others() -> None:
    def download(url: str) -> bytes:
        if "bad" in url:
            raise StudioError(ErrorKind.PROVIDER, "Could not download the image (HTTP 403).")
        return png()

    body = _body(
        {"data": [{"url": "https://cdn.example/good.png"}, {"url": "https://cdn.example/bad.png"}]}
    )
    result = parse_images_response(body, download=download)
    assert len(result.images) == 1
    assert len(result.errors) == 1
    assert "https://cdn.example/bad.png" in result.errors[0].message


def test_all_downloads_failing_raises_with_the_url() -> None:
    def download(url: str) -> bytes:
        raise StudioError(ErrorKind.PROVIDER, "gone")

    with pytest.raises(StudioError) as info:
        parse_images_response(
            _body({"data": [{"url": "https://cdn.example/x.png"}]}), download=download
        )
    assert "https://cdn.example/x.png" in info.value.message


def test_stream_completed_event_shape() -> None:
    event = _body(
        {
            "type": "image_generation.completed",
            "b64_json": b64(png(2, 2)),
            "created_at": 5,
            "usage": {"output_tokens": 3},
        }
    )
    result = parse_images_response(event)
    assert len(result.images) == 1 and result.created == 5 and result.usage == {"output_tokens": 3}


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "empty"),
        (b"<html><title>Oops</title></html>", "HTML page"),
        (b'{"created": 1, "data": [{"b64_json": "iVBORw0KGgo', "not valid JSON"),
        (b'{"data": []}', "no images"),
        (b'{"data": {"url": "x"}}', "no image list"),
        (b'{"data": [{"url": {"href": "https://x"}}]}', "neither"),
        (b'{"data": [{"b64_json": "%%%not base64%%%"}]}', "not valid base64"),
        (b'{"data": [{"b64_json": "aGVsbG8gd29ybGQ="}]}', "not a readable picture"),
        (b"[1, 2]", "not a JSON object"),
    ],
)
def test_unreadable_replies_keep_the_body(body: bytes, words: str) -> None:
    with pytest.raises(StudioError) as info:
        parse_images_response(body)
    assert words in info.value.message
    assert info.value.raw_body == body
    assert info.value.kind is ErrorKind.NETWORK


def test_error_object_with_http_200_is_a_provider_error() -> None:
    with pytest.raises(StudioError) as info:
        parse_images_response(_body({"ErrCode": 7, "ErrMsg": "余额不足"}))
    assert info.value.kind is ErrorKind.PROVIDER and "余额不足" in info.value.message
    with pytest.raises(StudioError) as info2:
        parse_images_response(_body({"error": {"message": "upstream failed", "type": "x"}}))
    assert "upstream failed" in info2.value.message


def test_upload_reply() -> None:
    ok = _body(
        {
            "ErrCode": 0,
            "ErrMsg": "Success",
            "Resp": {"img_id": 177602101, "img_url": "https://media.example/1.png"},
            "usage": {"total_tokens": 0},
        }
    )
    result = parse_upload_response(ok)
    assert result.img_id == 177602101 and result.img_url == "https://media.example/1.png"
    with pytest.raises(StudioError) as info:
        parse_upload_response(_body({"ErrCode": 3, "ErrMsg": "image too large"}))
    assert info.value.kind is ErrorKind.PROVIDER and "image too large" in info.value.message


def test_models_reply() -> None:
    body = _body({"object": "list", "data": [{"id": "gpt-image-1"}, {"id": "dall-e-3"}, {"x": 1}]})
    assert parse_models_response(body) == ["gpt-image-1", "dall-e-3"]


def test_recover_from_the_journal(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    body = _body({"created": 9, "data": [{"b64_json": b64(png(7, 7))}]})
    entry = journal.write(body, {"provider": "x", "model": "gpt-image-1", "request_id": "r1"})
    result = recover(entry)
    assert result.images[0].width == 7
    assert result.journal_entries == [entry]
    assert result.request_ids == ["r1"]


def test_recover_keeps_the_url_when_the_download_fails(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    entry = journal.write(_body({"data": [{"url": "http://127.0.0.1:9/expired.png"}]}), {})

    def download(url: str) -> bytes:
        raise StudioError(ErrorKind.NETWORK, "Could not connect.")

    with pytest.raises(StudioError) as info:
        recover(entry, download=download)
    assert "http://127.0.0.1:9/expired.png" in info.value.message
    assert journal.pending() == [entry]


def test_data_url_results_are_decoded_without_a_download() -> None:
    def download(url: str) -> bytes:
        raise AssertionError("a data: URL needs no download")

    body = _body({"data": [{"url": "data:image/png;base64," + b64(png(6, 2))}]})
    image = parse_images_response(body, download=download).images[0]
    assert (image.width, image.height) == (6, 2)


def test_big_base64_is_decoded_in_chunks_exactly_as_whole() -> None:
    import base64
    import os

    data = os.urandom(B64_CHUNK * 2 + 7)  # three chunks, the last one padded
    text = base64.b64encode(data).decode()
    assert len(text) > B64_CHUNK * 2
    assert decode_b64(text) == data
    wrapped = "\n".join(text[i : i + 76] for i in range(0, len(text), 76))  # MIME lines
    assert decode_b64(wrapped) == data
    # padding in the middle of the text, a bad character or a cut end: refused
    middle = text[: B64_CHUNK - 4] + "AA==" + text[B64_CHUNK:]
    for bad in (middle, text[:-1], text[:1000] + "%" + text[1001:]):
        with pytest.raises(StudioError) as caught:
            decode_b64(bad)
        assert "not valid base64" in str(caught.value)
