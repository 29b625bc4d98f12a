"""The reliability matrix's shared pieces: the fault cases, requests per mode, the CLI.

One :class:`FaultCase` describes a failure the way a person meets it (a status,
a proxy page, a cut connection) and what must follow: the words the message
uses, the error kind, how many image requests the sandbox may see (automatic
retries only where the policy allows them), and the job's final status.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.core.request import ImageRequest, InputImage, Mode
from studio.sandbox.faults import Fault, html_page, new_api_error, openai_error
from studio.sandbox.server import SandboxServer
from tests.core.imagebytes import png

MODES = ("generate", "edit", "stream")
PATHS = {
    "generate": "/images/generations",
    "edit": "/images/edits",
    "stream": "/images/generations",
}
PROMPT = "a lighthouse at dusk"


@dataclass(frozen=True)
class FaultCase:
    id: str
    #: the faults to queue, given the mode's API path
    faults: Callable[[str], list[Fault]]
    #: words the message must contain (lower case)
    words: tuple[str, ...]
    kind: str = "provider"
    status: int | None = None
    #: image requests the sandbox must have seen (retries included)
    requests: int = 1
    #: the job's status in history
    outcome: str = "failed"
    modes: tuple[str, ...] = MODES
    read_timeout: float | None = None
    #: the job's reply is kept in the journal (a paid result must not be lost)
    journaled: bool = False
    refused: bool = False  # nothing listens on the address
    extra: dict[str, Any] = field(default_factory=dict)


def _respond(status: int, body: Any = None, **kw: Any) -> Callable[[str], list[Fault]]:
    return lambda path: [Fault(path=path, status=status, body=body, **kw)]


def _action(action: str, **kw: Any) -> Callable[[str], list[Fault]]:
    return lambda path: [Fault(path=path, action=action, **kw)]


CASES: list[FaultCase] = [
    FaultCase(
        "400-error-object",
        _respond(
            400, openai_error(400, "Invalid value for 'quality'.", "invalid_value", param="quality")
        ),
        ("rejected", "400", "quality"),
        status=400,
    ),
    FaultCase("401-bad-key", _respond(401), ("api key", "401"), status=401),
    FaultCase(
        "403-no-balance",
        _respond(403, new_api_error("用户额度不足, 剩余额度: $0.01", "insufficient_user_quota")),
        ("balance", "403", "额度不足"),
        status=403,
    ),
    FaultCase(
        "404-unknown-model",
        _respond(
            404, openai_error(404, "The model 'gpt-image-9' does not exist.", "model_not_found")
        ),
        ("does not know", "model", "404"),
        status=404,
    ),
    FaultCase("413-too-large", _respond(413), ("too large", "413"), status=413),
    FaultCase(
        "429-short-retry-after",
        _respond(429, headers={"Retry-After": "1"}),
        (),
        kind="",
        requests=2,  # waited out and retried once: allowed, nothing was processed
        outcome="succeeded",
    ),
    FaultCase(
        "429-no-retry-after",
        _respond(429, times=-1),
        ("too many requests", "429"),
        status=429,
    ),
    FaultCase(
        "429-retry-after-too-long",
        _respond(429, headers={"Retry-After": "120"}, times=-1),
        ("too many requests", "429"),
        status=429,
        extra={"retry_after": 120.0},
    ),
    FaultCase("500", _respond(500), ("internal error", "500"), status=500),
    FaultCase("501", _respond(501), ("does not offer", "501"), status=501),
    FaultCase("502-html-page", _respond(502, html_page(502)), ("proxy", "502", "html"), status=502),
    FaultCase("503", _respond(503), ("overloaded", "503"), status=503),
    FaultCase(
        "524-after-delay",
        _respond(524, html_page(524), delay=0.5),
        ("proxy", "524", "timed out", "check before retrying"),
        status=524,
    ),
    FaultCase(
        "connection-refused",
        lambda path: [],
        ("could not connect",),
        kind="network",
        requests=0,
        refused=True,
    ),
    FaultCase(
        "reset-mid-body",
        _action("reset_mid_body"),
        ("connection broke", "may have processed"),
        kind="network",
        modes=("generate", "edit"),
    ),
    FaultCase(
        "read-timeout",
        _action("slow", delay=20),
        ("did not answer in time", "read timeout"),
        kind="network",
        read_timeout=0.5,
    ),
    FaultCase(
        "200-truncated-json",
        _action("truncate_json"),
        ("not valid json", "journal"),
        kind="network",
        modes=("generate", "edit"),
        journaled=True,
    ),
    FaultCase(
        "200-invalid-base64",
        _action("invalid_base64"),
        ("base64", "journal"),
        kind="network",
        journaled=True,
    ),
    FaultCase(
        "expired-url",
        _action("expired_url"),
        ("could not download", "expire", "403"),
        status=403,
        modes=("generate", "edit"),
        journaled=True,
    ),
    FaultCase(
        "stream-cut",
        _action("stream_cut"),
        ("stream was cut",),
        kind="network",
        modes=("stream",),
    ),
    FaultCase(
        "huge-body",
        _action("huge_body"),  # 300 MB announced, over the 200 MB limit
        ("mb", "limit"),
        kind="network",
        status=200,
        modes=("generate", "edit"),
    ),
]

MATRIX = [(case, mode) for case in CASES for mode in case.modes]
MATRIX_IDS = [f"{case.id}-{mode}" for case, mode in MATRIX]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def image_requests(sandbox: SandboxServer) -> int:
    return sum(
        1 for r in sandbox.requests if r.method == "POST" and r.path.startswith("/v1/images")
    )


def mask_png(size: int = 64) -> bytes:
    """A real RGBA mask: opaque, with a transparent square (the area to edit)."""
    import io

    from PIL import Image

    im = Image.new("RGBA", (size, size), (0, 0, 0, 255))
    im.paste((0, 0, 0, 0), (size // 4, size // 4, size * 3 // 4, size * 3 // 4))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def make_request(mode: str) -> ImageRequest:
    params: dict[str, Any] = {"size": "1024x1024", "quality": "low"}
    if mode == "stream":
        params |= {"stream": True, "partial_images": 1}
    if mode == "edit":
        return ImageRequest(
            Mode.EDIT,
            "gpt-image-1",
            PROMPT,
            params,
            images=(InputImage("photo.png", png(64, 64)),),
            mask=InputImage("mask.png", mask_png()),
        )
    return ImageRequest(Mode.GENERATE, "gpt-image-1", PROMPT, params)


def write_inputs(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    image, mask = folder / "photo.png", folder / "mask.png"
    image.write_bytes(png(64, 64))
    mask.write_bytes(mask_png())
    return image, mask


def write_settings(home: Path, **values: Any) -> None:
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps(values), encoding="utf-8")


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "IMAGE_STUDIO_HOME": str(home), **extra}


def run_cli(
    *args: str, home: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env={**cli_env(home), **(env or {})},
        timeout=timeout,
    )


#: address space a CLI run may use in the hostile-input tests (a normal run needs ~250 MiB)
CLI_MEMORY = 768 * 1024 * 1024


def _bounded(memory: int) -> Callable[[], None]:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return limit


def run_cli_bounded(
    *args: str,
    home: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    memory: int = CLI_MEMORY,
) -> subprocess.CompletedProcess[str]:
    """The CLI as a subprocess under a memory limit (``RLIMIT_AS``) and a time limit."""
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env={**cli_env(home), **(env or {})},
        timeout=timeout,
        preexec_fn=_bounded(memory),
    )


def one_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stdout + proc.stderr
    data = json.loads(lines[0])
    assert isinstance(data, dict)
    return data
