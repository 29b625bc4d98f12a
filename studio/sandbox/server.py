"""The sandbox server: a real HTTP server on loopback speaking the Images API.

It is the app's offline ``sandbox`` provider and the test double of every
test: requests are logged (:attr:`SandboxServer.requests`) and faults can be
queued (:meth:`SandboxServer.inject`, or over HTTP at ``/_sandbox/faults`` for
tests that drive a subprocess).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Any

from studio.sandbox.faults import Fault, FaultQueue
from studio.sandbox.files import FileStore
from studio.sandbox.images_api import ImagesApi
from studio.sandbox.multipart import MultipartError, Part
from studio.sandbox.multipart import parse as parse_multipart

log = logging.getLogger(__name__)

SUMMARY_JSON_MAX = 64 * 1024
PROFILES = ("openai", "relay")


@dataclass(frozen=True)
class PartInfo:
    """One part of a multipart request, as the client sent it."""

    name: str
    filename: str | None
    content_type: str | None
    size: int


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # without the query, e.g. "/v1/images/generations"
    headers: Mapping[str, str]  # names as the client sent them
    body: bytes = field(repr=False)
    query: str = ""
    client_host: str = ""
    parts: tuple[PartInfo, ...] = ()  # multipart requests only

    def header(self, name: str, default: str | None = None) -> str | None:
        """A header value by case-insensitive name."""
        lowered = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lowered:
                return value
        return default

    def json(self) -> Any:
        return json.loads(self.body)

    def multipart(self) -> list[Part]:
        """Every part of a multipart body, with its bytes (raises ``MultipartError``)."""
        return parse_multipart(self.body, self.header("Content-Type", "") or "")

    def fields(self) -> dict[str, str]:
        """The text fields of a multipart body (last value wins)."""
        return {p.name: p.text() for p in self.multipart() if not p.is_file}

    def summary(self) -> dict[str, Any]:
        """The JSON form served by ``GET /_sandbox/requests``.

        No body; but a small JSON body is included parsed (``json``) and a
        multipart body's text fields (``fields``), so subprocess tests can see
        what was asked for.
        """
        out: dict[str, Any] = {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": dict(self.headers),
            "client_host": self.client_host,
            "body_size": len(self.body),
            "parts": [vars(p) for p in self.parts],
        }
        if self.parts:
            with contextlib.suppress(MultipartError):
                out["fields"] = self.fields()
        elif self.body and len(self.body) <= SUMMARY_JSON_MAX:
            with contextlib.suppress(ValueError):
                out["json"] = self.json()
        return out


class _HTTPServer(ThreadingHTTPServer):
    """Tracks its connections and threads so :meth:`SandboxServer.stop` can end them."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        from studio.sandbox.handler import SandboxHandler

        self.sandbox = sandbox
        self.conn_lock = threading.Lock()
        self.connections: set[socket.socket] = set()
        self.threads: set[threading.Thread] = set()
        super().__init__(address, SandboxHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._serve_connection,
            args=(request, client_address),
            name=f"sandbox-conn-{client_address[1]}",
            daemon=True,
        )
        with self.conn_lock:
            self.connections.add(request)
            self.threads.add(thread)
        thread.start()

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self.conn_lock:
                self.connections.discard(request)
                self.threads.discard(threading.current_thread())

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("sandbox connection error from %s", client_address, exc_info=True)


