"""Logging for the GUI and the CLI: a rotating file plus stderr, both redacted.

Every record passes :class:`RedactingFilter` on its way to a handler, so an
``Authorization`` header, a key-shaped string or a key registered at runtime
(:func:`register_secret`) never reaches the log file or the terminal, whatever
logger emitted it (including tracebacks).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from studio.core import secrets
from studio.core.paths import Paths

LOG_FILE_NAME = "studio.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
#: libraries that log request details (headers included) at DEBUG/INFO
QUIET_LOGGERS = ("httpx", "httpcore", "hpack", "urllib3")

_HANDLER_TAG = "_image_studio_handler"
#: logger levels as they were before setup_logging, restored by shutdown_logging
_saved_levels: dict[str, int] = {}


def register_secret(secret: str | None) -> None:
    """Mask ``secret`` wherever it appears in later log records (and redacted messages)."""
    secrets.register_secret(secret)


class _RotatingFile(logging.Handler):
    """The rotating log file, opened (and ``logging.handlers`` imported) at the first
    record: a CLI run that logs nothing opens no file and imports nothing for it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            try:
                self._file = logging.handlers.RotatingFileHandler(
                    self._path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
                )
            except OSError:  # a log call never fails the caller (as FileHandler.emit)
                self.handleError(record)
                return
        self._file.setFormatter(self.formatter)
        self._file.emit(record)  # level and filters were applied by this handler

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack text with :func:`secrets.redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what we can, redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg = secrets.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = secrets.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = secrets.redact(record.stack_info)
        return True


def setup_logging(paths: Paths, *, verbose: bool = False) -> Path:
    """Send logs to ``paths.logs_dir/studio.log`` (1 MB x 5) and stderr; returns the log file.

    Calling it again replaces the handlers it installed before (no duplicates).
    ``verbose`` logs DEBUG to both; otherwise the file gets INFO and stderr WARNING.
    """
    shutdown_logging()
    for name in ("", *QUIET_LOGGERS):
        _saved_levels[name] = logging.getLogger(name or None).level
    paths.logs_dir.mkdir(parents=True, exist_ok=True)
    log_file = paths.logs_dir / LOG_FILE_NAME
    redactor = RedactingFilter()
    formatter = logging.Formatter(FORMAT)

    file_handler = _RotatingFile(log_file)
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    handlers: list[logging.Handler] = [file_handler]
    # a windowed (console=False) build has no stderr at all
    if sys.stderr is not None:
        stderr_handler = logging.StreamHandler(sys.stderr)
        stderr_handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
        handlers.append(stderr_handler)

    root = logging.getLogger()
    for handler in handlers:
        handler.addFilter(redactor)
        handler.setFormatter(formatter)
        setattr(handler, _HANDLER_TAG, True)
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return log_file


def shutdown_logging() -> None:
    """Remove and close the handlers :func:`setup_logging` installed; restore logger levels."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_TAG, False):
            root.removeHandler(handler)
            handler.close()
    for name, level in _saved_levels.items():
        logging.getLogger(name or None).setLevel(level)
    _saved_levels.clear()
