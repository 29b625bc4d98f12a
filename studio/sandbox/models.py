"""The models the sandbox serves and the loose validation a real API would do.

This table is deliberately independent of the app's capability tables: the
sandbox plays the provider, so it must not share the client's assumptions.
Checks follow what OpenAI (and, for relay models, the relays) answer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any

from studio.sandbox.faults import openai_error


class ApiError(Exception):
    """An error answer: HTTP status and the JSON body to send."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body))
        self.status = status
        self.body = body


def invalid(message: str, param: str | None = None, code: str | None = None) -> ApiError:
    return ApiError(400, openai_error(400, message, code, "invalid_request_error", param))


@dataclass(frozen=True)
class FreeSize:
    """A free-form ``WxH`` rule."""

    multiple_of: int = 1
    min_side: int = 64
    max_side: int = 4096
    min_pixels: int = 1
    max_pixels: int = 4096 * 4096
    max_aspect: float = 4.0


@dataclass(frozen=True)
class SandboxModel:
    id: str
    family: str  # "gpt-image", "dall-e-2", "dall-e-3", "relay", "upload"
    sizes: tuple[str, ...] = ()
    free_size: FreeSize | None = None
    default_size: str = "1024x1024"
    n_max: int = 10
    prompt_max: int = 32000
    qualities: tuple[str, ...] = ()
    default_quality: str = "auto"
    edits: bool = False
    variations: bool = False
    stream: bool = False
    url_default: bool = False  # answers with url unless response_format=b64_json
    revised_prompt: bool = False
    usage: bool = False
    formats: bool = False  # output_format / background / output_compression
    output_formats: tuple[str, ...] = ("png", "jpeg", "webp")
    #: body fields besides model and prompt this model takes; None = not checked
    #: (older entries and relays, which drop what they do not know)
    fields: frozenset[str] | None = None
    complexity: bool = False
    #: takes a ``markup`` PNG over the first image (2.5 and 2.6)
    markup: bool = False
    #: usage has output_tokens_details (the 2.x models)
    usage_details: bool = False
    #: output tokens per 1024x1024 image by quality, when they differ from gpt-image-1's
    tokens: tuple[tuple[str, int], ...] = ()
    #: the day OpenAI shut (or shuts) the model down, and what it says to use instead
    shutdown: dt.date | None = None
    replacement: str = ""

    @property
    def is_gpt_image(self) -> bool:
        return self.family == "gpt-image"

    def retired_on(self, day: dt.date) -> bool:
        return self.shutdown is not None and day >= self.shutdown


_GPT_SIZES = ("1024x1024", "1536x1024", "1024x1536", "auto")
_GPT_QUALITIES = ("low", "medium", "high", "auto")


def _gpt(model_id: str, **extra: Any) -> SandboxModel:
    fields: dict[str, Any] = {
        "family": "gpt-image",
        "sizes": _GPT_SIZES,
        "qualities": _GPT_QUALITIES,
        "edits": True,
        "stream": True,
        "usage": True,
        "formats": True,
    }
    fields.update(extra)
    return SandboxModel(id=model_id, **fields)


def _relay(model_id: str, *, edits: bool = False) -> SandboxModel:
    return SandboxModel(
        id=model_id,
        family="relay",
        free_size=FreeSize(),
        qualities=("low", "medium", "high", "auto", "standard", "hd"),
        edits=edits,
    )


#: what the 2.x models take (OpenAI, November 2026); edits add nothing but files
_V2_FIELDS = frozenset(
    [
        "n",
        "size",
        "quality",
        "background",
        "output_format",
        "output_compression",
        "moderation",
        "stream",
        "partial_images",
        "safety_identifier",
    ]
)
_V26_FIELDS = _V2_FIELDS | {"complexity", "frame_count", "frame_duration_ms", "svg"}
_V2_SIZE = FreeSize(16, 16, 3840, 655_360, 8_294_400, 3.0)
_V25_TOKENS = (("low", 196), ("medium", 439), ("high", 1756), ("xhigh", 3122), ("max", 7024))
#: 2.6 spends 3-4x 2.5's tokens at low and medium (as reported); the sandbox says 3.5x
_V26_TOKENS = (("low", 686), ("medium", 1536), ("high", 2634), ("xhigh", 4683), ("max", 10536))
_DEC_1 = dt.date(2026, 12, 1)


def _v2(model_id: str, **extra: Any) -> SandboxModel:
    fields: dict[str, Any] = {
        "sizes": ("auto", "1024x1024", "1536x1024", "1024x1536"),
        "free_size": _V2_SIZE,
        "fields": _V2_FIELDS,
        "usage_details": True,
        "tokens": _V25_TOKENS,
    }
    fields.update(extra)
    return _gpt(model_id, **fields)


def _v26(model_id: str) -> SandboxModel:
    return _v2(
        model_id,
        qualities=(*_GPT_QUALITIES, "xhigh", "max"),
        fields=_V26_FIELDS,
        complexity=True,
        output_formats=("png", "jpeg", "webp", "gif", "svg"),
        tokens=_V26_TOKENS,
        markup=True,
    )


