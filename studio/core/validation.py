"""One validation for GUI, CLI and client: a request against its model's table.

:func:`validate` returns every problem at once (nothing is sent while any
remain); :func:`warnings` returns things worth saying that do not block a job.
Each problem names the field, and for files the file name and the rule broken.

Messages are built with :meth:`Problem.of` / :meth:`Text.of` from English
templates with ``{name}`` placeholders, so the GUI can translate them (see
``studio/ui/core_text.py``, which must list every template used here).

Input images and the mask are checked in :mod:`studio.core.validation_inputs`;
the shared wording helpers live in :mod:`studio.core.wording`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from studio.core.capabilities import Constraint, ModelCaps, ParamSpec, ParamType
from studio.core.errors import Problem, StudioError, Text
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.size import Size
from studio.core.wording import (
    KNOWN_EXTRAS,
    _either,
    _is_in,
    _join,
    _list,
    _mode,
    _offered,
    _text,
)


def _flatten(value: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested object as dotted paths: {"reasoning": {"effort": "low"}} -> reasoning.effort."""
    out: dict[str, Any] = {}
    for key, item in value.items():
        path = f"{prefix}{key}"
        if isinstance(item, Mapping):
            out.update(_flatten(item, f"{path}."))
        else:
            out[path] = item
    return out


def _judge_object(spec: ParamSpec, value: Any, model_id: str) -> Text | None:
    if not isinstance(value, Mapping) or not value:
        return Text.of(
            "{name} must be an object with {fields}, not {value}.",
            name=spec.name,
            fields=_list(tuple(spec.fields)),
            value=_text(value),
        )
    for path, item in _flatten(value).items():
        sub = spec.fields.get(path)
        if sub is None:
            return Text.of(
                "{model} does not take '{name}'.", model=model_id, name=f"{spec.name}.{path}"
            )
        trouble = _judge(sub, item, model_id)
        if trouble is not None:
            return trouble
    return None


def _judge(spec: ParamSpec, value: Any, model_id: str) -> Text | None:
    """Why ``value`` is not acceptable for ``spec`` (translatable), or None if it is."""
    name, shown = spec.name, _text(value)
    if spec.type is ParamType.OBJECT:
        return _judge_object(spec, value, model_id)
    if spec.type is ParamType.BOOL:
        if isinstance(value, bool):
            return None
        return Text.of("{name} must be true or false, not {value}.", name=name, value=shown)
    if spec.type is ParamType.INT:
        if not isinstance(value, int) or isinstance(value, bool):
            return Text.of("{name} must be a whole number, not {value}.", name=name, value=shown)
        if spec.minimum is not None and value < spec.minimum:
            return Text.of(
                "{name} must be at least {limit} (got {value}).",
                name=name,
                limit=spec.minimum,
                value=value,
            )
        if spec.maximum is not None and value > spec.maximum:
            return Text.of(
                "{name} must be at most {limit} (got {value}).",
                name=name,
                limit=spec.maximum,
                value=value,
            )
    if spec.type is ParamType.SIZE:
        if spec.choices and _is_in(value, spec.choices):
            return None
        if not isinstance(value, str):
            return Text.of(
                "{name} must be text like 1024x1024, not {value}.", name=name, value=shown
            )
        size = Size.parse(value)
        if spec.rule is None or size is None:
            hint: object
            if spec.choices:
                hint = Text.of("choose {choices}", choices=_list(spec.choices))
            else:
                hint = Text.of("use WIDTHxHEIGHT")
            if spec.rule is not None:
                hint = Text.of("{hint} or WIDTHxHEIGHT like 1024x1024", hint=hint)
            return Text.of(
                "{value} is not a {name} {model} accepts: {hint}.",
                value=shown,
                name=name,
                model=model_id,
                hint=hint,
            )
        breaks = size.rule_breaks(spec.rule)
        if breaks:
            return Text.of(
                "{value} is not a {name} {model} accepts: {hint}.",
                value=value,
                name=name,
                model=model_id,
                hint=_join(breaks, "{a}; {b}"),
            )
        return None
    if spec.type is ParamType.STRING:
        if not isinstance(value, str):
            return Text.of("{name} must be text, not {value}.", name=name, value=shown)
        if spec.pattern and not re.fullmatch(spec.pattern, value):
            if spec.help:
                return Text.of(
                    "{value} is not a valid {name} for {model} ({help}).",
                    value=shown,
                    name=name,
                    model=model_id,
                    help=spec.help,
                )
            return Text.of(
                "{value} is not a valid {name} for {model}.", value=shown, name=name, model=model_id
            )
    if spec.choices and not _is_in(value, spec.choices):
        return Text.of(
            "{value} is not a {name} {model} accepts: {hint}.",
            value=shown,
            name=name,
            model=model_id,
            hint=Text.of("choose {choices}", choices=_list(spec.choices)),
        )
    return None


