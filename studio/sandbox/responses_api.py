"""``POST /v1/responses`` with the ``image_generation`` tool, as OpenAI answers it.

Turns continue by ``previous_response_id`` (kept in memory; an unknown id is a
404) or by an earlier ``image_generation_call`` item put back into ``input``
(with its ``result``, or by id when the response was stored). Each turn edits the
image it continues from and writes its instruction onto it, one line per turn,
so a thread's history is readable in its pictures. ``input_image_mask`` limits
the change to the mask's clear area. Streams send the lifecycle events, partial
images and ``response.completed`` (which carries the final image).

The same path serves DMXAPI's paiwo-picture upload: a body with a ``tools`` list
comes here, any other body to :mod:`studio.sandbox.upload`.
"""

from __future__ import annotations

import base64
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageDraw

from studio.sandbox import imaging
from studio.sandbox.faults import openai_error
from studio.sandbox.files import FileStore
from studio.sandbox.images_api import ImagesApi, JsonReply, Options, Reply, StreamReply
from studio.sandbox.json_edits import _item_bytes
from studio.sandbox.models import ApiError, invalid, usage

#: fields of the tool that are not image-request fields
_TOOL_ONLY = {"type", "model", "action", "input_image_mask"}
#: text models the sandbox answers as (any gpt-5 family name, like OpenAI's mainline models)
_TEXT_PREFIXES = ("gpt-5", "gpt-4.1", "gpt-4o", "o3", "o4")
#: remembered responses (oldest dropped first)
_KEEP = 256


@dataclass
class _Stored:
    image: bytes = field(repr=False)
    call_id: str
    depth: int


