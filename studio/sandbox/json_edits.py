"""Edits sent as JSON (``images: [{image_url} | {file_id}]``), and the Files API behind file ids.

The sandbox answers a JSON edit as OpenAI does: each item has exactly one of
``image_url`` (an ``http(s)`` address it fetches, or a ``data:`` URL) and
``file_id`` (a file uploaded with ``POST /v1/files``); the mask likewise. The
items become the same parts a multipart edit carries, so the edit itself is
drawn by the same code.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
import uuid
from typing import Any

import httpx

from studio.sandbox.files import FileStore
from studio.sandbox.models import ApiError, invalid
from studio.sandbox.multipart import Part

#: one item inside a JSON edit (OpenAI documents 20 MB)
MAX_ITEM_BYTES = 20 * 1024 * 1024
MAX_ITEMS = 16
FETCH_TIMEOUT_S = 10.0
#: a file id kept by the sandbox's Files API (content type "image/*")
FILE_PREFIX = "file-"


def _sniff(data: bytes) -> str:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def _too_large(param: str) -> ApiError:
    return invalid(f"Invalid '{param}': each image must be smaller than 20 MB.", param)


def _fetch(url: str, param: str) -> bytes:
    """The bytes at ``url`` (bounded in size and time), as the API downloads an input."""
    try:
        with (
            httpx.Client(timeout=FETCH_TIMEOUT_S, follow_redirects=False) as client,
            client.stream("GET", url) as resp,
        ):
            if resp.status_code != 200:
                raise invalid(
                    f"Error while downloading {url}. Upstream status code: {resp.status_code}.",
                    param,
                    "invalid_image_url",
                )
            out = bytearray()
            for chunk in resp.iter_bytes():
                out += chunk
                if len(out) > MAX_ITEM_BYTES:
                    raise _too_large(param)
            return bytes(out)
    except httpx.HTTPError:
        raise invalid(f"Error while downloading {url}.", param, "invalid_image_url") from None


def _item_bytes(item: Any, param: str, files: FileStore) -> bytes:
    if not isinstance(item, dict) or len(item) != 1 or not set(item) <= {"image_url", "file_id"}:
        raise invalid(
            f"Invalid '{param}': expected an object with exactly one of 'image_url' or 'file_id'.",
            param,
        )
    if "file_id" in item:
        file_id = item["file_id"]
        stored = files.get(file_id) if isinstance(file_id, str) else None
        if stored is None:
            raise invalid(f"No such File object: {file_id}", param, "file_not_found")
        return stored.data
    url = item["image_url"]
    if not isinstance(url, str):
        raise invalid(f"Invalid '{param}.image_url': expected a string.", param)
    if url.startswith("data:"):
        head, _, payload = url.partition(",")
        if ";base64" not in head:
            raise invalid(f"Invalid '{param}.image_url': expected a base64 data URL.", param)
        if len(payload) > MAX_ITEM_BYTES * 4 // 3 + 4:
            raise _too_large(param)
        try:
            return base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            raise invalid(f"Invalid base64 image_url in '{param}'.", param) from None
    if not url.lower().startswith(("http://", "https://")):
        raise invalid(f"Invalid '{param}.image_url': expected a URL.", param, "invalid_image_url")
    return _fetch(url, param)


def _field_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parts_from_json(body: Any, files: FileStore) -> list[Part]:
    """The parts a multipart edit would carry for this JSON edit."""
    if not isinstance(body, dict):
        raise invalid("The request body must be a JSON object.")
    images = body.get("images")
    if not isinstance(images, list) or not images:
        raise invalid(
            "Missing required parameter: 'images'.", "images", "missing_required_parameter"
        )
    if len(images) > MAX_ITEMS:
        raise invalid(f"Invalid 'images': at most {MAX_ITEMS} items.", "images")
    parts: list[Part] = []
    for name, value in body.items():
        if name in ("images", "mask") or value is None:
            continue
        if isinstance(value, dict):  # nested (svg): as the form's svg[model] keys
            flat = json.loads(json.dumps(value))
            for key, inner in _flatten(name, flat):
                parts.append(Part(key, None, None, _field_text(inner).encode()))
        else:
            parts.append(Part(name, None, None, _field_text(value).encode()))
    for i, item in enumerate(images):
        data = _item_bytes(item, f"images[{i}]", files)
        parts.append(Part("image[]", f"image-{i + 1}", _sniff(data), data))
    if body.get("mask") is not None:
        data = _item_bytes(body["mask"], "mask", files)
        parts.append(Part("mask", "mask", _sniff(data), data))
    return parts


def _flatten(prefix: str, value: dict[str, Any]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, inner in value.items():
        name = f"{prefix}[{key}]"
        if isinstance(inner, dict):
            out += _flatten(name, inner)
        else:
            out.append((name, inner))
    return out


def upload_file(parts: list[Part], files: FileStore) -> dict[str, Any]:
    """``POST /v1/files``: keep the file and answer its File object."""
    upload = next((p for p in parts if p.name == "file" and p.is_file), None)
    if upload is None:
        raise invalid("Missing required parameter: 'file'.", "file", "missing_required_parameter")
    purpose = next((p.text() for p in parts if p.name == "purpose" and not p.is_file), "")
    if not purpose:
        raise invalid(
            "Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter"
        )
    file_id = FILE_PREFIX + uuid.uuid4().hex[:24]
    files.put(upload.data, upload.content_type or _sniff(upload.data), name=file_id)
    return {
        "id": file_id,
        "object": "file",
        "bytes": len(upload.data),
        "created_at": int(time.time()),
        "filename": upload.filename or "upload",
        "purpose": purpose,
        "status": "processed",
        "expires_at": None,
        "status_details": None,
    }
