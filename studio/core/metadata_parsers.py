"""Parsers for the layouts other image tools (and the studio) write into files.

Each takes already bounded, already decoded input (see ``metadata_read``) and
returns :class:`FoundSettings` or None; none of them raises on odd content.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from studio.core.history.rows import clean_params
from studio.core.metadata_types import FoundSettings

#: one ``Key: value`` of the settings line (keys are short: the bound keeps a long
#: line without one linear instead of quadratic)
_SETTING = re.compile(r'\s*(\w[\w \-/]{0,40}):\s*("(?:\\.|[^\\"]){0,4096}"|[^,]{0,4096})(?:,|$)')
MAX_SETTINGS_LINE = 4096
_SIZE = re.compile(r"^\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*$")
MAX_NODES = 5_000


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 24:
        return int(value)
    return None


def _size(width: object, height: object) -> str | None:
    w, h = _int(width), _int(height)
    return f"{w}x{h}" if w and h and w > 0 and h > 0 else None


def parse_studio(data: Mapping[str, Any]) -> FoundSettings | None:
    """The studio's own record (``image-studio`` iTXt or XMP)."""
    if data.get("generator") != "Image Studio":
        return None
    params = data.get("params")
    params = clean_params(params) if isinstance(params, dict) else {}
    size = params.get("size")
    return FoundSettings(
        source="Image Studio",
        prompt=_text(data.get("prompt")),
        negative_prompt=_text(params.get("negative_prompt")),
        size=size if isinstance(size, str) else None,
        model=_text(data.get("model")),
        seed=_int(params.get("seed")),
        provider=_text(data.get("provider_id")),
        quality=_text(params.get("quality")),
        mode=_text(data.get("mode")),
        params=params,
    )


def parse_a1111(text: str, source: str = "AUTOMATIC1111") -> FoundSettings | None:
    """AUTOMATIC1111's ``parameters``: the prompt, ``Negative prompt: …``, then one
    line of ``Key: value`` settings (the layout the studio writes too)."""
    lines = text.strip().split("\n")
    settings: dict[str, str] = {}
    last = lines[-1] if lines else ""
    pairs = _SETTING.findall(last) if len(last) <= MAX_SETTINGS_LINE else []
    if len(lines) > 1 and len(pairs) >= 1 and last.count(":") >= 1:
        settings = {k.strip(): v.strip().strip('"') for k, v in pairs}
        lines = lines[:-1]
    prompt_lines: list[str] = []
    negative_lines: list[str] = []
    for line in lines:
        if line.startswith("Negative prompt:"):
            negative_lines.append(line[len("Negative prompt:") :].strip())
        elif negative_lines:
            negative_lines.append(line)
        else:
            prompt_lines.append(line)
    size = settings.get("Size")
    m = _SIZE.match(size) if size else None
    return FoundSettings(
        source=source,
        prompt=_text("\n".join(prompt_lines).strip()),
        negative_prompt=_text("\n".join(negative_lines).strip()),
        size=f"{m.group(1)}x{m.group(2)}" if m else None,
        model=_text(settings.get("Model")),
        seed=_int(settings.get("Seed")),
        provider=_text(settings.get("Provider")),
        quality=_text(settings.get("Quality")),
    )


