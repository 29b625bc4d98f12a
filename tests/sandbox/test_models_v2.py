"""The 2.x models in the sandbox: the same rules as the tables, OpenAI's replies,
the model list with shutdown dates, and retired models answered as OpenAI does."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import httpx
import pytest

from studio.core.capabilities import builtin_capabilities
from studio.core.request import ImageRequest, Mode
from studio.core.validation import validate
from studio.sandbox.files import FileStore
from studio.sandbox.images_api import ImagesApi, JsonReply
from studio.sandbox.models import MODELS, ApiError
from studio.sandbox.server import SandboxServer

NEW = [
    "gpt-image-2",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-sunburst",
    "gpt-image-2.6-flare",
    "gpt-image-2.6-sunburst",
]
NOV_30 = dt.date(2026, 11, 30)
DEC_1 = dt.date(2026, 12, 1)

#: one probe per rule: each is judged by the tables and by the sandbox
PROBES: list[dict[str, Any]] = [
    {},
    *({"quality": q} for q in ("auto", "low", "medium", "high", "xhigh", "max", "hd", "standard")),
    *({"complexity": c} for c in ("low", "medium", "high", "extreme")),
    *({"output_format": f} for f in ("png", "jpeg", "webp", "gif", "svg", "bmp")),
    *(
        {"size": s}
        for s in (
            "auto",
            "1024x1024",
            "1536x864",
            "1000x1000",
            "3840x2160",
            "3840x1072",
            "3840x3840",
            "512x512",
            "2304x768",
            "1024x1792",
        )
    ),
    {"background": "transparent", "output_format": "jpeg"},
    {"background": "transparent", "output_format": "webp"},
    {"background": "opaque"},
    {"moderation": "low"},
    {"user": "u-1"},
    {"safety_identifier": "hash-1"},
    {"input_fidelity": "high"},
    {"response_format": "b64_json"},
    {"style": "vivid"},
    {"n": 2, "output_format": "svg"},
    {"output_format": "gif", "stream": True},
    {"output_format": "gif", "frame_count": 4, "frame_duration_ms": 120},
    {"output_format": "gif", "frame_count": 17},
    {"output_format": "gif", "frame_duration_ms": 10},
    {"output_format": "png", "frame_count": 4},
    {"output_format": "svg", "svg": {"model": "gpt-5.2", "reasoning": {"effort": "low"}}},
    {"output_format": "svg", "svg": {"model": "gpt-5.2", "reasoning": {"effort": "huge"}}},
    {"output_format": "png", "svg": {"model": "gpt-5.2"}},
    {"output_format": "jpeg", "output_compression": 50},
    {"output_format": "svg", "output_compression": 50},
    {"stream": True, "partial_images": 2},
]


def _sandbox_accepts(api: ImagesApi, model: str, params: dict[str, Any]) -> bool:
    body = {"model": model, "prompt": "a lighthouse", "size": "1024x1024", **params}
    try:
        reply = api.generate(body)
    except ApiError as exc:
        # the rules passed; the format itself needs the project's preview access
        return exc.body["error"]["code"] == "feature_not_enabled"
    return reply.status == 200 if isinstance(reply, JsonReply) else True


@pytest.mark.parametrize("model", [*NEW, "chatgpt-image-latest"])
def test_the_sandbox_accepts_exactly_what_the_tables_accept(model: str) -> None:
    caps = builtin_capabilities().get(model)
    assert caps is not None
    api = ImagesApi(FileStore(), lambda name: name, serve_retired=False, today=NOV_30)
    disagreements = []
    for params in PROBES:
        request = ImageRequest(
            Mode.GENERATE, model, "a lighthouse", {"size": "1024x1024", **params}
        )
        table_ok = validate(request, caps) == []
        if table_ok != _sandbox_accepts(api, model, params):
            disagreements.append((params, table_ok))
    assert disagreements == []


def test_each_snapshot_is_served_like_its_model() -> None:
    aliases = builtin_capabilities().aliases()
    for alias, model in aliases.items():
        assert alias in MODELS, alias
        assert MODELS[alias].qualities == MODELS[model].qualities
        assert MODELS[alias].fields == MODELS[model].fields


def _post(server: SandboxServer, body: dict[str, Any]) -> httpx.Response:
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        return client.post("/images/generations", json=body)


def test_replies_echo_the_settings_and_usage_grows_with_quality_and_complexity() -> None:
    with SandboxServer(profile="openai", today=NOV_30) as server:
        reply = _post(
            server,
            {
                "model": "gpt-image-2.6-sunburst",
                "prompt": "a fox",
                "size": "1536x864",
                "quality": "xhigh",
                "background": "transparent",
                "output_format": "webp",
                "complexity": "low",
                "safety_identifier": "user-hash",
            },
        ).json()
        assert {k: reply[k] for k in ("quality", "size", "background", "output_format")} == {
            "quality": "xhigh",
            "size": "1536x864",
            "background": "transparent",
            "output_format": "webp",
        }
        assert reply["safety_identifier"] == "user-hash"
        assert base64.b64decode(reply["data"][0]["b64_json"])[8:12] == b"WEBP"
        usage = reply["usage"]
        details = usage["output_tokens_details"]
        assert details["text_tokens"] + details["image_tokens"] == usage["output_tokens"]

        def out_tokens(**params: Any) -> int:
            body = {"model": "gpt-image-2.6-flare", "prompt": "a fox", "size": "1024x1024"}
            return int(_post(server, body | params).json()["usage"]["output_tokens"])

        by_quality = [out_tokens(quality=q) for q in ("low", "medium", "high", "xhigh", "max")]
        assert by_quality == sorted(by_quality) and len(set(by_quality)) == 5
        by_complexity = [out_tokens(quality="low", complexity=c) for c in ("low", "medium", "high")]
        assert by_complexity == sorted(by_complexity) and len(set(by_complexity)) == 3


def test_models_list_carries_shutdown_dates_and_drops_what_has_shut_down() -> None:
    with SandboxServer(profile="openai", today=NOV_30) as server:
        items = {m["id"]: m for m in httpx.get(f"{server.base_url}/models").json()["data"]}
    assert items["gpt-image-1.5"]["shutdown_date"] == "2026-12-01"
    assert items["chatgpt-image-latest"]["shutdown_date"] == "2026-12-01"
    assert items["gpt-image-2.6-flare"]["shutdown_date"] is None
    assert "gpt-image-1" not in items and "dall-e-3" not in items
    with SandboxServer(profile="relay", today=NOV_30) as relay:
        served = {m["id"]: m for m in httpx.get(f"{relay.base_url}/models").json()["data"]}
    assert served["gpt-image-1"]["shutdown_date"] == "2026-10-23"


def test_a_retired_model_gets_openais_404_naming_the_deprecation() -> None:
    with SandboxServer(profile="openai", today=DEC_1) as server:
        reply = _post(server, {"model": "gpt-image-1.5", "prompt": "x"})
        assert reply.status_code == 404
        error = reply.json()["error"]
        assert error["code"] == "model_not_found" and error["type"] == "invalid_request_error"
        assert "shut down on 2026-12-01" in error["message"]
        assert "gpt-image-2.6-sunburst" in error["message"]
        unknown = _post(server, {"model": "gpt-image-9", "prompt": "x"}).json()["error"]
        assert unknown["code"] == "model_not_found" and "does not exist" in unknown["message"]
    with SandboxServer(profile="openai", today=NOV_30) as server:
        assert _post(server, {"model": "gpt-image-1.5", "prompt": "x"}).status_code == 200
    with SandboxServer(profile="relay", today=DEC_1) as relay:
        assert _post(relay, {"model": "gpt-image-1.5", "prompt": "x"}).status_code == 200


#: edit probes: what only edits take or refuse (a mask, input fidelity, moderation)
EDIT_PROBES: list[tuple[dict[str, Any], bool]] = [
    ({}, False),
    ({"input_fidelity": "high"}, False),
    ({"moderation": "low"}, False),
    ({"quality": "max"}, False),
    ({"complexity": "high"}, False),
    ({"output_format": "gif"}, True),
    ({"output_format": "gif", "frame_count": 3}, False),
    ({"size": "1536x864"}, False),
    ({"safety_identifier": "hash-1"}, False),
    ({"user": "u-1"}, False),
]


def _edit_parts(model: str, params: dict[str, Any], mask: bool) -> list[Any]:
    from studio.core.wire import form_fields
    from studio.sandbox.multipart import Part
    from tests.sandbox.conftest import checker, png_bytes

    fields = [("prompt", "a hat"), ("model", model), *form_fields(list(params.items()))]
    parts = [Part(k, None, None, str(v).encode()) for k, v in fields]
    parts.append(Part("image", "a.png", "image/png", png_bytes(checker((64, 64)))))
    if mask:
        parts.append(Part("mask", "m.png", "image/png", png_bytes(checker((64, 64), "RGBA"))))
    return parts


@pytest.mark.parametrize("model", [*NEW, "chatgpt-image-latest"])
def test_edits_too_are_judged_alike(model: str) -> None:
    from studio.core.request import InputImage
    from tests.sandbox.conftest import checker, png_bytes

    caps = builtin_capabilities().get(model)
    assert caps is not None
    api = ImagesApi(FileStore(), lambda name: name, serve_retired=False, today=NOV_30)
    image = InputImage("a.png", png_bytes(checker((64, 64))))
    mask = InputImage("m.png", png_bytes(checker((64, 64), "RGBA")))
    disagreements = []
    for params, with_mask in EDIT_PROBES:
        request = ImageRequest(
            Mode.EDIT, model, "a hat", params, (image,), mask if with_mask else None
        )
        table_ok = validate(request, caps) == []
        try:
            api.edit(_edit_parts(model, params, with_mask))
            sandbox_ok = True
        except ApiError as exc:
            sandbox_ok = exc.body["error"]["code"] == "feature_not_enabled"
        if table_ok != sandbox_ok:
            disagreements.append((params, with_mask, table_ok))
    assert disagreements == []
