"""Parsing success bodies into results.

Every failure here becomes a :class:`StudioError` that keeps the raw body, so
a reply we cannot read is still on disk (the journal) and in the error: a paid
result is never lost to a parser.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import io
import json
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from studio.core.errorparse import decode_text, dmx_error, html_summary, parse_error, protocol_error
from studio.core.errors import StudioError, Text
from studio.core.journal import JournalEntry
from studio.core.outformats import declared_format, sniff_format
from studio.core.pngcheck import png_size
from studio.core.result import GeneratedImage, ImageResult

#: fetches a ``url`` result's bytes (raises StudioError on failure)
Downloader = Callable[[str], bytes]


@dataclass(frozen=True)
class UploadResult:
    """DMXAPI paiwo-picture upload: the id to reference the image by, and where it lives."""

    img_id: int | str
    img_url: str | None = None


def load_json(body: bytes) -> Any:
    """The body as JSON, or a protocol error that keeps it."""
    text = decode_text(body)
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    stripped = text.lstrip()
    if not stripped:
        raise protocol_error("The provider's reply was empty.", body)
    if stripped.startswith("<"):
        raise protocol_error(
            "The provider's reply is an HTML page, not JSON ({summary}).",
            body,
            summary=html_summary(text),
        )
    raise protocol_error("The provider's reply is not valid JSON (it may be cut off).", body)


#: characters of base64 decoded at a time (a multiple of 4): ~0.5 ms each
B64_CHUNK = 1 << 18


def decode_b64(value: str, body: bytes | None = None) -> bytes:
    """Base64 (optionally a ``data:`` URL) to bytes, or a protocol error.

    Decoded in chunks: ``binascii`` holds the GIL for the whole of one call (15-30 ms
    for a 1536x1024 image), which would stop the UI thread of the app receiving it.
    Whitespace is only looked for when the text is not clean base64.
    """
    if value.startswith("data:"):
        value = value.partition(",")[2]
    try:
        return _b64_in_chunks(value)
    except (binascii.Error, ValueError):
        pass
    try:
        return _b64_in_chunks("".join(value.split()))
    except (binascii.Error, ValueError):
        raise protocol_error(
            "The provider sent image data that is not valid base64.", body
        ) from None


def _b64_in_chunks(text: str) -> bytes:
    """Strict base64 to bytes, :data:`B64_CHUNK` characters per call."""
    if len(text) <= B64_CHUNK:
        return base64.b64decode(text, validate=True)
    if len(text) % 4:
        raise binascii.Error("Incorrect padding")
    parts: list[bytes] = []
    for start in range(0, len(text), B64_CHUNK):
        piece = text[start : start + B64_CHUNK]
        if start + B64_CHUNK < len(text) and "=" in piece:
            raise binascii.Error("padding before the end")
        parts.append(base64.b64decode(piece, validate=True))
    return b"".join(parts)


def image_from_bytes(
    data: bytes,
    *,
    revised_prompt: str | None = None,
    source_url: str | None = None,
    body: bytes | None = None,
    declared: str | None = None,
) -> GeneratedImage:
    """A :class:`GeneratedImage` with format and size read from the bytes themselves.

    ``declared`` is the reply's ``output_format``: bytes of another format are a
    protocol error (the body is kept). An SVG is not rendered here: its declared
    size is read under the limits of :mod:`studio.core.svgsafe`, and one that
    breaks them is still kept (the viewer shows why it is not drawn).
    """
    actual = sniff_format(data)
    if declared is not None and actual != declared:
        raise protocol_error(
            "The reply says its images are {declared} but the data is {actual} ({size} bytes).",
            body,
            declared=declared.upper(),
            actual=actual.upper() if actual else Text.of("not an image"),
            size=len(data),
        )
    if actual == "svg":
        from studio.core.svgsafe import check_svg  # loaded only for a drawing

        check = check_svg(data)
        return GeneratedImage(
            data=data,
            format="svg",
            width=round(check.width),
            height=round(check.height),
            revised_prompt=revised_prompt,
            source_url=source_url,
        )
    try:
        if actual == "png":  # the usual reply: checked without loading Pillow
            fmt, frames = "png", 1
            width, height = png_size(data)
        else:
            fmt, width, height, frames = _open_and_verify(data)
    except Exception:
        if source_url:
            raise protocol_error(
                "The image from {url} is not a readable picture ({size} bytes).",
                body,
                url=source_url,
                size=len(data),
            ) from None
        raise protocol_error(
            "The image is not a readable picture ({size} bytes).", body, size=len(data)
        ) from None
    return GeneratedImage(
        data=data,
        format=fmt,
        width=width,
        height=height,
        revised_prompt=revised_prompt,
        source_url=source_url,
        frame_count=max(1, frames),
    )


def _open_and_verify(data: bytes) -> tuple[str, int, int, int]:
    """Format, size and GIF frames of an image Pillow opens and verifies."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as img:
            fmt = (img.format or "").lower()
            width, height = img.size
            frames = int(getattr(img, "n_frames", 1)) if fmt == "gif" else 1
            img.verify()
    return fmt, width, height, frames


