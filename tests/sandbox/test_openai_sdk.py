"""The official OpenAI SDK (the reference client) works against the sandbox."""

from __future__ import annotations

import base64

import openai

from studio.sandbox.server import SandboxServer
from tests.sandbox.conftest import checker, png_bytes


def test_sdk_generate_edit_and_stream(sandbox: SandboxServer) -> None:
    with openai.OpenAI(base_url=sandbox.base_url, api_key="sk-test-sentinel", max_retries=0) as sdk:
        generated = sdk.images.generate(model="gpt-image-1", prompt="sdk", size="1024x1024", n=2)
        assert generated.data is not None and len(generated.data) == 2
        assert base64.b64decode(generated.data[0].b64_json or "").startswith(b"\x89PNG")
        assert generated.usage is not None and generated.usage.output_tokens == 2 * 1056

        edited = sdk.images.edit(
            model="gpt-image-1",
            prompt="edit",
            image=[("a.png", png_bytes(checker((32, 32))), "image/png")],
            mask=("m.png", png_bytes(checker((32, 32), "RGBA")), "image/png"),
        )
        assert edited.data is not None and edited.data[0].b64_json

        events = list(
            sdk.images.generate(model="gpt-image-1", prompt="s", stream=True, partial_images=1)
        )
        assert [e.type for e in events] == [
            "image_generation.partial_image",
            "image_generation.completed",
        ]
    edit_request = sandbox.requests[1]
    assert edit_request.path == "/v1/images/edits"
    assert [p.name for p in edit_request.parts if p.filename] == ["image[]", "mask"]
    assert edit_request.header("Authorization") == "Bearer sk-test-sentinel"
