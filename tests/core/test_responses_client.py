"""Conversation turns through the Responses image tool, over real HTTP to the sandbox."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio.core.cancel import CancelToken
from studio.core.capabilities import builtin_capabilities
from studio.core.conversation import Parent, make_turn, send_turn
from studio.core.errors import ErrorKind, StudioError
from studio.core.events import ClientEvent, PartialImage
from studio.core.journal import Journal
from studio.core.provider_client import client_factory
from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.responses_client import ResponsesClient, recover
from studio.core.responses_wire import TurnReply
from studio.core.validated import validated
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer

TABLES = builtin_capabilities()
MODEL = "gpt-image-2.6-sunburst"
CAPS = TABLES.get(MODEL)
KEY = "sk-converse-sentinel-0042"
PARAMS = {"size": "1024x1024", "quality": "low"}


def _provider(server: SandboxServer, protocol: str = "images") -> Provider:
    return Provider(
        id="talk",
        name="Talk",
        base_url=server.base_url,
        auth=AuthStyle.BEARER,
        image_tool=True,
        image_tool_text_model="gpt-5.5",
        protocol=protocol,
    )


def _client(server: SandboxServer, journal: Journal | None = None) -> ResponsesClient:
    return ResponsesClient(_provider(server), KEY, journal=journal, capabilities=TABLES)


def _turn(text: str, parent: Parent | None = None, *, stream: bool = False, **kw: Any) -> Any:
    assert CAPS is not None
    params = dict(PARAMS)
    if stream:
        params.update(stream=True, partial_images=2)
    return make_turn(text, CAPS, params, text_model="gpt-5.5", parent=parent, **kw)


def _parent(reply: TurnReply) -> Parent:
    return Parent(reply.response_id, reply.call_id, reply.images[0].data)


def _bodies(server: SandboxServer) -> list[dict[str, Any]]:
    return [r.json() for r in server.requests if r.path == "/v1/responses"]


def _text_of(body: dict[str, Any]) -> str:
    user = next(i for i in body["input"] if i.get("role") == "user")
    return " ".join(c["text"] for c in user["content"] if c["type"] == "input_text")


@pytest.mark.parametrize("stream", [False, True])
def test_three_turns_with_a_branch(sandbox: SandboxServer, stream: bool) -> None:
    events: list[ClientEvent] = []
    with _client(sandbox) as client:
        first, _ = send_turn(client, _turn("a harbour at noon", stream=stream), None)
        second, _ = send_turn(
            client,
            _turn("make the sky stormier", _parent(first), stream=stream),
            _parent(first),
            on_event=events.append,
        )
        # a branch: continue turn 1 again with another instruction
        branch, _ = send_turn(
            client, _turn("add a red boat", _parent(first), stream=stream), _parent(first)
        )
    bodies = _bodies(sandbox)
    assert len(bodies) == 3
    assert "previous_response_id" not in bodies[0]
    assert bodies[1]["previous_response_id"] == first.response_id
    assert bodies[2]["previous_response_id"] == first.response_id
    assert _text_of(bodies[1]) == "make the sky stormier"
    assert bodies[1]["tools"][0]["model"] == MODEL
    assert bodies[1]["tool_choice"] == {"type": "image_generation"}
    assert bodies[1]["model"] == "gpt-5.5"
    assert bodies[1].get("stream", False) is stream
    assert sandbox.requests[1].header("Authorization") == f"Bearer {KEY}"
    # each turn is a new picture; the second and the branch differ from each other
    assert len({first.images[0].data, second.images[0].data, branch.images[0].data}) == 3
    assert second.revised_prompt and "make the sky stormier" in second.revised_prompt
    assert second.usage is not None and second.usage["text"]["input_tokens"] > 0
    assert second.usage["image"]["output_tokens"] > 0
    if stream:
        partials = [e for e in events if isinstance(e, PartialImage)]
        assert [p.index for p in partials] == [0, 1]
        assert Image.open(io.BytesIO(partials[0].data)).size == (1024, 1024)


def test_item_form_needs_no_stored_response(sandbox: SandboxServer) -> None:
    with _client(sandbox) as client:
        first, _ = send_turn(client, _turn("a lighthouse", store=False), None)
        sandbox.conversations.forget()
        parent = _parent(first)
        second, sent = send_turn(client, _turn("paint it red", parent, store=False), parent)
    body = _bodies(sandbox)[1]
    assert body["store"] is False
    assert "previous_response_id" not in body
    item = body["input"][0]
    assert item["type"] == "image_generation_call" and item["id"] == first.call_id
    assert base64.b64decode(item["result"]) == first.images[0].data
    assert sent.prior is not None and second.images[0].data != first.images[0].data


def test_forgotten_previous_response_falls_back_to_the_item_form_once(
    sandbox: SandboxServer,
) -> None:
    with _client(sandbox) as client:
        first, _ = send_turn(client, _turn("a bridge"), None)
        sandbox.conversations.forget()  # the provider no longer holds it (restart, expiry)
        sandbox.clear_requests()
        parent = _parent(first)
        second, sent = send_turn(client, _turn("now at night", parent), parent)
    bodies = _bodies(sandbox)
    assert len(bodies) == 2  # the refused one, then ONE new request
    assert bodies[0]["previous_response_id"] == first.response_id
    assert "previous_response_id" not in bodies[1]
    assert bodies[1]["input"][0]["id"] == first.call_id
    assert _text_of(bodies[1]) == "now at night"
    assert sent.previous_response_id is None and second.images


def test_unknown_previous_response_without_parent_image_is_a_clear_404(
    sandbox: SandboxServer,
) -> None:
    with _client(sandbox) as client:
        first, _ = send_turn(client, _turn("a field"), None)
        turn = _turn("a barn", _parent(first))
        sandbox.conversations.forget()
        with pytest.raises(StudioError) as caught:
            client.converse(turn)
    assert caught.value.status == 404
    assert "resp_" in caught.value.message


def test_mask_is_sent_as_input_image_mask_of_the_edited_images_size(
    sandbox: SandboxServer,
) -> None:
    mask = Image.new("RGBA", (1024, 1024), (0, 0, 0, 255))
    mask.paste((0, 0, 0, 0), (0, 0, 512, 1024))  # edit the left half only
    buf = io.BytesIO()
    mask.save(buf, "PNG")
    with _client(sandbox) as client:
        first, _ = send_turn(client, _turn("a meadow"), None)
        parent = _parent(first)
        masked = InputImage("mask.png", buf.getvalue())
        second, _ = send_turn(client, _turn("add a tree", parent, mask=masked), parent)
    ref = _bodies(sandbox)[1]["tools"][0]["input_image_mask"]["image_url"]
    sent_mask = Image.open(io.BytesIO(base64.b64decode(ref.partition(",")[2])))
    assert sent_mask.size == (1024, 1024)
    before = Image.open(io.BytesIO(first.images[0].data)).convert("RGB")
    after = Image.open(io.BytesIO(second.images[0].data)).convert("RGB")
    # the kept (opaque) right half is unchanged above the written instruction lines
    assert before.crop((600, 0, 1024, 600)).tobytes() == after.crop((600, 0, 1024, 600)).tobytes()
    assert before.crop((0, 0, 500, 600)).tobytes() != after.crop((0, 0, 500, 600)).tobytes()


def test_a_mask_of_another_size_is_refused_before_sending(sandbox: SandboxServer) -> None:
    small = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
    buf = io.BytesIO()
    small.save(buf, "PNG")
    with _client(sandbox) as client:
        first, _ = send_turn(client, _turn("a meadow"), None)
    sandbox.clear_requests()
    with pytest.raises(StudioError):
        _turn("add a tree", _parent(first), mask=InputImage("m.png", buf.getvalue()))
    assert _bodies(sandbox) == []


def test_input_images_go_as_input_image_items(sandbox: SandboxServer) -> None:
    photo = Image.new("RGB", (1024, 1024), (20, 90, 200))
    buf = io.BytesIO()
    photo.save(buf, "PNG")
    with _client(sandbox) as client:
        reply, _ = send_turn(
            client,
            _turn("make it a poster", attachments=(InputImage("p.png", buf.getvalue()),)),
            None,
        )
    content = _bodies(sandbox)[0]["input"][0]["content"]
    assert content[1]["type"] == "input_image"
    assert content[1]["image_url"].startswith("data:image/png;base64,")
    assert reply.images[0].width == 1024


def test_stream_cut_mid_turn_keeps_the_partial_and_is_not_retried(
    sandbox: SandboxServer,
) -> None:
    sandbox.inject(Fault(path="/responses", action="stream_cut"))
    events: list[ClientEvent] = []
    with _client(sandbox) as client, pytest.raises(StudioError) as caught:
        client.converse(_turn("a castle", stream=True), on_event=events.append)
    assert caught.value.code == "stream_cut"
    assert caught.value.maybe_processed
    assert [e.index for e in events if isinstance(e, PartialImage)] == [0, 1]
    assert len(_bodies(sandbox)) == 1  # never sent again on its own


def test_reply_is_journalled_before_parsing_and_recovered_by_protocol(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    journal = Journal(tmp_path / "journal")
    with _client(sandbox, journal) as client:
        reply, _ = send_turn(client, _turn("a lantern", stream=True), None)
    entry = reply.journal_entry
    assert entry is not None
    body, meta = entry.read()
    assert meta["protocol"] == "responses"
    assert KEY not in body.decode("utf-8", "replace")
    again = recover(entry)
    assert again.images[0].data == reply.images[0].data


def test_error_body_is_parsed_like_the_images_clients(sandbox: SandboxServer) -> None:
    sandbox.inject(
        Fault(
            path="/responses",
            status=400,
            body={
                "error": {
                    "message": "Your request was rejected by the safety system.",
                    "type": "image_generation_user_error",
                    "param": None,
                    "code": "moderation_blocked",
                }
            },
        )
    )
    with _client(sandbox) as client, pytest.raises(StudioError) as caught:
        client.converse(_turn("a thing"))
    assert caught.value.code == "moderation_blocked"
    assert KEY not in caught.value.message


def test_registered_protocol_runs_a_request_as_one_turn(sandbox: SandboxServer) -> None:
    provider = _provider(sandbox, protocol="responses")
    make = client_factory(provider)
    assert CAPS is not None
    request = ImageRequest(Mode.GENERATE, MODEL, "a kite", dict(PARAMS))
    with make(provider, KEY, http=ResponsesClient(provider, None).http) as client:
        result = client.run(validated(request, CAPS))
    assert result.images[0].format == "png"
    assert result.usage is not None and result.usage["output_tokens"] > 0


def test_paiwo_upload_on_the_same_path_still_works(sandbox: SandboxServer) -> None:
    with _client(sandbox) as client:
        done = client.upload(url=sandbox.file_url(sandbox.files.put(_png(), "image/png")))
    assert done.img_id > 0


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(buf, "PNG")
    return buf.getvalue()


def test_a_moderation_refusal_mid_stream_is_explained_and_nothing_is_journalled(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    failed = {
        "type": "response.failed",
        "response": {
            "id": "resp_x",
            "status": "failed",
            "error": {
                "code": "moderation_blocked",
                "message": "The image was blocked by the moderation system at the output stage.",
            },
        },
    }
    frames = (
        'event: response.created\ndata: {"type":"response.created"}\n\n'
        f"event: response.failed\ndata: {json.dumps(failed)}\n\n"
    )
    sandbox.inject(
        Fault(path="/responses", status=200, body=frames, content_type="text/event-stream")
    )
    journal = Journal(tmp_path / "journal")
    with _client(sandbox, journal) as client, pytest.raises(StudioError) as caught:
        client.converse(_turn("a thing", stream=True))
    assert caught.value.code == "moderation_blocked"
    assert "output stage" in caught.value.message
    assert journal.pending() == []


def test_a_turn_is_cancelled_promptly_mid_stream(tmp_path: Path) -> None:
    server = SandboxServer(profile="relay", latency=3.0)  # frames spread over 3 s
    server.start()
    token = CancelToken()
    events: list[ClientEvent] = []

    def seen(event: ClientEvent) -> None:
        events.append(event)
        token.cancel()  # the person presses Cancel when the first preview shows

    try:
        with _client(server) as client, pytest.raises(StudioError) as caught:
            client.converse(_turn("a slow castle", stream=True), cancel=token, on_event=seen)
    finally:
        server.stop()
    assert caught.value.kind is ErrorKind.CANCELLED
    assert len([e for e in events if isinstance(e, PartialImage)]) == 1


def test_a_parent_without_a_call_id_is_sent_as_an_input_image(sandbox: SandboxServer) -> None:
    """A turn recovered from the journal has an image but no ids: the image itself goes."""
    with _client(sandbox) as client:
        first, _ = send_turn(client, _turn("a windmill"), None)
        parent = Parent(None, None, first.images[0].data)
        second, _ = send_turn(client, _turn("add a rainbow", parent), parent)
    body = _bodies(sandbox)[1]
    assert "previous_response_id" not in body
    assert all(i.get("type") != "image_generation_call" for i in body["input"])
    image = body["input"][0]["content"][1]
    assert image["type"] == "input_image"
    assert base64.b64decode(image["image_url"].partition(",")[2]) == first.images[0].data
    assert second.images[0].data != first.images[0].data