def _check_error_object(obj: Any, body: bytes) -> None:
    """Raise for error objects some relays send with HTTP 200."""
    if dmx_error(obj) is not None:
        raise parse_error(200, body)
    if isinstance(obj, dict) and obj.get("error") not in (None, "", {}, []):
        raise parse_error(200, body)


def _items(obj: Any, body: bytes) -> list[Any]:
    if not isinstance(obj, dict):
        raise protocol_error("The provider's reply is not a JSON object.", body)
    data = obj.get("data")
    if data is None and ("b64_json" in obj or "url" in obj):
        return [obj]  # a stream's completed event carries one image at the top level
    if not isinstance(data, list):
        raise protocol_error("The provider's reply has no image list (`data`).", body)
    if not data:
        raise protocol_error("The provider's reply contains no images.", body)
    return data


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_images_response(
    body: bytes, *, download: Downloader | None = None, max_images: int | None = None
) -> ImageResult:
    """An :class:`ImageResult` from an images reply (or a stream's completed event).

    Items with ``b64_json`` are decoded; items with only a ``url`` are fetched
    with ``download``. Images that fail to download are reported in
    ``result.errors`` (with the url) while the others are kept; when none
    succeeds the first failure is raised. A reply with more than ``max_images``
    images (the model's most) is refused before any is decoded: the body stays
    in the journal, nothing is stored.
    """
    obj = load_json(body)
    _check_error_object(obj, body)
    items = _items(obj, body)
    if max_images is not None and len(items) > max_images:
        raise protocol_error(
            "The provider sent {count} images where at most {limit} can be asked for; "
            "the reply was refused.",
            body,
            count=len(items),
            limit=max_images,
        )
    declared = declared_format(obj.get("output_format"))
    result = ImageResult()
    for item in items:
        if not isinstance(item, dict):
            raise protocol_error("An image entry in the provider's reply is not an object.", body)
        revised = _optional_str(item.get("revised_prompt"))
        b64 = item.get("b64_json")
        url = item.get("url")
        if isinstance(b64, str) and b64:
            result.images.append(
                image_from_bytes(
                    decode_b64(b64, body), revised_prompt=revised, body=body, declared=declared
                )
            )
        elif isinstance(url, str) and url.startswith("data:"):
            result.images.append(
                image_from_bytes(
                    decode_b64(url, body), revised_prompt=revised, body=body, declared=declared
                )
            )
        elif isinstance(url, str) and url:
            try:
                if download is None:
                    raise protocol_error("The image at {url} was not downloaded.", body, url=url)
                data = download(url)
                result.images.append(
                    image_from_bytes(
                        data, revised_prompt=revised, source_url=url, body=body, declared=declared
                    )
                )
            except StudioError as err:
                if url not in err.message:
                    err = dataclasses.replace(err, message=f"{err.message} (image url: {url})")
                result.errors.append(err)
        else:
            raise protocol_error(
                "An image entry has neither `b64_json` nor a `url` the studio understands.", body
            )
    if not result.images:
        raise result.errors[0]
    usage = obj.get("usage")
    result.usage = usage if isinstance(usage, dict) else None
    svg_usage = obj.get("svg_usage")
    if isinstance(svg_usage, dict):
        # the SVG author's tokens travel (and are stored) with the image model's usage
        result.usage = {**(result.usage or {}), "svg_usage": svg_usage}
    created = obj.get("created", obj.get("created_at"))
    result.created = created if isinstance(created, int) and not isinstance(created, bool) else None
    return result


