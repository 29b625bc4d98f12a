"""Logging: a rotating file in the logs folder, and no key ever reaches it or stderr."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.core import logs
from studio.core.logs import register_secret, setup_logging, shutdown_logging
from studio.core.paths import Paths, resolve_paths

KEY = "sk-test-notreal-logs-0123456789wxyz"


@pytest.fixture
def paths() -> Iterator[Paths]:
    p = resolve_paths()
    yield p
    shutdown_logging()


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_writes_to_studio_log_in_the_logs_dir(paths: Paths, studio_home: Path) -> None:
    log_file = setup_logging(paths)
    assert log_file == paths.logs_dir / "studio.log"
    assert studio_home in log_file.parents
    logging.getLogger("studio.test").info("job %d finished: %s", 7, "画 a fox")
    logging.getLogger("studio.test").debug("not at INFO level")
    _flush()
    text = log_file.read_text(encoding="utf-8")
    assert "job 7 finished: 画 a fox" in text
    assert "studio.test" in text
    assert "not at INFO level" not in text


def test_keys_and_authorization_are_redacted_in_file_and_stderr(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = setup_logging(paths, verbose=True)
    raw_key = "dmx-raw-key-runtime-5555"
    register_secret(raw_key)
    log = logging.getLogger("studio.client")
    log.debug("request headers: %s", {"Authorization": f"Bearer {KEY}"})
    log.warning("provider said: invalid key %s", KEY)
    log.warning("raw key in text: %s", raw_key)
    log.error("header line Authorization: someOpaqueToken12345")
    try:
        raise ValueError(f"boom with {KEY}")
    except ValueError:
        log.exception("failed")
    _flush()
    text = log_file.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    for output in (text, err):
        assert KEY not in output
        assert raw_key not in output
        assert "someOpaqueToken12345" not in output
        assert "sk-…wxyz" in output
        assert "Traceback" in output and "ValueError: boom with sk-…wxyz" in output
        assert "raw key in text: …5555" in output


def test_stderr_shows_warnings_only_unless_verbose(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging(paths)
    logging.getLogger("studio.x").info("quiet info")
    logging.getLogger("studio.x").warning("loud warning")
    err = capsys.readouterr().err
    assert "loud warning" in err
    assert "quiet info" not in err


def test_setup_twice_does_not_duplicate_lines_and_shutdown_closes(paths: Paths) -> None:
    setup_logging(paths)
    log_file = setup_logging(paths)
    logging.getLogger("studio.x").warning("once only")
    _flush()
    assert log_file.read_text(encoding="utf-8").count("once only") == 1
    ours = [h for h in logging.getLogger().handlers if getattr(h, logs._HANDLER_TAG, False)]
    assert len(ours) == 2
    shutdown_logging()
    assert not [h for h in logging.getLogger().handlers if getattr(h, logs._HANDLER_TAG, False)]


def test_http_libraries_are_quiet_and_levels_restored_after(paths: Paths) -> None:
    before = {n: logging.getLogger(n).level for n in ("", "httpx", "httpcore")}
    setup_logging(paths, verbose=True)
    for name in ("httpx", "httpcore"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.WARNING
    assert logging.getLogger().level == logging.DEBUG
    shutdown_logging()
    assert {n: logging.getLogger(n).level for n in before} == before


def test_file_rotates_at_one_megabyte_keeping_five(paths: Paths) -> None:
    log_file = setup_logging(paths)
    line = "x" * 1000
    log = logging.getLogger("studio.rotate")
    for _ in range(7 * 1050):  # a bit over 7 MB of records
        log.info(line)
    _flush()
    rotated = sorted(p.name for p in paths.logs_dir.glob("studio.log.*"))
    assert rotated == [f"studio.log.{i}" for i in range(1, 6)]
    assert log_file.stat().st_size <= logs.MAX_BYTES
    assert all((paths.logs_dir / n).stat().st_size <= logs.MAX_BYTES for n in rotated)


def test_filter_survives_a_broken_format_string() -> None:
    record = logging.LogRecord(
        "studio.bad", logging.WARNING, __file__, 1, "two %s %s", (KEY,), None
    )
    assert logs.RedactingFilter().filter(record)
    message = record.getMessage()
    assert message.startswith("two %s %s")
    assert KEY not in message


def test_the_log_file_is_opened_by_the_first_record_and_never_fails_the_caller(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = setup_logging(paths)
    assert not log_file.exists()  # a run that logs nothing opens no file
    logging.getLogger("studio.first").info("first line")
    _flush()
    assert "first line" in log_file.read_text("utf-8")

    shutdown_logging()
    log_file.unlink()
    log_file.mkdir()  # the log file cannot be opened now
    setup_logging(paths)
    logging.getLogger("studio.blocked").warning("still running")  # must not raise
    assert "still running" in capsys.readouterr().err  # stderr still gets it
