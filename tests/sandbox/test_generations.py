"""POST /images/generations against the running sandbox, over real HTTP."""

from __future__ import annotations

import base64
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from studio.sandbox.server import SandboxServer
from tests.sandbox.conftest import first_image


def test_gpt_image_answers_b64_png_with_usage(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations",
        json={"model": "gpt-image-1", "prompt": "a red fox", "size": "1536x1024", "quality": "low"},
    )
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-request-id"].startswith("req_")
    body = r.json()
    assert isinstance(body["created"], int)
    assert body["size"] == "1536x1024"
    assert body["quality"] == "low"
    assert body["output_format"] == "png"
    assert body["background"] == "opaque"
    assert body["usage"]["output_tokens"] == 400
    details = body["usage"]["input_tokens_details"]
    assert body["usage"]["input_tokens"] == details["text_tokens"] + details["image_tokens"]
    assert body["usage"]["total_tokens"] == body["usage"]["input_tokens"] + 400
    assert "url" not in body["data"][0] and "revised_prompt" not in body["data"][0]
    image = first_image(body)
    assert image.format == "PNG"
    assert image.size == (1536, 1024)


def test_same_inputs_give_same_bytes_and_any_change_differs(client: httpx.Client) -> None:
    def b64(**changes: object) -> str:
        payload = {"model": "gpt-image-1", "prompt": "lighthouse", "size": "1024x1024"}
        payload.update(changes)
        return str(client.post("/images/generations", json=payload).json()["data"][0]["b64_json"])

    reference = b64()
    assert b64() == reference
    assert b64(prompt="lighthouse at night") != reference
    assert b64(seed=7) != reference
    assert b64(seed=7) == b64(seed=7)
    assert b64(model="gpt-image-1-mini") != reference


def test_n_images_differ_from_each_other(client: httpx.Client) -> None:
    r = client.post("/images/generations", json={"model": "gpt-image-1", "prompt": "x", "n": 3})
    data = r.json()["data"]
    assert len(data) == 3
    assert len({d["b64_json"] for d in data}) == 3
    assert r.json()["usage"]["output_tokens"] == 3 * 1056  # quality auto counted as medium


@pytest.mark.parametrize(
    ("fmt", "pil_format"), [("png", "PNG"), ("jpeg", "JPEG"), ("webp", "WEBP")]
)
def test_output_formats(client: httpx.Client, fmt: str, pil_format: str) -> None:
    r = client.post(
        "/images/generations",
        json={
            "model": "gpt-image-1.5",
            "prompt": "f",
            "output_format": fmt,
            "output_compression": 50,
        },
    )
    assert r.status_code == 200
    assert r.json()["output_format"] == fmt
    assert first_image(r.json()).format == pil_format


@pytest.mark.parametrize("fmt", ["png", "webp"])
def test_transparent_background_has_real_alpha(client: httpx.Client, fmt: str) -> None:
    r = client.post(
        "/images/generations",
        json={
            "model": "gpt-image-1",
            "prompt": "logo",
            "background": "transparent",
            "output_format": fmt,
        },
    )
    body = r.json()
    assert body["background"] == "transparent"
    image = first_image(body)
    assert image.mode == "RGBA"
    low, high = image.getchannel("A").getextrema()
    assert low == 0 and high == 255  # a clear background and opaque drawing


def test_transparent_jpeg_is_rejected(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations",
        json={
            "model": "gpt-image-1",
            "prompt": "p",
            "background": "transparent",
            "output_format": "jpeg",
        },
    )
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "background"


def test_size_auto_is_square(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations", json={"model": "gpt-image-1", "prompt": "p", "size": "auto"}
    )
    assert first_image(r.json()).size == (1024, 1024)


def test_bad_size_is_400_with_param(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations", json={"model": "gpt-image-1", "prompt": "p", "size": "1000x1000"}
    )
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert error["param"] == "size"
    assert "1000x1000" in error["message"]


def test_gpt_image_2_free_sizes_follow_the_rule(client: httpx.Client) -> None:
    ok = client.post(
        "/images/generations", json={"model": "gpt-image-2", "prompt": "p", "size": "1280x720"}
    )
    assert ok.status_code == 200
    assert first_image(ok.json()).size == (1280, 720)
    not_multiple = client.post(
        "/images/generations", json={"model": "gpt-image-2", "prompt": "p", "size": "1000x1000"}
    )
    assert not_multiple.status_code == 400
    too_wide = client.post(
        "/images/generations", json={"model": "gpt-image-2", "prompt": "p", "size": "3840x1024"}
    )
    assert too_wide.status_code == 400


