"""DMXAPI's ``paiwo-picture`` upload on ``POST /responses``.

Three ways in: ``input: "url"`` with ``image_url`` (fetched; ``data:`` URLs
too), ``input: "local"`` with ``image_path`` (a file on this machine, as the
provider's own sample sends it), and ``image_base64`` (plain base64 or a data
URL: a real upload of bytes for a client on another machine). Failures answer
HTTP 200 with ``ErrCode != 0``, as DMXAPI does.
"""

from __future__ import annotations

import base64
import binascii
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.sandbox import imaging
from studio.sandbox.faults import dmx_errcode
from studio.sandbox.images_api import JsonReply
from studio.sandbox.models import invalid

if TYPE_CHECKING:
    from studio.sandbox.server import SandboxServer

MAX_BYTES = 20 * 1024 * 1024
MAX_SIDE = 10000
_ACCEPTED = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}

ERR_PARAM = 1001
ERR_FETCH = 1002
ERR_FORMAT = 1003


class UploadError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def upload(sandbox: SandboxServer, body: Any) -> JsonReply:
    if not isinstance(body, dict):
        raise invalid("The request body must be a JSON object.")
    if body.get("model") != "paiwo-picture":
        raise invalid(
            f"The sandbox's /responses serves only 'paiwo-picture', not {body.get('model')!r}.",
            "model",
        )
    try:
        data = _image_bytes(body)
        ctype = _check(data)
    except UploadError as exc:
        return JsonReply(dmx_errcode(exc.code, exc.message))
    name = sandbox.files.put(data, ctype)
    return JsonReply(
        {
            "ErrCode": 0,
            "ErrMsg": "Success",
            "Resp": {"img_id": sandbox.next_upload_id(), "img_url": sandbox.file_url(name)},
            "usage": {
                "input_tokens": 0,
                "output_tokens": 0,
                "total_tokens": 0,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens_details": {"reasoning_tokens": 0},
            },
        }
    )


def _image_bytes(body: dict[str, Any]) -> bytes:
    if body.get("image_base64"):
        return _from_base64(str(body["image_base64"]))
    kind = body.get("input")
    if kind == "url":
        url = body.get("image_url")
        if not isinstance(url, str) or not url:
            raise UploadError(ERR_PARAM, "image_url is required when input is 'url'")
        if url.startswith("data:"):
            return _from_base64(url)
        return _fetch(url)
    if kind == "local":
        path = body.get("image_path")
        if not isinstance(path, str) or not path:
            raise UploadError(ERR_PARAM, "image_path is required when input is 'local'")
        p = Path(path)
        if not p.is_file():
            raise UploadError(ERR_PARAM, f"image_path not found: {path}")
        if p.stat().st_size > MAX_BYTES:
            raise UploadError(ERR_FORMAT, "image too large")
        return p.read_bytes()
    raise UploadError(ERR_PARAM, "input must be 'url' or 'local' (or send image_base64)")


def _from_base64(text: str) -> bytes:
    if text.startswith("data:"):
        header, _, text = text.partition(",")
        if ";base64" not in header:
            raise UploadError(ERR_PARAM, "data URL must be base64-encoded")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise UploadError(ERR_PARAM, "image_base64 is not valid base64") from None
    if len(data) > MAX_BYTES:
        raise UploadError(ERR_FORMAT, "image too large")
    return data


def _fetch(url: str) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise UploadError(ERR_PARAM, "image_url must be an http(s) URL")
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            data: bytes = resp.read(MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise UploadError(ERR_FETCH, f"failed to download image_url: {exc}") from None
    if len(data) > MAX_BYTES:
        raise UploadError(ERR_FORMAT, "image too large")
    return data


def _check(data: bytes) -> str:
    try:
        image = imaging.decode(data)
    except ValueError:
        raise UploadError(ERR_FORMAT, "unsupported image: not a png, jpeg or webp file") from None
    ctype = _ACCEPTED.get(image.format or "")
    if ctype is None:
        raise UploadError(ERR_FORMAT, f"unsupported image format {image.format}")
    if max(image.size) >= MAX_SIDE:
        raise UploadError(ERR_FORMAT, f"image sides must be under {MAX_SIDE} px")
    return ctype