def check_value(spec: ParamSpec, value: Any, model_id: str) -> str | None:
    """Why ``value`` is not acceptable for ``spec`` (a sentence), or None if it is."""
    why = _judge(spec, value, model_id)
    return None if why is None else str(why)


def _effective(request: ImageRequest, caps: ModelCaps, name: str) -> Any:
    """The value that will apply: the one given, else the table default for this mode."""
    value = request.params.get(name)
    if value is not None:
        return value
    spec = caps.params.get(name)
    return spec.default if spec is not None and request.mode in spec.modes else None


def _check_params(request: ImageRequest, caps: ModelCaps) -> list[Problem]:
    out: list[Problem] = []
    mode = request.mode
    for name, value in request.params.items():
        if value is None:
            continue
        key = str(name) or "params"  # a Problem always names a field
        spec = caps.params.get(key)
        if spec is None:
            if key in KNOWN_EXTRAS:
                out.append(
                    Problem.of(
                        key,
                        "{model} does not take the relay extra '{name}' (only models whose "
                        "table lists it do; add it in your capabilities override if your "
                        "relay takes it).",
                        model=caps.id,
                        name=key,
                    )
                )
            else:
                out.append(
                    Problem.of(
                        key, "{model} does not take '{name}'.", model=caps.id, name=_text(key)
                    )
                )
            continue
        if mode not in spec.modes:
            out.append(
                Problem.of(
                    key,
                    "{model} takes '{name}' only for {where}, not {mode}.",
                    model=caps.id,
                    name=key,
                    where=_either(_mode(m) for m in sorted(spec.modes)),
                    mode=_mode(mode),
                )
            )
            continue
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if key == "n" and is_int and not 1 <= value <= caps.n_max:
            out.append(
                Problem.of(
                    "n",
                    "n must be between 1 and {most} for {model}.",
                    most=caps.n_max,
                    model=caps.id,
                )
            )
            continue
        trouble = _judge(spec, value, caps.id)
        if trouble:
            out.append(Problem(key, str(trouble), trouble.template, trouble.args))
            continue
        for other, allowed in spec.only_with.items():
            current = _effective(request, caps, other)
            if not _is_in(current, allowed):
                now = _list((current,)) if current is not None else Text.of("not set")
                out.append(
                    Problem.of(
                        key,
                        "{name} needs {other} = {wanted} (it is {now}).",
                        name=key,
                        other=other,
                        wanted=_either(_list((a,)) for a in allowed),
                        now=now,
                    )
                )
    return out


def _is_set(request: ImageRequest, name: str) -> bool:
    """Whether the request sends ``name`` ("mask" and "images" name its files)."""
    if name == "mask":
        return request.mask is not None and request.mode is Mode.EDIT
    if name == "markup":
        return request.markup is not None and request.mode is Mode.EDIT
    if name == "images":
        return bool(request.images) and request.mode is not Mode.GENERATE
    return request.params.get(name) is not None


def _constraint_holds(c: Constraint, request: ImageRequest, caps: ModelCaps) -> bool:
    if not all(_is_in(_effective(request, caps, k), v) for k, v in c.when.items()):
        return True
    if any(_is_set(request, name) for name in c.forbid):
        return False
    return all(_is_in(_effective(request, caps, k), v) for k, v in c.require.items())


def validate(request: ImageRequest, caps: ModelCaps) -> list[Problem]:
    """Every problem with ``request`` for the model ``caps``; empty means it may be sent."""
    out: list[Problem] = []
    mode = request.mode
    supported = caps.supports(mode)
    if not supported:
        offered = _offered(e.value for e in caps.endpoints)
        out.append(
            Problem.of(
                "mode",
                "{model} does not support {mode} (it offers: {offered}).",
                model=caps.id,
                mode=_mode(mode),
                offered=offered,
            )
        )
    prompt = request.prompt if isinstance(request.prompt, str) else ""
    wants_prompt = supported and mode is not Mode.VARIATIONS
    if wants_prompt and not prompt.strip():
        out.append(
            Problem.of(
                "prompt",
                "Write a prompt: {model} needs one to {mode}.",
                model=caps.id,
                mode=_mode(mode),
            )
        )
    if wants_prompt and len(prompt) > caps.prompt_max:
        out.append(
            Problem.of(
                "prompt",
                "The prompt is {length:,} characters; {model} accepts at most {limit:,}.",
                length=len(prompt),
                model=caps.id,
                limit=caps.prompt_max,
            )
        )
    out += _check_params(request, caps)
    for c in caps.constraints:
        if not _constraint_holds(c, request, caps):
            # the table's own sentence doubles as its template: the window translates the
            # built-in ones (studio/ui/core_text.py TABLE_TEXT)
            out.append(Problem(next(iter(c.when), "params"), c.message, c.message))
    if supported:
        out += _input_findings(request, caps)[0]
    return out


