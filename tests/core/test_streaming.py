"""Streamed replies: the event judge alone, then real event streams from the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.core.cancel import CancelToken
from studio.core.capabilities import CapabilityRegistry
from studio.core.client import ClientEvent, ImageArrived, ImagesClient, PartialImage
from studio.core.errors import ErrorKind, StudioError
from studio.core.journal import Journal
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.streaming import Completed, StreamReader
from studio.core.validated import validated
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.core.clienthelpers import caps, provider
from tests.core.imagebytes import b64, png

STREAM = {"size": "1024x1024", "quality": "low", "stream": True, "partial_images": 2}


def _client(base_url: str, tmp_path: Path | None = None) -> ImagesClient:
    journal = Journal(tmp_path / "journal") if tmp_path is not None else None
    return ImagesClient(
        provider(base_url), None, journal=journal, capabilities=CapabilityRegistry({})
    )


# --- the event judge ----------------------------------------------------------------------------


def test_reader_partial_completed_done() -> None:
    reader = StreamReader(request_no=3)
    partial = json.dumps(
        {"type": "image_generation.partial_image", "b64_json": b64(png()), "partial_image_index": 1}
    )
    item = reader.handle("image_generation.partial_image", partial)
    assert item == PartialImage(index=1, data=png(), request_no=3)
    done = json.dumps({"type": "image_edit.completed", "b64_json": b64(png()), "usage": {}})
    assert reader.handle("image_edit.completed", done) == Completed(done.encode())
    assert reader.handle("", "[DONE]") is None and reader.done


def test_reader_uses_the_json_type_when_the_event_line_is_missing() -> None:
    data = json.dumps({"type": "image_generation.completed", "b64_json": b64(png())})
    assert isinstance(StreamReader().handle("message", data), Completed)


def test_reader_ignores_unknown_events_and_keepalives() -> None:
    reader = StreamReader()
    assert reader.handle("ping", "{}") is None
    assert reader.handle("", "") is None
    assert reader.handle("response.in_progress", '{"type": "response.in_progress"}') is None


def test_reader_error_event() -> None:
    data = json.dumps(
        {"type": "error", "error": {"message": "moderation", "code": "moderation_blocked"}}
    )
    with pytest.raises(StudioError) as info:
        StreamReader().handle("error", data)
    assert info.value.kind is ErrorKind.PROVIDER and info.value.code == "moderation_blocked"


def test_reader_skips_bad_json_and_a_cut_stream_keeps_it() -> None:
    reader = StreamReader()
    assert reader.handle("image_generation.completed", '{"b64_json": "abc') is None
    assert reader.handle("", "ping") is None and reader.handle("", "[1, 2]") is None
    assert reader.skipped == 3
    reader.handle("image_generation.completed", '{"b64_json": "abc')
    assert reader.cut_error().raw_body == b'{"b64_json": "abc'


def test_cut_error_mentions_partials() -> None:
    reader = StreamReader()
    reader.partials = 2
    err = reader.cut_error()
    assert err.kind is ErrorKind.NETWORK and "2 partial images" in err.message


# --- real streams -------------------------------------------------------------------------------


def test_stream_generation(sandbox: SandboxServer, tmp_path: Path) -> None:
    events: list[ClientEvent] = []
    req = ImageRequest(Mode.GENERATE, "gpt-image-1", "a kite", STREAM)
    with _client(sandbox.base_url, tmp_path) as client:
        result = client.run(validated(req, caps()), on_event=events.append)
    partials = [e for e in events if isinstance(e, PartialImage)]
    arrived = [e for e in events if isinstance(e, ImageArrived)]
    assert [p.index for p in partials] == [0, 1]
    assert all(p.data.startswith(b"\x89PNG") for p in partials)
    assert len(arrived) == 1 and events[-1] is arrived[0]
    assert len(result.images) == 1 and result.images[0].width == 1024
    (entry,) = result.journal_entries
    body, meta = entry.read()
    completed = json.loads(body)
    assert completed["type"] == "image_generation.completed"
    assert meta["content_type"] == "text/event-stream"
    assert result.usage == completed["usage"]
    assert sandbox.requests[0].json()["stream"] is True


def test_stream_with_two_images_counts_usage_once(sandbox: SandboxServer, tmp_path: Path) -> None:
    req = ImageRequest(
        Mode.GENERATE, "gpt-image-1", "two kites", {**STREAM, "n": 2, "partial_images": 1}
    )
    with _client(sandbox.base_url, tmp_path) as client:
        result = client.run(validated(req, caps()))
    assert len(result.images) == 2 and len(result.journal_entries) == 2
    usage = json.loads(result.journal_entries[0].read()[0])["usage"]
    assert result.usage == usage


def test_stream_edit_events(sandbox: SandboxServer) -> None:
    req = ImageRequest(
        Mode.EDIT, "gpt-image-1", "snow", STREAM, images=(InputImage("a.png", png(64, 64)),)
    )
    events: list[ClientEvent] = []
    with _client(sandbox.base_url) as client:
        result = client.run(validated(req, caps()), on_event=events.append)
    assert len(result.images) == 1
    assert sum(isinstance(e, PartialImage) for e in events) == 2
    assert sandbox.requests[0].fields()["stream"] == "true"


def test_stream_with_done_terminator() -> None:
    with (
        SandboxServer(sse_done=True, profile="relay") as server,
        _client(server.base_url) as client,
    ):
        result = client.run(
            validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x", STREAM), caps())
        )
    assert len(result.images) == 1


def test_stream_cut_before_completed(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.inject(Fault(path="/images/generations", action="stream_cut"))
    events: list[ClientEvent] = []
    with _client(sandbox.base_url, tmp_path) as client, pytest.raises(StudioError) as info:
        client.run(
            validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x", STREAM), caps()),
            on_event=events.append,
        )
    err = info.value
    assert err.kind is ErrorKind.NETWORK and err.code == "stream_cut"
    assert "cut before the image was complete" in err.message and "2 partial images" in err.message
    assert sum(isinstance(e, PartialImage) for e in events) == 2
    assert Journal(tmp_path / "journal").pending() == []
    assert len(sandbox.requests) == 1


def test_relay_that_does_not_stream_falls_back_to_json(sandbox: SandboxServer) -> None:
    body = {"created": 1, "data": [{"b64_json": b64(png(12, 12))}], "usage": {"total_tokens": 5}}
    sandbox.inject(Fault(path="/images/generations", status=200, body=body))
    with _client(sandbox.base_url) as client:
        result = client.run(
            validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x", STREAM), caps())
        )
    assert result.images[0].width == 12 and result.usage == {"total_tokens": 5}


def test_error_event_in_a_stream(sandbox: SandboxServer) -> None:
    frames = (
        'event: error\ndata: {"type": "error", "error": {"message": "Your request was rejected '
        'by the safety system.", "code": "moderation_blocked"}}\n\n'
    )
    sandbox.inject(
        Fault(path="/images/generations", status=200, body=frames, content_type="text/event-stream")
    )
    with _client(sandbox.base_url) as client, pytest.raises(StudioError) as info:
        client.run(validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x", STREAM), caps()))
    assert info.value.code == "moderation_blocked" and "safety system" in info.value.message


def test_invalid_base64_in_a_stream(sandbox: SandboxServer) -> None:
    sandbox.inject(Fault(path="/images/generations", action="invalid_base64"))
    with _client(sandbox.base_url) as client, pytest.raises(StudioError) as info:
        client.run(validated(ImageRequest(Mode.GENERATE, "gpt-image-1", "x", STREAM), caps()))
    assert "base64" in info.value.message


def test_cancel_mid_stream() -> None:
    token = CancelToken()
    events: list[ClientEvent] = []

    def on_event(event: ClientEvent) -> None:
        events.append(event)
        if isinstance(event, PartialImage):
            token.cancel()  # the next frame is still a while away

    req = ImageRequest(Mode.GENERATE, "gpt-image-1", "x", {**STREAM, "partial_images": 3})
    with (
        SandboxServer(latency=2, profile="relay") as server,
        _client(server.base_url) as client,
        pytest.raises(StudioError) as info,
    ):
        client.run(validated(req, caps()), cancel=token, on_event=on_event)
    assert info.value.kind is ErrorKind.CANCELLED
    assert [type(e) for e in events] == [PartialImage]
