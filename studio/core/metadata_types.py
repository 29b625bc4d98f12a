"""What a file's metadata says about the settings that made it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FoundSettings:
    """Settings read from an image, as the composer would take them.

    ``source`` names the tool whose layout they were read from (``Image Studio``,
    ``AUTOMATIC1111``, ``ComfyUI``, ``InvokeAI`` or ``XMP``). ``params`` holds the
    studio's own wire parameters (empty for other tools), ``provider`` a provider id
    for the studio's own files and the tool's provider name otherwise."""

    source: str
    prompt: str | None = None
    negative_prompt: str | None = None
    size: str | None = None
    model: str | None = None
    seed: int | None = None
    provider: str | None = None
    quality: str | None = None
    mode: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
