"""HTTP plumbing of the sandbox: routing, auth, latency, faults and writing answers.

Any exception in a handler becomes a 500 JSON answer (or, once headers are
out, a closed connection); the server itself keeps running.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import select
import socket
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from studio.sandbox import multipart
from studio.sandbox.faults import DEFAULT_HUGE_SIZE, Fault, json_bytes, openai_error
from studio.sandbox.images_api import JsonReply, Options, Reply, StreamReply
from studio.sandbox.models import MODELS, ApiError, current_day, invalid

if TYPE_CHECKING:
    from studio.sandbox.server import SandboxServer, _HTTPServer

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024 * 1024
_POLL = 0.05
_BAD_B64 = "!!not*base64~~" * 8


class _Abort(Exception):
    """The client went away or the server is stopping: stop answering."""


class SandboxHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ImageStudioSandbox/1.0"
    #: headers and body go out as two writes; with Nagle's algorithm the body would wait
    #: for the client's delayed ACK of the headers (40 ms at random on a kept-alive
    #: connection), which servers in front of the real APIs do not make a client wait
    disable_nagle_algorithm = True
    timeout = 300  # idle keep-alive connections
    server: _HTTPServer

    @property
    def sandbox(self) -> SandboxServer:
        return self.server.sandbox

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def end_headers(self) -> None:
        self._headers_out = True
        super().end_headers()

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    # --- the request cycle --------------------------------------------------------------------

    def _dispatch(self) -> None:
        self._headers_out = False
        try:
            body = self._read_body()
        except ApiError as exc:
            self.close_connection = True
            self._send_json(exc.status, exc.body)
            return
        except (_Abort, ConnectionResetError, TimeoutError):
            self.close_connection = True
            return
        url = urlsplit(self.path)
        path = unquote(url.path)
        try:
            if path.startswith("/_sandbox/"):
                self._control(path, body)
                return
            parts = self._parts(body)
            self.sandbox.record(self._recorded(path, url.query, body, parts))
            fault = self.sandbox.faults.take(path)
            self.sandbox.flight_started()
            try:
                self._answer(path, body, parts, fault)
            finally:
                self.sandbox.flight_ended()
        except _Abort:
            self.close_connection = True
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        except Exception:
            log.exception("sandbox handler failed for %s %s", self.command, path)
            if self._headers_out:
                self.close_connection = True
            else:
                with contextlib.suppress(OSError):
                    self._send_json(
                        500,
                        openai_error(
                            500, "The sandbox failed: internal error.", None, "server_error"
                        ),
                    )

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        length_text = self.headers.get("Content-Length")
        if not length_text:
            return b""
        try:
            length = int(length_text)
        except ValueError:
            raise invalid("Invalid Content-Length header.") from None
        if length > MAX_BODY:
            raise ApiError(413, openai_error(413, "Request body too large.", "request_too_large"))
        body = self.rfile.read(length)
        if len(body) < length:
            # the client went away mid-body: no server acts on half a request
            raise _Abort
        return body

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                raise invalid("Malformed chunked request body.") from None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            total += size
            if total > MAX_BODY:
                raise ApiError(
                    413, openai_error(413, "Request body too large.", "request_too_large")
                )
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _parts(self, body: bytes) -> list[multipart.Part] | None:
        ctype = self.headers.get("Content-Type", "")
        if not ctype.lower().startswith("multipart/form-data"):
            return None
        try:
            return multipart.parse(body, ctype)
        except multipart.MultipartError:
            return None

    def _recorded(
        self, path: str, query: str, body: bytes, parts: list[multipart.Part] | None
    ) -> Any:
        from studio.sandbox.server import PartInfo, RecordedRequest

        return RecordedRequest(
            method=self.command,
            path=path,
            headers=dict(self.headers.items()),
            body=body,
            query=query,
            client_host=self.client_address[0],
            parts=tuple(
                PartInfo(p.name, p.filename, p.content_type, len(p.data)) for p in parts or ()
            ),
        )

    # --- answering ----------------------------------------------------------------------------

    def _answer(
        self, path: str, body: bytes, parts: list[multipart.Part] | None, fault: Fault | None
    ) -> None:
        if fault is not None and fault.delay > 0:
            self._wait(fault.delay)
        action = fault.action if fault is not None else None
        if fault is not None and action == "respond":
            data, ctype = fault.body_bytes()
            self._send_bytes(fault.status, data, ctype, fault.headers)
            return
        if action == "drop_before_headers":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault is not None and action == "huge_body":
            self._send_huge(fault)
            return
        if fault is not None and action in ("endless_event", "keepalive_forever"):
            self._send_hostile_stream(fault)
            return
        if fault is not None and action == "many_images":
            self._send_json(200, _many_images(fault.size if fault.size is not None else 2000))
            return
        opts = Options()
        if fault is not None and action == "expired_url":
            expired_status = fault.status if fault.status in (403, 404, 410) else 403
            opts = Options(force_url=True, url_expired=expired_status)
        elif fault is not None and action == "no_gif_access":
            opts = Options(disabled_formats=("gif",))
        try:
            reply = self._route(path, body, parts, opts)
        except ApiError as exc:
            reply = JsonReply(exc.body, exc.status)
        extra_headers = dict(fault.headers) if fault is not None else {}
        if isinstance(reply, RawReply):
            self._send_bytes(reply.status, reply.data, reply.content_type, reply.headers)
            return
        if isinstance(reply, StreamReply):
            self._send_stream(reply, fault, extra_headers)
            return
        if self.sandbox.latency > 0 and path[3:] in _POST_ROUTES and reply.status == 200:
            self._wait(self.sandbox.latency)
        if action == "invalid_base64":
            for item in reply.body.get("data") or ():
                if isinstance(item, dict) and "b64_json" in item:
                    item["b64_json"] = _BAD_B64
        data = json_bytes(reply.body)
        headers = {**reply.headers, **extra_headers}
        if action in ("reset_mid_body", "stream_cut"):
            self._send_reset(reply.status, data, headers)
        elif action == "truncate_json":
            self._send_bytes(reply.status, data[: len(data) // 2], "application/json", headers)
        elif fault is not None and action == "trickle":
            self._send_trickle(reply.status, data, headers, fault.interval)
        else:
            self._send_bytes(reply.status, data, "application/json", headers)

    def _route(
        self, path: str, body: bytes, parts: list[multipart.Part] | None, opts: Options
    ) -> Reply | RawReply:
        method = self.command
        if path.startswith(("/files/", "/v1/files/")) and method in ("GET", "HEAD"):
            return self._file(path.rsplit("/", 1)[-1])
        if not path.startswith("/v1/"):
            raise _not_found(method, path)
        self._check_auth()
        api_path = path[3:]
        sandbox = self.sandbox
        if method == "GET" and api_path == "/models":
            return JsonReply(_models(sandbox.api.serve_retired, sandbox.api.today))
        if method != "POST" or api_path not in _POST_ROUTES:
            raise _not_found(method, path)
        if api_path == "/images/generations":
            return sandbox.api.generate(_json(body), opts)
        if api_path == "/responses":
            from studio.sandbox.responses_api import is_image_tool_body, respond
            from studio.sandbox.upload import upload

            payload = _json(body)
            if is_image_tool_body(payload):  # the image tool; else the paiwo-picture upload
                return respond(sandbox.api, sandbox.conversations, sandbox.files, payload, opts)
            return upload(sandbox, payload)
        ctype = self.headers.get("Content-Type", "")
        is_json = ctype.split(";")[0].strip().lower() == "application/json"
        if api_path == "/images/edits" and is_json and _gpt_image_json(body):
            from studio.sandbox.json_edits import parts_from_json

            return sandbox.api.edit(parts_from_json(_json(body), sandbox.files), opts)
        if api_path == "/files" and parts is not None:
            from studio.sandbox.json_edits import upload_file

            return JsonReply(upload_file(parts, sandbox.files))
        if parts is None:
            raise invalid(
                f"Invalid Content-Type header ({ctype or 'none'}), expected multipart/form-data "
                "with a valid body."
            )
        if api_path == "/images/edits":
            return sandbox.api.edit(parts, opts)
        return sandbox.api.variation(parts, opts)

    def _check_auth(self) -> None:
        key = self.sandbox.require_key
        if key is None:
            return
        given = self.headers.get("Authorization", "").strip()
        if given[:7].lower() == "bearer ":
            given = given[7:].strip()
        if given != key:
            message = (
                "You didn't provide an API key."
                if not given
                else "Incorrect API key provided. You can find your API key in your account "
                "settings."
            )
            raise ApiError(401, openai_error(401, message, "invalid_api_key"))

    def _file(self, name: str) -> RawReply:
        """A stored file; errors look like the blob storage behind real url results (XML)."""
        stored = self.sandbox.files.get(name)
        if stored is None or stored.expired_status == 404:
            return _blob_error(404, "BlobNotFound", "The specified blob does not exist.")
        if stored.expired_status is not None:
            return _blob_error(
                stored.expired_status,
                "AuthenticationFailed",
                "Server failed to authenticate the request. Signature not valid in the "
                "specified time frame: the url has expired.",
            )
        return RawReply(stored.data, stored.content_type, headers={"Cache-Control": "max-age=3600"})

    # --- control endpoints (root, not under /v1) ----------------------------------------------

    def _control(self, path: str, body: bytes) -> None:
        sandbox = self.sandbox
        method = self.command
        try:
            if path == "/_sandbox/faults" and method == "POST":
                data = _json(body)
                if not isinstance(data, dict):
                    raise invalid("A fault must be a JSON object.")
                try:
                    fault = Fault.from_json(data)
                except (TypeError, ValueError) as exc:
                    raise invalid(f"Invalid fault: {exc}") from None
                sandbox.inject(fault)
                self._send_json(200, {"ok": True, "fault": fault.to_json()})
            elif path == "/_sandbox/faults" and method == "DELETE":
                sandbox.clear_faults()
                self._send_json(200, {"ok": True})
            elif path == "/_sandbox/faults" and method == "GET":
                self._send_json(200, {"faults": [f.to_json() for f in sandbox.faults.pending()]})
            elif path == "/_sandbox/requests" and method == "GET":
                self._send_json(200, {"requests": [r.summary() for r in sandbox.requests]})
            elif path == "/_sandbox/requests" and method == "DELETE":
                sandbox.clear_requests()
                self._send_json(200, {"ok": True})
            else:
                raise _not_found(method, path)
        except ApiError as exc:
            self._send_json(exc.status, exc.body)

    # --- writing ------------------------------------------------------------------------------

    def _start(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.send_header("x-request-id", f"req_{uuid.uuid4().hex}")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _send_json(self, status: int, body: Any) -> None:
        self._send_bytes(status, json_bytes(body), "application/json", {})

    def _send_bytes(self, status: int, data: bytes, ctype: str, headers: dict[str, str]) -> None:
        self._start(status, {"Content-Type": ctype, "Content-Length": str(len(data)), **headers})
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_reset(self, status: int, data: bytes, headers: dict[str, str]) -> None:
        """Promise the whole body, send half of it, then close the connection.

        A FIN rather than an RST: with an RST the client's kernel may drop the
        bytes already received, and tests should see the same failure each run.
        """
        self._start(
            status,
            {"Content-Type": "application/json", "Content-Length": str(len(data)), **headers},
        )
        self.wfile.write(data[: max(1, len(data) // 2)])
        self.wfile.flush()
        self.close_connection = True

    def _send_huge(self, fault: Fault) -> None:
        size = fault.size if fault.size is not None else DEFAULT_HUGE_SIZE
        status = fault.status if fault.status < 400 else 200
        self._start(
            status,
            {"Content-Type": "application/json", "Content-Length": str(size), **fault.headers},
        )
        head = b'{"created":1700000000,"data":[{"b64_json":"'
        block = b"QUJD" * 16384  # 64 KiB of valid-looking base64
        sent = 0
        first = head[:size]
        self.wfile.write(first)
        sent += len(first)
        while sent < size:
            if self.sandbox.stopping.is_set():
                raise _Abort
            piece = block[: size - sent]
            self.wfile.write(piece)
            sent += len(piece)

    def _send_stream(
        self, reply: StreamReply, fault: Fault | None, headers: dict[str, str]
    ) -> None:
        action = fault.action if fault is not None else None
        self._start(
            200,
            {
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-cache",
                "Transfer-Encoding": "chunked",
                **headers,
            },
        )
        step = self.sandbox.latency / max(1, reply.count)
        if action == "stream_noise":
            for junk in _STREAM_NOISE:
                self._chunk(junk)
        for event, data in reply.frames:
            if step > 0:
                self._wait(step)
            if action == "stream_cut" and event == reply.final_event:
                self.close_connection = True  # no completed event, no terminating chunk
                return
            if action == "invalid_base64" and "b64_json" in data:
                data = {**data, "b64_json": _BAD_B64}
            self._chunk(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
        if self.sandbox.sse_done:
            self._chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")

    def _send_hostile_stream(self, fault: Fault) -> None:
        """An event stream that never completes: one endless event, or only keep-alives."""
        self._start(
            200,
            {
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-cache",
                "Transfer-Encoding": "chunked",
            },
        )
        if fault.action == "endless_event":
            size = fault.size if fault.size is not None else DEFAULT_HUGE_SIZE
            self._chunk(b'data: {"type":"image_generation.completed","b64_json":"')
            block = b"QUJD" * 16384  # 64 KiB of base64, never a line end
            sent = 0
            while sent < size:
                if self.sandbox.stopping.is_set():
                    raise _Abort
                self._chunk(block)
                sent += len(block)
            return
        limit = fault.size if fault.size is not None else 100_000
        for _ in range(limit):
            self._chunk(b": keep-alive\n\n")
            self._wait(fault.interval)

    def _send_trickle(
        self, status: int, data: bytes, headers: dict[str, str], interval: float
    ) -> None:
        self._start(
            status,
            {"Content-Type": "application/json", "Content-Length": str(len(data)), **headers},
        )
        for i in range(len(data)):
            self.wfile.write(data[i : i + 1])
            self.wfile.flush()
            self._wait(interval)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    # --- waiting ------------------------------------------------------------------------------

    def _wait(self, seconds: float) -> None:
        """Sleep in small steps; abort when the client leaves or the server stops."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if self.sandbox.stopping.is_set() or self._client_gone():
                raise _Abort
            time.sleep(min(_POLL, left))

    def _client_gone(self) -> bool:
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True


