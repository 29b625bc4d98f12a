"""Full jobs against the sandbox, in process and as a CLI process, against the
official ``openai`` SDK doing the same work on the same server (the sandbox, in its own
process).

The in-process reference is what any real script does: one SDK client, created
once and reused for every job (keep-alive connections included).
"""

from __future__ import annotations

import base64
import contextlib
import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.bench.timing import measure_interleaved, row

KEY = "bench-key-not-secret"
#: a current model both the studio and the sandbox serve
MODEL = "gpt-image-2"


def _sdk_job(client: object, out_dir: Path, n: int, size: str) -> None:
    response = client.images.generate(model=MODEL, prompt="a red fox", n=n, size=size)  # type: ignore[attr-defined]
    for i, item in enumerate(response.data or []):
        (out_dir / f"sdk-{i}.png").write_bytes(base64.b64decode(item.b64_json or ""))


@contextlib.contextmanager
def _sandbox_process() -> Iterator[str]:
    """The sandbox in its own process: the same server for both contenders, and not slowed
    by this process (whose heap the benches before it have grown: every collection of it
    would pause a server thread here, and a slower server hides the clients' difference)."""
    cmd = [sys.executable, "-m", "studio.sandbox", "--port", "0", "--profile", "relay"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if "serving at" not in line:
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        yield line.split("serving at", 1)[1].split()[0]
    finally:
        proc.terminate()
        proc.wait(10)


def run(quick: bool) -> list[dict[str, object]]:
    import openai

    from studio.core.providers import custom_provider
    from studio.core.request import ImageRequest, Mode
    from studio.core.service import Studio
    from studio.core.thumbnails import thumbnail_for

    repeats = 3 if quick else 9
    rows = []
    with tempfile.TemporaryDirectory() as tmp, _sandbox_process() as base_url:
        sdk = openai.OpenAI(base_url=base_url, api_key=KEY)
        home = Path(tmp) / "home"
        os.environ["IMAGE_STUDIO_API_KEY"] = KEY
        studio = Studio.open(home)
        empty = Studio.open(Path(tmp) / "empty")
        empty.close()
        empty_history = _history_bytes(empty.paths)  # an empty history's database, closed
        provider = custom_provider(base_url)
        out_dir = Path(tmp) / "sdk"
        out_dir.mkdir()
        returned: list[int] = []  # image bytes the provider returned, per job
        try:
            for n in (1, 4):
                for size in ("1024x1024", "1536x1024"):
                    request = ImageRequest(
                        Mode.GENERATE, MODEL, "a red fox", {"n": n, "size": size}
                    )

                    def ours(request: ImageRequest = request) -> None:
                        outcome = studio.run_job(provider, request, source="bench")
                        assert outcome.error is None, outcome.error
                        assert outcome.result is not None
                        returned.append(sum(len(i.data) for i in outcome.result.images))
                        for image in outcome.record.images:
                            # the gallery's size (thumbnails.DEFAULT_SIZE, 320 px at 2x); the
                            # same prompt draws the same picture, so after the first job this
                            # is the cache's lookup (making one is the thumbnail rows' figure)
                            thumbnail_for(Path(image.path), studio.paths.thumbnails_dir)

                    def ref(n: int = n, size: str = size) -> None:
                        _sdk_job(sdk, out_dir, n, size)

                    ours_s, ref_s = measure_interleaved([ours, ref], repeats)
                    rows.append(
                        row(
                            f"full job in process, n={n}, {size}",
                            ours_s,
                            ref_s,
                            "ratio <= 1.0",
                            "request+decode+store+history+thumbnail (found in the cache:"
                            " the sandbox draws one picture per prompt) vs a reused SDK client"
                            " +decode+write",
                        )
                    )
            rows.append(_cli_row(base_url, Path(tmp), 5 if quick else 7))
        finally:
            sdk.close()
            studio.close()
            os.environ.pop("IMAGE_STUDIO_API_KEY", None)
        # closed: the write-ahead log is folded into the database
        rows.insert(-1, _disk_row(studio.paths, returned, empty_history))
    return rows


def _tree_bytes(root: Path, pattern: str = "*") -> tuple[int, int]:
    """Total size and number of the files under ``root`` matching ``pattern``."""
    files = [p for p in root.rglob(pattern) if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _history_bytes(paths: Any) -> int:
    db = Path(paths.history_db)
    return _tree_bytes(db.parent, f"{db.name}*")[0]  # with its -wal and -shm files


def _disk_row(paths: Any, returned: list[int], empty_history: int) -> dict[str, object]:
    """What a job leaves on disk (history database, stored images, thumbnails, journal)
    against the image bytes the provider returned; an empty database not counted."""
    jobs = len(returned)
    images, _ = _tree_bytes(paths.images_dir)
    thumbs, count = _tree_bytes(paths.thumbnails_dir)
    journal, _ = _tree_bytes(paths.journal_dir)
    db = _history_bytes(paths) - empty_history
    stored = images + thumbs + journal + db
    sent = sum(returned)
    kb = 1024
    return row(
        "disk per job: history + images + thumbnails vs the returned image bytes",
        stored / jobs / kb,
        sent / jobs / kb,
        "report",
        f"{jobs} jobs of the rows above; images {images / sent:.2f}x the returned bytes, "
        f"thumbnails {thumbs / max(count, 1) / kb:.0f} kB each (320 px: a 160 px tile "
        f"at 2x), history {db / jobs / kb:.1f} kB/job, journal {journal} B left",
        unit="kB",
    )


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
    # both sides as installed: with compiled bytecode (the warm-up run writes it), the same
    # interpreter and flags; without this a developer's PYTHONDONTWRITEBYTECODE would make
    # every run compile all it imports, which weighs on the side that imports more
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    exe = Path(sys.executable).with_name("image-studio")
    ours_cmd = [str(exe), "generate", "a red fox", "--model", MODEL]
    ours_cmd += ["--base-url", base_url, "--size", "1024x1024", "--json"]

    def ours() -> None:
        subprocess.run(ours_cmd, env=env, check=True, capture_output=True)

    def ref() -> None:
        subprocess.run([sys.executable, str(script)], env=env, check=True, capture_output=True)

    ours_s, ref_s = measure_interleaved([ours, ref], repeats)  # processes: load comes and goes
    return row(
        "CLI generate, end to end (process)",
        ours_s,
        ref_s,
        "ratio <= 0.35",
        "image-studio generate vs a five-line openai SDK script; both compiled",
    )
