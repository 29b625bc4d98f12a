"""The Responses client: conversation turns through the ``image_generation`` tool.

It speaks to the same provider, with the same key rules, as the images client
(and inherits its plumbing: addresses, key headers only for the provider's own
origin, error bodies, the journal, ``GET /models`` and the paiwo-picture
upload). :meth:`ResponsesClient.converse` sends one turn to ``POST /responses``,
plain or streamed; every successful body (a streamed reply's
``response.completed`` event) is journalled before it is parsed. A turn is never
retried automatically: once the request may have reached the provider it may be
billed, so a failed turn is offered to the user to send again.

Registered as the ``responses`` protocol: ``run`` sends a request as a single
turn, with the text model the provider's profile names.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx

from studio.core import redaction
from studio.core.cancel import CancelToken, Deadline
from studio.core.client import ImagesClient
from studio.core.errorparse import parse_error, request_id_from
from studio.core.errors import ErrorKind, Problem, StudioError
from studio.core.events import ClientEventSink, ImageArrived, PartialImage
from studio.core.http import open_response, read_capped
from studio.core.journal import JournalEntry
from studio.core.providers import Provider
from studio.core.redaction import scrub_bytes
from studio.core.responses import decode_b64
from studio.core.responses_wire import Turn, TurnReply, encode_body, parse_turn_reply, turn_body
from studio.core.result import ImageResult
from studio.core.streaming import StreamLimits, bounded_events, is_event_stream
from studio.core.validated import ValidatedRequest
from studio.core.wording import plural

PROTOCOL = "responses"
#: the journal meta's ``kind`` for a turn's reply (recovery reads it by this)
JOURNAL_KIND = "responses_turn"


def text_model_for(provider: Provider) -> str:
    """The text model that drives the image tool on ``provider`` (its profile says)."""
    if not provider.image_tool or not provider.image_tool_text_model:
        raise StudioError.of(
            ErrorKind.VALIDATION,
            "{provider} does not offer the Responses image tool (its profile does not "
            "say so); conversations need a provider that does.",
            code="no_image_tool",
            maybe_processed=False,
            provider=provider.name,
        )
    return provider.image_tool_text_model


class ResponsesClient(ImagesClient):
    """One provider, one key; ``converse`` sends conversation turns."""

    def __enter__(self) -> ResponsesClient:
        return self

    def converse(
        self,
        turn: Turn,
        *,
        cancel: CancelToken | None = None,
        on_event: ClientEventSink | None = None,
    ) -> TurnReply:
        """Send ``turn`` and return its image, ids and usage (one request, no retry)."""
        if not isinstance(turn.valid, ValidatedRequest):
            raise TypeError("a Turn carries a ValidatedRequest (see studio.core.validated)")
        outer = cancel or CancelToken()
        token = CancelToken()
        unlink = outer.add_closer(token.cancel)
        deadline = Deadline(token, self.http.job_deadline)
        url = self._url("/responses")
        body = encode_body(turn_body(turn))
        meta: dict[str, object] = {
            "provider": self.provider.id,
            "provider_id": self.provider.id,
            "protocol": PROTOCOL,
            "kind": JOURNAL_KIND,
            "model": turn.valid.request.model,
            "text_model": turn.text_model,
            "mode": "converse",
        }
        try:
            with deadline:
                token.raise_if_cancelled()
                reply = self._send(turn, url, body, meta, token, on_event)
        except StudioError as err:
            if token.cancelled and err.kind is not ErrorKind.CANCELLED:
                raise deadline.explain(StudioError.cancelled()) from None
            raise deadline.explain(err) from None
        finally:
            unlink()
        if on_event is not None:
            for position, image in enumerate(reply.images):
                on_event(ImageArrived(image, position))
        return reply

    def _send(
        self,
        turn: Turn,
        url: str,
        body: bytes,
        meta: dict[str, object],
        token: CancelToken,
        on_event: ClientEventSink | None,
    ) -> TurnReply:
        headers = self._headers(url, "application/json")
        with open_response(
            self._client, "POST", url, headers=headers, content=body, cancel=token
        ) as resp:
            if not 200 <= resp.status_code < 300:
                raise self._error(resp, token)
            meta.update(request_id=request_id_from(resp.headers), status=resp.status_code)
            if turn.stream and is_event_stream(resp):
                final = self._read_stream(resp, token, on_event)
                ctype = "text/event-stream"
            else:
                final = read_capped(resp, self.http.max_body_bytes, cancel=token)
                ctype = resp.headers.get("content-type", "")
        final = redaction.scrub_bytes(final)
        entry = self._journal(final, {**meta, "content_type": ctype, "time": time.time()})
        try:
            reply = parse_turn_reply(final)
        except StudioError as err:
            if entry is not None and err.kind is ErrorKind.PROVIDER:
                entry.remove()  # an error object with HTTP 200: nothing paid to keep
            elif entry is not None:
                kept = f"{err.message} The reply was kept in the journal for recovery."
                raise StudioError(
                    err.kind,
                    kept,
                    status=err.status,
                    code=err.code,
                    raw_body=err.raw_body,
                    maybe_processed=True,
                ) from None
            raise
        reply.journal_entry = entry
        return reply

    def _read_stream(
        self, resp: httpx.Response, token: CancelToken, on_event: ClientEventSink | None
    ) -> bytes:
        """The ``response.completed`` event's JSON; partial images go to the sink."""
        partials = 0
        for kind, obj, raw in _events(resp, token, self._limits()):
            if kind == "error" or kind == "response.failed":
                err = obj.get("error") if kind == "error" else None
                if kind == "error" and err is None:
                    err = {k: obj.get(k) for k in ("message", "code", "param") if obj.get(k)}
                if kind == "response.failed":
                    response = obj.get("response")
                    err = response.get("error") if isinstance(response, dict) else None
                raise parse_error(
                    200, json.dumps({"error": err}).encode() if isinstance(err, dict) else raw
                )
            if kind.endswith("image_generation_call.partial_image"):
                b64 = obj.get("partial_image_b64")
                if not isinstance(b64, str) or not b64:
                    continue
                index = obj.get("partial_image_index")
                if not isinstance(index, int) or isinstance(index, bool):
                    index = partials
                try:
                    data = decode_b64(b64, raw)
                except StudioError:
                    continue  # a broken preview must not end the paid turn
                partials += 1
                if on_event is not None:
                    on_event(PartialImage(index=index, data=data, request_no=0))
            elif kind == "response.completed":
                return raw
        raise StudioError.of(
            ErrorKind.NETWORK,
            plural(
                partials,
                "The stream was cut before the turn was complete ({count} partial image had "
                "arrived). Send it again to retry; it may be billed again.",
                "The stream was cut before the turn was complete ({count} partial images had "
                "arrived). Send it again to retry; it may be billed again.",
            ),
            code="stream_cut",
            maybe_processed=True,
            count=partials,
        )

    def _limits(self) -> StreamLimits:
        return StreamLimits(
            max_bytes=self.http.max_body_bytes,
            max_event_bytes=self.http.max_event_bytes,
            idle_timeout=self.http.stream_idle_timeout,
        )

    # -- the ProviderClient protocol: one request as a single turn ------------------------

    def run(
        self,
        valid: ValidatedRequest,
        *,
        cancel: CancelToken | None = None,
        on_event: ClientEventSink | None = None,
    ) -> ImageResult:
        if valid.request.n > 1:
            raise StudioError.validation(
                [Problem.of("n", "The Responses image tool makes one image per turn.")]
            )
        turn = Turn(
            valid=valid,
            text_model=text_model_for(self.provider),
            attachments=valid.request.images,
            mask=valid.request.mask,
        )
        reply = self.converse(turn, cancel=cancel, on_event=on_event)
        entry = reply.journal_entry
        return ImageResult(
            images=reply.images,
            usage=image_usage(reply.usage),
            journal_entries=[entry] if entry is not None else [],
        )