class SandboxServer:
    """A local, offline provider. ``with SandboxServer() as s: ... s.base_url``.

    ``url_host="alt"`` makes url results point at :attr:`alt_base_url`'s host
    (``localhost``), a different origin than :attr:`base_url`, for tests that
    check the key is never sent to another host. ``sse_done`` ends streams
    with ``data: [DONE]``. ``log_limit`` keeps only the newest requests in
    :attr:`requests` (the app's embedded instance must not grow forever).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        latency: float = 0.0,
        require_key: str | None = None,
        url_host: str = "same",
        sse_done: bool = False,
        log_limit: int | None = None,
        profile: str = "openai",
        today: dt.date | None = None,
    ) -> None:
        if url_host not in ("same", "alt"):
            raise ValueError("url_host must be 'same' or 'alt'")
        if profile not in PROFILES:
            raise ValueError(f"profile must be one of {', '.join(PROFILES)}")
        self.host = host
        self.port = port
        self.latency = latency
        self.require_key = require_key
        self.url_host = url_host
        self.sse_done = sse_done
        self.log_limit = log_limit
        self.faults = FaultQueue()
        self.files = FileStore()
        #: "openai": shut-down models answer 404 model_not_found, as OpenAI does;
        #: "relay": a relay that still serves them (from other upstreams)
        self.profile = profile
        self.today = today
        self.api = ImagesApi(
            self.files, self.file_url, serve_retired=profile == "relay", today=today
        )
        from studio.sandbox.responses_api import ResponsesStore

        #: the Responses API's stored responses (``previous_response_id``), in memory
        self.conversations = ResponsesStore()
        self.stopping = threading.Event()
        self._log_lock = threading.Lock()
        #: requests being answered now, and the most at once since the last clear
        self.in_flight = 0
        self.max_in_flight = 0
        self._log: list[RecordedRequest] = []
        self._state_lock = threading.Lock()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._upload_ids = iter(range(177_602_101, 2**31))

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> SandboxServer:
        with self._state_lock:
            if self._httpd is not None:
                return self
            self.stopping.clear()
            httpd = _HTTPServer((self.host, self.port), self)
            self.port = int(httpd.server_address[1])
            self._httpd = httpd
            self._thread = threading.Thread(
                target=httpd.serve_forever,
                kwargs={"poll_interval": 0.1},
                name=f"sandbox-{self.port}",
                daemon=True,
            )
            self._thread.start()
        log.info("sandbox serving on %s", self.base_url)
        return self

    def stop(self) -> None:
        with self._state_lock:
            httpd, thread = self._httpd, self._thread
            if httpd is None:
                return
            self._httpd = self._thread = None
            self.stopping.set()
            httpd.shutdown()
            with httpd.conn_lock:
                connections = list(httpd.connections)
                threads = list(httpd.threads)
            for conn in connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            for t in threads:
                t.join(timeout=5)
            httpd.server_close()
            if thread is not None:
                thread.join(timeout=5)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._httpd is not None

    @property
    def active_connections(self) -> int:
        """Client connections being served right now (0 once all have closed)."""
        httpd = self._httpd
        if httpd is None:
            return 0
        with httpd.conn_lock:
            return len(httpd.connections)

    # --- addresses ----------------------------------------------------------------------------

    @property
    def _url_host(self) -> str:
        return "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host

    @property
    def root_url(self) -> str:
        """The server's root (control endpoints and files live here)."""
        return f"http://{self._url_host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v1"

    @property
    def alt_root_url(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def alt_base_url(self) -> str:
        """The same server under another host name (``localhost``)."""
        return f"{self.alt_root_url}/v1"

    def file_url(self, name: str) -> str:
        root = self.alt_root_url if self.url_host == "alt" else self.root_url
        return f"{root}/files/{name}"

    def next_upload_id(self) -> int:
        with self._log_lock:
            return next(self._upload_ids)

    # --- faults and the request log -----------------------------------------------------------

    def inject(self, fault: Fault) -> None:
        self.faults.add(fault)

    def clear_faults(self) -> None:
        self.faults.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of every request seen so far (control requests excluded)."""
        with self._log_lock:
            return list(self._log)

    def record(self, request: RecordedRequest) -> None:
        with self._log_lock:
            self._log.append(request)
            if self.log_limit is not None and len(self._log) > self.log_limit:
                del self._log[: len(self._log) - self.log_limit]

    def clear_requests(self) -> None:
        with self._log_lock:
            self._log.clear()
            self.max_in_flight = 0

    # --- requests being answered at once (a client's concurrency cap is seen here) -----------

    def flight_started(self) -> None:
        with self._log_lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def flight_ended(self) -> None:
        with self._log_lock:
            self.in_flight -= 1

    def reset(self) -> None:
        self.clear_requests()
        self.clear_faults()
