"""The sandbox as a faithful stand-in: every supported request sent through the
official openai SDK, every reply validated against the SDK's own response types
(strict pydantic validation, not the SDK's lenient construction) and against the
sizes each model documents."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from openai.types import ImageEditStreamEvent, ImageGenStreamEvent, ImagesResponse, Model
from PIL import Image
from pydantic import TypeAdapter

from studio.core.capabilities import load_capabilities
from studio.sandbox.server import SandboxServer
from tests.sandbox.conftest import checker, png_bytes

GPT_IMAGE = [
    "gpt-image-1",
    "gpt-image-1-mini",
    "gpt-image-1.5",
    "chatgpt-image-latest",
    "gpt-image-2",
    "gpt-image-2.5-flare",
    "gpt-image-2.6-sunburst",
]
TABLES = load_capabilities(None)


def documented_sizes(model: str) -> set[str]:
    caps = TABLES.get(model)
    assert caps is not None, model
    return {str(s) for s in caps.params["size"].choices if s != "auto"}


@pytest.fixture
def sdk(sandbox: SandboxServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=sandbox.base_url, api_key="sk-test-sdk", max_retries=0) as client:
        yield client


def _validated(raw: Any, model: str) -> ImagesResponse:
    """The raw reply, strictly validated; each image's pixels match the reply's size."""
    body = raw.http_response.json()
    reply = ImagesResponse.model_validate(body, strict=True)
    assert reply.data, body
    for item in reply.data:
        if item.b64_json:
            with Image.open(io.BytesIO(base64.b64decode(item.b64_json))) as im:
                size = f"{im.width}x{im.height}"
            assert size in documented_sizes(model), (model, size)
            if reply.size is not None:
                assert reply.size == size
    if reply.size is not None:
        assert reply.size in documented_sizes(model), (model, reply.size)
    return reply


def _image(size: tuple[int, int], mode: str = "RGB") -> tuple[str, bytes, str]:
    return ("in.png", png_bytes(checker(size, mode)), "image/png")


@pytest.mark.parametrize("model", GPT_IMAGE)
def test_gpt_image_generate(sdk: openai.OpenAI, model: str) -> None:
    raw = sdk.images.with_raw_response.generate(model=model, prompt="a kite", quality="low")
    reply = _validated(raw, model)
    assert reply.usage is not None


@pytest.mark.parametrize("side", [256, 64])
@pytest.mark.parametrize("model", GPT_IMAGE)
def test_gpt_image_edit_answers_one_of_the_models_sizes(
    sdk: openai.OpenAI, model: str, side: int
) -> None:
    raw = sdk.images.with_raw_response.edit(
        model=model, prompt="add a moon", image=[_image((side, side))], quality="low"
    )
    reply = _validated(raw, model)
    assert reply.size == "1024x1024"  # a square input: the square size, not the input's


def test_gpt_image_edit_of_a_wide_input(sdk: openai.OpenAI) -> None:
    raw = sdk.images.with_raw_response.edit(
        model="gpt-image-1", prompt="wider", image=[_image((300, 200))], quality="low"
    )
    assert _validated(raw, "gpt-image-1").size == "1536x1024"


@pytest.mark.parametrize("model", ["gpt-image-1", "gpt-image-2"])
def test_streams_are_valid_events(sdk: openai.OpenAI, model: str) -> None:
    gen = TypeAdapter(ImageGenStreamEvent)
    for event in sdk.images.generate(
        model=model, prompt="s", stream=True, partial_images=1, quality="low"
    ):
        checked = gen.validate_python(event.to_dict(), strict=True)
        assert checked.size in documented_sizes(model)
    edit = TypeAdapter(ImageEditStreamEvent)
    types = []
    for event in sdk.images.edit(
        model=model,
        prompt="e",
        image=[_image((64, 64))],
        stream=True,
        partial_images=1,
        quality="low",
    ):
        checked_edit = edit.validate_python(event.to_dict(), strict=True)
        assert checked_edit.size in documented_sizes(model)
        types.append(checked_edit.type)
    assert types == ["image_edit.partial_image", "image_edit.completed"]


@pytest.mark.parametrize("response_format", ["b64_json", "url"])
def test_dall_e_2_generate_edit_and_variation(
    sdk: openai.OpenAI, sandbox: SandboxServer, response_format: Any
) -> None:
    gen = sdk.images.with_raw_response.generate(
        model="dall-e-2", prompt="owl", size="256x256", response_format=response_format
    )
    edit = sdk.images.with_raw_response.edit(
        model="dall-e-2",
        prompt="owl",
        image=_image((256, 256), "RGBA"),
        size="256x256",
        response_format=response_format,
    )
    with pytest.warns(DeprecationWarning):  # variations are deprecated in the SDK, still served
        var = sdk.images.with_raw_response.create_variation(
            model="dall-e-2",
            image=_image((256, 256)),
            size="256x256",
            response_format=response_format,
        )
    for raw in (gen, edit, var):
        reply = _validated(raw, "dall-e-2")
        assert reply.data is not None
        if response_format == "url":
            assert reply.data[0].url and reply.data[0].b64_json is None


def test_dall_e_3_generate(sdk: openai.OpenAI) -> None:
    raw = sdk.images.with_raw_response.generate(
        model="dall-e-3", prompt="a lighthouse", size="1792x1024", response_format="b64_json"
    )
    reply = _validated(raw, "dall-e-3")
    assert reply.data is not None and reply.data[0].revised_prompt


def test_models_list(sdk: openai.OpenAI) -> None:
    raw = sdk.models.with_raw_response.list()
    body = raw.http_response.json()
    assert body["object"] == "list" and body["data"]
    for item in body["data"]:
        Model.model_validate(item, strict=True)
