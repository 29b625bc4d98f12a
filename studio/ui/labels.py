"""Translated names for the wire parameters the capability tables use.

The tables are data (a new model is a table edit), so their own ``label`` is
shown for names this list does not know; the common ones get a translated name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio.core.capabilities import ParamSpec


def _t(text: str) -> str:
    return QCoreApplication.translate("ParamLabels", text)


def param_label(spec: ParamSpec) -> str:
    known = {
        "size": _t("Size"),
        "quality": _t("Quality"),
        "n": _t("Images"),
        "output_format": _t("Format"),
        "output_compression": _t("Compression"),
        "background": _t("Background"),
        "moderation": _t("Moderation"),
        "style": _t("Style"),
        "seed": _t("Seed"),
        "aspect_ratio": _t("Aspect ratio"),
        "input_fidelity": _t("Input fidelity"),
        "stream": _t("Stream"),
        "partial_images": _t("Partial images"),
        "response_format": _t("Response format"),
        "watermark": _t("Watermark"),
        "negative_prompt": _t("Negative prompt"),
        "user": _t("User"),
    }
    return known.get(spec.name) or spec.label or spec.name.replace("_", " ").capitalize()


def param_help(spec: ParamSpec) -> str:
    known = {
        "size": _t("Width x height of the result; some models accept any WxH within a rule."),
        "quality": _t("Higher quality costs more output tokens and takes longer."),
        "n": _t("How many images to make from this prompt."),
        "output_format": _t("File format of the result."),
        "output_compression": _t("0–100; only for JPEG and WebP output."),
        "background": _t("A transparent background needs PNG or WebP output."),
        "moderation": _t("How strict the provider's content filter is."),
        "style": _t("Vivid leans to dramatic images, natural to realistic ones."),
        "seed": _t("The same seed with the same prompt gives similar images."),
        "aspect_ratio": _t("Shape of the result, such as 16:9."),
        "input_fidelity": _t("How closely the result keeps faces and details of the inputs."),
        "stream": _t(
            "Receive partial images while the result is made; "
            "keeps proxies from cutting long requests."
        ),
        "partial_images": _t("How many previews to stream before the final image."),
    }
    text = known.get(spec.name) or spec.help or ""
    if spec.extra:
        extra = _t("Relay-specific parameter passed through as is.")
        text = f"{text} {extra}".strip()
    return text or param_label(spec)
