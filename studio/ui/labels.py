"""Translated names for the wire parameters the capability tables use.

The tables are data (a new model is a table edit), so their own ``label`` is
shown for names this list does not know; the common ones get a translated name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from studio.core.capabilities import CapabilityRegistry, ParamSpec, ParamType
from studio.core.providers import Provider


def _names() -> dict[str, str]:
    return {
        "size": QCoreApplication.translate("ParamLabels", "Size"),
        "quality": QCoreApplication.translate("ParamLabels", "Quality"),
        "n": QCoreApplication.translate("ParamLabels", "Images"),
        "output_format": QCoreApplication.translate("ParamLabels", "Format"),
        "output_compression": QCoreApplication.translate("ParamLabels", "Compression"),
        "background": QCoreApplication.translate("ParamLabels", "Background"),
        "moderation": QCoreApplication.translate("ParamLabels", "Moderation"),
        "style": QCoreApplication.translate("ParamLabels", "Style"),
        "seed": QCoreApplication.translate("ParamLabels", "Seed"),
        "aspect_ratio": QCoreApplication.translate("ParamLabels", "Aspect ratio"),
        "input_fidelity": QCoreApplication.translate("ParamLabels", "Input fidelity"),
        "stream": QCoreApplication.translate("ParamLabels", "Stream"),
        "partial_images": QCoreApplication.translate("ParamLabels", "Partial images"),
        "response_format": QCoreApplication.translate("ParamLabels", "Response format"),
        "watermark": QCoreApplication.translate("ParamLabels", "Watermark"),
        "negative_prompt": QCoreApplication.translate("ParamLabels", "Negative prompt"),
        "user": QCoreApplication.translate("ParamLabels", "User"),
        "complexity": QCoreApplication.translate("ParamLabels", "Complexity"),
        "safety_identifier": QCoreApplication.translate("ParamLabels", "End-user id"),
        "mask": QCoreApplication.translate("ParamLabels", "Mask"),
        "frame_count": QCoreApplication.translate("ParamLabels", "Frames"),
        "frame_duration_ms": QCoreApplication.translate("ParamLabels", "Frame time (ms)"),
        "svg": QCoreApplication.translate("ParamLabels", "SVG author"),
    }


def param_label(spec: ParamSpec) -> str:
    return _names().get(spec.name) or spec.label or spec.name.replace("_", " ").capitalize()


def param_name(name: str) -> str:
    """The translated name of a wire field, for sentences (the name itself when unknown)."""
    return _names().get(name, name)


def _choice_names() -> dict[str, str]:
    """The tables' common choice words in the interface language (English: as sent)."""
    return {
        "auto": QCoreApplication.translate("ParamChoices", "auto"),
        "none": QCoreApplication.translate("ParamChoices", "none"),
        "minimal": QCoreApplication.translate("ParamChoices", "minimal"),
        "low": QCoreApplication.translate("ParamChoices", "low"),
        "medium": QCoreApplication.translate("ParamChoices", "medium"),
        "high": QCoreApplication.translate("ParamChoices", "high"),
        "xhigh": QCoreApplication.translate("ParamChoices", "xhigh"),
        "max": QCoreApplication.translate("ParamChoices", "max"),
        "standard": QCoreApplication.translate("ParamChoices", "standard"),
        "hd": QCoreApplication.translate("ParamChoices", "hd"),
        "vivid": QCoreApplication.translate("ParamChoices", "vivid"),
        "natural": QCoreApplication.translate("ParamChoices", "natural"),
        "opaque": QCoreApplication.translate("ParamChoices", "opaque"),
        "transparent": QCoreApplication.translate("ParamChoices", "transparent"),
    }


def choice_label(value: object) -> str:
    """What a picker shows for a table's choice ``value``: a known word in the interface
    language, anything else (sizes, formats, ids) as the API spells it. Only the shown
    text: the picker's data, the value sent, stays ``value``."""
    known = known_choice(value)
    return str(value) if known is None else known


def known_choice(value: object) -> str | None:
    """``value``'s words in the interface language, or None for a value not known here."""
    return _choice_names().get(value) if isinstance(value, str) else None


def relabel_choices(combo: QComboBox) -> None:
    """Each choice's shown words in the current language (its data, the value, stays)."""
    typed = combo.currentText()
    chosen = combo.itemText(combo.currentIndex())
    blocked = combo.blockSignals(True)  # an editable picker's text changes: no edit
    try:
        for i in range(combo.count()):
            text = known_choice(combo.itemData(i))  # a size preset keeps its own words
            if text is not None:
                combo.setItemText(i, text)
        if combo.isEditable() and typed != chosen:
            combo.setEditText(typed)  # a size being typed stays as typed
    finally:
        combo.blockSignals(blocked)


