"""Capability tables: what each model accepts, as data loaded from TOML.

The tables live in ``resources/capabilities/*.toml`` (one file per model
family) and may be extended by a user override file. Pickers in the GUI, the
CLI's checks and the client's last check before sending all read them; adding a
model is a table edit, never a code edit.

File format (one family per file)::

    family = "gpt-image"

    [defaults]                 # deep-merged under every model of this file
    endpoints = ["generate", "edit", "stream"]
    prompt_max = 32000
    n_per_request = 10         # images one request can return (dall-e-3: 1)
    ...

    [models."gpt-image-1"]
    display_name = "GPT Image 1"
    relay_defined = false      # true: no official spec, the relay defines it
    lifecycle = { note = "...", retired = "2026-10-23", relay_only = true }

    [models."gpt-image-1".params.quality]   # keyed by the wire field name
    type = "choice"            # choice | int | bool | size | string
    choices = ["low", "medium", "high", "auto"]
    default = "auto"
    modes = ["generate", "edit"]            # where the field may be sent
    only_with = { stream = [true] }         # send only when these hold
    extra = false              # relay-specific pass-through field

    [[models."gpt-image-1".constraints]]    # cross-field rules
    when = { background = ["transparent"] }
    require = { output_format = ["png", "webp"] }
    message = "A transparent background needs PNG or WebP output."

    [models."gpt-image-1".inputs]           # edit/variation inputs
    max_images = 16
    formats = ["png", "jpeg", "webp"]
    max_bytes = 52428800
    square = false
    mask = true
    mask_max_bytes = 4194304

    [models."gpt-image-1".output_tokens]    # quality -> size -> tokens
    low = { "1024x1024" = 272, "1024x1536" = 408, "1536x1024" = 400 }

    [models."gpt-image-1".price]            # user-editable estimate
    currency = "USD"
    per_image = 0.0            # or per_million_output_tokens
    per_million_output_tokens = 40.0

A ``size`` param holds ``choices`` (fixed sizes, may include "auto") and/or a
``rule`` table: ``{ multiple_of, min_side, max_side, min_pixels, max_pixels,
max_aspect }`` for free-form ``WxH``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from studio.core.request import Mode


class Endpoint(enum.StrEnum):
    GENERATE = "generate"
    EDIT = "edit"
    VARIATIONS = "variations"
    STREAM = "stream"
    UPLOAD = "upload"


class ParamType(enum.StrEnum):
    CHOICE = "choice"
    INT = "int"
    BOOL = "bool"
    SIZE = "size"
    STRING = "string"


@dataclass(frozen=True)
class SizeRule:
    """A free-form ``WxH`` rule (gpt-image-2, seedream)."""

    multiple_of: int = 1
    min_side: int = 1
    max_side: int = 100_000
    min_pixels: int = 1
    max_pixels: int = 10**12
    max_aspect: float = 1000.0


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: ParamType
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    modes: frozenset[Mode] = frozenset(Mode)
    only_with: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    extra: bool = False
    rule: SizeRule | None = None
    label: str = ""
    help: str = ""


@dataclass(frozen=True)
class Constraint:
    when: Mapping[str, tuple[Any, ...]]
    require: Mapping[str, tuple[Any, ...]]
    message: str


@dataclass(frozen=True)
class InputSpec:
    max_images: int = 0
    formats: tuple[str, ...] = ("png",)
    max_bytes: int = 4 * 1024 * 1024
    square: bool = False
    mask: bool = False
    mask_max_bytes: int = 4 * 1024 * 1024
    max_side: int | None = None


@dataclass(frozen=True)
class Lifecycle:
    note: str = ""
    retired: str | None = None
    relay_only: bool = False


@dataclass(frozen=True)
class Price:
    currency: str = "USD"
    per_image: float | None = None
    per_million_output_tokens: float | None = None


@dataclass(frozen=True)
class ModelCaps:
    id: str
    family: str
    display_name: str
    endpoints: frozenset[Endpoint]
    prompt_max: int
    n_max: int = 10
    n_per_request: int = 10
    params: Mapping[str, ParamSpec] = field(default_factory=dict)
    constraints: tuple[Constraint, ...] = ()
    inputs: InputSpec = field(default_factory=InputSpec)
    output_tokens: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    price: Price | None = None
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    relay_defined: bool = False
    #: where the model's entry came from ("built-in" or the override file path)
    source: str = "built-in"

    def supports(self, mode: Mode) -> bool:
        return Endpoint(mode.value) in self.endpoints

    def params_for(self, mode: Mode) -> list[ParamSpec]:
        """The parameters a picker should offer for this mode, in table order."""
        return [p for p in self.params.values() if mode in p.modes]
