"""The CLI as scripts use it: real subprocesses, the real sandbox over HTTP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer


def run_cli(
    *args: str, home: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "IMAGE_STUDIO_HOME": str(home), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def one_json(proc: subprocess.CompletedProcess[str]) -> dict:
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stdout + proc.stderr
    return json.loads(lines[0])


def test_generate_through_embedded_sandbox_writes_a_real_png(studio_home: Path) -> None:
    # the app's sandbox answers as OpenAI does today: a current model
    proc = run_cli(
        "generate", "a red fox", "--model", "gpt-image-2.6-sunburst", "--json", home=studio_home
    )
    assert proc.returncode == 0, proc.stderr
    data = one_json(proc)
    assert data["ok"] is True
    assert isinstance(data["history_id"], int)
    (image,) = data["images"]
    path = Path(image["path"])
    assert path.is_absolute() and path.is_file()
    with Image.open(path) as im:
        assert im.format == "PNG"
        assert im.size == (1024, 1024)
    assert "Traceback" not in proc.stderr


def test_generate_with_base_url_sends_bearer_key_and_copies_to_out(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    proc = run_cli(
        "generate", "a quiet lake", "--model", "gpt-image-1", "--base-url", sandbox.base_url,
        "--size", "1536x1024", "-n", "2", "--out", str(out), "--json",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "test-sentinel-key"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = one_json(proc)
    paths = [Path(i["path"]) for i in data["images"]]
    assert len(paths) == 2
    assert all(p.parent == out.resolve() and p.is_file() for p in paths)
    with Image.open(paths[0]) as im:
        assert im.size == (1536, 1024)
    posts = [r for r in sandbox.requests if r.path.endswith("/images/generations")]
    assert len(posts) == 1
    assert posts[0].headers.get("Authorization") == "Bearer test-sentinel-key"
    assert data["usage"] is not None


def test_raw_auth_sends_the_key_itself(studio_home: Path, sandbox: SandboxServer) -> None:
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url, "--auth", "raw",
        "--json", home=studio_home, env={"IMAGE_STUDIO_API_KEY": "test-raw-key"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    post = next(r for r in sandbox.requests if r.path.endswith("/images/generations"))
    assert post.headers.get("Authorization") == "test-raw-key"


def test_validation_error_exits_2_and_sends_nothing(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    proc = run_cli(
        "generate", "a fox", "--model", "dall-e-3", "--base-url", sandbox.base_url,
        "--size", "999x999", "--json", home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert proc.returncode == 2
    data = one_json(proc)
    assert data["ok"] is False
    assert data["error"]["kind"] == "validation"
    assert "999x999" in data["error"]["message"]
    assert not [r for r in sandbox.requests if r.path.startswith("/v1/images")]


def test_bad_usage_exits_2_without_traceback(studio_home: Path) -> None:
    proc = run_cli("generate", "--json", home=studio_home)  # no --model
    assert proc.returncode == 2
    data = one_json(proc)
    assert data["error"]["kind"] == "validation"
    assert "Traceback" not in proc.stderr
    plain = run_cli("generate", "x", "--model", "gpt-image-1", "-n", "lots", home=studio_home)
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr and "-n" in plain.stderr


def test_provider_error_exits_3_with_status_and_code(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    error = {
        "message": "Incorrect API key provided",
        "type": "invalid_request_error",
        "param": None,
        "code": "invalid_api_key",
    }
    sandbox.inject(Fault(path="/images/generations", status=401, body={"error": error}))
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url, "--json",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "wrong-key"},
    )  # fmt: skip
    assert proc.returncode == 3
    err = one_json(proc)["error"]
    assert {k: err[k] for k in ("kind", "status", "code")} == {
        "kind": "provider",
        "status": 401,
        "code": "invalid_api_key",
    }
    assert isinstance(err["message"], str) and err["message"]
    assert "wrong-key" not in proc.stdout + proc.stderr


def test_network_failure_exits_4(studio_home: Path) -> None:
    # a port nothing listens on: connection refused (retried, then reported)
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", "http://127.0.0.1:9/v1",
        "--json", home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert proc.returncode == 4
    assert one_json(proc)["error"]["kind"] == "network"


def test_missing_key_is_refused_before_sending(studio_home: Path, sandbox: SandboxServer) -> None:
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url, "--json",
        home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "key" in one_json(proc)["error"]["message"].lower()
    assert not sandbox.requests


def test_interrupt_cancels_the_request_and_exits_130(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(path="/images/generations", action="slow", delay=60))
    env = {**os.environ, "IMAGE_STUDIO_HOME": str(studio_home), "IMAGE_STUDIO_API_KEY": "k"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio", "generate", "slow", "--model", "gpt-image-1",
         "--base-url", sandbox.base_url, "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not [r for r in sandbox.requests if r.path.endswith("/generations")]:
        assert time.monotonic() < deadline, "the CLI never sent its request"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert json.loads(stdout)["error"]["kind"] == "cancelled"
    assert "Traceback" not in stderr
    listing = run_cli("history", "--json", home=studio_home)
    (job,) = json.loads(listing.stdout)["jobs"]
    assert job["status"] == "cancelled"


def test_param_passes_only_fields_the_table_allows(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    env = {"IMAGE_STUDIO_API_KEY": "k"}
    ok = run_cli(
        "generate", "a city", "--model", "seedream-3.0", "--base-url", sandbox.base_url,
        "--param", "seed=42", "--json", home=studio_home, env=env,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stdout + ok.stderr
    sent = json.loads(next(r for r in sandbox.requests if r.path.endswith("/generations")).body)
    assert sent["seed"] == 42
    bad = run_cli(
        "generate", "a city", "--model", "gpt-image-1", "--base-url", sandbox.base_url,
        "--param", "watermark=false", "--json", home=studio_home, env=env,
    )  # fmt: skip
    assert bad.returncode == 2
    assert "watermark" in one_json(bad)["error"]["message"]


def test_edit_with_mask_and_history_lists_the_job(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    src = tmp_path / "photo.png"
    Image.new("RGB", (256, 256), (10, 120, 200)).save(src)
    mask = tmp_path / "mask.png"
    m = Image.new("RGBA", (256, 256), (0, 0, 0, 255))
    m.paste((0, 0, 0, 0), (0, 0, 128, 256))  # edit the left half
    m.save(mask)
    proc = run_cli(
        "edit", "a hat", "--model", "gpt-image-1", "--image", str(src), "--mask", str(mask),
        "--base-url", sandbox.base_url, "--size", "1024x1024", "--json",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = one_json(proc)
    with Image.open(data["images"][0]["path"]) as im:
        rgb = im.convert("RGB")
        left, right = rgb.getpixel((100, 512)), rgb.getpixel((900, 512))
    assert right == (10, 120, 200)  # kept
    assert left != (10, 120, 200)  # edited
    listing = run_cli("history", "--json", home=studio_home)
    jobs = json.loads(listing.stdout)["jobs"]
    assert jobs[0]["id"] == data["history_id"]
    assert jobs[0]["status"] == "succeeded"


def test_upload_file_then_url_returns_img_ids(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    picture = tmp_path / "frame.png"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(picture)
    env = {"IMAGE_STUDIO_API_KEY": "k"}
    by_file = run_cli(
        "upload", "--file", str(picture), "--base-url", sandbox.base_url, "--json",
        home=studio_home, env=env,
    )  # fmt: skip
    assert by_file.returncode == 0, by_file.stdout + by_file.stderr
    first = one_json(by_file)
    assert set(first) == {"ok", "img_id", "img_url"}
    assert first["ok"] is True and first["img_id"]
    by_url = run_cli(
        "upload", "--url", first["img_url"], "--base-url", sandbox.base_url, "--json",
        home=studio_home, env=env,
    )  # fmt: skip
    assert by_url.returncode == 0, by_url.stdout + by_url.stderr
    second = one_json(by_url)
    assert second["img_id"] != first["img_id"]
    bodies = [json.loads(r.body) for r in sandbox.requests if r.path.endswith("/responses")]
    assert [b["input"] for b in bodies] == ["local", "url"]
    assert all(b["model"] == "paiwo-picture" for b in bodies)


def test_json_error_carries_the_advice(studio_home: Path, sandbox: SandboxServer) -> None:
    from studio.sandbox.faults import openai_error

    sandbox.inject(
        Fault(
            path="/images/generations",
            status=401,
            body=openai_error(401, "Incorrect API key provided.", "invalid_api_key"),
        )
    )
    rejected = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url,
        "--json", home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert rejected.returncode == 3
    error = one_json(rejected)["error"]
    assert error["code"] == "invalid_api_key"
    assert error["advice"] == {"cause": "key_rejected", "action": "fix_key", "wait": None}
    unsent = run_cli("generate", "x", "--model", "gpt-image-1", "--size", "7x7", "--json",
                     home=studio_home)  # fmt: skip
    assert unsent.returncode == 2
    assert one_json(unsent)["error"]["advice"]["action"] == "none"


def test_upload_error_is_a_provider_error(studio_home: Path, sandbox: SandboxServer) -> None:
    proc = run_cli(
        "upload", "--url", "http://127.0.0.1:9/missing.png", "--base-url", sandbox.base_url,
        "--json", home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert proc.returncode == 3
    assert one_json(proc)["error"]["kind"] == "provider"


def test_cli_never_imports_qt(studio_home: Path) -> None:
    code = (
        "import sys; from studio.cli import run_cli; from studio.__main__ import sandbox_url; "
        "rc = run_cli(['generate', 'x', '--model', 'gpt-image-1', '--json'], sandbox=sandbox_url); "
        "print('QT', any(m.startswith('PySide6') for m in sys.modules), file=sys.stderr)"
    )
    env = {**os.environ, "IMAGE_STUDIO_HOME": str(studio_home)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert "QT False" in proc.stderr, proc.stderr


def test_generate_loads_only_what_a_png_job_needs(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    """A plain PNG job imports no drawing checker, no log-file rotation (nothing is
    logged), no thread pool (one request), no stream reader, no search or delete helpers
    of the history, no input-image prober, GIF timing, file-name builder, TOML reader or
    settings migration and no Pillow: each costs start-up time."""
    code = (
        "import json, sys; from studio.cli import run_cli; "
        f"rc = run_cli(['generate', 'x', '--model', 'gpt-image-1', '--base-url', "
        f"{sandbox.base_url!r}, '--json']); "
        "print(json.dumps({'rc': rc, 'modules': sorted(sys.modules)}), file=sys.stderr)"
    )
    env = {**os.environ, "IMAGE_STUDIO_HOME": str(studio_home), "IMAGE_STUDIO_API_KEY": "k"}
    for _ in range(2):  # the first run of a home writes its table cache, the second reads it
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
        )
        report = json.loads(proc.stderr.strip().splitlines()[-1])
        assert report["rc"] == 0, proc.stdout
    loaded = set(report["modules"])
    assert "studio.core.client" in loaded
    unneeded = {"studio.core.svgsafe", "logging.handlers", "concurrent.futures", "PIL"}
    unneeded |= {"studio.core.streaming", "studio.core.history.search"}
    unneeded |= {"studio.core.history.groups", "studio.core.history.threads", "html"}
    # the input-image prober (edits only), GIF timing, the file-name builder (--out only)
    unneeded |= {"studio.core.validation_inputs", "studio.core.imageinfo", "studio.core.gifs"}
    unneeded |= {"studio.core.filenames"}
    # no TOML read (the providers' table is cached with the capability tables), and no
    # settings migration where no default model is saved
    unneeded |= {"tomllib", "studio.core.capsload", "studio.core.migrate"}
    # the history's listing filters and spend rows, and the undo token of a delete
    unneeded |= {"studio.core.history.queries", "studio.core.history.undo"}
    assert loaded & unneeded == set()


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str, studio_home: Path) -> None:
    import tomllib

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"]
    proc = run_cli(flag, home=studio_home)
    assert proc.returncode == 0
    # the version has one home, pyproject; the CLI reads it from the package metadata
    assert proc.stdout.strip() == f"image-studio {declared}"


def test_rate_limit_too_long_to_wait_says_when_to_retry(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    error = {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}
    sandbox.inject(
        Fault(
            path="/images/generations",
            status=429,
            body={"error": error},
            headers={"Retry-After": "120"},
            times=3,
        )
    )
    args = ("generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url)
    env = {"IMAGE_STUDIO_API_KEY": "k"}
    as_json = run_cli(*args, "--json", home=studio_home, env=env)
    assert as_json.returncode == 3
    err = one_json(as_json)["error"]
    assert (err["status"], err["code"], err["retry_after"]) == (429, "rate_limit_exceeded", 120)
    plain = run_cli(*args, home=studio_home, env=env)
    assert plain.returncode == 3
    assert "try again in 120 s" in plain.stderr
    # 120 s is longer than the automatic wait (60 s): no retry, one request per run
    assert len([r for r in sandbox.requests if r.path.endswith("/generations")]) == 2


def test_a_failure_in_words_says_what_to_do_and_names_its_status_once(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    # new-api's answer to an empty balance
    body = {
        "error": {
            "message": "用户额度不足",
            "type": "new_api_error",
            "code": "insufficient_user_quota",
        }
    }
    sandbox.inject(Fault(path="/images/generations", status=402, body=body))
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url,
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert proc.returncode == 3
    assert proc.stderr.count("HTTP 402") == 1, proc.stderr
    assert "What to do: the account may be out of credit" in proc.stderr

    blocked = {
        "error": {
            "message": "Rejected by the safety system.",
            "type": "x",
            "code": "moderation_blocked",
        }
    }
    sandbox.inject(Fault(path="/images/generations", status=400, body=blocked))
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url,
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert proc.returncode == 3
    assert "What to do: rephrase the prompt" in proc.stderr

    refused = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", "http://127.0.0.1:9/v1",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert refused.returncode == 4
    assert "What to do: check the connection" in refused.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(studio_home: Path) -> None:
    # `image-studio generate ... --json | head -c 10`: the pipe closes before the answer
    read_end, write_end = os.pipe()
    os.close(read_end)
    proc = subprocess.run(
        [sys.executable, "-m", "studio", "generate", "a fox", "--model",
         "gpt-image-2.6-sunburst", "--json"],
        stdout=write_end, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "IMAGE_STUDIO_HOME": str(studio_home)}, timeout=120,
    )  # fmt: skip
    os.close(write_end)
    assert proc.returncode == 141, proc.stderr
    assert proc.stderr == ""
    listing = run_cli("history", "--json", home=studio_home)
    (job,) = one_json(listing)["jobs"]
    assert job["status"] == "succeeded"  # the job itself was kept


def test_history_says_when_each_job_ran_and_why_a_failed_one_failed(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    body = {
        "error": {
            "message": "Rejected by the safety system.",
            "type": "x",
            "code": "moderation_blocked",
        }
    }
    sandbox.inject(Fault(path="/images/generations", status=400, body=body))
    failed = run_cli(
        "generate", "a forbidden otter", "--model", "gpt-image-1", "--base-url",
        sandbox.base_url, home=studio_home, env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert failed.returncode == 3
    listing = run_cli("history", home=studio_home)
    first, why, todo = listing.stdout.splitlines()
    assert "failed" in first and "a forbidden otter" in first
    assert why.strip().startswith("why: ") and "Rejected by the safety system." in why
    assert todo.strip().startswith("what to do: rephrase the prompt")
    (job,) = one_json(run_cli("history", "--json", home=studio_home))["jobs"]
    assert job["error"]["code"] == "moderation_blocked" and job["error"]["status"] == 400
    assert time.strftime("%Y-%m-%d %H:%M", time.localtime(job["created_at"])) in first
