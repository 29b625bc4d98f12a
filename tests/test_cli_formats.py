"""The CLI's GIF/SVG flags and inputs by URL or file id (real subprocesses, the sandbox)."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from studio.core.gifs import gif_timing
from studio.core.svgsafe import check_svg
from studio.sandbox.server import SandboxServer
from tests.core.imagebytes import png
from tests.test_cli import one_json, run_cli

MODEL = "gpt-image-2.6-flare"
KEY = {"IMAGE_STUDIO_API_KEY": "sk-test-cli"}


def test_generate_a_gif_with_frames_and_durations(studio_home: Path) -> None:
    proc = run_cli(
        "generate", "a fox", "--model", MODEL, "--output-format", "gif", "--frame-count", "3",
        "--frame-duration-ms", "90", "--size", "1024x1024", "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (image,) = one_json(proc)["images"]
    assert image["format"] == "gif" and image["path"].endswith(".gif")
    assert gif_timing(Path(image["path"]).read_bytes()).durations == (90, 90, 90)
    listed = one_json(run_cli("history", "--format", "gif", "--json", home=studio_home))
    assert [j["formats"] for j in listed["jobs"]] == [["gif"]]
    none = one_json(run_cli("history", "--format", "svg", "--json", home=studio_home))
    assert none["jobs"] == []


def test_generate_an_svg_with_its_author(studio_home: Path, sandbox: SandboxServer) -> None:
    proc = run_cli(
        "generate", "a fox", "--model", MODEL, "--base-url", sandbox.base_url,
        "--output-format", "svg", "--svg-model", "gpt-5.1", "--svg-effort", "low", "--json",
        home=studio_home, env=KEY,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (image,) = one_json(proc)["images"]
    assert image["format"] == "svg" and check_svg(Path(image["path"]).read_bytes()).ok
    sent = sandbox.requests[-1].json()
    assert sent["svg"] == {"model": "gpt-5.1", "reasoning": {"effort": "low"}}


def test_svg_with_two_images_is_refused_without_a_request(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    proc = run_cli(
        "generate", "a fox", "--model", MODEL, "--base-url", sandbox.base_url,
        "--output-format", "svg", "-n", "2", "--json", home=studio_home, env=KEY,
    )  # fmt: skip
    assert proc.returncode == 2
    assert one_json(proc)["error"]["kind"] == "validation"
    assert sandbox.requests == []


class _Picture(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = png(64, 64)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def picture_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Picture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/cat.png"
    finally:
        server.shutdown()
        server.server_close()


def test_edit_mixes_a_file_a_url_and_a_file_id(
    studio_home: Path, tmp_path: Path, picture_url: str, sandbox: SandboxServer
) -> None:
    from studio.core.paths import resolve_paths
    from studio.core.providers import AuthStyle, Provider
    from studio.core.settings import load_settings, save_settings

    paths = resolve_paths()
    settings, _problems = load_settings(paths)
    settings.upsert_provider(
        Provider(
            id="json-sandbox",
            name="Sandbox taking JSON edits",
            base_url=sandbox.base_url,
            auth=AuthStyle.NONE,
            builtin=False,
            json_edits=True,
        )
    )
    save_settings(paths, settings)
    local = tmp_path / "local.png"
    local.write_bytes(png(64, 64, (1, 2, 3, 255)))
    file_id = httpx.post(
        f"{sandbox.base_url}/files",
        files={"file": ("a.png", png(64, 64), "image/png")},
        data={"purpose": "vision"},
    ).json()["id"]
    proc = run_cli(
        "edit", "add a hat", "--model", MODEL, "--provider", "json-sandbox",
        "--image", str(local), "--image-url", picture_url, "--image-file-id", file_id,
        "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert one_json(proc)["images"][0]["format"] == "png"
    sent = sandbox.requests[-1]
    assert sent.header("Content-Type") == "application/json"
    items = sent.json()["images"]
    assert items[1:] == [{"image_url": picture_url}, {"file_id": file_id}]
    local_ref = items[0]["image_url"]
    assert base64.b64decode(local_ref.partition(",")[2]) == local.read_bytes()


def test_a_url_input_to_a_provider_without_json_edits_exits_2(
    studio_home: Path, sandbox: SandboxServer, picture_url: str
) -> None:
    proc = run_cli(
        "edit", "add a hat", "--model", MODEL, "--base-url", sandbox.base_url,
        "--image-url", picture_url, "--json", home=studio_home, env=KEY,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "URL or file id" in one_json(proc)["error"]["message"]
    assert sandbox.requests == []
