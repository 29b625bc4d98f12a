"""Capability tables: what each model accepts, as data loaded from TOML.

The tables live in ``studio/resources/capabilities/*.toml`` (one file per model
family) and may be extended by a user override file. Pickers in the GUI, the
CLI's checks and the client's last check before sending all read them; adding a
model is a table edit, never a code edit.

File format (one family per file)::

    family = "gpt-image"
    order = 10                 # where this file's models sort in model lists

    [defaults]                 # deep-merged under every model of this file
    endpoints = ["generate", "edit", "stream"]   # generate|edit|variations|stream|upload
    prompt_max = 32000         # characters
    n_max = 10                 # most images one job may ask for
    n_per_request = 10         # images one request can return (dall-e-3: 1; the
                               # client splits a job into several requests)
    ...

    [models."gpt-image-1"]
    display_name = "GPT Image 1"
    relay_defined = false      # true: no official spec, the relay defines it
    note = "..."               # developer note (sources, caveats): never shown in the UI
    inherits = "gpt-image-1.5" # optional: start from another (earlier) model
    aliases = ["gpt-image-1-2025-04-15"]    # snapshots: other names of this entry
    lifecycle = { shutdown = "2026-10-23", replacements = ["gpt-image-2.5-flare"],
                  relay_may_serve = true, source = "..." }   # source: developer note

    [models."gpt-image-1".params.quality]   # keyed by the wire field name
    type = "choice"            # choice | int | bool | size | string | object
    choices = ["low", "medium", "high", "auto"]
    default = "auto"
    min = 0                    # int only (also max)
    pattern = "^[0-9]+:[0-9]+$"             # string only: a regular expression
    modes = ["generate", "edit"]            # where the field may be sent (default: all)
    only_with = { stream = [true] }         # send only when these hold
    extra = false              # relay-specific pass-through field
    label = "Quality"          # short English label and help (data, not UI strings)
    help = "..."
    remove = true              # (overrides) drop this param from the model
    fields = { "model" = { type = "string" }, "reasoning.effort" = { ... } }
                               # object only: its fields by dotted path (JSON nests
                               # them; multipart sends svg[model], svg[reasoning][effort])

    [[models."gpt-image-1".constraints]]    # cross-field rules
    when = { background = ["transparent"] }
    require = { output_format = ["png", "webp"] }
    forbid = ["mask"]          # fields that must not be set when `when` holds
    message = "A transparent background needs PNG or WebP output."

    [models."gpt-image-1".inputs]           # edit/variation inputs
    max_images = 16
    formats = ["png", "jpeg", "webp"]       # also "gif"
    max_bytes = 52428800
    square = false
    max_side = 9999            # optional, pixels
    mask = true
    mask_max_bytes = 4194304
    alpha_without_mask = false # dall-e-2: without a mask the image's alpha is the mask
    markup = false             # takes a markup PNG (arrows, notes) over the first image

    [models."gpt-image-1".output_tokens]    # quality -> size -> tokens
    low = { "1024x1024" = 272, "1024x1536" = 408, "1536x1024" = 400 }

    [models."gpt-image-1".output_tokens_meta]   # where the token counts come from
    source = "..."
    official = false

    [models."gpt-image-1".price]            # user-editable estimate
    currency = "USD"
    per_image = 0.0            # or rates, or per_image_table
    per_image_table = { standard = { "1024x1024" = 0.04 } }   # quality -> size -> price
    note = "..."               # developer note
    [models."gpt-image-1".price.rates]      # USD per 1M tokens, each with its source
    image_output = { per_million = 40.0, source = "...", official = true }
    # also text_input, text_cached, image_input, image_cached;
    # per_million_output_tokens = 40.0 is the older spelling of image_output

A ``size`` param holds ``choices`` (fixed sizes, may include "auto") and/or a
``rule`` table: ``{ multiple_of, min_side, max_side, min_pixels, max_pixels,
max_aspect }`` for free-form ``WxH``. A size is accepted when it is one of the
choices or fits the rule.

Merging: dictionaries merge key by key, everything else (lists included)
replaces. The user override file (``CONFIG/capabilities.toml``) has the same
format: ``[models."new-id"]`` adds a model (``inherits = "gpt-image-1"`` starts
from a built-in entry, ``family = "gpt-image"`` from that family's
``[defaults]``); an existing id merges over the built-in. A broken override
entry is reported (file and line) and skipped; the built-ins always load.
Parsing and merging live in :mod:`studio.core.capsload`; judging a request
against a table lives in :mod:`studio.core.validation`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.core.lifecycle import Lifecycle as Lifecycle  # re-exported for table readers
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
    OBJECT = "object"


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
    """One request parameter a model accepts: its type, choices, range and default."""

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
    #: strings only: a regular expression the whole value must match
    pattern: str | None = None
    #: objects only: the fields by dotted path ("reasoning.effort")
    fields: Mapping[str, ParamSpec] = field(default_factory=dict)


@dataclass(frozen=True)
class Constraint:
    """A rule between parameters from a model table: when ``when`` holds, ``require`` must."""

    when: Mapping[str, tuple[Any, ...]]
    require: Mapping[str, tuple[Any, ...]]
    message: str
    #: fields (or "mask") that must not be set when ``when`` holds
    forbid: tuple[str, ...] = ()


@dataclass(frozen=True)
class InputSpec:
    """What a model accepts as input images and masks for edits."""

    max_images: int = 0
    formats: tuple[str, ...] = ("png",)
    max_bytes: int = 4 * 1024 * 1024
    square: bool = False
    mask: bool = False
    mask_max_bytes: int = 4 * 1024 * 1024
    max_side: int | None = None
    #: without a mask the first image's own transparency is the mask (dall-e-2)
    alpha_without_mask: bool = False
    #: takes a ``markup`` PNG drawn over the first image (never together with a mask)
    markup: bool = False


class RateKind(enum.StrEnum):
    """Token kinds a provider bills separately."""

    TEXT_INPUT = "text_input"
    TEXT_CACHED = "text_cached"
    IMAGE_INPUT = "image_input"
    IMAGE_CACHED = "image_cached"
    IMAGE_OUTPUT = "image_output"
    #: a text model's own output (the model that drives the Responses image tool)
    TEXT_OUTPUT = "text_output"


@dataclass(frozen=True)
class Rate:
    """A price per million tokens, where it comes from, and whether the maker says so."""

    per_million: float
    source: str = ""
    official: bool = False


@dataclass(frozen=True)
class Figures:
    """Where a table of figures (token counts) comes from."""

    source: str = ""
    official: bool = False


@dataclass(frozen=True)
class Price:
    """What a model's images cost: per image, per quality and size, or by token rates."""

    currency: str = "USD"
    per_image: float | None = None
    #: quality -> size -> price per image (dall-e)
    per_image_table: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    #: token rates by kind; unknown kinds are absent (never guessed)
    rates: Mapping[RateKind, Rate] = field(default_factory=dict)
    #: developer note: never shown in the window
    note: str = ""

    @property
    def per_million_output_tokens(self) -> float | None:
        rate = self.rates.get(RateKind.IMAGE_OUTPUT)
        return None if rate is None else rate.per_million


