"""Keys never leak: whole sessions with a sentinel key, then every file under the
home and every line of output is searched for it. The key goes only to the
provider's host: not to result urls elsewhere, not across a redirect."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from studio.core.history import HistoryStore, JobQuery
from studio.core.history.export import export_jobs
from studio.core.paths import resolve_paths
from studio.core.thumbnails import thumbnail_for
from studio.sandbox.faults import Fault, new_api_error, openai_error
from studio.sandbox.server import RecordedRequest, SandboxServer
from tests.reliability.conftest import run_cli, write_inputs

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def sentinel() -> str:
    return "sk-SENTINEL-" + uuid.uuid4().hex


@pytest.fixture
def server_for() -> Iterator[list[SandboxServer]]:
    started: list[SandboxServer] = []
    yield started
    for server in started:
        server.stop()


def _server(started: list[SandboxServer], key: str) -> SandboxServer:
    # url results point at another host name (localhost) than the API (127.0.0.1)
    server = SandboxServer(require_key=key, url_host="alt", profile="relay").start()
    started.append(server)
    return server


def _host(request: RecordedRequest) -> str:
    return (request.header("Host") or "").split(":")[0]


def _carries(request: RecordedRequest, key: str) -> bool:
    return any(key in value for value in request.headers.values())


def scan_home(home: Path, key: str) -> int:
    """Every file under ``home`` (db, -wal, journal, logs, images, thumbnails, exports)."""
    needle = key.encode()
    files = [p for p in home.rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        assert needle not in data, f"the key is in {path}"
        assert needle.hex().encode() not in data, f"the key (hex) is in {path}"
    return len(files)


def export_and_thumbnail(home: Path) -> None:
    paths = resolve_paths(home)
    store = HistoryStore(paths)
    try:
        jobs = store.list_jobs(JobQuery(), limit=100)
        export_jobs(jobs, home / "exports")
        for job in jobs:
            for image in job.images:
                thumbnail_for(image.path, paths.thumbnails_dir, 64)
    finally:
        store.close()


def cli_session(
    home: Path, server: SandboxServer, key: str, tmp_path: Path, env: dict[str, str]
) -> str:
    """Successes and failures through the CLI; returns everything it printed."""
    base = ["--base-url", server.base_url]
    image, mask = write_inputs(tmp_path / "inputs")
    runs: list[list[str]] = [
        ["generate", "a fox", "--model", "gpt-image-1", *base, "--json"],
        ["generate", "a fox", "--model", "gpt-image-1", *base],
        ["generate", "an owl", "--model", "dall-e-3", "--response-format", "url", *base, "--json"],
        ["edit", "a hat", "--model", "gpt-image-1", "--image", str(image), "--mask", str(mask),
         *base, "--json"],
        ["generate", "a stream", "--model", "gpt-image-1", "--stream", "--partial-images", "1",
         *base, "--json"],
        ["models", *base, "--json"],
    ]  # fmt: skip
    faults = [
        # a provider that echoes the key back in its error message
        Fault(path="/images/generations", status=401,
              body=openai_error(401, f"Incorrect API key provided: {key}.", "invalid_api_key")),
        Fault(path="/images/generations", status=500,
              body=new_api_error(f"upstream said: Authorization: Bearer {key}")),
        Fault(path="/images/generations", action="reset_mid_body"),
        Fault(path="/images/generations", action="truncate_json"),
        Fault(path="/images/generations", status=307,
              headers={"Location": f"{server.alt_base_url}/images/generations"}, body=""),
    ]  # fmt: skip
    out: list[str] = []
    for args in runs:
        proc = run_cli(*args, home=home, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        out += [proc.stdout, proc.stderr]
    for fault in faults:
        server.inject(fault)
        for json_flag in (["--json"], []):
            proc = run_cli(
                "generate", "x", "--model", "gpt-image-1", *base, *json_flag, home=home, env=env
            )
            assert proc.returncode in (3, 4), proc.stdout + proc.stderr
            out += [proc.stdout, proc.stderr]
            server.inject(fault)
        server.clear_faults()
    listing = run_cli("history", "--json", home=home, env=env)
    out += [listing.stdout, listing.stderr]
    return "\n".join(out)


def check_wire(server: SandboxServer, key: str) -> None:
    seen = server.requests
    api = [r for r in seen if _host(r) == "127.0.0.1"]
    other = [r for r in seen if _host(r) != "127.0.0.1"]
    assert api and all(_carries(r, key) for r in api if r.path.startswith("/v1/"))
    downloads = [r for r in other if r.path.startswith("/files/")]
    assert downloads, "no url result was downloaded from the other host"
    assert not [r for r in other if _carries(r, key)], "the key went to another host"


@pytest.mark.slow
def test_cli_sessions_with_the_key_in_the_environment(
    studio_home: Path, server_for: list[SandboxServer], tmp_path: Path
) -> None:
    key = sentinel()
    server = _server(server_for, key)
    printed = cli_session(studio_home, server, key, tmp_path, {"IMAGE_STUDIO_API_KEY": key})
    export_and_thumbnail(studio_home)
    assert key not in printed
    assert "Incorrect API key provided" in printed  # the echoing error was shown, redacted
    check_wire(server, key)
    assert scan_home(studio_home, key) > 10
    assert (studio_home / "data" / "logs").is_dir()


@pytest.mark.keyring
@pytest.mark.slow
def test_cli_sessions_with_the_key_in_the_keyring(
    studio_home: Path, server_for: list[SandboxServer], tmp_path: Path
) -> None:
    from studio.core import secrets

    status = secrets.keyring_status()
    if not (status.available and "SecretService" in status.backend):
        reason = f"no Secret Service reachable ({status.backend}) — run under .ci/with-keyring"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    assert secrets.service_name().startswith("image-studio-test-")
    key = sentinel()
    secrets.set_key("custom", key)  # --base-url without --provider is the "custom" provider
    try:
        server = _server(server_for, key)
        printed = cli_session(studio_home, server, key, tmp_path, {})
        export_and_thumbnail(studio_home)
        assert key not in printed
        check_wire(server, key)
        scan_home(studio_home, key)
    finally:
        secrets.delete_key("custom")


def test_a_redirect_to_another_host_does_not_carry_the_key(
    studio_home: Path, server_for: list[SandboxServer]
) -> None:
    key = sentinel()
    server = _server(server_for, key)
    server.inject(
        Fault(
            path="/images/generations",
            status=307,
            headers={"Location": f"{server.alt_base_url}/images/generations"},
            body="",
        )
    )
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--base-url", server.base_url, "--json",
        home=studio_home, env={"IMAGE_STUDIO_API_KEY": key},
    )  # fmt: skip
    assert proc.returncode in (3, 4)
    assert not [r for r in server.requests if _host(r) == "localhost" and _carries(r, key)]
    assert key not in proc.stdout + proc.stderr


# --- the window ------------------------------------------------------------------------------


@pytest.mark.slow
def test_gui_session_generate_fail_and_save_settings(
    qtbot: QtBot,
    studio_home: Path,
    server_for: list[SandboxServer],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from PySide6.QtCore import Qt

    from studio.core.logs import setup_logging, shutdown_logging
    from studio.core.providers import AuthStyle, Provider
    from studio.core.service import Studio
    from studio.jobs.op import wait_for_workers
    from studio.jobs.queue import JobState
    from studio.ui.i18n import set_language
    from studio.ui.main_window import MainWindow

    key = sentinel()
    monkeypatch.setenv("IMAGE_STUDIO_API_KEY", key)
    server = _server(server_for, key)
    caplog.set_level(logging.DEBUG)
    studio = Studio.open(recover=False)
    setup_logging(studio.paths, verbose=True)
    try:
        set_language("en")
        provider = Provider(
            id="leak-test",
            name="Leak test",
            base_url=server.base_url,
            auth=AuthStyle.BEARER,
            models=("gpt-image-1", "dall-e-3"),
            default_model="gpt-image-1",
            builtin=False,
        )
        studio.settings.upsert_provider(provider)
        window = MainWindow(studio)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.reload_providers(current=provider.id)
        compose = window.compose
        compose.prompt.text.setFocus()
        qtbot.keyClicks(compose.prompt.text, "a quiet harbour")
        with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as done:
            qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
        assert done.args[0].state is JobState.DONE, done.args[0].error
        server.inject(
            Fault(
                path="/images/generations",
                status=500,
                body=openai_error(500, f"upstream rejected key {key}", "server_error"),
            )
        )
        with qtbot.waitSignal(window.queue.job_finished, timeout=60_000) as failed:
            qtbot.mouseClick(compose.generate_button, Qt.MouseButton.LeftButton)
        assert failed.args[0].state is JobState.FAILED
        shown = window.error_bar.text.text()
        assert "upstream rejected key" in shown and key not in shown
        window.save_settings_async()
        wait_for_workers(30_000)
        qtbot.wait(20)
        assert studio.paths.settings_file.is_file()
        window.close()
        wait_for_workers(30_000)
    finally:
        shutdown_logging()
        studio.close()
    export_and_thumbnail(studio_home)
    captured = capfd.readouterr()
    assert key not in captured.out + captured.err
    assert key not in caplog.text
    assert scan_home(studio_home, key) > 3
    assert (studio.paths.logs_dir / "studio.log").read_text(encoding="utf-8")  # logs were written
    api = [r for r in server.requests if r.path.startswith("/v1/images")]
    assert api and all(_carries(r, key) for r in api)


def test_the_scan_finds_a_planted_key(studio_home: Path) -> None:
    """Sanity: the scan does find the key when it is written somewhere."""
    key = sentinel()
    (studio_home / "data").mkdir(exist_ok=True)
    (studio_home / "data" / "planted.log").write_text(f"oops {key}", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"planted\.log"):
        scan_home(studio_home, key)
