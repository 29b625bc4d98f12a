"""Reading a streamed image reply (server-sent events).

``stream: true`` replies arrive as ``text/event-stream``: partial images
(``image_generation.partial_image`` / ``image_edit.partial_image``), then a
``*.completed`` event with the final image and usage, maybe a ``[DONE]``.
Events are read with httpx-sse; each event is judged by :class:`StreamReader`
alone, so the logic is testable (and fuzzable) without a server.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from studio.core.cancel import CancelToken
from studio.core.errorparse import RAW_BODY_CAP, parse_error, protocol_error
from studio.core.errors import ErrorKind, StudioError
from studio.core.events import PartialImage
from studio.core.redaction import scrub_bytes
from studio.core.responses import decode_b64
from studio.core.wording import plural

log = logging.getLogger(__name__)

T = TypeVar("T")

MB = 1024 * 1024


@dataclass(frozen=True)
class Completed:
    """A final image event's JSON, exactly as received (it is journalled and parsed)."""

    data: bytes


StreamItem = PartialImage | Completed


class StreamReader:
    """Judges one event at a time; remembers what a cut stream should report."""

    def __init__(self, request_no: int = 0) -> None:
        self.request_no = request_no
        self.partials = 0
        self.completed = 0
        self.skipped = 0
        #: the last unreadable event (a cut stream's error keeps it)
        self.last_skipped: bytes | None = None
        self.done = False

    def _skip(self, why: str, text: str) -> None:
        """Relays put pings and junk into streams: log it and wait for the final image."""
        self.skipped += 1
        self.last_skipped = text.encode("utf-8", "replace")[:RAW_BODY_CAP]
        log.warning("skipped a stream event (%s): %.80r", why, text)

    def handle(self, event: str, data: str) -> StreamItem | None:
        """The item an event carries (None for keep-alives, ``[DONE]``, unknown types
        and unreadable events, which are skipped and logged).

        Raises :class:`StudioError` for an error event.
        """
        text = data.strip()
        if not text:
            return None
        if text == "[DONE]":
            self.done = True
            return None
        raw = text.encode("utf-8", "replace")
        try:
            obj: Any = json.loads(text)
        except (ValueError, RecursionError):
            self._skip("not JSON", text)
            return None
        if not isinstance(obj, dict):
            self._skip("not a JSON object", text)
            return None
        if obj.get("error") not in (None, "", {}, []) or ("ErrCode" in obj and obj["ErrCode"] != 0):
            raise parse_error(200, raw)
        kind = event if event and event != "message" else str(obj.get("type") or "")
        if kind.endswith("partial_image"):
            b64 = obj.get("b64_json")
            if not isinstance(b64, str) or not b64:
                self._skip("a partial image without an image", text)
                return None
            index = obj.get("partial_image_index")
            if not isinstance(index, int) or isinstance(index, bool):
                index = self.partials
            self.partials += 1
            try:
                image = decode_b64(b64, raw)
            except StudioError:
                # a partial is only a preview: a broken one must not abort the stream
                # before the paid final image arrives (and is journalled)
                self._skip("a partial image that is not valid base64", text)
                return None
            return PartialImage(index=index, data=image, request_no=self.request_no)
        if kind.endswith(".completed") or kind == "completed":
            self.completed += 1
            return Completed(raw)
        return None

    def cut_error(self) -> StudioError:
        if self.partials:
            return StudioError.of(
                ErrorKind.NETWORK,
                plural(
                    self.partials,
                    "The stream was cut before the image was complete ({count} partial image "
                    "had arrived).",
                    "The stream was cut before the image was complete ({count} partial images "
                    "had arrived).",
                ),
                code="stream_cut",
                count=self.partials,
                raw_body=self.last_skipped,
            )
        return StudioError.of(
            ErrorKind.NETWORK,
            "The stream was cut before the image was complete.",
            code="stream_cut",
            raw_body=self.last_skipped,
        )


def is_event_stream(response: httpx.Response) -> bool:
    return "text/event-stream" in response.headers.get("content-type", "").lower()


@dataclass(frozen=True)
class StreamLimits:
    """The bounds of one streamed reply (see :class:`~studio.core.http.HttpSettings`)."""

    #: the whole stream
    max_bytes: int = 200 * MB
    #: one event (a final image's base64 included)
    max_event_bytes: int = 64 * MB
    #: seconds without a partial or final image (keep-alives do not count)
    idle_timeout: float = 120.0


