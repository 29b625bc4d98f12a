"""``image-studio edit --markup FILE``: the PNG reaches the provider as the ``markup``
part; a markup the rules refuse never leaves the machine."""

from __future__ import annotations

from pathlib import Path

from studio.sandbox.server import SandboxServer
from tests.core.test_markup_requests import SIZE, markup_png
from tests.sandbox.conftest import checker, png_bytes
from tests.test_cli import one_json, run_cli

KEY = {"IMAGE_STUDIO_API_KEY": "sk-test-cli"}


def _files(tmp_path: Path) -> tuple[Path, Path]:
    image = tmp_path / "photo.png"
    image.write_bytes(png_bytes(checker(SIZE)))
    markup = tmp_path / "arrows.png"
    markup.write_bytes(markup_png())
    return image, markup


def test_edit_with_markup_sends_the_part(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    image, markup = _files(tmp_path)
    proc = run_cli(
        "edit", "follow the notes", "--model", "gpt-image-2.5-flare", "--base-url",
        sandbox.base_url, "--image", str(image), "--markup", str(markup), "--json",
        home=studio_home, env=KEY,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert len(one_json(proc)["images"]) == 1
    (part,) = [p for p in sandbox.requests[-1].multipart() if p.name == "markup"]
    assert part.filename == "arrows.png" and part.data == markup.read_bytes()


def test_markup_with_a_mask_is_refused_without_a_request(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    image, markup = _files(tmp_path)
    mask = tmp_path / "mask.png"
    mask.write_bytes(png_bytes(checker(SIZE, "RGBA")))
    proc = run_cli(
        "edit", "follow the notes", "--model", "gpt-image-2.5-flare", "--base-url",
        sandbox.base_url, "--image", str(image), "--markup", str(markup), "--mask", str(mask),
        "--json", home=studio_home, env=KEY,
    )  # fmt: skip
    assert proc.returncode == 2
    error = one_json(proc)["error"]
    assert error["kind"] == "validation" and "not both" in str(error)
    assert sandbox.requests == []
