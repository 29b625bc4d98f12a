"""What OpenAI's 2.x image models take beyond the older fields, checked as the API does.

Unknown fields are refused by name (``unknown_parameter``); GIF, SVG and the
transparent background have their cross-field rules; ``complexity`` and the
GIF/SVG fields exist only where the model takes them. The sandbox's own rules,
kept apart from the app's tables on purpose (a test compares the two).
"""

from __future__ import annotations

import re
from typing import Any

from studio.sandbox.models import SandboxModel, invalid, parse_choice, parse_int

SVG_EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh", "max")
_FORM_KEY = re.compile(r"^([A-Za-z_]+)((?:\[[A-Za-z_]+\])+)$")


def fold_form(fields: dict[str, Any]) -> dict[str, Any]:
    """Multipart ``svg[reasoning][effort]`` fields as the nested object JSON would carry."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        m = _FORM_KEY.match(name)
        if m is None or name.endswith("[]"):
            out[name] = value
            continue
        node = out.setdefault(m.group(1), {})
        if not isinstance(node, dict):
            raise invalid(f"Invalid type for '{m.group(1)}': expected an object.", m.group(1))
        keys = re.findall(r"\[([A-Za-z_]+)\]", m.group(2))
        for key in keys[:-1]:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise invalid(f"Invalid type for '{name}'.", name)
        node[keys[-1]] = value
    return out


def check_unknown(model: SandboxModel, body: dict[str, Any]) -> None:
    """Refuse a field the model does not take (models with a known field list only)."""
    if model.fields is None:
        return
    known = model.fields | {"model", "prompt"}
    for name, value in body.items():
        if name not in known and value is not None:
            raise invalid(f"Unknown parameter: '{name}'.", name, "unknown_parameter")


def parse_extras(model: SandboxModel, body: dict[str, Any], output_format: str) -> dict[str, Any]:
    """complexity, frame_count, frame_duration_ms, svg and safety_identifier, checked."""
    out: dict[str, Any] = {}
    if body.get("complexity") not in (None, ""):
        out["complexity"] = parse_choice(
            body.get("complexity"), "complexity", ("low", "medium", "high"), "high"
        )
    gif_only = ("frame_count", "frame_duration_ms")
    for name in gif_only:
        if body.get(name) not in (None, "") and output_format != "gif":
            raise invalid(f"'{name}' is only supported with output_format=gif.", name)
    if output_format == "gif":
        out["frame_count"] = parse_int(body.get("frame_count"), "frame_count", 2, 16, 9)
        out["frame_duration_ms"] = parse_int(
            body.get("frame_duration_ms"), "frame_duration_ms", 20, 655_350, 200
        )
    svg = body.get("svg")
    if svg not in (None, ""):
        if output_format != "svg":
            raise invalid("'svg' is only supported with output_format=svg.", "svg")
        if not isinstance(svg, dict) or not isinstance(svg.get("model"), str):
            raise invalid("Invalid 'svg': expected an object with a 'model' string.", "svg")
        unknown = set(svg) - {"model", "reasoning"}
        if unknown:
            raise invalid(f"Unknown parameter: 'svg.{sorted(unknown)[0]}'.", "svg")
        reasoning = svg.get("reasoning")
        if reasoning is not None:
            if not isinstance(reasoning, dict) or set(reasoning) - {"effort"}:
                raise invalid("Invalid 'svg.reasoning': expected {'effort': ...}.", "svg")
            parse_choice(reasoning.get("effort"), "svg.reasoning.effort", SVG_EFFORTS, "medium")
        out["svg"] = svg
    ident = body.get("safety_identifier")
    if ident not in (None, ""):
        if not isinstance(ident, str) or len(ident) > 64:
            raise invalid(
                "Invalid 'safety_identifier': string too long. Expected a string with maximum "
                "length 64.",
                "safety_identifier",
                "string_above_max_length",
            )
        out["safety_identifier"] = ident
    elif isinstance(body.get("user"), str) and body.get("user"):
        out["safety_identifier"] = body["user"]
    return out


def check_cross(
    body: dict[str, Any], output_format: str, background: str, n: int, *, has_mask: bool
) -> None:
    """GIF and SVG exclusions and the transparent-background rule, as OpenAI words them."""
    streams = str(body.get("stream", "")).lower() == "true" or body.get("stream") is True
    partial = body.get("partial_images") not in (None, "")
    compression = body.get("output_compression") not in (None, "")
    if output_format == "gif":
        for bad, name in (
            (streams, "stream"),
            (partial, "partial_images"),
            (has_mask, "mask"),
            (compression, "output_compression"),
        ):
            if bad:
                raise invalid(f"GIF output does not support '{name}'.", name)
    if output_format == "svg":
        if n != 1:
            raise invalid("SVG output requires n=1.", "n")
        for bad, name in (
            (streams, "stream"),
            (partial, "partial_images"),
            (compression, "output_compression"),
        ):
            if bad:
                raise invalid(f"SVG output does not support '{name}'.", name)
    if background == "transparent" and output_format not in ("png", "webp"):
        raise invalid(
            "Transparent background is only supported for the png and webp output formats.",
            "background",
        )
