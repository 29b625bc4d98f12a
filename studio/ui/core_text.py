"""The core's English problem messages, in the user's language.

The Qt-free core builds each :class:`~studio.core.errors.Problem` from an
English template and its arguments (``Problem.of``); here the template (and any
:class:`~studio.core.errors.Text` phrase among the arguments) is translated in
the ``core`` context and then filled in. :data:`TEMPLATES` lists every template
so that ``pyside6-lupdate`` extracts them; ``tests/ui/test_core_text.py``
checks that it matches the templates the core actually uses.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio.core.errors import Problem, Text

CONTEXT = "core"


def _fill(template: str, args: Mapping[str, object]) -> str:
    values = {k: _phrase(v) if isinstance(v, Text) else v for k, v in args.items()}
    return QCoreApplication.translate(CONTEXT, template).format(**values)


def _phrase(text: Text) -> str:
    try:
        return _fill(text.template, text.args)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English phrase
        return str(text)


def problem_text(problem: Problem) -> str:
    """``problem``'s message in the current UI language (its English message as a fallback)."""
    if not problem.template:
        return problem.message
    try:
        return _fill(problem.template, problem.args)
    except (KeyError, IndexError, ValueError):
        return problem.message


# every template the core passes to ``Problem.of`` / ``Text.of`` (or joins with)
_MARKED: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("core", "generate"),
    QT_TRANSLATE_NOOP("core", "edit"),
    QT_TRANSLATE_NOOP("core", "variations"),
    QT_TRANSLATE_NOOP("core", "{count} bytes"),
    QT_TRANSLATE_NOOP("core", "just over {size}"),
    QT_TRANSLATE_NOOP("core", "{name} must be true or false, not {value}."),
    QT_TRANSLATE_NOOP("core", "{value} is not a {name} {model} accepts: {hint}."),
    QT_TRANSLATE_NOOP("core", "the mask"),
    QT_TRANSLATE_NOOP("core", "both sides must be multiples of {n}"),
    QT_TRANSLATE_NOOP("core", "each side must be at least {n}"),
    QT_TRANSLATE_NOOP("core", "the longest side must be at most {n}"),
    QT_TRANSLATE_NOOP("core", "the image must have {low:,} to {high:,} pixels"),
    QT_TRANSLATE_NOOP("core", "the aspect ratio must be at most {n:g}:1"),
    QT_TRANSLATE_NOOP("core", "{name} must be a whole number, not {value}."),
    QT_TRANSLATE_NOOP("core", "{name} must be at least {limit} (got {value})."),
    QT_TRANSLATE_NOOP("core", "{name} must be at most {limit} (got {value})."),
    QT_TRANSLATE_NOOP("core", "{name} must be text like 1024x1024, not {value}."),
    QT_TRANSLATE_NOOP("core", "{name} must be text, not {value}."),
    QT_TRANSLATE_NOOP("core", "{value} is not a valid {name} for {model}."),
    QT_TRANSLATE_NOOP("core", "the image"),
    QT_TRANSLATE_NOOP("core", "{name} is a {format} image; {model} accepts {allowed}."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; {model} accepts images up to {limit}."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; {model} needs a square image."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; {model} accepts at most {side} pixels a side."),
    QT_TRANSLATE_NOOP("core", "{name} is a CMYK {format}; image APIs need RGB. Convert it to RGB."),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} is an animated {format} ({frames} frames); only still images are accepted.",
    ),
    QT_TRANSLATE_NOOP("core", "{name} is a 16-bit PNG; the provider reduces it to 8 bits."),
    QT_TRANSLATE_NOOP("core", "{model} does not take a mask."),
    QT_TRANSLATE_NOOP("core", "A mask is only used for edits, not {mode}."),
    QT_TRANSLATE_NOOP("core", "{name} cannot be used as a mask: {reason}."),
    QT_TRANSLATE_NOOP("core", "{name} is a {format}; a mask must be a PNG."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; a mask must be under {limit}."),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} is {size} but {image} is {image_size}; the mask must be the same size as the (first) image.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} has no alpha channel, so it marks nothing to edit. Import it as a mask (black-and-white masks are converted to transparency).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "Add an input image: {model} needs one to {mode}."),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} has no transparency and there is no mask: {model} edits the transparent area, so paint a mask or use an image with transparent pixels.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "nothing"),
    QT_TRANSLATE_NOOP("core", "{model} does not support {mode} (it offers: {offered})."),
    QT_TRANSLATE_NOOP("core", "Write a prompt: {model} needs one to {mode}."),
    QT_TRANSLATE_NOOP(
        "core",
        "The prompt is {length:,} characters; {model} accepts at most {limit:,}.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{model} was retired by OpenAI on {date}; only relays may still serve it.",
    ),
    QT_TRANSLATE_NOOP("core", "Variations take no prompt; it will not be sent."),
    QT_TRANSLATE_NOOP("core", "Input images and masks are only sent for edits."),
    QT_TRANSLATE_NOOP("core", "choose {choices}"),
    QT_TRANSLATE_NOOP("core", "use WIDTHxHEIGHT"),
    QT_TRANSLATE_NOOP("core", "{hint} or WIDTHxHEIGHT like 1024x1024"),
    QT_TRANSLATE_NOOP("core", "{value} is not a valid {name} for {model} ({help})."),
    QT_TRANSLATE_NOOP("core", "{model} takes '{name}' only for {where}, not {mode}."),
    QT_TRANSLATE_NOOP("core", "n must be between 1 and {most} for {model}."),
    QT_TRANSLATE_NOOP("core", "{name} cannot be used: {reason}."),
    QT_TRANSLATE_NOOP("core", "{model} takes at most {limit} input image(s); you gave {count}."),
    QT_TRANSLATE_NOOP(
        "core",
        "{model} does not take the relay extra '{name}' (only models whose table lists it do; add it in your capabilities override if your relay takes it).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "{model} does not take '{name}'."),
    QT_TRANSLATE_NOOP("core", "not set"),
    QT_TRANSLATE_NOOP("core", "{name} needs {other} = {wanted} (it is {now})."),
    QT_TRANSLATE_NOOP("core", "The mask marks nothing to edit (no transparent pixels)."),
    QT_TRANSLATE_NOOP("core", "The mask has semi-transparent pixels; APIs read them unreliably."),
    QT_TRANSLATE_NOOP("core", "The mask covers the whole image: all of it is redrawn."),
    QT_TRANSLATE_NOOP(
        "core",
        "'{model}' is not in the capability tables. Add it to {path} to use it.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "No API key for {provider}. Add one in Settings → Providers, or set IMAGE_STUDIO_API_KEY for scripts.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "{a} or {b}"),
    QT_TRANSLATE_NOOP("core", "{a}; {b}"),
)
TEMPLATES: tuple[str, ...] = tuple(str(t) for t in _MARKED)
