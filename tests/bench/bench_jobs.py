"""Full jobs against the sandbox, in process and as a CLI process, against the
official ``openai`` SDK doing the same work on the same server.

The in-process reference is what any real script does: one SDK client, created
once and reused for every job (keep-alive connections included).
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from tests.bench.timing import measure, row

KEY = "bench-key-not-secret"
#: a current model both the studio and the sandbox serve
MODEL = "gpt-image-2"


def _sdk_job(client: object, out_dir: Path, n: int, size: str) -> None:
    response = client.images.generate(model=MODEL, prompt="a red fox", n=n, size=size)  # type: ignore[attr-defined]
    for i, item in enumerate(response.data or []):
        (out_dir / f"sdk-{i}.png").write_bytes(base64.b64decode(item.b64_json or ""))


def run(quick: bool) -> list[dict[str, object]]:
    import openai

    from studio.core.providers import custom_provider
    from studio.core.request import ImageRequest, Mode
    from studio.core.service import Studio
    from studio.core.thumbnails import thumbnail_for
    from studio.sandbox.server import SandboxServer

    repeats = 3 if quick else 9
    rows = []
    with tempfile.TemporaryDirectory() as tmp, SandboxServer(profile="relay") as server:
        sdk = openai.OpenAI(base_url=server.base_url, api_key=KEY)
        home = Path(tmp) / "home"
        os.environ["IMAGE_STUDIO_API_KEY"] = KEY
        studio = Studio.open(home)
        provider = custom_provider(server.base_url)
        out_dir = Path(tmp) / "sdk"
        out_dir.mkdir()
        try:
            for n in (1, 4):
                for size in ("1024x1024", "1536x1024"):
                    request = ImageRequest(
                        Mode.GENERATE, MODEL, "a red fox", {"n": n, "size": size}
                    )

                    def ours(request: ImageRequest = request) -> None:
                        outcome = studio.run_job(provider, request, source="bench")
                        assert outcome.error is None, outcome.error
                        for image in outcome.record.images:
                            thumbnail_for(Path(image.path), studio.paths.thumbnails_dir)

                    def ref(n: int = n, size: str = size) -> None:
                        _sdk_job(sdk, out_dir, n, size)

                    ref_s = measure(ref, repeats)
                    ours_s = measure(ours, repeats)
                    rows.append(
                        row(
                            f"full job in process, n={n}, {size}",
                            ours_s,
                            ref_s,
                            "ratio <= 1.0",
                            "request+decode+store+history+thumbnail vs a reused SDK client"
                            " +decode+write",
                        )
                    )
            rows.append(_cli_row(server.base_url, Path(tmp), 3 if quick else 7))
        finally:
            sdk.close()
            studio.close()
            os.environ.pop("IMAGE_STUDIO_API_KEY", None)
    return rows


def _cli_row(base_url: str, tmp: Path, repeats: int) -> dict[str, object]:
    script = tmp / "sdk_script.py"
    script.write_text(
        textwrap.dedent(
            f"""\
            import base64, openai
            c = openai.OpenAI(base_url={base_url!r}, api_key={KEY!r})
            r = c.images.generate(model={MODEL!r}, prompt="a red fox", size="1024x1024")
            open({str(tmp / "sdk-cli.png")!r}, "wb").write(base64.b64decode(r.data[0].b64_json))
            """
        )
    )
    env = {**os.environ, "IMAGE_STUDIO_API_KEY": KEY, "IMAGE_STUDIO_HOME": str(tmp / "cli-home")}
    exe = Path(sys.executable).with_name("image-studio")
    ours_cmd = [str(exe), "generate", "a red fox", "--model", MODEL]
    ours_cmd += ["--base-url", base_url, "--size", "1024x1024", "--json"]

    def ours() -> None:
        subprocess.run(ours_cmd, env=env, check=True, capture_output=True)

    def ref() -> None:
        subprocess.run([sys.executable, str(script)], env=env, check=True, capture_output=True)

    ref_s = measure(ref, repeats)
    ours_s = measure(ours, repeats)
    return row(
        "CLI generate, end to end (process)",
        ours_s,
        ref_s,
        "ratio <= 0.35",
        "image-studio generate vs a five-line openai SDK script",
    )