def image_usage(usage: dict[str, Any] | None) -> dict[str, Any] | None:
    """The image tool's share of a turn's usage (what the image tables price)."""
    if not usage:
        return None
    image = usage.get("image")
    return dict(image) if isinstance(image, dict) else None


def _events(
    resp: httpx.Response, token: CancelToken, limits: StreamLimits
) -> Iterator[tuple[str, dict[str, Any], bytes]]:
    """``(type, json, raw)`` of each readable event, bounded like every stream."""
    try:
        yield from bounded_events(resp, _judge, limits=limits, cancel=token)
    except (httpx.RemoteProtocolError, httpx.ReadError):
        if token.cancelled:
            raise StudioError.cancelled() from None
        return  # cut: the caller reports what arrived


def _judge(event: str, data: bytes) -> tuple[str, dict[str, Any], bytes] | None:
    raw = scrub_bytes(data)
    text = raw.decode("utf-8", "replace").strip()
    if not text or text == "[DONE]":
        return None
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return None  # relays' pings and junk
    if not isinstance(obj, dict):
        return None
    kind = str(obj.get("type") or (event if event and event != "message" else ""))
    return kind, obj, raw


def recover(entry: JournalEntry) -> ImageResult:
    """The image of a journalled turn (a plain reply or its ``response.completed`` event)."""
    body, _meta = entry.read()
    reply = parse_turn_reply(body)
    return ImageResult(images=reply.images, usage=image_usage(reply.usage), journal_entries=[entry])
