"""The Responses API image tool on the wire: one conversation turn's body, and its reply.

A turn is an instruction to a text model that must call the ``image_generation``
tool (``tool_choice``), with the tool's parameters from a request validated
against the image model's table. It continues an earlier turn either by
``previous_response_id`` (the provider keeps the thread) or by putting the
earlier ``image_generation_call`` item, with its image, back into ``input`` (the
item form: it needs no state on the provider, so it also works with
``store: false`` and after the provider forgot the response).

The same endpoint also takes DMXAPI's paiwo-picture upload; the two are told
apart by the body (a ``tools`` list here, ``model: "paiwo-picture"`` there).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from studio.core.errorparse import parse_error, protocol_error
from studio.core.errors import ErrorKind, StudioError
from studio.core.request import InputImage
from studio.core.responses import decode_b64, image_from_bytes, load_json
from studio.core.result import GeneratedImage
from studio.core.validated import ValidatedRequest

if TYPE_CHECKING:
    from studio.core.journal import JournalEntry

#: request fields of an image request that become the tool's own fields
TOOL_FIELDS = (
    "size",
    "quality",
    "complexity",
    "background",
    "output_format",
    "output_compression",
    "moderation",
    "partial_images",
    "input_fidelity",
    "frame_count",
    "frame_duration_ms",
    "svg",
)


@dataclass(frozen=True)
class PriorCall:
    """An earlier turn's ``image_generation_call`` item, sent back in the item form."""

    id: str
    image: bytes = field(repr=False)


@dataclass(frozen=True)
class Turn:
    """One instruction of a conversation, ready to send.

    ``valid`` holds the image model, the instruction as its prompt and the tool
    parameters, judged by the image model's table; ``attachments`` are the input
    images sent with this turn (the image being edited is the earlier turn's, or
    the first attachment); ``mask`` applies to the image being edited."""

    valid: ValidatedRequest
    text_model: str
    attachments: tuple[InputImage, ...] = ()
    mask: InputImage | None = None
    previous_response_id: str | None = None
    prior: PriorCall | None = None
    #: False: ask the provider not to keep the response (continue by the item form)
    store: bool | None = None
    #: the tool's ``action`` (``auto``, ``generate``, ``edit``); None: the provider's default
    action: str | None = None
    #: the tool's ``moderation`` when the request's own params could not carry it (edits)
    moderation: str | None = None

    @property
    def instruction(self) -> str:
        return self.valid.request.prompt

    @property
    def stream(self) -> bool:
        return self.valid.request.stream


def data_url(image: InputImage) -> str:
    ctype = image.content_type if image.content_type.startswith("image/") else "image/png"
    return f"data:{ctype};base64,{base64.b64encode(image.data).decode('ascii')}"


def _image_ref(image: InputImage) -> dict[str, str]:
    if image.file_id:
        return {"file_id": image.file_id}
    if image.url:
        return {"image_url": image.url}
    return {"image_url": data_url(image)}


def tool_spec(turn: Turn) -> dict[str, Any]:
    """The ``image_generation`` tool entry: the image model and its parameters."""
    params = turn.valid.request.params
    tool: dict[str, Any] = {"type": "image_generation", "model": turn.valid.request.model}
    if turn.action:
        tool["action"] = turn.action
    for name in TOOL_FIELDS:
        value = params.get(name)
        if name == "moderation" and turn.moderation is not None:
            value = turn.moderation
        if value is not None and value != "":
            tool[name] = value
    if turn.mask is not None:
        tool["input_image_mask"] = _image_ref(turn.mask)
    return tool


def turn_body(turn: Turn) -> dict[str, Any]:
    """The JSON body of ``POST /responses`` for ``turn``."""
    content: list[dict[str, Any]] = [{"type": "input_text", "text": turn.instruction}]
    for image in turn.attachments:
        content.append({"type": "input_image", **_image_ref(image)})
    items: list[dict[str, Any]] = []
    if turn.prior is not None:
        items.append(
            {
                "type": "image_generation_call",
                "id": turn.prior.id,
                "result": base64.b64encode(turn.prior.image).decode("ascii"),
                "status": "completed",
            }
        )
    items.append({"role": "user", "content": content})
    # the order the official SDK writes the fields in (its requests compare byte for byte)
    body: dict[str, Any] = {"model": turn.text_model}
    if turn.stream:
        body["stream"] = True
    body["input"] = items
    if turn.previous_response_id:
        body["previous_response_id"] = turn.previous_response_id
    if turn.store is not None:
        body["store"] = turn.store
    body["tool_choice"] = {"type": "image_generation"}
    body["tools"] = [tool_spec(turn)]
    return body


def encode_body(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- replies ----------------------------------------------------------------------------


@dataclass
class TurnReply:
    """What a turn brought back: the image(s), the ids to continue from, and usage."""

    images: list[GeneratedImage] = field(default_factory=list)
    response_id: str | None = None
    call_id: str | None = None
    revised_prompt: str | None = None
    #: the text model's tokens (``text``) and the image tool's (``image``), as sent
    usage: dict[str, Any] | None = None
    #: the journalled reply (remove it once the image is stored)
    journal_entry: JournalEntry | None = None


def _error_of(obj: dict[str, Any], raw: bytes) -> StudioError:
    return parse_error(200, json.dumps({"error": obj}).encode("utf-8") if obj else raw)


def parse_turn_reply(body: bytes) -> TurnReply:
    """A Responses object (plain reply, or the ``response`` of ``response.completed``)."""
    obj = load_json(body)
    if isinstance(obj, dict) and obj.get("type") == "response.completed":
        obj = obj.get("response")
    if not isinstance(obj, dict):
        raise protocol_error("The provider's reply is not a response object.", body)
    error = obj.get("error")
    if isinstance(error, dict) and error:
        raise _error_of(error, body)
    output = obj.get("output")
    if not isinstance(output, list):
        raise protocol_error("The provider's reply has no output items.", body)
    reply = TurnReply(response_id=_str(obj.get("id")))
    fmt = None
    for item in output:
        if not isinstance(item, dict) or item.get("type") != "image_generation_call":
            continue
        if item.get("status") == "failed" or isinstance(item.get("error"), dict):
            err = item.get("error")
            raise _error_of(err if isinstance(err, dict) else {}, body)
        result = item.get("result")
        if not isinstance(result, str) or not result:
            continue
        declared = _str(item.get("output_format"))
        fmt = declared
        reply.call_id = _str(item.get("id")) or reply.call_id
        reply.revised_prompt = _str(item.get("revised_prompt")) or reply.revised_prompt
        reply.images.append(
            image_from_bytes(
                decode_b64(result, body),
                revised_prompt=reply.revised_prompt,
                body=body,
                declared=fmt,
            )
        )
    if not reply.images:
        raise StudioError.of(
            ErrorKind.PROVIDER,
            "The model answered without calling the image tool; nothing was drawn.",
            code="no_image_call",
            raw_body=body[:4096],
        )
    usage: dict[str, Any] = {}
    if isinstance(obj.get("usage"), dict):
        usage["text"] = obj["usage"]
    tool_usage = obj.get("tool_usage")
    if isinstance(tool_usage, dict) and isinstance(tool_usage.get("image_gen"), dict):
        usage["image"] = tool_usage["image_gen"]
    reply.usage = usage or None
    return reply


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
