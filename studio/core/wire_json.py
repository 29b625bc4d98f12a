"""Edits as a JSON body: inputs referenced by URL or file id instead of uploaded.

When any input (or the mask) of an edit is an ``http(s)`` address or a file id
the provider gave an upload, the edit cannot be multipart: it goes to the same
``/images/edits`` as ``application/json`` with ``images: [{image_url} |
{file_id}]`` and ``mask`` likewise. Local files in such an edit travel as
base64 ``data:`` URLs, each within :data:`JSON_ITEM_MAX_BYTES`. Serialised as
the official SDK serialises a body (compact separators, UTF-8 kept).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from studio.core.request import ImageRequest, InputImage
from studio.core.wire import Body, _params, image_content_type

#: the most one local image may weigh inside a JSON edit (as OpenAI documents it)
JSON_ITEM_MAX_BYTES = 20 * 1024 * 1024


def image_reference(image: InputImage) -> dict[str, str]:
    """One item of ``images`` (or the ``mask``): exactly one key."""
    if image.file_id is not None:
        return {"file_id": image.file_id}
    if image.url is not None:
        return {"image_url": image.url}
    ctype = image_content_type(image)
    return {"image_url": f"data:{ctype};base64,{base64.b64encode(image.data).decode('ascii')}"}


def json_edit_payload(request: ImageRequest, n: int | None = None) -> dict[str, Any]:
    """The body as a dict, in the order it is written: images, prompt, model, params, mask."""
    payload: dict[str, Any] = {
        "images": [image_reference(i) for i in request.images],
        "prompt": request.prompt,
        "model": request.model,
    }
    payload.update(_params(request, n))  # JSON keeps nested values (svg) as they are
    if request.mask is not None:
        payload["mask"] = image_reference(request.mask)
    return payload


def json_edit_body(request: ImageRequest, n: int | None = None) -> Body:
    text = json.dumps(
        json_edit_payload(request, n), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    return Body(text.encode("utf-8"), "application/json")