def validate_or_raise(request: ImageRequest, caps: ModelCaps) -> None:
    """Raise ``StudioError.validation`` with every problem, if there is any."""
    problems = validate(request, caps)
    if problems:
        raise StudioError.validation(problems)


def mask_coverage(mask_png: bytes) -> float:
    """The fraction of the mask's pixels with alpha 0 (the area to edit); 0.0 without alpha."""
    from studio.core.imageinfo import alpha_histogram  # the image prober: masks only

    hist = alpha_histogram(mask_png)
    if not hist:
        return 0.0
    total = sum(hist)
    return hist[0] / total if total else 0.0


def warnings(request: ImageRequest, caps: ModelCaps) -> list[Problem]:
    """Things worth telling the user that do not block the job."""
    out: list[Problem] = []
    life = caps.lifecycle
    if life.retired:
        out.append(
            Problem.of(
                "model",
                "{model} was retired by OpenAI on {date}; only relays may still serve it.",
                model=caps.id,
                date=life.retired,
            )
        )
    if request.mode is Mode.VARIATIONS and request.prompt.strip():
        out.append(Problem.of("prompt", "Variations take no prompt; it will not be sent."))
    if request.mode is Mode.GENERATE and (request.images or request.mask):
        out.append(Problem.of("image", "Input images and masks are only sent for edits."))
    if request.mode is not Mode.GENERATE:
        out += _input_findings(request, caps)[1]
    if request.mask is not None and request.mode is Mode.EDIT:
        from studio.core.imageinfo import alpha_histogram

        try:
            hist = alpha_histogram(request.mask.data)
        except Exception:  # an unreadable mask is a validation problem, not a warning
            hist = None
        if hist:
            total = sum(hist) or 1
            if hist[0] == 0:
                out.append(
                    Problem.of("mask", "The mask marks nothing to edit (no transparent pixels).")
                )
            elif hist[0] == total:
                out.append(
                    Problem.of("mask", "The mask covers the whole image: all of it is redrawn.")
                )
            if sum(hist[1:255]):
                out.append(
                    Problem.of(
                        "mask", "The mask has semi-transparent pixels; APIs read them unreliably."
                    )
                )
    return out


def defaults_for(caps: ModelCaps, mode: Mode) -> dict[str, Any]:
    """The table defaults for ``mode`` that would be sent (respecting ``only_with``)."""
    values = {p.name: p.default for p in caps.params_for(mode) if p.default is not None}
    return {
        name: value
        for name, value in values.items()
        if all(_is_in(values.get(k), allowed) for k, allowed in caps.params[name].only_with.items())
    }


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def _coerce_one(spec: ParamSpec, text: str) -> Any:
    t = text.strip()
    if spec.type is ParamType.BOOL:
        if t.lower() in _TRUE:
            return True
        if t.lower() in _FALSE:
            return False
        return text
    if spec.type is ParamType.INT or (
        spec.choices and all(isinstance(c, int) and not isinstance(c, bool) for c in spec.choices)
    ):
        try:
            return int(t)
        except ValueError:
            return text
    for choice in spec.choices:  # a choice list of booleans or numbers
        if _list((choice,)) == t.lower():
            return choice
    return text


def coerce_params(caps: ModelCaps, mode: Mode, raw: Mapping[str, str]) -> dict[str, Any]:
    """CLI strings -> typed values by the model's param specs.

    Unknown names and values that do not parse stay strings so that
    :func:`validate` reports them with a clear message.
    """
    out: dict[str, Any] = {}
    for name, text in raw.items():
        spec = caps.params.get(name)
        out[name] = text if spec is None or not isinstance(text, str) else _coerce_one(spec, text)
    return out


def _input_findings(request: ImageRequest, caps: ModelCaps) -> tuple[list[Problem], list[Problem]]:
    """Problems and notes of an edit's input images; the image prober is loaded only for
    a request that has inputs to look at (a generate has none)."""
    if request.mode is Mode.GENERATE:
        return [], []
    from studio.core.validation_inputs import _check_images

    return _check_images(request, caps)


def check_input_image(image: InputImage, caps: ModelCaps) -> list[Problem]:
    """The problems one input image (or upload) has for ``caps``."""
    from studio.core.validation_inputs import check_input_image as check

    return check(image, caps)


__all__ = [
    "KNOWN_EXTRAS",
    "check_input_image",
    "check_value",
    "coerce_params",
    "defaults_for",
    "mask_coverage",
    "validate",
    "validate_or_raise",
    "warnings",
]
