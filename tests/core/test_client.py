"""The images client against the real sandbox: modes, wire capture, keys, n splitting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from studio.core.capabilities import CapabilityRegistry
from studio.core.client import ClientEvent, ImageArrived, ImagesClient, split_n
from studio.core.errors import ErrorKind, StudioError
from studio.core.journal import Journal
from studio.core.providers import AuthStyle
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.validated import validated
from studio.core.wire import edit_body
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.core.clienthelpers import KEY, caps, provider
from tests.core.imagebytes import jpeg, png

NO_TABLES = CapabilityRegistry({})


def _client(
    base_url: str, tmp_path: Path | None = None, key: str | None = None, **kw: object
) -> ImagesClient:
    journal = Journal(tmp_path / "journal") if tmp_path is not None else None
    return ImagesClient(
        provider(base_url, **kw),  # type: ignore[arg-type]
        key,
        journal=journal,
        capabilities=NO_TABLES,
    )


def test_split_n() -> None:
    assert split_n(1, 1) == [1]
    assert split_n(3, 1) == [1, 1, 1]
    assert split_n(5, 2) == [2, 2, 1]
    assert split_n(10, 10) == [10]
    assert split_n(4, None) == [4]


def test_generate_b64_with_usage_and_journal(sandbox: SandboxServer, tmp_path: Path) -> None:
    req = ImageRequest(
        Mode.GENERATE, "gpt-image-1", "a red fox", {"size": "1024x1024", "quality": "low", "n": 2}
    )
    events: list[ClientEvent] = []
    with _client(sandbox.base_url, tmp_path) as client:
        result = client.run(validated(req, caps()), on_event=events.append)
    assert len(result.images) == 2
    assert {(i.format, i.width, i.height) for i in result.images} == {("png", 1024, 1024)}
    assert result.usage is not None and result.usage["output_tokens"] > 0
    assert result.created is not None
    assert len(result.request_ids) == 1 and result.request_ids[0].startswith("req_")
    assert [e.position for e in events if isinstance(e, ImageArrived)] == [0, 1]
    # the body on disk is exactly what the provider sent, with its meta
    (entry,) = result.journal_entries
    body, meta = entry.read()
    assert json.loads(body)["usage"] == result.usage
    assert meta["model"] == "gpt-image-1" and meta["mode"] == "generate"
    assert meta["request_id"] == result.request_ids[0]
    assert Journal(tmp_path / "journal").pending() == [entry]
    # only the params present were sent
    (sent,) = sandbox.requests
    assert sent.path == "/v1/images/generations"
    assert sent.json() == {
        "model": "gpt-image-1",
        "prompt": "a red fox",
        "size": "1024x1024",
        "quality": "low",
        "n": 2,
    }
    assert sent.header("Content-Type") == "application/json"


@pytest.mark.parametrize(
    ("auth", "expected"), [(AuthStyle.BEARER, f"Bearer {KEY}"), (AuthStyle.RAW, KEY)]
)
def test_auth_styles_and_provider_headers(auth: AuthStyle, expected: str) -> None:
    with SandboxServer(require_key=KEY, profile="relay") as server:
        client = ImagesClient(
            provider(server.base_url, auth, **{"X-Relay-Group": "vip"}), KEY, capabilities=NO_TABLES
        )
        with client:
            client.run(
                validated(
                    ImageRequest(Mode.GENERATE, "gpt-image-1", "x", {"size": "1024x1024"}),
                    caps("gpt-image-1"),
                )
            )
        (sent,) = server.requests
    assert sent.header("Authorization") == expected
    assert sent.header("X-Relay-Group") == "vip"


def test_bad_key_is_a_readable_error_without_the_key() -> None:
    wrong = "sk-test-SENTINEL-wrong-key-1"
    with (
        SandboxServer(require_key=KEY, profile="relay") as server,
        _client(server.base_url, key=wrong) as client,
    ):
        with pytest.raises(StudioError) as info:
            client.run(
                validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x"), caps("gpt-image-1"))
            )
        assert len(server.requests) == 1  # a 401 is never retried
    err = info.value
    assert err.kind is ErrorKind.PROVIDER and err.status == 401
    assert "API key" in err.message and wrong not in err.message
    assert err.request_id and err.request_id.startswith("req_")


def test_url_results_on_another_host_get_no_key(tmp_path: Path) -> None:
    with SandboxServer(require_key=KEY, url_host="alt", profile="relay") as server:
        with _client(server.base_url, tmp_path, key=KEY) as client:
            result = client.run(
                validated(ImageRequest(Mode.GENERATE, "dall-e-3", "a lighthouse"), caps("dall-e-3"))
            )
        api, download = server.requests
    assert api.header("Authorization") == f"Bearer {KEY}"
    assert download.method == "GET" and download.path.startswith("/files/")
    assert download.header("Authorization") is None
    assert (download.header("Host") or "").startswith("localhost:")
    image = result.images[0]
    assert image.source_url is not None and image.source_url.startswith("http://localhost:")
    assert image.revised_prompt  # dall-e-3 rewrites prompts
    assert (image.width, image.height) == (1024, 1024)


def test_url_results_on_the_same_host_keep_the_key() -> None:
    with SandboxServer(require_key=KEY, profile="relay") as server:
        with _client(server.base_url, key=KEY, auth=AuthStyle.RAW) as client:
            client.run(
                validated(ImageRequest(Mode.GENERATE, "dall-e-3", "a lighthouse"), caps("dall-e-3"))
            )
        _, download = server.requests
    assert download.header("Authorization") == KEY


def test_edit_wire_capture_byte_for_byte(sandbox: SandboxServer) -> None:
    first = InputImage("cat.png", png(64, 64))
    second = InputImage("hat.jpg", jpeg(32, 32))
    mask = InputImage("mask.png", png(64, 64, (0, 0, 0, 0)))
    req = ImageRequest(
        Mode.EDIT,
        "gpt-image-1",
        "put the hat on the cat",
        {"size": "1024x1024", "quality": "low", "n": 1},
        images=(first, second),
        mask=mask,
    )
    with _client(sandbox.base_url) as client:
        result = client.run(validated(req, caps()))
    assert len(result.images) == 1
    (sent,) = sandbox.requests
    assert sent.path == "/v1/images/edits"
    ctype = sent.header("Content-Type") or ""
    match = re.fullmatch(r"multipart/form-data; boundary=(\S+)", ctype)
    assert match
    assert sent.body == edit_body(req, boundary=match.group(1)).content
    assert [(p.name, p.filename, p.content_type) for p in sent.parts] == [
        ("prompt", None, None),
        ("model", None, None),
        ("size", None, None),
        ("quality", None, None),
        ("n", None, None),
        ("image[]", "cat.png", "image/png"),
        ("image[]", "hat.jpg", "image/jpeg"),
        ("mask", "mask.png", "image/png"),
    ]
    assert sent.parts[5].size == len(first.data)
    assert sent.fields()["n"] == "1"


def test_edit_with_one_image_sends_plain_image_field(sandbox: SandboxServer) -> None:
    req = ImageRequest(
        Mode.EDIT,
        "gpt-image-1",
        "brighter",
        {"size": "1024x1024"},
        images=(InputImage("a.png", png(32, 32)),),
    )
    with _client(sandbox.base_url) as client:
        client.run(validated(req, caps()))
    assert [p.name for p in sandbox.requests[0].parts if p.filename] == ["image"]


def test_variations(sandbox: SandboxServer) -> None:
    req = ImageRequest(
        Mode.VARIATIONS,
        "dall-e-2",
        "",
        {"n": 2, "size": "256x256"},
        images=(InputImage("v.png", png(64, 64)),),
    )
    with _client(sandbox.base_url) as client:
        result = client.run(validated(req, caps("dall-e-2")))
    assert len(result.images) == 2
    assert {(i.width, i.height) for i in result.images} == {(256, 256)}
    assert sandbox.requests[0].path == "/v1/images/variations"
    assert all(r.path.startswith("/files/") for r in sandbox.requests[1:])


def test_n_is_split_over_parallel_requests(sandbox: SandboxServer, tmp_path: Path) -> None:
    req = ImageRequest(
        Mode.GENERATE, "gpt-image-1", "tiles", {"n": 5, "size": "1024x1024", "quality": "low"}
    )
    events: list[ClientEvent] = []
    with _client(sandbox.base_url, tmp_path) as client:
        result = client.run(validated(req, caps(n_per_request=2)), on_event=events.append)
    assert sorted(r.json()["n"] for r in sandbox.requests) == [1, 2, 2]
    assert len(result.images) == 5 and not result.errors
    assert sorted(e.position for e in events if isinstance(e, ImageArrived)) == [0, 1, 2, 3, 4]
    assert len(result.journal_entries) == 3 and len(result.request_ids) == 3
    usages = [json.loads(e.read()[0])["usage"] for e in result.journal_entries]
    assert result.usage is not None
    assert result.usage["output_tokens"] == sum(u["output_tokens"] for u in usages)
    assert result.usage["input_tokens_details"]["text_tokens"] == sum(
        u["input_tokens_details"]["text_tokens"] for u in usages
    )


def test_a_failed_share_keeps_the_images_that_arrived(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", status=400, times=1))
    req = ImageRequest(Mode.GENERATE, "dall-e-3", "two", {"n": 2, "response_format": "b64_json"})
    with _client(sandbox.base_url) as client:
        result = client.run(validated(req, caps("dall-e-3", n_per_request=1)))
    assert len(sandbox.requests) == 2
    assert len(result.images) == 1
    assert len(result.errors) == 1 and result.errors[0].status == 400


def test_when_every_share_fails_the_first_error_is_raised(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", status=403, times=-1))
    req = ImageRequest(Mode.GENERATE, "dall-e-3", "two", {"n": 2})
    with _client(sandbox.base_url) as client, pytest.raises(StudioError) as info:
        client.run(validated(req, caps("dall-e-3", n_per_request=1)))
    assert info.value.status == 403 and "No balance" in info.value.message


def test_an_invalid_request_is_never_sent(sandbox: SandboxServer) -> None:
    req = ImageRequest(Mode.GENERATE, "gpt-image-1", "x", {"seed": 5})
    with _client(sandbox.base_url) as client, pytest.raises(StudioError) as info:
        client.run(validated(req, caps()))
    assert info.value.kind is ErrorKind.VALIDATION
    assert info.value.problems and info.value.problems[0].field == "seed"
    assert sandbox.requests == []


def test_list_models(sandbox: SandboxServer) -> None:
    with _client(sandbox.base_url) as client:
        models = client.list_models()
    assert "gpt-image-1" in models and "dall-e-2" in models
    assert sandbox.requests[0].method == "GET"


def test_upload_local_file_then_by_url(sandbox: SandboxServer, tmp_path: Path) -> None:
    path = tmp_path / "frame.png"
    path.write_bytes(png(40, 30))
    with _client(sandbox.base_url) as client:
        local = client.upload(file=path)
        assert isinstance(local.img_id, int) and local.img_url
        by_url = client.upload(url=local.img_url)
    assert by_url.img_id != local.img_id
    posts = [r for r in sandbox.requests if r.path == "/v1/responses"]
    assert len(posts) == 2
    # the sandbox is on this machine: the documented body, which names the file
    assert posts[0].json() == {
        "model": "paiwo-picture",
        "input": "local",
        "image_path": str(path.resolve()),
    }
    assert posts[1].json() == {
        "model": "paiwo-picture",
        "input": "url",
        "image_url": local.img_url,
    }


def test_upload_errcode_is_a_provider_error(sandbox: SandboxServer) -> None:
    with _client(sandbox.base_url) as client, pytest.raises(StudioError) as info:
        client.upload(url="http://127.0.0.1:9/missing.png")
    assert info.value.kind is ErrorKind.PROVIDER
    assert info.value.code not in (None, "0")


def test_a_provider_without_an_address_is_refused() -> None:
    with _client("embedded") as client, pytest.raises(StudioError) as info:
        client.run(validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x"), caps("gpt-image-1")))
    assert info.value.kind is ErrorKind.VALIDATION


def test_relative_result_urls_are_resolved_against_the_provider(sandbox: SandboxServer) -> None:
    name = sandbox.files.put(png(9, 9), "image/png")
    sandbox.inject(
        Fault(path="/images/generations", status=200, body={"data": [{"url": f"/files/{name}"}]})
    )
    with _client(sandbox.base_url) as client:
        result = client.run(
            validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x"), caps("gpt-image-1"))
        )
    assert result.images[0].width == 9
    assert sandbox.requests[1].path == f"/files/{name}"


def test_a_journal_that_cannot_be_written_does_not_lose_the_images(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the journal folder should be")
    with ImagesClient(
        provider(sandbox.base_url), None, journal=Journal(blocked), capabilities=NO_TABLES
    ) as client:
        result = client.run(
            validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x"), caps("gpt-image-1"))
        )
    assert len(result.images) == 1 and result.journal_entries == []
