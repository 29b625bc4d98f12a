"""Validation of input images and the mask: files probed safely, each rule named.

Image rules decided here (not in the tables, because they hold for every API):
an empty, truncated or non-image file, a decompression bomb, a CMYK JPEG (APIs
expect RGB) and an animated GIF/WebP (only still images) are problems; a
16-bit PNG is a warning (the provider reduces it to 8 bits per channel).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from studio.core.capabilities import ModelCaps
from studio.core.errors import Problem, Text
from studio.core.imageinfo import ImageInfo, ImageProbeError, alpha_histogram, probe
from studio.core.providers import Provider
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.wording import _FORMAT_NAMES, _either, _fmt_bytes, _mode, _over, plural

#: a provider's file id (OpenAI: ``file-`` and letters/digits; relays vary a little)
_FILE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{2,127}")


def _probe(image: InputImage) -> tuple[ImageInfo | None, str | None]:
    try:
        return probe(image.data), None
    except ImageProbeError as exc:
        return None, exc.reason


def _image_findings(
    image: InputImage, caps: ModelCaps
) -> tuple[list[Problem], list[Problem], ImageInfo | None]:
    """(problems, warnings, info) for one input image."""
    name, spec = image.filename or Text.of("the image"), caps.inputs
    info, reason = _probe(image)
    if info is None:
        return (
            [Problem.of("image", "{name} cannot be used: {reason}.", name=name, reason=reason)],
            [],
            None,
        )
    problems, notes = [], []
    fmt = _FORMAT_NAMES.get(info.format, info.format.upper())
    model = caps.id
    if info.format not in spec.formats:
        names = [_FORMAT_NAMES.get(f, f) for f in spec.formats]
        allowed = names[0] if len(names) == 1 else _either([", ".join(names[:-1]), names[-1]])
        problems.append(
            Problem.of(
                "image",
                "{name} is a {format} image; {model} accepts {allowed}.",
                name=name,
                format=fmt,
                model=model,
                allowed=allowed,
            )
        )
    if image.size_bytes > spec.max_bytes:
        problems.append(
            Problem.of(
                "image",
                "{name} is {size}; {model} accepts images up to {limit}.",
                name=name,
                size=_over(image.size_bytes, spec.max_bytes),
                model=model,
                limit=_fmt_bytes(spec.max_bytes),
            )
        )
    if spec.square and info.width != info.height:
        problems.append(
            Problem.of(
                "image",
                "{name} is {size}; {model} needs a square image.",
                name=name,
                size=info.size_text,
                model=model,
            )
        )
    if spec.max_side is not None and max(info.width, info.height) > spec.max_side:
        problems.append(
            Problem.of(
                "image",
                "{name} is {size}; {model} accepts at most {side} pixels a side.",
                name=name,
                size=info.size_text,
                model=model,
                side=spec.max_side,
            )
        )
    if info.mode == "CMYK":
        problems.append(
            Problem.of(
                "image",
                "{name} is a CMYK {format}; image APIs need RGB. Convert it to RGB.",
                name=name,
                format=fmt,
            )
        )
    if info.animated:
        problems.append(
            Problem.of(
                "image",
                "{name} is an animated {format} ({frames} frames); only still images are accepted.",
                name=name,
                format=fmt,
                frames=info.frames,
            )
        )
    if info.bit_depth == 16:
        notes.append(
            Problem.of(
                "image", "{name} is a 16-bit PNG; the provider reduces it to 8 bits.", name=name
            )
        )
    return problems, notes, info


def json_edit_problems(request: ImageRequest) -> list[Problem]:
    """The rules of an edit sent as JSON (some input is a URL or a file id): addresses
    are http(s), file ids are ids, and local files fit a data URL's size limit."""
    if not request.has_remote_inputs:
        return []
    from studio.core.wire_json import JSON_ITEM_MAX_BYTES

    out: list[Problem] = []
    items = [("image", i) for i in request.images]
    if request.mask is not None:
        items.append(("mask", request.mask))
    for field, image in items:
        if image.url is not None:
            scheme = urlsplit(image.url).scheme.lower()
            if scheme not in ("http", "https") or not urlsplit(image.url).netloc:
                out.append(
                    Problem.of(
                        field,
                        "{url} is not an http or https address.",
                        url=image.url[:200],
                    )
                )
        elif image.file_id is not None:
            if not _FILE_ID.fullmatch(image.file_id):
                out.append(
                    Problem.of(
                        field,
                        "{file_id} is not a file id (like file-abc123).",
                        file_id=image.file_id[:80],
                    )
                )
        elif image.size_bytes > JSON_ITEM_MAX_BYTES:
            out.append(
                Problem.of(
                    field,
                    "{name} is {size}; when an input is a URL or a file id the edit is sent "
                    "as JSON, where each local image must be at most {limit}.",
                    name=image.filename or Text.of("the image"),
                    size=_over(image.size_bytes, JSON_ITEM_MAX_BYTES),
                    limit=_fmt_bytes(JSON_ITEM_MAX_BYTES),
                )
            )
    return out