MODELS: dict[str, SandboxModel] = {
    m.id: m
    for m in (
        _v2("gpt-image-2"),
        _v2("gpt-image-2-2026-04-21"),
        *(
            _v2(name, qualities=(*_GPT_QUALITIES, "xhigh", "max"), markup=True)
            for name in (
                "gpt-image-2.5-flare",
                "gpt-image-2.5-flare-2026-09-08",
                "gpt-image-2.5-sunburst",
                "gpt-image-2.5-sunburst-2026-09-08",
            )
        ),
        _v26("gpt-image-2.6-flare"),
        _v26("gpt-image-2.6-sunburst"),
        _gpt(
            "gpt-image-1",
            shutdown=dt.date(2026, 10, 23),
            replacement="gpt-image-2.5-sunburst or gpt-image-2.5-flare",
        ),
        _gpt("gpt-image-1-mini", shutdown=_DEC_1, replacement="gpt-image-2.6-flare"),
        _gpt("gpt-image-1.5", shutdown=_DEC_1, replacement="gpt-image-2.6-sunburst"),
        _gpt("gpt-image-1.5-2025-12-16", shutdown=_DEC_1, replacement="gpt-image-2.6-sunburst"),
        _gpt(
            "chatgpt-image-latest",
            shutdown=_DEC_1,
            replacement="gpt-image-2.6-sunburst",
            fields=_V2_FIELDS | {"user"},
        ),
        SandboxModel(
            id="dall-e-2",
            family="dall-e-2",
            sizes=("256x256", "512x512", "1024x1024"),
            prompt_max=1000,
            qualities=("standard", "auto"),
            default_quality="standard",
            edits=True,
            variations=True,
            url_default=True,
            shutdown=dt.date(2026, 5, 12),
            replacement="a GPT image model",
        ),
        SandboxModel(
            id="dall-e-3",
            family="dall-e-3",
            sizes=("1024x1024", "1792x1024", "1024x1792"),
            n_max=1,
            prompt_max=4000,
            qualities=("standard", "hd", "auto"),
            default_quality="standard",
            url_default=True,
            revised_prompt=True,
            shutdown=dt.date(2026, 5, 12),
            replacement="a GPT image model",
        ),
        _relay("seedream-3.0"),
        _relay("imagen4"),
        _relay("flux-kontext-pro", edits=True),
        _relay("flux-kontext-max", edits=True),
        SandboxModel(id="paiwo-picture", family="upload"),
    )
}

_SIZE_RE = re.compile(r"^(\d{1,5})x(\d{1,5})$")


def model_not_found(model_id: str, model: SandboxModel | None = None) -> ApiError:
    """OpenAI's 404 for an unknown model; for a shut-down one the message names it."""
    message = f"The model `{model_id}` does not exist or you do not have access to it."
    if model is not None and model.shutdown is not None:
        message = (
            f"The model `{model_id}` has been deprecated and was shut down on "
            f"{model.shutdown.isoformat()}. Use {model.replacement} instead. "
            "Learn more: https://platform.openai.com/docs/deprecations"
        )
    return ApiError(
        404, openai_error(404, message, "model_not_found", "invalid_request_error", None)
    )


def get_model(
    model_id: Any,
    *,
    default: str | None = None,
    serve_retired: bool = True,
    today: dt.date | None = None,
) -> SandboxModel:
    """The model a request names. ``serve_retired=False`` answers a shut-down model as
    OpenAI does (404 ``model_not_found``); a relay may keep serving it."""
    if model_id in (None, "") and default:
        model_id = default
    if not isinstance(model_id, str) or not model_id:
        raise invalid("you must provide a model parameter", "model")
    model = MODELS.get(model_id)
    if model is None or model.family == "upload":
        raise model_not_found(model_id)
    if not serve_retired and model.retired_on(today or current_day()):
        raise model_not_found(model_id, model)
    return model


def current_day() -> dt.date:
    """Today in UTC, or ``$IMAGE_STUDIO_TODAY`` (the same override the studio reads)."""
    raw = os.environ.get("IMAGE_STUDIO_TODAY", "").strip()
    if raw:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    return dt.datetime.now(dt.UTC).date()


def parse_size(model: SandboxModel, raw: Any, *, aspect_ratio: Any = None) -> tuple[int, int]:
    """The output (width, height) for a ``size`` value, or a 400 like the real API."""
    if raw in (None, "") and isinstance(aspect_ratio, str) and aspect_ratio:
        return _from_aspect(aspect_ratio)
    if raw in (None, ""):
        raw = model.default_size
    if not isinstance(raw, str):
        raise invalid(f"Invalid type for 'size': expected a string, but got {type(raw).__name__}.")
    if raw == "auto" and (model.is_gpt_image or model.family == "relay"):
        return 1024, 1024
    if raw in model.sizes:
        sw, sh = raw.split("x")
        return int(sw), int(sh)
    match = _SIZE_RE.match(raw)
    rule = model.free_size
    if match and rule is not None:
        w, h = int(match.group(1)), int(match.group(2))
        problem = _check_free(rule, w, h)
        if problem is None:
            return w, h
        raise invalid(f"Invalid size '{raw}'. {problem}", "size", "invalid_size")
    allowed = ", ".join(repr(s) for s in model.sizes)
    raise invalid(
        f"Invalid value: '{raw}'. Supported values are: {allowed}.", "size", "invalid_value"
    )