def param_help(spec: ParamSpec) -> str:
    known = {
        "size": QCoreApplication.translate(
            "ParamLabels", "Width x height of the result; some models accept any WxH within a rule."
        ),
        "quality": QCoreApplication.translate(
            "ParamLabels", "Higher quality costs more output tokens and takes longer."
        ),
        "n": QCoreApplication.translate("ParamLabels", "How many images to make from this prompt."),
        "output_format": QCoreApplication.translate("ParamLabels", "File format of the result."),
        "output_compression": QCoreApplication.translate(
            "ParamLabels", "0–100; only for JPEG and WebP output."
        ),
        "background": QCoreApplication.translate(
            "ParamLabels", "A transparent background needs PNG or WebP output."
        ),
        "moderation": QCoreApplication.translate(
            "ParamLabels", "How strict the provider's content filter is."
        ),
        "style": QCoreApplication.translate(
            "ParamLabels", "Vivid leans to dramatic images, natural to realistic ones."
        ),
        "seed": QCoreApplication.translate(
            "ParamLabels", "The same seed with the same prompt gives similar images."
        ),
        "aspect_ratio": QCoreApplication.translate(
            "ParamLabels", "Shape of the result, such as 16:9."
        ),
        "input_fidelity": QCoreApplication.translate(
            "ParamLabels", "How closely the result keeps faces and details of the inputs."
        ),
        "stream": QCoreApplication.translate(
            "ParamLabels",
            "Receive partial images while the result is made; "
            "keeps proxies from cutting long requests.",
        ),
        "partial_images": QCoreApplication.translate(
            "ParamLabels", "How many previews to stream before the final image."
        ),
        "complexity": QCoreApplication.translate(
            "ParamLabels",
            "Effort the model spends planning the picture before drawing it, separate from "
            "quality; higher costs more.",
        ),
        "safety_identifier": QCoreApplication.translate(
            "ParamLabels", "A stable id of your end user, sent to help the provider detect abuse."
        ),
        "frame_count": QCoreApplication.translate(
            "ParamLabels", "How many frames the GIF animation has."
        ),
        "frame_duration_ms": QCoreApplication.translate(
            "ParamLabels", "How long each GIF frame shows, in milliseconds (rounded to 10)."
        ),
        "svg": QCoreApplication.translate(
            "ParamLabels",
            "The text model that writes the SVG and how hard it reasons; "
            "empty lets the provider choose.",
        ),
    }
    text = known.get(spec.name) or spec.help or ""
    if spec.extra:
        extra = QCoreApplication.translate(
            "ParamLabels", "Relay-specific parameter passed through as is."
        )
        text = f"{text} {extra}".strip()
    return text or param_label(spec)


def param_caption(spec: ParamSpec) -> str:
    """The one line shown under a picker that needs explaining ("" for the others)."""
    if spec.name == "complexity":
        return QCoreApplication.translate(
            "ParamLabels",
            "Planning effort (layout, text, many objects), separate from quality; "
            "higher costs more.",
        )
    if spec.type is ParamType.SIZE and spec.rule is not None:
        r = spec.rule
        return (
            QCoreApplication.translate(
                "ParamLabels",
                "Or type any W×H: sides multiples of %1, long side up to %2, at most %3:1.",
            )
            .replace("%1", str(r.multiple_of))
            .replace("%2", str(r.max_side))
            .replace("%3", f"{r.max_aspect:g}")
        )
    return ""


def _provider_names() -> dict[str, tuple[str, str]]:
    """Built-in provider id -> (its name in providers.toml, that name translated)."""
    return {
        "sandbox": (
            "Sandbox (offline)",
            QCoreApplication.translate("ProviderNames", "Sandbox (offline)"),
        ),
        "newapi": (
            "new-api / one-api relay",
            QCoreApplication.translate("ProviderNames", "new-api / one-api relay"),
        ),
        "custom": (
            "Custom OpenAI-compatible",
            QCoreApplication.translate("ProviderNames", "Custom OpenAI-compatible"),
        ),
    }


def provider_name(p: Provider) -> str:
    """The name to show for ``p``: a built-in's own name in the current language
    (a name the user typed, or a built-in renamed, is shown as written)."""
    known = _provider_names().get(p.id)
    if p.builtin and known is not None and p.name in (known[0], ""):
        return known[1]
    if p.is_sandbox and p.builtin:
        return _provider_names()["sandbox"][1]
    return p.name


def stored_provider_name(provider_id: str, name: str) -> str:
    """The name to show for a provider as a group stored it (its id and the name it had
    then): a built-in's English name in the current language, any other name as written."""
    known = _provider_names().get(provider_id)
    if known is not None and name in (known[0], ""):
        return known[1]
    return name or provider_id


def model_name(registry: CapabilityRegistry, model: str) -> str:
    """The name the model picker shows for ``model`` ("GPT Image 2" for gpt-image-2): the
    tables' display name, else the id itself (a model the tables do not know)."""
    caps = registry.get(model)
    return caps.display_name if caps is not None and caps.display_name else model
