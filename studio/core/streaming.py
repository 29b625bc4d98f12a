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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_sse import EventSource, SSEError

from studio.core.cancel import CancelToken
from studio.core.errorparse import parse_error, protocol_error
from studio.core.errors import ErrorKind, StudioError
from studio.core.events import PartialImage
from studio.core.responses import decode_b64

log = logging.getLogger(__name__)


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
        self.done = False

    def handle(self, event: str, data: str) -> StreamItem | None:
        """The item an event carries (None for keep-alives, ``[DONE]``, unknown types).

        Raises :class:`StudioError` for an error event or unreadable data.
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
            raise protocol_error("A stream event is not valid JSON.", raw) from None
        if not isinstance(obj, dict):
            raise protocol_error("A stream event is not a JSON object.", raw)
        if obj.get("error") not in (None, "", {}, []) or ("ErrCode" in obj and obj["ErrCode"] != 0):
            raise parse_error(200, raw)
        kind = event if event and event != "message" else str(obj.get("type") or "")
        if kind.endswith("partial_image"):
            b64 = obj.get("b64_json")
            if not isinstance(b64, str) or not b64:
                raise protocol_error("A partial image event carries no image.", raw)
            index = obj.get("partial_image_index")
            if not isinstance(index, int) or isinstance(index, bool):
                index = self.partials
            self.partials += 1
            try:
                image = decode_b64(b64, raw)
            except StudioError:
                # a partial is only a preview: a broken one must not abort the stream
                # before the paid final image arrives (and is journalled)
                log.warning("skipped a partial image that is not valid base64")
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
                "The stream was cut before the image was complete ({count} partial images had "
                "arrived).",
                code="stream_cut",
                count=self.partials,
            )
        return StudioError.of(
            ErrorKind.NETWORK,
            "The stream was cut before the image was complete.",
            code="stream_cut",
        )


def is_event_stream(response: httpx.Response) -> bool:
    return "text/event-stream" in response.headers.get("content-type", "").lower()


def iter_stream(
    response: httpx.Response,
    *,
    request_no: int = 0,
    cancel: CancelToken | None = None,
    max_bytes: int = 200 * 1024 * 1024,
) -> Iterator[StreamItem]:
    """Items of an event-stream response; raises if it ends without a completed image."""
    reader = StreamReader(request_no)
    total = 0
    try:
        for sse in EventSource(response).iter_sse():
            if cancel is not None:
                cancel.raise_if_cancelled()
            total += len(sse.data)
            if total > max_bytes:
                raise protocol_error(
                    "The streamed reply is larger than the {limit} MB limit.",
                    limit=max_bytes // (1024 * 1024),
                )
            item = reader.handle(sse.event, sse.data)
            if item is not None:
                yield item
            if reader.done:
                break
    except SSEError as exc:
        raise protocol_error("The stream could not be read: {reason}", reason=str(exc)) from None
    except (httpx.RemoteProtocolError, httpx.ReadError):
        # The connection ended mid-stream (or a cancel shut the socket down).
        if cancel is not None and cancel.cancelled:
            raise StudioError.cancelled() from None
        raise reader.cut_error() from None
    if reader.completed == 0:
        raise reader.cut_error()