def test_dall_e_3_defaults_to_url_with_revised_prompt(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    r = client.post("/images/generations", json={"model": "dall-e-3", "prompt": "a cat"})
    assert r.status_code == 200
    item = r.json()["data"][0]
    assert "b64_json" not in item
    assert "a cat" in item["revised_prompt"]
    assert "usage" not in r.json()
    assert item["url"].startswith(f"http://127.0.0.1:{sandbox.port}/files/")
    download = httpx.get(item["url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "image/png"
    assert download.content.startswith(b"\x89PNG")


def test_dall_e_3_accepts_only_n_1(client: httpx.Client) -> None:
    r = client.post("/images/generations", json={"model": "dall-e-3", "prompt": "a", "n": 2})
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "n"


def test_dall_e_2_b64_on_request(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations",
        json={
            "model": "dall-e-2",
            "prompt": "a",
            "size": "256x256",
            "quality": "auto",
            "response_format": "b64_json",
        },
    )
    assert first_image(r.json()).size == (256, 256)


def test_dall_e_rejects_gpt_image_only_fields(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations", json={"model": "dall-e-3", "prompt": "a", "output_format": "png"}
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "unknown_parameter"


def test_unknown_model_is_404_model_not_found(client: httpx.Client) -> None:
    r = client.post("/images/generations", json={"model": "gpt-9", "prompt": "a"})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "model_not_found"


def test_missing_prompt_and_long_prompt(client: httpx.Client) -> None:
    missing = client.post("/images/generations", json={"model": "gpt-image-1"})
    assert missing.status_code == 400 and missing.json()["error"]["param"] == "prompt"
    long = client.post("/images/generations", json={"model": "dall-e-2", "prompt": "x" * 1001})
    assert long.status_code == 400
    assert long.json()["error"]["code"] == "string_above_max_length"


def test_invalid_json_body_is_400(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400
    assert "parse the JSON body" in r.json()["error"]["message"]


def test_relay_model_custom_size_seed_and_aspect_ratio(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations",
        json={"model": "seedream-3.0", "prompt": "p", "size": "1664x936", "seed": 42},
    )
    assert first_image(r.json()).size == (1664, 936)
    ratio = client.post(
        "/images/generations", json={"model": "imagen4", "prompt": "p", "aspect_ratio": "16:9"}
    )
    assert first_image(ratio.json()).size == (1024, 576)


def test_relay_model_ignores_stream_and_answers_json(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations", json={"model": "flux-kontext-pro", "prompt": "p", "stream": True}
    )
    assert r.headers["content-type"] == "application/json"
    assert base64.b64decode(r.json()["data"][0]["b64_json"]).startswith(b"\x89PNG")


def test_models_lists_every_seed_model(client: httpx.Client) -> None:
    body = client.get("/models").json()
    assert body["object"] == "list"
    ids = {m["id"] for m in body["data"]}
    assert {"gpt-image-1", "gpt-image-1.5", "gpt-image-1-mini", "dall-e-3", "dall-e-2"} <= ids
    assert {"seedream-3.0", "imagen4", "flux-kontext-pro", "flux-kontext-max"} <= ids
    assert all(m["object"] == "model" for m in body["data"])


def test_concurrent_requests_get_the_same_answers_as_serial_ones(client: httpx.Client) -> None:
    def b64(i: int) -> str:
        payload = {"model": "gpt-image-1", "prompt": f"prompt {i % 3}", "size": "1024x1024"}
        r = client.post("/images/generations", json=payload)
        assert r.status_code == 200
        return str(r.json()["data"][0]["b64_json"])

    serial = [b64(i) for i in range(3)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        parallel = list(pool.map(b64, range(9)))
    assert parallel == [serial[i % 3] for i in range(9)]


def test_gpt_image_rejects_response_format_like_openai(client: httpx.Client) -> None:
    r = client.post(
        "/images/generations",
        json={"model": "gpt-image-1", "prompt": "p", "response_format": "b64_json"},
    )
    assert r.status_code == 400
    assert r.json()["error"] == {
        "message": "Unknown parameter: 'response_format'.",
        "type": "invalid_request_error",
        "param": "response_format",
        "code": "unknown_parameter",
    }