@dataclass
class RawReply:
    """Bytes served as they are (files)."""

    data: bytes = field(repr=False)
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


_POST_ROUTES = frozenset(
    {"/images/generations", "/images/edits", "/images/variations", "/responses", "/files"}
)


#: what relays and proxies put into a stream besides the image events
_STREAM_NOISE = (
    b": keep-alive\n\n",
    b"data: ping\n\n",
    b"data: keep-alive\n\n",
    b"event: ping\ndata: [1, 2]\n\n",
    b'data: {"type":"image_generation.partial_image","partial_image_index":0}\n\n',
    b'data: {"type":"image_generation.partial_image","b64_json":"!!"\n\n',
    b"data: \xff\xfe not utf-8\n\n",
)


def _many_images(count: int) -> dict[str, Any]:
    """An images reply with ``count`` copies of a tiny real PNG."""
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 40, 40)).save(buf, "PNG")
    item = {"b64_json": base64.b64encode(buf.getvalue()).decode("ascii")}
    return {"created": int(time.time()), "data": [item] * count}


def _blob_error(status: int, code: str, message: str) -> RawReply:
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>'
        f"<Error><Code>{code}</Code><Message>{message}\nRequestId:{uuid.uuid4()}</Message></Error>"
    )
    return RawReply(xml.encode(), "application/xml", status=status)


def _not_found(method: str, path: str) -> ApiError:
    return ApiError(
        404, openai_error(404, f"Invalid URL ({method} {path})", None, "invalid_request_error")
    )


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        raise invalid(
            "We could not parse the JSON body of your request. (HINT: This likely means you "
            "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, "
            "but what was sent was not valid JSON.)"
        ) from None


def _gpt_image_json(body: bytes) -> bool:
    """A JSON edit for a GPT image model (the others take multipart only)."""
    try:
        model = json.loads(body).get("model")
    except (ValueError, AttributeError):
        return False
    found = MODELS.get(model) if isinstance(model, str) else None
    return found is not None and found.is_gpt_image


def _models(serve_retired: bool, today: dt.date | None) -> dict[str, Any]:
    """The model list with each ``shutdown_date`` (OpenAI lists no shut-down model)."""
    day = today or current_day()
    return {
        "object": "list",
        "data": [
            {
                "id": m.id,
                "object": "model",
                "created": 1_700_000_000,
                "owned_by": "sandbox",
                "shutdown_date": None if m.shutdown is None else m.shutdown.isoformat(),
            }
            for m in MODELS.values()
            if serve_retired or not m.retired_on(day)
        ],
    }