@dataclass(frozen=True)
class ModelCaps:
    """One model's capabilities, read from its table: endpoints, parameters, limits, price."""

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
    output_tokens_meta: Figures = field(default_factory=Figures)
    price: Price | None = None
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    relay_defined: bool = False
    #: where the model's entry came from ("built-in" or the override file path)
    source: str = "built-in"
    #: developer note from the table (caveats, unconfirmed facts): never shown in the window
    note: str = ""
    #: other names of this entry (dated snapshots)
    aliases: tuple[str, ...] = ()

    def supports(self, mode: Mode) -> bool:
        return Endpoint(mode.value) in self.endpoints

    def params_for(self, mode: Mode) -> list[ParamSpec]:
        """The parameters a picker should offer for this mode, in table order."""
        return [p for p in self.params.values() if mode in p.modes]


# -- the registry --------------------------------------------------------------


@dataclass(frozen=True)
class OverrideError:
    """A problem in the user's override file, located for a person to fix."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class CapabilityRegistry:
    """All known models in a stable order, plus what went wrong in the override."""

    def __init__(
        self,
        models: Mapping[str, ModelCaps],
        override_errors: list[OverrideError] | None = None,
        text_prices: Mapping[str, Price] | None = None,
    ) -> None:
        self._models = dict(models)
        self.override_errors: list[OverrideError] = list(override_errors or [])
        #: the rates of the text models that drive the Responses image tool, by model id
        self.text_prices: dict[str, Price] = dict(text_prices or {})
        self._aliases = {
            alias: caps.id
            for caps in self._models.values()
            for alias in caps.aliases
            if alias not in self._models
        }

    def text_price(self, model_id: str) -> Price | None:
        """The rates of text model ``model_id`` (None: the tables do not price it)."""
        return self.text_prices.get(model_id)

    def get(self, model_id: str) -> ModelCaps | None:
        """A model's entry by id or by one of its aliases (snapshots)."""
        found = self._models.get(model_id)
        if found is None and model_id in self._aliases:
            found = self._models.get(self._aliases[model_id])
        return found

    def canonical(self, model_id: str) -> str:
        """The entry id an alias stands for (the id itself when it is not an alias)."""
        return self._aliases.get(model_id, model_id)

    def aliases(self) -> dict[str, str]:
        """Every alias and the id it stands for."""
        return dict(self._aliases)

    def models(self) -> list[ModelCaps]:
        return list(self._models.values())

    def ids(self) -> list[str]:
        return list(self._models)

    def upload_model(self, offered: Iterable[str] | None = None) -> ModelCaps | None:
        """The entry that describes uploads (its table lists the ``upload`` endpoint).

        With ``offered`` (a provider's models) only those count, in their order: a
        provider offers uploads when one of its models is such an entry.
        """
        candidates = self._models.values() if offered is None else map(self.get, offered)
        return next((m for m in candidates if m and Endpoint.UPLOAD in m.endpoints), None)

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._models or model_id in self._aliases

    def __iter__(self) -> Iterator[ModelCaps]:
        return iter(self._models.values())

    def __len__(self) -> int:
        return len(self._models)


def builtin_capabilities() -> CapabilityRegistry:
    """The bundled tables only (parsed once per process)."""
    from studio.core.capsload import builtin_registry

    return builtin_registry()


def load_capabilities(
    override: Path | None = None, cache_dir: Path | None = None
) -> CapabilityRegistry:
    """Built-in tables plus the user's override file ``override`` (if given and present).

    ``None`` means built-ins only; callers pass ``Paths.capabilities_override``.
    A broken override never stops the built-ins: see ``override_errors``.
    ``cache_dir`` (``Paths.cache_dir``) keeps the parsed built-in tables between starts.
    """
    if cache_dir is not None and (override is None or not override.exists()):
        from studio.core.capscache import cached_builtin_tables

        tables = cached_builtin_tables(cache_dir)
        if tables is not None:  # the usual start: no TOML read, no table code imported
            return CapabilityRegistry(dict(tables.caps), text_prices=tables.text_prices)
    from studio.core.capsload import load_registry

    return load_registry(override, cache_dir)
