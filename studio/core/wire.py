"""Request bodies exactly as the wire contract wants them.

Bodies are built here as bytes (not by httpx) so they are deterministic and can
be compared byte for byte in tests: JSON for generations and uploads,
``multipart/form-data`` for edits and variations with text fields first
(integers as decimal text, booleans ``true``/``false``), then the files, each
with a real filename and a real image content type.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from studio.core.errors import Problem, StudioError
from studio.core.request import ImageRequest, InputImage, Mode, sniff_content_type

IMAGE_TYPES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "image/gif": ".gif",
}
_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "image/x-png": "image/png"}


@dataclass(frozen=True)
class Body:
    """A ready-to-send body and its ``Content-Type`` header."""

    content: bytes
    content_type: str


def field_text(value: Any) -> str:
    """A parameter value as multipart text: ints in decimal, bools ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def image_content_type(image: InputImage) -> str:
    """The image's real type from its bytes (the declared type and the name can lie)."""
    sniffed = sniff_content_type(image.data, "")
    if sniffed in IMAGE_TYPES:
        return sniffed
    declared = _ALIASES.get(image.content_type.lower(), image.content_type.lower())
    if declared in IMAGE_TYPES:
        return declared
    by_name = sniff_content_type(b"", image.filename)
    by_name = _ALIASES.get(by_name, by_name)
    if by_name in IMAGE_TYPES:
        return by_name
    name = image.filename or "the input"
    raise StudioError.validation(
        [Problem.of("image", "{name} is not a PNG, JPEG or WebP image.", name=name)]
    )


def wire_filename(image: InputImage, content_type: str, fallback: str = "image") -> str:
    """The file's own name; a name without an extension gets the one of its type."""
    name = PurePath(image.filename.replace("\\", "/")).name if image.filename else ""
    if not name:
        name = fallback
    if not PurePath(name).suffix:
        name += IMAGE_TYPES.get(content_type, "")
    return name


def _quote(value: str) -> str:
    """Escape a header parameter the way browsers do (WHATWG form encoding)."""
    return value.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")


def new_boundary() -> str:
    return f"studio-{secrets.token_hex(16)}"


def build_multipart(
    fields: Sequence[tuple[str, Any]],
    files: Sequence[tuple[str, InputImage]],
    boundary: str | None = None,
) -> Body:
    """``multipart/form-data``: text ``fields`` first (``None`` values left out), then ``files``."""
    boundary = boundary or new_boundary()
    sep = f"--{boundary}\r\n".encode("ascii")
    out = bytearray()
    for name, value in fields:
        if value is None:
            continue
        out += sep
        out += f'Content-Disposition: form-data; name="{_quote(name)}"\r\n\r\n'.encode()
        out += field_text(value).encode("utf-8")
        out += b"\r\n"
    for name, image in files:
        ctype = image_content_type(image)
        fallback = name if name in ("mask", "markup") else "image"
        filename = wire_filename(image, ctype, fallback=fallback)
        out += sep
        out += (
            f'Content-Disposition: form-data; name="{_quote(name)}"; '
            f'filename="{_quote(filename)}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n"
        ).encode()
        out += image.data
        out += b"\r\n"
    out += f"--{boundary}--\r\n".encode("ascii")
    return Body(bytes(out), f"multipart/form-data; boundary={boundary}")


def _params(request: ImageRequest, n: int | None) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in request.params.items():
        if key in ("model", "prompt") or value is None:
            continue
        if key == "n" and n is not None:
            value = n
        out.append((key, value))
    if n is not None and "n" not in request.params and n != 1:
        out.append(("n", n))
    return out


def form_fields(params: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Nested objects as the SDK writes them in forms: ``svg[reasoning][effort]``."""
    out: list[tuple[str, Any]] = []
    for key, value in params:
        if isinstance(value, Mapping):
            out += form_fields([(f"{key}[{k}]", v) for k, v in value.items()])
        else:
            out.append((key, value))
    return out


def generation_body(request: ImageRequest, n: int | None = None) -> Body:
    """JSON for ``POST /images/generations``: model, prompt and only the params present.

    ``n`` replaces the request's own ``n`` (one share of a split request).
    """
    payload: dict[str, Any] = {"model": request.model, "prompt": request.prompt}
    payload.update(_params(request, n))
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Body(text.encode("utf-8"), "application/json")


def edit_body(request: ImageRequest, n: int | None = None, boundary: str | None = None) -> Body:
    """Multipart for ``POST /images/edits``: one image as ``image``, several as ``image[]``."""
    if not request.images:
        raise StudioError.validation(
            [Problem.of("image", "An edit needs at least one input image.")]
        )
    fields: list[tuple[str, Any]] = [("prompt", request.prompt), ("model", request.model)]
    fields += form_fields(_params(request, n))
    name = "image" if len(request.images) == 1 else "image[]"
    files: list[tuple[str, InputImage]] = [(name, img) for img in request.images]
    if request.mask is not None:
        files.append(("mask", request.mask))
    if request.markup is not None:
        files.append(("markup", request.markup))
    return build_multipart(fields, files, boundary)


def variation_body(
    request: ImageRequest, n: int | None = None, boundary: str | None = None
) -> Body:
    """Multipart for ``POST /images/variations`` (dall-e-2): one ``image``, no prompt."""
    if len(request.images) != 1:
        raise StudioError.validation(
            [Problem.of("image", "A variation needs exactly one input image.")]
        )
    fields: list[tuple[str, Any]] = [("model", request.model), *form_fields(_params(request, n))]
    return build_multipart(fields, [("image", request.images[0])], boundary)


def request_body(request: ImageRequest, n: int | None = None, boundary: str | None = None) -> Body:
    if request.mode is Mode.GENERATE:
        return generation_body(request, n)
    if request.mode is Mode.EDIT:
        if request.has_remote_inputs:
            from studio.core.wire_json import json_edit_body

            return json_edit_body(request, n)
        return edit_body(request, n, boundary)
    return variation_body(request, n, boundary)


ENDPOINTS: Mapping[Mode, str] = {
    Mode.GENERATE: "/images/generations",
    Mode.EDIT: "/images/edits",
    Mode.VARIATIONS: "/images/variations",
}


def upload_body(
    *,
    url: str | None = None,
    path: str | None = None,
    data: bytes | None = None,
    filename: str = "image",
) -> Body:
    """JSON for DMXAPI's paiwo-picture upload (``POST /responses``), as documented.

    By url: ``{"model", "input": "url", "image_url"}``. A local file by ``path``:
    ``{"model", "input": "local", "image_path"}`` (only for a provider on this machine,
    which can read it; the client decides). A local file by ``data``: its bytes as a
    ``data:`` URL in ``image_url`` (a provider setting, for remote servers). Nothing
    else is sent: no path of this machine goes to a remote server.
    """
    payload: dict[str, Any] = {"model": "paiwo-picture"}
    if url is not None:
        payload.update({"input": "url", "image_url": url})
    elif path is not None:
        payload.update({"input": "local", "image_path": path})
    elif data is not None:
        ctype = image_content_type(InputImage(filename=filename, data=data))
        encoded = base64.b64encode(data).decode("ascii")
        payload.update({"input": "url", "image_url": f"data:{ctype};base64,{encoded}"})
    else:
        raise StudioError.validation([Problem.of("image", "Give a file or a url to upload.")])
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Body(text.encode("utf-8"), "application/json")
