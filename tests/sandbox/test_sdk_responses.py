"""The studio's ``POST /responses`` for a conversation turn is byte for byte what the
official SDK 3.57's ``client.responses.create`` sends for the same turn (both captured)."""

from __future__ import annotations

import io
from typing import Any

import openai
import pytest
from PIL import Image

from studio.core.capabilities import builtin_capabilities
from studio.core.conversation import Parent, make_turn
from studio.core.providers import AuthStyle, Provider
from studio.core.request import InputImage
from studio.core.responses_client import ResponsesClient
from studio.core.responses_wire import turn_body
from studio.sandbox.server import SandboxServer

TABLES = builtin_capabilities()
KEY = "sk-test-sentinel"


def _png(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (1024, 1024), colour).save(buf, "PNG")
    return buf.getvalue()


def _mask() -> bytes:
    buf = io.BytesIO()
    Image.new("RGBA", (1536, 864), (0, 0, 0, 0)).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("form", ["first", "previous_id", "item", "masked_stream"])
def test_turn_body_equals_the_sdks_bytes(sandbox: SandboxServer, form: str) -> None:
    caps = TABLES.get("gpt-image-2.6-sunburst")
    assert caps is not None
    provider = Provider(
        id="sdk",
        name="sdk",
        base_url=sandbox.base_url,
        auth=AuthStyle.BEARER,
        image_tool=True,
        image_tool_text_model="gpt-5.5",
    )
    params: dict[str, Any] = {
        "size": "1536x864",
        "quality": "high",
        "complexity": "medium",
        "background": "opaque",
        "output_format": "webp",
        "output_compression": 80,
        "moderation": "low",
    }
    with ResponsesClient(provider, KEY, capabilities=TABLES) as client:
        first = client.converse(
            make_turn(
                "a harbour at dusk, 港口",
                caps,
                params,
                text_model="gpt-5.5",
                attachments=(InputImage("ref.png", _png((9, 80, 160))),),
            )
        )
        parent = Parent(first.response_id, first.call_id, first.images[0].data)
        if form == "first":
            turn = make_turn(
                "a harbour at dusk, 港口",
                caps,
                params,
                text_model="gpt-5.5",
                attachments=(InputImage("ref.png", _png((9, 80, 160))),),
            )
        elif form == "previous_id":
            turn = make_turn(
                "make the sky stormier", caps, params, text_model="gpt-5.5", parent=parent
            )
        elif form == "item":
            turn = make_turn(
                "make the sky stormier",
                caps,
                params,
                text_model="gpt-5.5",
                parent=parent,
                store=False,
            )
        else:
            stream_params = {**params, "output_format": "png", "stream": True, "partial_images": 2}
            stream_params.pop("output_compression")
            turn = make_turn(
                "remove the boat",
                caps,
                stream_params,
                text_model="gpt-5.5",
                parent=parent,
                mask=InputImage("mask.png", _mask()),
            )
        sandbox.clear_requests()
        client.converse(turn)
    ours = sandbox.requests[-1]
    body = turn_body(turn)
    sdk = openai.OpenAI(base_url=sandbox.base_url, api_key=KEY, max_retries=0)
    kwargs = {k: v for k, v in body.items()}
    if kwargs.get("stream"):
        with sdk.responses.create(**kwargs) as events:
            for _ in events:
                pass
    else:
        sdk.responses.create(**kwargs)
    theirs = sandbox.requests[-1]
    assert ours.path == theirs.path == "/v1/responses"
    assert ours.json() == theirs.json()
    assert ours.body == theirs.body
    assert ours.header("Content-Type") == theirs.header("Content-Type")
    assert ours.header("Authorization") == theirs.header("Authorization")