def provider_input_problems(request: ImageRequest, provider: Provider) -> list[Problem]:
    """An input by URL or file id needs a provider that takes JSON edits (table data)."""
    if request.mode is not Mode.EDIT or not request.has_remote_inputs or provider.json_edits:
        return []
    return [
        Problem.of(
            "image",
            "{provider} does not take edits that reference images by URL or file id; "
            "add the images as local files instead.",
            provider=provider.name,
        )
    ]


def check_input_image(image: InputImage, caps: ModelCaps) -> list[Problem]:
    """The problems one input image (or upload) has for ``caps``."""
    return _image_findings(image, caps)[0]


def _check_mask(request: ImageRequest, caps: ModelCaps, first: ImageInfo | None) -> list[Problem]:
    mask = request.mask
    if mask is None:
        return []
    name = mask.filename or Text.of("the mask")
    if not caps.inputs.mask:
        return [Problem.of("mask", "{model} does not take a mask.", model=caps.id)]
    if request.mode is not Mode.EDIT:
        return [
            Problem.of(
                "mask", "A mask is only used for edits, not {mode}.", mode=_mode(request.mode)
            )
        ]
    if mask.remote:
        return []
    info, reason = _probe(mask)
    if info is None:
        return [
            Problem.of(
                "mask", "{name} cannot be used as a mask: {reason}.", name=name, reason=reason
            )
        ]
    out = []
    if info.format != "png":
        fmt = _FORMAT_NAMES.get(info.format, info.format.upper())
        out.append(
            Problem.of("mask", "{name} is a {format}; a mask must be a PNG.", name=name, format=fmt)
        )
    if mask.size_bytes > caps.inputs.mask_max_bytes:
        out.append(
            Problem.of(
                "mask",
                "{name} is {size}; a mask must be under {limit}.",
                name=name,
                size=_over(mask.size_bytes, caps.inputs.mask_max_bytes),
                limit=_fmt_bytes(caps.inputs.mask_max_bytes),
            )
        )
    if first is not None and (info.width, info.height) != (first.width, first.height):
        first_name = request.images[0].filename if request.images else Text.of("the image")
        out.append(
            Problem.of(
                "mask",
                "{name} is {size} but {image} is {image_size}; "
                "the mask must be the same size as the (first) image.",
                name=name,
                size=info.size_text,
                image=first_name,
                image_size=first.size_text,
            )
        )
    if not info.has_alpha:
        out.append(
            Problem.of(
                "mask",
                "{name} has no alpha channel, so it marks nothing to edit. Import it as a "
                "mask (black-and-white masks are converted to transparency).",
                name=name,
            )
        )
    return out


