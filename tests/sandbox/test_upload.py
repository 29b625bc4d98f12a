"""DMXAPI paiwo-picture upload on POST /responses."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx

from studio.sandbox.server import SandboxServer
from tests.sandbox.conftest import checker, encoded, png_bytes


def _ok(body: dict[str, object]) -> dict[str, object]:
    assert body["ErrCode"] == 0, body
    assert body["ErrMsg"] == "Success"
    resp = body["Resp"]
    assert isinstance(resp, dict)
    return resp


def test_upload_local_path(client: httpx.Client, sandbox: SandboxServer, tmp_path: Path) -> None:
    picture = tmp_path / "frame.png"
    data = png_bytes(checker((40, 30)))
    picture.write_bytes(data)
    r = client.post(
        "/responses", json={"model": "paiwo-picture", "input": "local", "image_path": str(picture)}
    )
    assert r.status_code == 200
    resp = _ok(r.json())
    assert isinstance(resp["img_id"], int)
    url = str(resp["img_url"])
    assert url.startswith(f"http://127.0.0.1:{sandbox.port}/files/")
    assert httpx.get(url).content == data
    usage = r.json()["usage"]
    assert usage["input_tokens"] == usage["output_tokens"] == usage["total_tokens"] == 0


def test_upload_by_url_fetches_the_image(client: httpx.Client, tmp_path: Path) -> None:
    first = client.post(
        "/responses",
        json={
            "model": "paiwo-picture",
            "image_base64": base64.b64encode(encoded(checker((20, 20)), "WEBP")).decode(),
        },
    )
    source_url = _ok(first.json())["img_url"]
    second = client.post(
        "/responses", json={"model": "paiwo-picture", "input": "url", "image_url": source_url}
    )
    resp = _ok(second.json())
    assert resp["img_id"] != _ok(first.json())["img_id"]
    assert str(resp["img_url"]).endswith(".webp")


def test_upload_data_url_and_base64(client: httpx.Client) -> None:
    jpeg = encoded(checker((16, 16)), "JPEG")
    data_url = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
    as_url = client.post(
        "/responses", json={"model": "paiwo-picture", "input": "url", "image_url": data_url}
    )
    assert str(_ok(as_url.json())["img_url"]).endswith(".jpeg")
    as_field = client.post("/responses", json={"model": "paiwo-picture", "image_base64": data_url})
    _ok(as_field.json())


def test_upload_failures_are_errcode_with_http_200(client: httpx.Client, tmp_path: Path) -> None:
    cases = [
        {"model": "paiwo-picture", "input": "local", "image_path": str(tmp_path / "missing.png")},
        {"model": "paiwo-picture", "input": "url"},
        {"model": "paiwo-picture", "input": "ftp"},
        {"model": "paiwo-picture", "image_base64": "@@@"},
        {"model": "paiwo-picture", "image_base64": base64.b64encode(b"not an image").decode()},
        {"model": "paiwo-picture", "input": "url", "image_url": "http://127.0.0.1:9/none.png"},
    ]
    gif = tmp_path / "a.gif"
    checker((8, 8)).save(gif, "GIF")
    cases.append({"model": "paiwo-picture", "input": "local", "image_path": str(gif)})
    for payload in cases:
        r = client.post("/responses", json=payload)
        assert r.status_code == 200
        body = r.json()
        assert body["ErrCode"] != 0, payload
        assert body["ErrMsg"]
        assert body["Resp"] is None


def test_other_models_are_not_served_on_responses(client: httpx.Client) -> None:
    r = client.post("/responses", json={"model": "gpt-4o", "input": "hi"})
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "model"
