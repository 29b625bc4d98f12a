"""The body the studio sends equals, field by field, the one the official SDK 3.57 sends
for the same settings, for generate and edit on every 2.x model (both captured here)."""

from __future__ import annotations

import contextlib
from typing import Any

import openai
import pytest

from studio.core.capabilities import builtin_capabilities
from studio.core.client import ImagesClient
from studio.core.errors import StudioError
from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.validated import validated
from studio.sandbox.server import RecordedRequest, SandboxServer
from tests.sandbox.conftest import checker, png_bytes

NEW = [
    "gpt-image-2",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-sunburst",
    "gpt-image-2.6-flare",
    "gpt-image-2.6-sunburst",
    "chatgpt-image-latest",
]
PROMPT = "a lighthouse at dusk, 灯塔"
TABLES = builtin_capabilities()


def _settings(model: str, mode: Mode) -> dict[str, Any]:
    """Every field the model takes, set away from its default."""
    top = "xhigh" if model.startswith(("gpt-image-2.5", "gpt-image-2.6")) else "high"
    out: dict[str, Any] = {
        "size": "1536x1024" if model == "chatgpt-image-latest" else "1536x864",
        "quality": top,
        "n": 2,
        "background": "opaque",
        "output_format": "webp",
        "output_compression": 80,
        "safety_identifier": "user-7f3a",
    }
    if mode is Mode.GENERATE:
        out["moderation"] = "low"
    if model == "chatgpt-image-latest":
        out["user"] = "user-7f3a"  # the deprecated field: still taken by the older models
    if "2.6" in model:
        out["complexity"] = "medium"
    return out


def _studio(server: SandboxServer) -> ImagesClient:
    provider = Provider(
        id="sdk-compare", name="compare", base_url=server.base_url, auth=AuthStyle.BEARER
    )
    return ImagesClient(provider, "sk-test-sentinel", capabilities=TABLES)


def _send(client: ImagesClient, request: ImageRequest) -> None:
    """Send ``request`` the studio's way: judged by the built-in table first."""
    caps = TABLES.get(request.model)
    assert caps is not None
    client.run(validated(request, caps))


def _sdk(server: SandboxServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="sk-test-sentinel", max_retries=0)


def _form(
    sent: RecordedRequest,
) -> tuple[dict[str, str], list[tuple[str, str | None, str | None, bytes]]]:
    parts = sent.multipart()
    fields = {p.name: p.text() for p in parts if not p.is_file}
    files = [(p.name, p.filename, p.content_type, p.data) for p in parts if p.is_file]
    return fields, files


@pytest.mark.parametrize("model", NEW)
def test_generate_bodies_match_the_sdk(sandbox: SandboxServer, model: str) -> None:
    settings = _settings(model, Mode.GENERATE)
    with _studio(sandbox) as client:
        _send(client, ImageRequest(Mode.GENERATE, model, PROMPT, settings))
    with _sdk(sandbox) as sdk:
        sdk.images.generate(model=model, prompt=PROMPT, **settings)
    ours, theirs = sandbox.requests
    assert ours.path == theirs.path == "/v1/images/generations"
    assert ours.json() == theirs.json()
    assert set(ours.json()) == {"model", "prompt", *settings}


@pytest.mark.parametrize("model", NEW)
def test_edit_bodies_match_the_sdk(sandbox: SandboxServer, model: str) -> None:
    settings = _settings(model, Mode.EDIT)
    image = png_bytes(checker((64, 64)))
    mask = png_bytes(checker((64, 64), "RGBA"))
    with _studio(sandbox) as client:
        _send(
            client,
            ImageRequest(
                Mode.EDIT,
                model,
                PROMPT,
                settings,
                images=(InputImage("photo.png", image),),
                mask=InputImage("mask.png", mask),
            ),
        )
    with _sdk(sandbox) as sdk:
        sdk.images.edit(
            model=model,
            prompt=PROMPT,
            image=("photo.png", image, "image/png"),
            mask=("mask.png", mask, "image/png"),
            **settings,
        )
    ours, theirs = sandbox.requests
    assert ours.path == theirs.path == "/v1/images/edits"
    our_fields, our_files = _form(ours)
    their_fields, their_files = _form(theirs)
    assert our_fields == their_fields
    assert set(our_fields) == {"model", "prompt", *settings}
    assert our_files == their_files


@pytest.mark.parametrize("mode", [Mode.GENERATE, Mode.EDIT])
def test_nested_svg_settings_match_the_sdk(sandbox: SandboxServer, mode: Mode) -> None:
    svg = {"model": "gpt-5.2", "reasoning": {"effort": "low"}}
    settings = {"output_format": "svg", "complexity": "low", "svg": svg}
    image = png_bytes(checker((64, 64)))
    request = ImageRequest(
        mode,
        "gpt-image-2.6-sunburst",
        PROMPT,
        settings,
        images=(InputImage("photo.png", image),) if mode is Mode.EDIT else (),
    )
    # a sandbox without SVG output refuses both after capturing them; either answer will do
    with _studio(sandbox) as client, contextlib.suppress(StudioError):
        _send(client, request)
    with _sdk(sandbox) as sdk, contextlib.suppress(openai.BadRequestError):
        if mode is Mode.GENERATE:
            sdk.images.generate(model=request.model, prompt=PROMPT, **settings)  # type: ignore[arg-type]
        else:
            sdk.images.edit(
                model=request.model,
                prompt=PROMPT,
                image=("photo.png", image, "image/png"),
                **settings,  # type: ignore[arg-type]
            )
    ours, theirs = sandbox.requests
    if mode is Mode.GENERATE:
        assert ours.json() == theirs.json() and ours.json()["svg"] == svg
    else:
        assert _form(ours) == _form(theirs)
        assert _form(ours)[0]["svg[reasoning][effort]"] == "low"
