"""The bad-input corpus end to end: refused before anything is sent, with a
message naming the file and the rule, through the CLI and through the window."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from studio.sandbox.server import SandboxServer
from tests.core.imagebytes import png
from tests.reliability.conftest import image_requests, one_json, run_cli, write_settings

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.core.service import Studio
    from studio.ui.main_window import MainWindow

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
MB = 1024 * 1024


def padded(data: bytes, size: int) -> bytes:
    """A valid PNG grown to ``size`` bytes by a private ancillary chunk before IEND."""
    extra = size - len(data) - 12
    chunk = b"prVt" + b"\0" * extra
    body = struct.pack(">I", extra) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return data[:-12] + body + data[-12:]


@dataclass(frozen=True)
class BadCase:
    id: str
    #: CLI arguments after the command; files are made in ``folder`` when needed
    args: Callable[[Path], list[str]]
    words: tuple[str, ...]


def _edit(*files: str, mask: str | None = None) -> Callable[[Path], list[str]]:
    def build(_folder: Path) -> list[str]:
        out = ["edit", "change it", "--model", "gpt-image-1"]
        for f in files:
            out += ["--image", str(BAD / f)]
        if mask:
            out += ["--mask", str(BAD / mask)]
        return out

    return build


def _big(name: str, size: int, command: list[str]) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(padded(png(256, 256), size))
        return [*command, "--image", str(path)]

    return build


CLI_CASES = [
    BadCase("zero-byte", _edit("empty.png"), ("empty.png", "empty (0 bytes)")),
    BadCase("not-an-image", _edit("not-an-image.png"), ("not-an-image.png", "not an image")),
    BadCase("truncated-png", _edit("truncated.png"), ("truncated.png", "truncated")),
    BadCase("decompression-bomb", _edit("bomb.png"), ("bomb.png", "more than")),
    BadCase("cmyk-jpeg", _edit("cmyk.jpg"), ("cmyk.jpg", "cmyk", "rgb")),
    BadCase("animated-gif", _edit("animated.gif"), ("animated.gif", "gif", "animated")),
    BadCase("animated-webp", _edit("animated.webp"), ("animated.webp", "animated")),
    BadCase(
        "20000px-upload",
        lambda _f: ["upload", "--file", str(BAD / "wide-20000px.png")],
        ("wide-20000px.png", "20000x500", "9999 pixels a side"),
    ),
    BadCase(
        "mask-other-size",
        _edit("image-64.png", mask="mask-32.png"),
        ("mask-32.png", "image-64.png", "same size"),
    ),
    BadCase(
        "mask-without-alpha",
        _edit("image-64.png", mask="mask-no-alpha.png"),
        ("mask-no-alpha.png", "no alpha"),
    ),
    BadCase(
        "dall-e-2-non-square",
        lambda _f: [
            "variations",
            "--model",
            "dall-e-2",
            "--image",
            str(BAD / "non-square-64x48.png"),
        ],
        ("non-square-64x48.png", "square"),
    ),
    BadCase(
        "dall-e-2-over-4mb",
        _big("big.png", 4 * MB + 1, ["variations", "--model", "dall-e-2"]),
        ("big.png", "4 mb"),
    ),
    BadCase(
        "over-50mb",
        _big("huge.png", 50 * MB + 10, ["edit", "change it", "--model", "gpt-image-1"]),
        ("huge.png", "50 mb"),
    ),
    BadCase(
        "too-many-images",
        lambda _f: (
            ["variations", "--model", "dall-e-2"] + ["--image", str(BAD / "image-64.png")] * 2
        ),
        ("at most 1 input image", "you gave 2"),
    ),
    BadCase(
        "prompt-over-limit",
        lambda _f: ["generate", "a" * 32_001, "--model", "gpt-image-1"],
        ("prompt", "32,001", "32,000"),
    ),
    BadCase(
        "param-not-taken",
        lambda _f: ["generate", "a fox", "--model", "gpt-image-1", "--style", "vivid"],
        ("style", "does not take"),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_cli_refuses_bad_input_before_sending(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path, case: BadCase
) -> None:
    proc = run_cli(
        *case.args(tmp_path),
        "--base-url",
        sandbox.base_url,
        "--json",
        home=studio_home,
        env={"IMAGE_STUDIO_API_KEY": "test-bad-input"},
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    err = one_json(proc)["error"]
    assert err["kind"] == "validation"
    for word in case.words:
        assert word.lower() in err["message"].lower(), (word, err["message"])
    assert sandbox.requests == []  # nothing at all was sent
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("name", ["png-named.jpg", "rgb16.png"])
def test_cli_accepts_the_harmless_oddities(
    studio_home: Path, sandbox: SandboxServer, name: str
) -> None:
    """A PNG named .jpg is sent as image/png; a 16-bit PNG is only a warning."""
    proc = run_cli(
        "edit", "change it", "--model", "gpt-image-1", "--image", str(BAD / name),
        "--base-url", sandbox.base_url, "--json",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "test-bad-input"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (post,) = [r for r in sandbox.requests if r.path.endswith("/images/edits")]
    part = next(p for p in post.multipart() if p.is_file)
    assert part.filename == name and part.content_type == "image/png"


def test_cli_broken_override_is_named_with_its_line_and_tables_still_load(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    config = studio_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "capabilities.toml").write_text(
        '[models.my-model]\ninherits = "gpt-image-1"\nbroken = [\n', encoding="utf-8"
    )
    env = {"IMAGE_STUDIO_API_KEY": "test-bad-input"}
    refused = run_cli(
        "generate", "x", "--model", "my-model", "--base-url", sandbox.base_url, "--json",
        home=studio_home, env=env,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "capabilities.toml" in one_json(refused)["error"]["message"]
    assert "capabilities.toml:3" in refused.stderr and "syntax" in refused.stderr.lower()
    assert sandbox.requests == []
    builtin = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url, "--json",
        home=studio_home, env=env,
    )  # fmt: skip
    assert builtin.returncode == 0, builtin.stderr  # the built-in tables still load


def test_cli_broken_settings_file_is_named_kept_and_defaults_used(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    settings = studio_home / "config" / "settings.json"
    write_settings(studio_home)
    settings.write_text('{"read_timeout": 5,', encoding="utf-8")
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url, "--json",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "test-bad-input"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "settings.json" in proc.stderr and "using default settings" in proc.stderr
    assert settings.read_text(encoding="utf-8") == '{"read_timeout": 5,'  # not overwritten


# --- the window ------------------------------------------------------------------------------


@pytest.fixture
def window(window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer) -> MainWindow:
    """The shared window (tests/conftest.py), switched to a keyless sandbox provider."""
    from studio.core.providers import AuthStyle, Provider

    provider = Provider(
        id="rel-bad",
        name="Reliability sandbox",
        base_url=sandbox.base_url,
        auth=AuthStyle.NONE,
        models=("gpt-image-1", "dall-e-2"),
        default_model="gpt-image-1",
        builtin=False,
    )
    studio_ctx.settings.upsert_provider(provider)
    window.reload_providers(current=provider.id)
    return window


GUI_FILES = [
    ("empty.png", "gpt-image-1", "edit"),
    ("not-an-image.png", "gpt-image-1", "edit"),
    ("truncated.png", "gpt-image-1", "edit"),
    ("bomb.png", "gpt-image-1", "edit"),
    ("cmyk.jpg", "gpt-image-1", "edit"),
    ("animated.gif", "gpt-image-1", "edit"),
    ("animated.webp", "gpt-image-1", "edit"),
    ("non-square-64x48.png", "dall-e-2", "variations"),
    ("big.png", "dall-e-2", "variations"),
    ("huge.png", "gpt-image-1", "edit"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "model", "mode"), GUI_FILES, ids=[f[0] for f in GUI_FILES])
def test_window_shows_the_problem_and_sends_nothing(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: SandboxServer,
    tmp_path: Path,
    name: str,
    model: str,
    mode: str,
) -> None:
    from PySide6.QtCore import Qt

    from studio.core.request import Mode

    compose = window.compose
    compose.set_model(model)
    compose.set_mode(Mode(mode))
    path = BAD / name
    if name == "big.png":
        path = tmp_path / name
        path.write_bytes(padded(png(256, 256), 4 * MB + 1))
    elif name == "huge.png":
        path = tmp_path / name
        path.write_bytes(padded(png(256, 256), 50 * MB + 10))
    if mode == "edit":
        compose.prompt.text.setFocus()
        qtbot.keyClicks(compose.prompt.text, "change it")
    compose.inputs.add_files([path])
    qtbot.waitUntil(lambda: not compose.inputs.busy(), timeout=20_000)
    compose.revalidate()
    added = [e.image.filename for e in compose.inputs.entries()]
    if added:  # readable, but against the model's rules: the problem is shown
        assert added == [name]
        assert compose.problems_label.isVisible()
        assert name in compose.problems_label.text()
    else:  # not readable at all: the person is told which file, in the error bar
        assert window.error_bar.isVisible()
        message = window.error_bar.text.text()
        assert name in message, message
    assert not compose.generate_button.isEnabled()
    qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
    compose.generate()  # even when forced, nothing is sent
    qtbot.wait(50)
    assert window.queue.jobs == [] and image_requests(sandbox) == 0


@pytest.mark.parametrize(
    ("mask", "words"),
    [("mask-32.png", ("32",)), ("mask-no-alpha.png", ())],
    ids=["other-size", "no-alpha"],
)
def test_window_mask_import(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer, mask: str, words: tuple[str, ...]
) -> None:
    """A mask of another size is refused with the reason shown; one without alpha is converted."""
    from studio.core.request import Mode

    compose = window.compose
    compose.set_model("gpt-image-1")
    compose.set_mode(Mode.EDIT)
    compose.inputs.add_files([BAD / "image-64.png"])
    qtbot.waitUntil(lambda: len(compose.inputs.entries()) == 1, timeout=10_000)
    panel = compose.mask_panel
    assert panel is not None
    ok = panel.import_mask_file(BAD / mask)  # type: ignore[attr-defined]
    if mask == "mask-32.png":
        assert ok is False
        shown = " ".join(
            w.text() for w in panel.findChildren(type(compose.problems_label)) if w.isVisible()
        )
        for word in words:
            assert word in shown, shown
    else:
        assert ok is True
        qtbot.waitUntil(lambda: compose.mask_image() is not None, timeout=10_000)
        data = compose.mask_image()
        assert data is not None and data.data.startswith(b"\x89PNG")
    assert image_requests(sandbox) == 0