class EventParser:
    """Server-sent events from raw chunks, never holding more than one capped event.

    Lines end at CR, LF or CRLF; ``:`` lines are comments; ``event:`` and
    ``data:`` fields make an event, a blank line sends it. An event (or a line)
    past ``max_event_bytes`` is a protocol error at once, not a growing buffer.
    """

    def __init__(self, max_event_bytes: int) -> None:
        self.max_event_bytes = max_event_bytes
        self._line = bytearray()
        self._pending_cr = False
        self._event = ""
        self._data: list[bytes] = []
        self._size = 0
        self.comments = 0

    def feed(self, chunk: bytes) -> Iterator[tuple[str, bytes]]:
        start = 0
        if self._pending_cr and chunk[:1] == b"\n":
            start = 1
        self._pending_cr = False
        n = len(chunk)
        while start < n:
            cr = chunk.find(b"\r", start)
            lf = chunk.find(b"\n", start)
            ends = [i for i in (cr, lf) if i >= 0]
            if not ends:
                self._grow(chunk[start:])
                return
            end = min(ends)
            self._grow(chunk[start:end])
            line = bytes(self._line)
            self._line.clear()
            if chunk[end : end + 1] == b"\r":
                if end + 1 < n:
                    start = end + 2 if chunk[end + 1 : end + 2] == b"\n" else end + 1
                else:
                    self._pending_cr = True
                    start = n
            else:
                start = end + 1
            event = self._line_done(line)
            if event is not None:
                yield event

    def finish(self) -> Iterator[tuple[str, bytes]]:
        """An event left without its blank line when the stream ended."""
        if self._line:
            event = self._line_done(bytes(self._line))
            self._line.clear()
            if event is not None:
                yield event
        if self._data:
            yield self._dispatch()

    def _grow(self, piece: bytes) -> None:
        self._line += piece
        if self._size + len(self._line) > self.max_event_bytes:
            raise protocol_error(
                "A stream event is larger than the {limit} MB limit; the stream was stopped.",
                bytes(self._line[:RAW_BODY_CAP]),  # its start, to see what it was
                limit=self.max_event_bytes // MB,
            )

    def _line_done(self, line: bytes) -> tuple[str, bytes] | None:
        if not line:
            return self._dispatch() if self._data or self._event else None
        if line.startswith(b":"):
            self.comments += 1
            return None
        name, colon, value = line.partition(b":")
        if colon and value.startswith(b" "):
            value = value[1:]
        if name == b"data":
            self._data.append(value)
            self._size += len(value) + 1
        elif name == b"event":
            self._event = value.decode("utf-8", "replace")
        return None

    def _dispatch(self) -> tuple[str, bytes]:
        event = (self._event, b"\n".join(self._data))
        self._event, self._data, self._size = "", [], 0
        return event


def bounded_events(
    response: httpx.Response,
    judge: Callable[[str, bytes], T | None],
    *,
    limits: StreamLimits,
    cancel: CancelToken | None = None,
    until: Callable[[], bool] = lambda: False,
) -> Iterator[T]:
    """The items ``judge`` makes of an event stream's events, bounded.

    In memory: one event at most ``limits.max_event_bytes``, the stream
    ``limits.max_bytes``. In time: no item for ``limits.idle_timeout`` seconds ends it,
    however many keep-alives arrive. ``until`` ends it early (a ``[DONE]`` marker). A cut
    connection is the caller's to report (httpx raises it from here).
    """
    parser = EventParser(limits.max_event_bytes)
    total = 0
    last_item = time.monotonic()
    for chunk in response.iter_bytes():
        if cancel is not None:
            cancel.raise_if_cancelled()
        total += len(chunk)
        if total > limits.max_bytes:
            raise protocol_error(
                "The streamed reply is larger than the {limit} MB limit.",
                limit=limits.max_bytes // MB,
            )
        for event, data in parser.feed(chunk):
            item = judge(event, data)
            if item is not None:
                last_item = time.monotonic()
                yield item
            if until():
                return
        if time.monotonic() - last_item > limits.idle_timeout:
            raise StudioError.of(
                ErrorKind.NETWORK,
                "The stream sent only keep-alives for {seconds} s, no image; it was stopped. "
                "The provider may still be working on the request (and charge for it).",
                code="stream_idle",
                seconds=round(limits.idle_timeout),
            )
    for event, data in parser.finish():
        item = judge(event, data)
        if item is not None:
            yield item


def iter_stream(
    response: httpx.Response,
    *,
    request_no: int = 0,
    cancel: CancelToken | None = None,
    limits: StreamLimits = StreamLimits(),
    max_images: int | None = None,
) -> Iterator[StreamItem]:
    """Items of an event-stream response; raises if it ends without a completed image.

    Bounded in memory (one event at most ``limits.max_event_bytes``, the stream
    ``limits.max_bytes``) and in time (no image event for ``limits.idle_timeout``
    seconds ends it, however many keep-alives arrive).
    """
    reader = StreamReader(request_no)

    def judge(event: str, data: bytes) -> StreamItem | None:
        item = reader.handle(event, scrub_bytes(data).decode("utf-8", "replace"))
        if isinstance(item, Completed) and max_images is not None and reader.completed > max_images:
            raise protocol_error(
                "The stream sent more than {limit} final images; it was stopped.",
                limit=max_images,
            )
        return item

    items: Iterator[StreamItem] = bounded_events(
        response, judge, limits=limits, cancel=cancel, until=lambda: reader.done
    )
    try:
        yield from items
    except (httpx.RemoteProtocolError, httpx.ReadError):
        # The connection ended mid-stream (or a cancel shut the socket down).
        if cancel is not None and cancel.cancelled:
            raise StudioError.cancelled() from None
        raise reader.cut_error() from None
    if reader.skipped:
        log.warning("skipped %d unreadable stream events", reader.skipped)
    if reader.completed == 0:
        raise reader.cut_error()