def parse_comfy_prompt(graph: Mapping[str, Any]) -> FoundSettings | None:
    """ComfyUI's API-format ``prompt``: ``{node_id: {"class_type", "inputs"}}``.

    The sampler's ``positive`` and ``negative`` links lead to the text encoders;
    its ``latent_image`` to the size; the checkpoint loader gives the model."""
    nodes = {str(k): v for k, v in list(graph.items())[:MAX_NODES] if isinstance(v, dict)}

    def inputs(node: Any) -> dict[str, Any]:
        value = node.get("inputs") if isinstance(node, dict) else None
        return value if isinstance(value, dict) else {}

    def follow(link: object, depth: int = 0) -> dict[str, Any] | None:
        if isinstance(link, list) and link and depth < 16:
            node = nodes.get(str(link[0]))
            return node if isinstance(node, dict) else None
        return None

    def text_of(node: dict[str, Any] | None, depth: int = 0) -> str | None:
        if node is None or depth > 16:
            return None
        ins = inputs(node)
        for key in ("text", "text_g", "prompt"):
            if isinstance(ins.get(key), str):
                return str(ins[key])
            if isinstance(ins.get(key), list):
                return text_of(follow(ins[key]), depth + 1)
        for key in ("conditioning", "conditioning_1", "positive"):
            if isinstance(ins.get(key), list):
                return text_of(follow(ins[key]), depth + 1)
        return None

    samplers = [n for n in nodes.values() if "Sampler" in str(n.get("class_type", ""))]
    positive = negative = size = model = None
    seed = None
    for node in samplers:
        ins = inputs(node)
        positive = positive or text_of(follow(ins.get("positive")))
        negative = negative or text_of(follow(ins.get("negative")))
        seed = seed if seed is not None else _int(ins.get("seed", ins.get("noise_seed")))
        latent = follow(ins.get("latent_image"))
        if latent is not None and size is None:
            size = _size(inputs(latent).get("width"), inputs(latent).get("height"))
    if positive is None:
        texts = [
            str(inputs(n)["text"])
            for n in nodes.values()
            if "CLIPTextEncode" in str(n.get("class_type", ""))
            and isinstance(inputs(n).get("text"), str)
        ]
        positive = texts[0] if texts else None
    for node in nodes.values():
        ckpt = inputs(node).get("ckpt_name") or inputs(node).get("unet_name")
        if isinstance(ckpt, str):
            model = ckpt
            break
    if positive is None and seed is None and size is None:
        return None
    return FoundSettings(
        source="ComfyUI",
        prompt=_text(positive),
        negative_prompt=_text(negative),
        size=size,
        model=model,
        seed=seed,
    )


def parse_comfy_workflow(graph: Mapping[str, Any]) -> FoundSettings | None:
    """ComfyUI's UI-format ``workflow``: ``{"nodes": [{"type", "widgets_values"}]}``."""
    nodes = graph.get("nodes")
    if not isinstance(nodes, list):
        return None
    texts: list[str] = []
    seed = size = model = None
    for node in nodes[:MAX_NODES]:
        if not isinstance(node, dict):
            continue
        kind = str(node.get("type", ""))
        values = node.get("widgets_values")
        values = values if isinstance(values, list) else []
        if "CLIPTextEncode" in kind and values and isinstance(values[0], str):
            texts.append(values[0])
        elif "KSampler" in kind and values and seed is None:
            seed = _int(values[0])
        elif "EmptyLatentImage" in kind and len(values) >= 2 and size is None:
            size = _size(values[0], values[1])
        elif "CheckpointLoader" in kind and values and isinstance(values[0], str):
            model = values[0]
    if not texts and seed is None:
        return None
    return FoundSettings(
        source="ComfyUI",
        prompt=_text(texts[0]) if texts else None,
        negative_prompt=_text(texts[1]) if len(texts) > 1 else None,
        size=size,
        model=model,
        seed=seed,
    )


def parse_invokeai(data: Mapping[str, Any]) -> FoundSettings | None:
    """InvokeAI's ``invokeai_metadata`` JSON."""
    model = data.get("model")
    name = model.get("name") or model.get("model_name") if isinstance(model, dict) else model
    prompt = data.get("positive_prompt")
    if prompt is None:
        return None
    return FoundSettings(
        source="InvokeAI",
        prompt=_text(prompt),
        negative_prompt=_text(data.get("negative_prompt")),
        size=_size(data.get("width"), data.get("height")),
        model=_text(name),
        seed=_int(data.get("seed")),
    )
