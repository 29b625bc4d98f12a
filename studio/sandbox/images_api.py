"""The Images endpoints: parse a request like the real API, make pictures, build the answer.

Pure request -> reply logic with no sockets, so the handler can wrap it with
latency, faults and streaming.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from studio.sandbox import animated, imaging, rules_v2
from studio.sandbox import markup as markup_part
from studio.sandbox.files import FileStore
from studio.sandbox.models import (
    ApiError,
    SandboxModel,
    get_model,
    invalid,
    parse_bool,
    parse_choice,
    parse_int,
    parse_size,
    usage,
)
from studio.sandbox.multipart import Part

MIME_BY_FORMAT = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "gif": "image/gif",
    "svg": "image/svg+xml",
}
#: what the sandbox can make (GIF and SVG only for the models whose table offers them)
MAKEABLE = (*imaging.FORMATS, "gif", "svg")
INPUT_MIMES = ("image/png", "image/jpeg", "image/webp")
_GPT_ONLY = ("output_format", "output_compression", "background", "moderation", "partial_images")


@dataclass
class JsonReply:
    body: dict[str, Any]
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class StreamReply:
    """Server-sent events, made lazily: ``frames`` yields ``(event, data)`` pairs."""

    frames: Iterator[tuple[str, dict[str, Any]]]
    count: int  # how many frames will come (for spreading latency)
    final_event: str


Reply = JsonReply | StreamReply


@dataclass(frozen=True)
class Options:
    """How a fault bends an otherwise normal answer."""

    force_url: bool = False
    url_expired: int | None = None  # status the url download answers (403/404)
    #: output formats this project may not make (a fault: an account without GIF access)
    disabled_formats: tuple[str, ...] = ()


@dataclass
class Output:
    """The parsed output settings shared by generations, edits and variations."""

    model: SandboxModel
    prompt: str
    n: int
    width: int
    height: int
    quality: str
    output_format: str = "png"
    compression: int | None = None
    background: str = "auto"
    response_format: str = "b64_json"
    stream: bool = False
    partial_images: int = 0
    #: the 2.x fields that were given (complexity, frame_count, svg, safety_identifier ...)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> str:
        return f"{self.width}x{self.height}"


class ImagesApi:
    def __init__(
        self,
        files: FileStore,
        file_url: Callable[[str], str],
        *,
        serve_retired: bool = True,
        today: dt.date | None = None,
    ) -> None:
        self.files = files
        self.file_url = file_url
        #: False: a shut-down model is answered 404 as OpenAI does; True: as a relay that
        #: still serves old names
        self.serve_retired = serve_retired
        #: the day retirement is judged on (None: today, UTC)
        self.today = today

    def _model(self, name: Any) -> SandboxModel:
        return get_model(
            name, default="dall-e-2", serve_retired=self.serve_retired, today=self.today
        )

    # --- generations ------------------------------------------------------------------------

    def generate(self, body: Any, opts: Options = Options()) -> Reply:
        if not isinstance(body, dict):
            raise invalid("The request body must be a JSON object.")
        model = self._model(body.get("model"))
        out = self._output(model, body, mode="generate")
        seed = _seed(body.get("seed"))
        transparent = out.background == "transparent"

        def make(i: int) -> Image.Image:
            return imaging.generate(
                out.prompt,
                seed=seed,
                width=out.width,
                height=out.height,
                model=model.id,
                index=i,
                transparent=transparent,
            )

        extra: dict[str, Any] = {}
        if model.revised_prompt:
            extra["revised_prompt"] = f"A detailed, vivid rendering of: {out.prompt}"
        return self._reply(out, make, "image_generation", opts, extra, images_in=0)

    # --- edits ------------------------------------------------------------------------------

    def edit(self, parts: list[Part], opts: Options = Options()) -> Reply:
        fields = rules_v2.fold_form(_fields(parts))
        model = self._model(fields.get("model"))
        if not model.edits:
            raise invalid(
                f"Invalid model {model.id}. The model does not support image edits.", "model"
            )
        images = _images(parts, model)
        mask_part = next((p for p in parts if p.name == "mask" and p.is_file), None)
        base = _open(images[0], "image")
        marked = next((p for p in parts if p.name == "markup"), None)
        markup = None
        if marked is not None:
            markup = markup_part.read(marked, base, model, has_mask=mask_part is not None)
        mask: Image.Image | None = None
        if mask_part is not None:
            mask = _mask(mask_part, base)
        elif model.family == "dall-e-2":
            if "A" not in base.getbands():
                raise invalid(
                    "Invalid input image - format must be in ['RGBA', 'LA', 'L'], "
                    f"got {base.mode}.",
                    "image",
                )
            mask = base
        out = self._output(
            model,
            fields,
            mode="edit",
            input_size=_auto_edit_size(model, base.size),
            has_mask=mask_part is not None,
        )

        def make(i: int) -> Image.Image:
            made = imaging.edit(
                base, prompt=out.prompt, width=out.width, height=out.height, mask=mask, index=i
            )
            if markup is None:
                return made
            return markup_part.apply(made, imaging.resized(base, out.width, out.height), markup)

        return self._reply(out, make, "image_edit", opts, {}, images_in=len(images))

    # --- variations -------------------------------------------------------------------------

    def variation(self, parts: list[Part], opts: Options = Options()) -> Reply:
        fields = _fields(parts)
        model = self._model(fields.get("model"))
        if not model.variations:
            raise invalid(
                f"Invalid model {model.id}. Image variations are only supported by dall-e-2.",
                "model",
            )
        files = [p for p in parts if p.name == "image" and p.is_file]
        if not files:
            raise _missing("image")
        if len(files) > 1:
            raise _duplicate("image")
        source = _open(files[0], "image")
        _check_dalle2_input(files[0], source, "image")
        fields["prompt"] = "variation"
        out = self._output(model, fields, mode="variation")

        def make(i: int) -> Image.Image:
            return imaging.variation(source, width=out.width, height=out.height, index=i)

        return self._reply(out, make, "image_variation", opts, {}, images_in=1)

    # --- shared -----------------------------------------------------------------------------

    def _output(
        self,
        model: SandboxModel,
        body: dict[str, Any],
        *,
        mode: str,
        input_size: tuple[int, int] | None = None,
        has_mask: bool = False,
    ) -> Output:
        """Parse the shared fields. ``input_size``: an edit without a size keeps it."""
        rules_v2.check_unknown(model, body)
        prompt = body.get("prompt")
        if mode != "variation":
            if prompt is None or prompt == "":
                raise invalid(
                    "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter"
                )
            if not isinstance(prompt, str):
                raise invalid("Invalid type for 'prompt': expected a string.", "prompt")
            if len(prompt) > model.prompt_max:
                raise invalid(
                    f"Invalid 'prompt': string too long. Expected a string with maximum length "
                    f"{model.prompt_max}, but got a string with length {len(prompt)} instead.",
                    "prompt",
                    "string_above_max_length",
                )
        n = parse_int(body.get("n"), "n", 1, 10, 1)
        if n > model.n_max:
            raise invalid(
                f"Invalid 'n': this model only supports n={model.n_max}.", "n", "invalid_value"
            )
        if input_size is not None and body.get("size") in (None, "", "auto"):
            width, height = input_size
        else:
            width, height = parse_size(
                model, body.get("size"), aspect_ratio=body.get("aspect_ratio")
            )
        quality = parse_choice(
            body.get("quality"), "quality", model.qualities, model.default_quality
        )
        out = Output(model, str(prompt or ""), n, width, height, quality)
        if not model.formats:
            for name in _GPT_ONLY:
                if body.get(name) not in (None, "") and model.family != "relay":
                    raise invalid(f"Unknown parameter: '{name}'.", name, "unknown_parameter")
        else:
            out.output_format = parse_choice(
                body.get("output_format"), "output_format", model.output_formats, "png"
            )
            if body.get("output_compression") not in (None, ""):
                out.compression = parse_int(
                    body.get("output_compression"), "output_compression", 0, 100, 100
                )
            out.background = parse_choice(
                body.get("background"), "background", ("transparent", "opaque", "auto"), "auto"
            )
            rules_v2.check_cross(body, out.output_format, out.background, n, has_mask=has_mask)
            # the 2.x edit endpoint has no moderation
            if mode == "edit" and body.get("moderation") not in (None, "") and model.fields:
                raise invalid("Unknown parameter: 'moderation'.", "moderation", "unknown_parameter")
            parse_choice(body.get("moderation"), "moderation", ("low", "auto"), "auto")
            out.extras = rules_v2.parse_extras(model, body, out.output_format)
            if out.output_format not in MAKEABLE:
                raise invalid(
                    f"{out.output_format.upper()} output is not enabled for this project "
                    f"(model {model.id}).",
                    "output_format",
                    "feature_not_enabled",
                )
        if model.is_gpt_image and body.get("response_format") not in (None, ""):
            # as OpenAI answers: gpt-image always returns b64_json and rejects the field
            raise invalid(
                "Unknown parameter: 'response_format'.", "response_format", "unknown_parameter"
            )
        if model.family in ("dall-e-2", "dall-e-3", "relay"):
            default = "url" if model.url_default else "b64_json"
            out.response_format = parse_choice(
                body.get("response_format"), "response_format", ("url", "b64_json"), default
            )
        if model.family == "dall-e-3":
            parse_choice(body.get("style"), "style", ("vivid", "natural"), "vivid")
        stream = parse_bool(body.get("stream"), "stream")
        if stream and not model.stream and model.family != "relay":
            raise invalid(f"Streaming is not supported for model {model.id}.", "stream")
        out.stream = stream and model.stream
        if model.stream:
            out.partial_images = parse_int(body.get("partial_images"), "partial_images", 0, 3, 0)
        return out

    def _reply(
        self,
        out: Output,
        make: Callable[[int], Image.Image],
        kind: str,
        opts: Options,
        extra: dict[str, Any],
        *,
        images_in: int,
    ) -> Reply:
        if out.output_format in opts.disabled_formats:
            raise invalid(
                f"{out.output_format.upper()} output is not enabled for this project "
                f"(model {out.model.id}).",
                "output_format",
                "feature_not_enabled",
            )
        created = int(time.time())
        use = usage(
            out.prompt,
            out.quality,
            out.width,
            out.height,
            out.n,
            images_in,
            model=out.model,
            complexity=out.extras.get("complexity"),
            partial_images=out.partial_images if out.stream else 0,
        )
        if out.stream and not opts.force_url:
            return StreamReply(
                _frames(out, make, kind, created, use),
                out.n * (out.partial_images + 1),
                f"{kind}.completed",
            )
        data = []
        size = out.size
        for i in range(out.n):
            encoded, size = _encoded(out, make, i)
            item: dict[str, Any] = dict(extra)
            if out.response_format == "url" or opts.force_url:
                mime = MIME_BY_FORMAT[out.output_format]
                name = self.files.put(encoded, mime, expired_status=opts.url_expired)
                item["url"] = self.file_url(name)
            else:
                item["b64_json"] = base64.b64encode(encoded).decode("ascii")
            data.append(item)
        body: dict[str, Any] = {"created": created, "data": data}
        if out.model.is_gpt_image:
            body.update(
                background="transparent" if out.background == "transparent" else "opaque",
                output_format=out.output_format,
                quality=_reported_quality(out.quality),
                size=size,
                usage=use,
            )
            if out.output_format == "svg":
                svg = out.extras.get("svg") or {}
                effort = (svg.get("reasoning") or {}).get("effort")
                body["svg_usage"] = animated.svg_usage(out.prompt, svg.get("model"), effort)
            if "safety_identifier" in out.extras:
                body["safety_identifier"] = out.extras["safety_identifier"]
        return JsonReply(body)


def _encoded(out: Output, make: Callable[[int], Image.Image], i: int) -> tuple[bytes, str]:
    """Image ``i`` in the asked format, and its size as the reply reports it."""
    if out.output_format == "gif":
        count = int(out.extras.get("frame_count", 9))
        duration = int(out.extras.get("frame_duration_ms", 200))
        width, height = animated.frame_size(out.width, out.height, count)
        return animated.gif(make(i), count, duration), f"{width}x{height}"
    if out.output_format == "svg":
        return animated.svg(out.prompt, out.width, out.height, i), out.size
    return imaging.encode(make(i), out.output_format, out.compression), out.size


def _frames(
    out: Output,
    make: Callable[[int], Image.Image],
    kind: str,
    created: int,
    use: dict[str, Any],
) -> Iterator[tuple[str, dict[str, Any]]]:
    common = {
        "size": out.size,
        "quality": _reported_quality(out.quality),
        "background": "transparent" if out.background == "transparent" else "opaque",
        "output_format": out.output_format,
    }
    for i in range(out.n):
        final = make(i)
        for step in range(out.partial_images):
            preview = imaging.partial(final, step, out.partial_images)
            yield (
                f"{kind}.partial_image",
                {
                    "type": f"{kind}.partial_image",
                    "b64_json": _b64(imaging.encode(preview, out.output_format, out.compression)),
                    "created_at": int(time.time()),
                    "partial_image_index": step,
                    **common,
                },
            )
        # the completed event's usage has no output_tokens_details (as OpenAI streams it)
        brief = {k: v for k, v in use.items() if k != "output_tokens_details"}
        yield (
            f"{kind}.completed",
            {
                "type": f"{kind}.completed",
                "b64_json": _b64(imaging.encode(final, out.output_format, out.compression)),
                "created_at": created,
                **common,
                "usage": brief,
            },
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _reported_quality(quality: str) -> str:
    return "medium" if quality == "auto" else quality


def _seed(raw: Any) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        seed = int(raw)
    except (TypeError, ValueError):
        raise invalid("Invalid type for 'seed': expected an integer.", "seed") from None
    return random.randrange(2**31) if seed == -1 else seed


def _fields(parts: list[Part]) -> dict[str, Any]:
    return {p.name: p.text() for p in parts if not p.is_file}


def _missing(param: str) -> ApiError:
    return invalid(f"Missing required parameter: '{param}'.", param, "missing_required_parameter")


def _duplicate(param: str) -> ApiError:
    return invalid(
        f"Duplicate parameter: '{param}'. You provided multiple values for this parameter, "
        "whereas only one is allowed. If you are trying to provide a list of values, use the "
        f"array syntax instead e.g. '{param}[]=<value>'.",
        param,
        "duplicate_parameter",
    )


def _images(parts: list[Part], model: SandboxModel) -> list[Part]:
    plain = [p for p in parts if p.name == "image"]
    arrayed = [p for p in parts if p.name == "image[]"]
    if len(plain) > 1:
        raise _duplicate("image")
    images = plain + arrayed
    if not images:
        raise _missing("image")
    for p in images:
        if not p.is_file:
            raise invalid("Expected a file for 'image', got a text value.", "image")
        if p.content_type not in INPUT_MIMES:
            raise invalid(
                f"Invalid file 'image': unsupported mimetype ('{p.content_type}'). Supported file "
                "formats are 'image/jpeg', 'image/png', and 'image/webp'.",
                "image",
                "unsupported_file_mimetype",
            )
    if model.family == "dall-e-2":
        if len(images) > 1:
            raise invalid("dall-e-2 accepts exactly one image.", "image")
        _check_dalle2_input(images[0], _open(images[0], "image"), "image")
    elif model.is_gpt_image:
        if len(images) > 16:
            raise invalid("You can provide up to 16 images.", "image")
        for p in images:
            if len(p.data) > 50 * 1024 * 1024:
                raise invalid("Each image must be smaller than 50 MB.", "image")
    return images


def _check_dalle2_input(part: Part, image: Image.Image, param: str) -> None:
    if part.content_type != "image/png" or image.format != "PNG":
        raise invalid(f"Invalid input image - '{param}' must be a PNG file.", param)
    if len(part.data) >= 4 * 1024 * 1024:
        raise invalid(f"Invalid input image - '{param}' must be less than 4 MB.", param)
    if image.width != image.height:
        raise invalid(f"Invalid input image - '{param}' must be square.", param)


def _open(part: Part, param: str) -> Image.Image:
    try:
        return imaging.decode(part.data)
    except ValueError:
        raise invalid(
            f"Invalid image file or mode for image {part.filename or param!r}, please check your "
            "image file.",
            param,
            "invalid_image",
        ) from None


def _mask(part: Part, base: Image.Image) -> Image.Image:
    mask = _open(part, "mask")
    if mask.format != "PNG":
        raise invalid("Invalid mask image format - mask must be a PNG file.", "mask")
    if len(part.data) >= 4 * 1024 * 1024:
        raise invalid("Invalid mask image - mask must be less than 4 MB.", "mask")
    if mask.size != base.size:
        raise invalid(
            "Invalid mask image format - mask size does not match image size",
            "mask",
            "invalid_mask",
        )
    try:
        imaging.mask_alpha(mask)
    except ValueError:
        raise invalid(
            f"Invalid mask image - the mask must have an alpha channel, got {mask.mode}.", "mask"
        ) from None
    return mask


def _auto_edit_size(model: SandboxModel, size: tuple[int, int]) -> tuple[int, int] | None:
    """The output size of an edit without ``size`` (or ``auto``); None: the model's default.

    OpenAI's GPT Image models answer one of their own sizes, the one closest to the
    input's shape (a 256x256 input gives 1024x1024, never 256x256); dall-e-2 answers
    its default; relays (not OpenAI) keep the input's size.
    """
    if model.family == "dall-e-2":
        return None
    if model.is_gpt_image:
        listed = [s for s in model.sizes if s != "auto"]
        if not listed:
            return None
        ratio = size[0] / max(1, size[1])

        def distance(s: str) -> float:
            w, h = (int(x) for x in s.split("x"))
            return abs(math.log((w / h) / ratio))

        w, h = (int(x) for x in min(listed, key=distance).split("x"))
        return w, h
    return None if max(size) > 4096 else size