def parse_upload_response(body: bytes) -> UploadResult:
    """DMXAPI's ``{"ErrCode": 0, "Resp": {"img_id", "img_url"}}``."""
    obj = load_json(body)
    _check_error_object(obj, body)
    resp = obj.get("Resp") if isinstance(obj, dict) else None
    if not isinstance(resp, dict):
        raise protocol_error("The upload reply has no `Resp` object.", body)
    img_id = resp.get("img_id")
    if isinstance(img_id, bool) or not isinstance(img_id, int | str) or img_id == "":
        raise protocol_error("The upload reply has no `img_id`.", body)
    return UploadResult(img_id=img_id, img_url=_optional_str(resp.get("img_url")))


def parse_models_response(body: bytes) -> list[str]:
    """Model ids from ``GET /models`` (``{"data": [{"id": ...}]}``)."""
    obj = load_json(body)
    _check_error_object(obj, body)
    data = obj.get("data") if isinstance(obj, dict) else obj
    if not isinstance(data, list):
        raise protocol_error("The model list reply has no `data` list.", body)
    ids: list[str] = []
    for item in data:
        mid = item.get("id") if isinstance(item, dict) else item
        if isinstance(mid, str) and mid:
            ids.append(mid)
    return ids


def parse_shutdown_dates(body: bytes) -> dict[str, str | None]:
    """``shutdown_date`` by model id from ``GET /models``, for items that carry the field.

    A value that is not ``YYYY-MM-DD`` text counts as null (no date announced):
    a relay's junk must not retire a model.
    """
    obj = load_json(body)
    _check_error_object(obj, body)
    data = obj.get("data") if isinstance(obj, dict) else obj
    if not isinstance(data, list):
        raise protocol_error("The model list reply has no `data` list.", body)
    out: dict[str, str | None] = {}
    for item in data:
        if not isinstance(item, dict) or "shutdown_date" not in item:
            continue
        mid, when = item.get("id"), item.get("shutdown_date")
        if isinstance(mid, str) and mid and len(mid) <= 200:
            ok = isinstance(when, str) and len(when) == 10 and when[4] == "-" and when[7] == "-"
            out[mid] = when if ok else None
    return out


def recover(entry: JournalEntry, download: Downloader | None = None) -> ImageResult:
    """The images of a journalled reply (left over by a crash or a parse failure).

    ``url`` results are fetched with ``download`` (default: a plain request that
    never carries a key); a failed download keeps the url in the error.
    """
    body, meta = entry.read()
    if download is None:
        download = _plain_download
    limit = meta.get("max_images")
    result = parse_images_response(
        body,
        download=download,
        max_images=limit if isinstance(limit, int) and not isinstance(limit, bool) else None,
    )
    result.journal_entries.append(entry)
    request_id = meta.get("request_id")
    if isinstance(request_id, str) and request_id:
        result.request_ids.append(request_id)
    return result


def _plain_download(url: str) -> bytes:
    from studio.core.http import HttpSettings, download, make_client

    with make_client(HttpSettings()) as client:
        return download(client, url)