class ResponsesStore:
    """The responses and image calls this sandbox remembers (``store`` not false)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.responses: dict[str, _Stored] = {}
        self.calls: dict[str, _Stored] = {}

    def put(self, response_id: str, stored: _Stored) -> None:
        with self._lock:
            self.responses[response_id] = stored
            self.calls[stored.call_id] = stored
            while len(self.responses) > _KEEP:
                self.responses.pop(next(iter(self.responses)))
            while len(self.calls) > _KEEP:
                self.calls.pop(next(iter(self.calls)))

    def forget(self) -> None:
        """Lose every stored response (a provider that no longer holds them)."""
        with self._lock:
            self.responses.clear()
            self.calls.clear()


def is_image_tool_body(body: Any) -> bool:
    return isinstance(body, dict) and "tools" in body


def _not_found(message: str, param: str, code: str) -> ApiError:
    return ApiError(404, openai_error(404, message, param, code))


@dataclass
class _Input:
    text: list[str] = field(default_factory=list)
    images: list[bytes] = field(default_factory=list)
    base: _Stored | None = None


def _read_input(raw: Any, store: ResponsesStore, files: FileStore) -> _Input:
    out = _Input()
    if isinstance(raw, str):
        out.text.append(raw)
        return out
    if not isinstance(raw, list) or not raw:
        raise invalid("Invalid 'input': expected a string or a non-empty array.", "input")
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise invalid(f"Invalid 'input[{i}]': expected an object.", f"input[{i}]")
        if item.get("type") == "image_generation_call":
            call_id = item.get("id")
            result = item.get("result")
            if isinstance(result, str) and result:
                try:
                    data = base64.b64decode(result, validate=True)
                except ValueError:
                    raise invalid(f"Invalid base64 in 'input[{i}].result'.", "input") from None
                known = store.calls.get(str(call_id))
                out.base = _Stored(data, str(call_id), known.depth if known else _depth_of(data))
            else:
                known = store.calls.get(str(call_id))
                if known is None:
                    raise _not_found(
                        f"Item with id '{call_id}' not found.", "input", "item_not_found"
                    )
                out.base = known
            continue
        if item.get("role") not in ("user", "system", "developer"):
            raise invalid(f"Invalid 'input[{i}]': unsupported item.", f"input[{i}]")
        content = item.get("content")
        if isinstance(content, str):
            out.text.append(content)
            continue
        if not isinstance(content, list):
            raise invalid(f"Invalid 'input[{i}].content'.", f"input[{i}].content")
        for part in content:
            kind = part.get("type") if isinstance(part, dict) else None
            if kind == "input_text" and isinstance(part.get("text"), str):
                out.text.append(part["text"])
            elif kind == "input_image":
                ref = {k: v for k, v in part.items() if k in ("image_url", "file_id")}
                out.images.append(_item_bytes(ref, "input_image", files))
            else:
                raise invalid(f"Invalid content item in 'input[{i}]'.", f"input[{i}].content")
    return out


def _depth_of(_data: bytes) -> int:
    return 1  # an item sent back by a client the sandbox never saw: one earlier turn


def _tool(body: dict[str, Any]) -> dict[str, Any]:
    tools = body.get("tools")
    if not isinstance(tools, list) or not tools:
        raise invalid("Invalid 'tools': expected a non-empty array.", "tools")
    found = [t for t in tools if isinstance(t, dict) and t.get("type") == "image_generation"]
    if len(found) != 1:
        raise invalid("Expected exactly one tool of type 'image_generation'.", "tools")
    return found[0]


def _write_instruction(image: Image.Image, instruction: str, depth: int) -> Image.Image:
    """The instruction written onto the picture, on line ``depth`` from the bottom."""
    out = image.convert("RGBA")
    width, height = out.size
    size = max(10, min(width, height) // 28)
    y = height - size * 3 - (depth % max(1, (height // (size * 2)) - 3)) * int(size * 1.3)
    with imaging.text_lock():
        draw = ImageDraw.Draw(out)
        draw.text(
            (size, max(size, y)),
            f"{depth + 1}. {instruction[:120]}",
            font=imaging.font(size),
            fill=(255, 255, 80, 255),
            stroke_width=max(1, size // 10),
            stroke_fill=(0, 0, 0, 255),
        )
    return out


def respond(
    api: ImagesApi, store: ResponsesStore, files: FileStore, body: dict[str, Any], opts: Options
) -> Reply:
    text_model = body.get("model")
    if not isinstance(text_model, str) or not text_model.startswith(_TEXT_PREFIXES):
        raise invalid(
            f"The model '{text_model}' does not support the image_generation tool.",
            "model",
            "model_not_supported",
        )
    tool = _tool(body)
    choice = body.get("tool_choice")
    if choice not in (None, "auto", "required", {"type": "image_generation"}):
        raise invalid("Invalid 'tool_choice'.", "tool_choice")
    action = tool.get("action", "auto")
    if action not in ("auto", "generate", "edit"):
        raise invalid("Invalid 'tools[0].action'.", "tools[0].action")
    given = _read_input(body.get("input"), store, files)
    previous = body.get("previous_response_id")
    base = given.base
    if previous is not None:
        found = store.responses.get(str(previous))
        if found is None:
            raise _not_found(
                f"Previous response with id '{previous}' not found.",
                "previous_response_id",
                "previous_response_not_found",
            )
        base = base or found
    instruction = " ".join(t.strip() for t in given.text if t.strip())
    if not instruction:
        raise invalid("The input has no instruction text.", "input")
    model = api._model(tool.get("model") or "gpt-image-2.6-sunburst")
    fields = {k: v for k, v in tool.items() if k not in _TOOL_ONLY}
    fields.update(prompt=instruction, model=model.id, stream=body.get("stream"))
    source: Image.Image | None = None
    depth = 0
    if base is not None:
        source = imaging.decode(base.image)
        depth = base.depth
    elif given.images:
        source = imaging.decode(given.images[0])
    if action == "edit" and source is None:
        raise invalid("The edit action needs an image to edit.", "tools[0].action")
    mask = _mask(tool.get("input_image_mask"), source, files)
    keep = source.size if source is not None else None
    out = api._output(model, fields, mode="generate", input_size=keep, has_mask=mask is not None)
    if source is None:
        made = imaging.generate(
            instruction, seed=None, width=out.width, height=out.height, model=model.id
        )
    else:
        made = imaging.edit(
            source, prompt=instruction, width=out.width, height=out.height, mask=mask, index=depth
        )
    final = _write_instruction(made, instruction, depth)
    if out.output_format == "jpeg":
        final = final.convert("RGB")
    data = imaging.encode(final, out.output_format, out.compression)
    response_id = f"resp_{uuid.uuid4().hex}"
    call_id = f"ig_{uuid.uuid4().hex}"
    if body.get("store") is not False:
        store.put(response_id, _Stored(data, call_id, depth + 1))
    images_in = len(given.images) + (1 if base is not None else 0)
    tokens = usage(instruction, out.quality, out.width, out.height, 1, images_in, model=model)
    call = {
        "type": "image_generation_call",
        "id": call_id,
        "status": "completed",
        "result": base64.b64encode(data).decode("ascii"),
        "action": "edit" if source is not None else "generate",
        "background": out.background if out.background != "auto" else "opaque",
        "output_format": out.output_format,
        "quality": out.quality if out.quality != "auto" else "medium",
        "size": out.size,
        "revised_prompt": f"{instruction} (turn {depth + 1}, keeping the rest of the picture)",
    }
    words = len(instruction.split())
    response = {
        "id": response_id,
        "object": "response",
        "created_at": int(time.time()),
        "status": "completed",
        "model": text_model,
        "output": [call],
        "parallel_tool_calls": True,
        "previous_response_id": previous,
        "store": body.get("store") is not False,
        "tool_choice": choice or "auto",
        "tools": [tool],
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "metadata": {},
        "temperature": 1.0,
        "top_p": 1.0,
        "usage": {
            "input_tokens": 40 + words,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 24,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 64 + words,
        },
        "tool_usage": {"image_gen": tokens},
    }
    if not out.stream:
        return JsonReply(response)
    return StreamReply(_frames(response, call, final, out.partial_images), 6, "response.completed")


def _mask(raw: Any, source: Image.Image | None, files: FileStore) -> Image.Image | None:
    if raw is None:
        return None
    if source is None:
        raise invalid("input_image_mask needs an image to edit.", "input_image_mask")
    data = _item_bytes(raw, "input_image_mask", files)
    try:
        mask = imaging.decode(data)
    except ValueError:
        raise invalid("Invalid mask image.", "input_image_mask", "invalid_image") from None
    if mask.format != "PNG":
        raise invalid("Invalid mask image format - mask must be a PNG file.", "input_image_mask")
    if mask.size != source.size:
        raise invalid(
            "Invalid mask image format - mask size does not match image size",
            "input_image_mask",
            "invalid_mask",
        )
    try:
        imaging.mask_alpha(mask)
    except ValueError:
        raise invalid("Invalid mask image - the mask must have an alpha channel.", "mask") from None
    return mask


def _frames(
    response: dict[str, Any], call: dict[str, Any], final: Image.Image, partials: int
) -> Iterator[tuple[str, dict[str, Any]]]:
    seq = iter(range(1_000_000))
    started = {**response, "status": "in_progress", "output": [], "usage": None}
    pending = {k: call[k] for k in ("type", "id")} | {"status": "in_progress"}
    yield (
        "response.created",
        {"type": "response.created", "response": started, "sequence_number": next(seq)},
    )
    yield (
        "response.output_item.added",
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": pending,
            "sequence_number": next(seq),
        },
    )
    for kind in ("in_progress", "generating"):
        name = f"response.image_generation_call.{kind}"
        yield (
            name,
            {"type": name, "output_index": 0, "item_id": call["id"], "sequence_number": next(seq)},
        )
    for step in range(partials):
        preview = imaging.encode(imaging.partial(final, step, partials).convert("RGB"), "png")
        name = "response.image_generation_call.partial_image"
        yield (
            name,
            {
                "type": name,
                "output_index": 0,
                "item_id": call["id"],
                "partial_image_index": step,
                "partial_image_b64": base64.b64encode(preview).decode("ascii"),
                "sequence_number": next(seq),
            },
        )
    name = "response.image_generation_call.completed"
    yield (
        name,
        {"type": name, "output_index": 0, "item_id": call["id"], "sequence_number": next(seq)},
    )
    yield (
        "response.output_item.done",
        {
            "type": "response.output_item.done",
            "output_index": 0,
            "item": call,
            "sequence_number": next(seq),
        },
    )
    yield (
        "response.completed",
        {"type": "response.completed", "response": response, "sequence_number": next(seq)},
    )