def _check_free(rule: FreeSize, w: int, h: int) -> str | None:
    if w % rule.multiple_of or h % rule.multiple_of:
        return f"Both sides must be multiples of {rule.multiple_of}."
    if min(w, h) < rule.min_side or max(w, h) > rule.max_side:
        return f"Sides must be between {rule.min_side} and {rule.max_side} pixels."
    if not rule.min_pixels <= w * h <= rule.max_pixels:
        return f"Total pixels must be between {rule.min_pixels} and {rule.max_pixels}."
    if max(w, h) / min(w, h) > rule.max_aspect:
        return f"The aspect ratio must not exceed {rule.max_aspect:g}:1."
    return None


def _from_aspect(ratio: str) -> tuple[int, int]:
    try:
        a, b = (float(x) for x in ratio.split(":"))
        if a <= 0 or b <= 0 or max(a / b, b / a) > 4:
            raise ValueError(ratio)
    except ValueError:
        raise invalid(f"Invalid aspect_ratio '{ratio}'.", "aspect_ratio") from None
    if a >= b:
        return 1024, max(64, round(1024 * b / a / 16) * 16)
    return max(64, round(1024 * a / b / 16) * 16), 1024


def parse_int(raw: Any, param: str, lo: int, hi: int, default: int) -> int:
    if raw is None or raw == "":
        return default
    if isinstance(raw, bool):
        raise invalid(f"Invalid type for '{param}': expected an integer, but got a boolean.", param)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise invalid(f"Invalid type for '{param}': expected an integer.", param) from None
    if not lo <= value <= hi:
        raise invalid(
            f"Invalid '{param}': integer {value} is out of range; expected {lo} to {hi}.",
            param,
            "integer_out_of_range" if param != "n" else "invalid_value",
        )
    return value


def parse_bool(raw: Any, param: str) -> bool:
    if raw is None or raw == "":
        return False
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    raise invalid(f"Invalid type for '{param}': expected a boolean.", param)


def parse_choice(raw: Any, param: str, choices: tuple[str, ...], default: str) -> str:
    if raw is None or raw == "":
        return default
    if raw not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise invalid(
            f"Invalid value: '{raw}'. Supported values are: {allowed}.", param, "invalid_value"
        )
    return str(raw)


# Output tokens per image for gpt-image (OpenAI's published counts per quality and size).
OUTPUT_TOKENS: dict[str, dict[str, int]] = {
    "low": {"1024x1024": 272, "1024x1536": 408, "1536x1024": 400},
    "medium": {"1024x1024": 1056, "1024x1536": 1584, "1536x1024": 1568},
    "high": {"1024x1024": 4160, "1024x1536": 6240, "1536x1024": 6208},
}


#: planning (text) output tokens per image by complexity; 2.6 plans at high by default
PLANNING_TOKENS = {"low": 64, "medium": 256, "high": 768}


def output_tokens(quality: str, width: int, height: int, model: SandboxModel | None = None) -> int:
    if model is not None and model.tokens:
        per_square = dict(model.tokens)
        base = per_square.get(quality, per_square["medium"])
        return max(1, round(base * width * height / (1024 * 1024)))
    table = OUTPUT_TOKENS.get(quality, OUTPUT_TOKENS["medium"])
    exact = table.get(f"{width}x{height}")
    if exact is not None:
        return exact
    return round(table["1024x1024"] * width * height / (1024 * 1024))


def usage(
    prompt: str,
    quality: str,
    width: int,
    height: int,
    n: int,
    images_in: int = 0,
    *,
    model: SandboxModel | None = None,
    complexity: str | None = None,
    partial_images: int = 0,
) -> dict[str, Any]:
    text_tokens = max(1, len(prompt.split()) + len(prompt) // 8)
    image_tokens = 323 * images_in
    image_out = output_tokens(quality, width, height, model) * n
    if model is not None and model.usage_details:
        image_out += 100 * partial_images * n  # each preview is billed as output
    text_out = 0
    if model is not None and model.complexity:
        text_out = PLANNING_TOKENS[complexity or "high"] * n
    out = image_out + text_out
    body: dict[str, Any] = {
        "input_tokens": text_tokens + image_tokens,
        "output_tokens": out,
        "total_tokens": text_tokens + image_tokens + out,
        "input_tokens_details": {"text_tokens": text_tokens, "image_tokens": image_tokens},
    }
    if model is not None and model.usage_details:
        body["output_tokens_details"] = {"text_tokens": text_out, "image_tokens": image_out}
    return body
