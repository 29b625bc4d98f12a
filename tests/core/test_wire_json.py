"""Edits that reference inputs by URL or file id: the JSON body, byte for byte as the SDK
sends it, and the refusals that leave before a single request."""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path

import openai
import pytest
from PIL import Image

from studio.core.capabilities import CapabilityRegistry
from studio.core.client import ImagesClient
from studio.core.errors import ErrorKind, StudioError
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.validated import validated
from studio.core.wire import request_body
from studio.core.wire_json import JSON_ITEM_MAX_BYTES
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.core.clienthelpers import caps, provider
from tests.core.imagebytes import b64, png

URL = "https://images.example.com/cats/tabby.png"
FILE_ID = "file-AbC123xyz"
LOCAL = png(24, 16, (10, 200, 30, 255))
REPLY = {"created": 1, "data": [{"b64_json": b64(png())}], "output_format": "png"}


def _request(*images: InputImage, mask: InputImage | None = None) -> ImageRequest:
    return ImageRequest(
        Mode.EDIT,
        "gpt-image-2.6-sunburst",
        "把猫画成水彩 (a watercolour cat)",
        {"size": "1024x1024", "quality": "high", "n": 1},
        images=images,
        mask=mask,
    )


def _json_client(base_url: str) -> ImagesClient:
    prov = provider(base_url)
    prov = type(prov)(**{**prov.__dict__, "json_edits": True})
    return ImagesClient(prov, None, capabilities=CapabilityRegistry({}))


def test_a_url_input_makes_the_edit_a_json_body() -> None:
    body = request_body(_request(InputImage.from_url(URL)))
    assert body.content_type == "application/json"
    sent = json.loads(body.content)
    assert sent["images"] == [{"image_url": URL}]
    assert sent["model"] == "gpt-image-2.6-sunburst" and sent["n"] == 1
    assert "mask" not in sent


def test_mixed_inputs_send_local_files_as_data_urls() -> None:
    local = InputImage("cat.png", LOCAL)
    body = request_body(
        _request(
            InputImage.from_url(URL),
            InputImage.from_file_id(FILE_ID),
            local,
            mask=InputImage.from_file_id("file-mask9"),
        )
    )
    sent = json.loads(body.content)
    assert sent["images"][:2] == [{"image_url": URL}, {"file_id": FILE_ID}]
    data_url = sent["images"][2]["image_url"]
    assert data_url.startswith("data:image/png;base64,")
    assert base64.b64decode(data_url.partition(",")[2]) == LOCAL
    assert sent["mask"] == {"file_id": "file-mask9"}


def test_plain_local_inputs_keep_the_multipart_form() -> None:
    body = request_body(_request(InputImage("cat.png", LOCAL)))
    assert body.content_type.startswith("multipart/form-data")


@pytest.mark.parametrize(
    "case",
    ["url", "file_id", "mixed"],
)
def test_the_body_equals_what_the_official_sdk_sends(sandbox: SandboxServer, case: str) -> None:
    images = {
        "url": (InputImage.from_url(URL),),
        "file_id": (InputImage.from_file_id(FILE_ID),),
        "mixed": (
            InputImage.from_file_id(FILE_ID),
            InputImage("cat.png", LOCAL),
            InputImage.from_url(URL),
        ),
    }[case]
    mask = InputImage.from_url("https://images.example.com/mask.png") if case == "mixed" else None
    request = _request(*images, mask=mask)
    # what a person writes with the SDK for the same edit (items as the API documents them)
    refs = {
        "url": [{"image_url": URL}],
        "file_id": [{"file_id": FILE_ID}],
        "mixed": [
            {"file_id": FILE_ID},
            {"image_url": "data:image/png;base64," + base64.b64encode(LOCAL).decode()},
            {"image_url": URL},
        ],
    }[case]
    sdk_body: dict[str, object] = {
        "images": refs,
        "prompt": request.prompt,
        "model": request.model,
        "size": "1024x1024",
        "quality": "high",
        "n": 1,
    }
    if mask is not None:
        sdk_body["mask"] = {"image_url": "https://images.example.com/mask.png"}
    sandbox.inject(Fault(path="/images/edits", status=200, body=REPLY, times=2))
    with openai.OpenAI(base_url=sandbox.base_url, api_key="sk-test", max_retries=0) as sdk:
        sdk.post("/images/edits", body=sdk_body, cast_to=openai.types.ImagesResponse)
    with _json_client(sandbox.base_url) as client:
        client.run(validated(request, caps()))
    sdk_sent, ours = sandbox.requests[-2], sandbox.requests[-1]
    assert ours.path == sdk_sent.path == "/v1/images/edits"
    assert ours.header("Content-Type") == sdk_sent.header("Content-Type") == "application/json"
    assert ours.body == sdk_sent.body


def test_a_url_input_to_a_provider_without_json_edits_sends_nothing(
    sandbox: SandboxServer,
) -> None:
    before = len(sandbox.requests)
    with (
        ImagesClient(provider(sandbox.base_url), None, capabilities=CapabilityRegistry({})) as c,
        pytest.raises(StudioError) as info,
    ):
        c.run(validated(_request(InputImage.from_url(URL)), caps()))
    assert info.value.kind is ErrorKind.VALIDATION
    assert "URL or file id" in info.value.message
    assert len(sandbox.requests) == before


def test_a_30_mb_local_file_in_a_json_edit_is_refused_before_sending(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    side = 3300  # 3300 x 3300 RGB noise: over 30 MiB even as PNG
    noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    noise.save(out, "PNG", compress_level=0)
    big = InputImage("big.png", out.getvalue())
    assert big.size_bytes > 30 * 1024 * 1024 > JSON_ITEM_MAX_BYTES
    before = len(sandbox.requests)
    with _json_client(sandbox.base_url) as client, pytest.raises(StudioError) as info:
        client.run(validated(_request(InputImage.from_url(URL), big), caps()))
    assert info.value.kind is ErrorKind.VALIDATION
    assert "big.png" in info.value.message and "20 MB" in info.value.message
    assert len(sandbox.requests) == before


@pytest.mark.parametrize(
    ("image", "said"),
    [
        (InputImage.from_url("file:///etc/passwd"), "not an http or https address"),
        (InputImage.from_url("ftp://example.com/a.png"), "not an http or https address"),
        (InputImage.from_file_id("no spaces allowed"), "not a file id"),
    ],
)
def test_bad_references_are_refused_with_the_rule(
    sandbox: SandboxServer, image: InputImage, said: str
) -> None:
    before = len(sandbox.requests)
    with _json_client(sandbox.base_url) as client, pytest.raises(StudioError) as info:
        client.run(validated(_request(image), caps()))
    assert said in info.value.message
    assert len(sandbox.requests) == before
