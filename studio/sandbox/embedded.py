"""The app's own sandbox: one per process, started on first use, stopped at exit."""

from __future__ import annotations

import atexit
import os
import threading

from studio.sandbox.server import SandboxServer

LATENCY_ENV = "IMAGE_STUDIO_SANDBOX_LATENCY"
DEFAULT_LATENCY = 0.4  # long enough to see progress in the GUI
LOG_LIMIT = 50

_lock = threading.Lock()
_server: SandboxServer | None = None


def _latency() -> float:
    raw = os.environ.get(LATENCY_ENV, "").strip()
    if not raw:
        return DEFAULT_LATENCY
    try:
        return max(0.0, float(raw))
    except ValueError:
        return DEFAULT_LATENCY


def get_embedded_sandbox() -> SandboxServer:
    """The process-wide sandbox on 127.0.0.1 (a free port), started lazily."""
    global _server
    with _lock:
        if _server is None or not _server.running:
            # a relay that still serves shut-down models (as the sandbox provider says)
            _server = SandboxServer(
                latency=_latency(), log_limit=LOG_LIMIT, profile="relay"
            ).start()
            atexit.register(_server.stop)
        return _server


def embedded_sandbox_url() -> str:
    """The process-wide sandbox's base URL: what the front ends give core to reach it."""
    return get_embedded_sandbox().base_url


def stop_embedded_sandbox() -> None:
    """Stop the process-wide sandbox now (the next ``get_embedded_sandbox`` starts anew)."""
    global _server
    with _lock:
        server, _server = _server, None
    if server is not None:
        server.stop()