def _check_markup(request: ImageRequest, caps: ModelCaps, first: ImageInfo | None) -> list[Problem]:
    """The markup rules: a model that takes it, an edit, never with a mask, a local PNG
    of the first image's size (after EXIF orientation) with transparent pixels."""
    markup = request.markup
    if markup is None:
        return []
    name = markup.filename or Text.of("the markup")
    if not caps.inputs.markup:
        return [
            Problem.of(
                "markup",
                "{model} does not take markup; choose a model that does (such as "
                "gpt-image-2.5 or 2.6) or paint a mask instead.",
                model=caps.id,
            )
        ]
    if request.mode is not Mode.EDIT:
        return [
            Problem.of(
                "markup", "Markup is only used for edits, not {mode}.", mode=_mode(request.mode)
            )
        ]
    if request.mask is not None:
        return [
            Problem.of(
                "markup",
                "Send either a mask or markup, not both: the provider refuses the two together.",
            )
        ]
    if request.has_remote_inputs:
        return [
            Problem.of(
                "markup",
                "Markup is sent only with local input files; an edit with an input by URL or "
                "file id cannot carry it.",
            )
        ]
    info, reason = _probe(markup)
    if info is None:
        return [
            Problem.of(
                "markup", "{name} cannot be used as markup: {reason}.", name=name, reason=reason
            )
        ]
    out: list[Problem] = []
    if info.format != "png":
        fmt = _FORMAT_NAMES.get(info.format, info.format.upper())
        out.append(
            Problem.of(
                "markup", "{name} is a {format}; markup must be a PNG.", name=name, format=fmt
            )
        )
    if markup.size_bytes > caps.inputs.max_bytes:
        out.append(
            Problem.of(
                "markup",
                "{name} is {size}; markup must be under {limit}.",
                name=name,
                size=_over(markup.size_bytes, caps.inputs.max_bytes),
                limit=_fmt_bytes(caps.inputs.max_bytes),
            )
        )
    if first is not None and (info.width, info.height) != first.oriented_size:
        first_name = request.images[0].filename if request.images else Text.of("the image")
        w, h = first.oriented_size
        out.append(
            Problem.of(
                "markup",
                "{name} is {size} but {image} is {image_size}; "
                "markup must be the same size as the (first) image.",
                name=name,
                size=info.size_text,
                image=first_name,
                image_size=f"{w}x{h}",
            )
        )
    if info.format == "png" and not out:
        hist = alpha_histogram(markup.data) if info.has_alpha else None
        if not hist or hist[0] == 0:
            out.append(
                Problem.of(
                    "markup",
                    "{name} has no transparent pixels; markup must be transparent where "
                    "there is nothing drawn.",
                    name=name,
                )
            )
    return out


#: the problem of an edit or variation with no input image yet (a front end may treat it
#: as a step still to take rather than a mistake)
MISSING_INPUT = "Add an input image: {model} needs one to {mode}."


def _check_images(request: ImageRequest, caps: ModelCaps) -> tuple[list[Problem], list[Problem]]:
    if request.mode is Mode.GENERATE:
        return [], []
    problems: list[Problem] = []
    notes: list[Problem] = []
    count, limit = len(request.images), caps.inputs.max_images
    if count == 0:
        problems.append(
            Problem.of(
                "image",
                "Add an input image: {model} needs one to {mode}.",  # MISSING_INPUT
                model=caps.id,
                mode=_mode(request.mode),
            )
        )
    elif count > limit:
        problems.append(
            Problem.of(
                "image",
                plural(
                    limit,
                    "{model} takes at most {limit} input image; you gave {count}.",
                    "{model} takes at most {limit} input images; you gave {count}.",
                ),
                model=caps.id,
                limit=limit,
                count=count,
            )
        )
    infos: list[ImageInfo | None] = []
    for image in request.images:
        if image.remote:  # the provider fetches it: nothing here to look at
            infos.append(None)
            continue
        found, warned, info = _image_findings(image, caps)
        problems += found
        notes += warned
        infos.append(info)
    first = infos[0] if infos else None
    problems += _check_mask(request, caps, first)
    problems += _check_markup(request, caps, first)
    problems += json_edit_problems(request)
    needs_alpha = caps.inputs.alpha_without_mask and request.mode is Mode.EDIT
    if needs_alpha and request.mask is None and first is not None and not first.has_alpha:
        problems.append(
            Problem.of(
                "mask",
                "{name} has no transparency and there is no mask: "
                "{model} edits the transparent area, so paint a mask or use an image "
                "with transparent pixels.",
                name=request.images[0].filename,
                model=caps.id,
            )
        )
    return problems, notes
