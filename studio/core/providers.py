"""Provider profiles: where requests go and how the key is presented.

Built-ins come from ``studio/resources/providers.toml``; custom providers (and edits
to a built-in's address or headers) come from the settings file. A key is never
part of a profile: it lives in the OS keyring (see :mod:`studio.core.secrets`).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from studio.core.resources import resource

if TYPE_CHECKING:
    from studio.core.capabilities import ModelCaps, ParamSpec

SANDBOX_ID = "sandbox"
#: the protocol a provider speaks when its entry does not say (see studio.core.provider_client)
DEFAULT_PROTOCOL = "images"
EMBEDDED = "embedded"


class AuthStyle(enum.StrEnum):
    BEARER = "bearer"  # Authorization: Bearer KEY
    RAW = "raw"  # Authorization: KEY (DMXAPI's documented form)
    NONE = "none"  # no key (the sandbox)


@dataclass(frozen=True)
class Provider:
    """A provider profile: where requests go and how the key is presented."""

    id: str
    name: str
    base_url: str
    auth: AuthStyle = AuthStyle.BEARER
    models: tuple[str, ...] = ()
    default_model: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    models_endpoint: bool = True
    builtin: bool = True
    #: which client talks to it (a name in studio.core.provider_client's registry)
    protocol: str = DEFAULT_PROTOCOL
    #: a relay that may keep serving models after their maker shut them down
    serves_retired: bool = True
    #: the user allowed an ``http://`` address to another machine (key in cleartext)
    allow_plain_http: bool = False
    #: a local file's upload sends its bytes as a data URL (a remote server cannot
    #: read a path on this machine); off by default
    upload_data_url: bool = False
    #: takes edits as a JSON body, so inputs may be URLs or file ids (OpenAI's newer form)
    json_edits: bool = False
    #: relay extras (``extra = true`` parameters of the tables, like seed) it takes
    extras: tuple[str, ...] = ()
    #: offers the Responses API's ``image_generation`` tool (conversations)
    image_tool: bool = False
    #: the text model that drives the image tool here (table data, never in code)
    image_tool_text_model: str = ""

    @property
    def needs_key(self) -> bool:
        return self.auth is not AuthStyle.NONE

    @property
    def is_sandbox(self) -> bool:
        return self.id == SANDBOX_ID

    @property
    def host(self) -> str:
        """``scheme://host:port`` of the API; the only origin that ever gets the key."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    def with_base_url(self, base_url: str) -> Provider:
        return replace(self, base_url=base_url.rstrip("/"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "base_url": self.base_url,
            "auth": self.auth.value,
            "models": list(self.models),
            "default_model": self.default_model,
            "headers": dict(self.headers),
            "models_endpoint": self.models_endpoint,
            "serves_retired": self.serves_retired,
            "allow_plain_http": self.allow_plain_http,
            "upload_data_url": self.upload_data_url,
            "protocol": self.protocol,
            "json_edits": self.json_edits,
            "extras": list(self.extras),
            "image_tool": self.image_tool,
            "image_tool_text_model": self.image_tool_text_model,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, builtin: bool = False) -> Provider:
        return cls(
            id=str(data["id"]),
            name=str(data.get("name") or data["id"]),
            base_url=str(data.get("base_url", "")).rstrip("/"),
            auth=AuthStyle(str(data.get("auth", "bearer")).lower()),
            models=tuple(str(m) for m in data.get("models", ())),
            default_model=str(data.get("default_model", "")),
            headers={str(k): str(v) for k, v in dict(data.get("headers", {})).items()},
            models_endpoint=bool(data.get("models_endpoint", True)),
            builtin=builtin,
            serves_retired=bool(data.get("serves_retired", True)),
            allow_plain_http=data.get("allow_plain_http") is True,
            upload_data_url=data.get("upload_data_url") is True,
            protocol=str(data.get("protocol") or DEFAULT_PROTOCOL),
            json_edits=bool(data.get("json_edits", False)),
            extras=tuple(str(x) for x in data.get("extras", ()) or ()),
            image_tool=data.get("image_tool") is True,
            image_tool_text_model=str(data.get("image_tool_text_model") or ""),
        )

    def offers(self, caps: ModelCaps, spec: ParamSpec) -> bool:
        """Whether a picker offers ``spec`` of model ``caps`` on this provider.

        A relay extra on a model with an official spec (seed on gpt-image-1) is offered
        only where the provider declares it; a relay-defined model's parameters are
        the relay's own, so they always are."""
        return not spec.extra or caps.relay_defined or spec.name in self.extras


@functools.cache
def _builtin_table() -> Mapping[str, Any]:
    """``providers.toml``, parsed once per process: a start asks for the built-ins several
    times (settings, the CLI's ``--base-url``). Once the capability tables came from their
    cache (the usual start) it is taken from there: tomllib is pure Python, and importing
    it and parsing the file is a few milliseconds of every CLI run."""
    from studio.core import capscache

    if capscache.loaded is not None and capscache.loaded.providers:
        return capscache.loaded.providers
    return parse_builtin_table()


def parse_builtin_table() -> dict[str, Any]:
    """``providers.toml`` as read from the package (what the table cache keeps)."""
    import tomllib

    with resource("providers.toml").open("rb") as fh:
        return tomllib.load(fh)


#: the built-in providers made from one table object (they are frozen, so shared)
_made: tuple[Mapping[str, Any], dict[str, Provider]] | None = None


def builtin_providers() -> dict[str, Provider]:
    """A new dict of the built-in providers, made once per table: every member of a
    batch asks for its provider, and making the fourteen of them is a millisecond."""
    global _made
    table = _builtin_table()
    if _made is None or _made[0] is not table:
        # from_dict copies what it keeps: the cached table is never handed out
        _made = (
            table,
            {
                pid: Provider.from_dict({"id": pid, **entry}, builtin=True)
                for pid, entry in table["providers"].items()
            },
        )
    return dict(_made[1])


def custom_provider(base_url: str, auth: AuthStyle = AuthStyle.BEARER) -> Provider:
    """The provider used for ``--base-url`` without ``--provider``."""
    base = builtin_providers()["custom"]
    return replace(base, base_url=base_url.rstrip("/"), auth=auth, builtin=False)


def merge_providers(
    builtins: Mapping[str, Provider], user_entries: list[Mapping[str, Any]]
) -> dict[str, Provider]:
    """Built-ins overlaid with the user's entries (same id edits, new id adds)."""
    merged = dict(builtins)
    for entry in user_entries:
        pid = str(entry.get("id", ""))
        if not pid:
            continue
        if pid in merged:
            base = merged[pid].to_dict()
            base.update({k: v for k, v in entry.items() if v is not None})
            merged[pid] = Provider.from_dict(base, builtin=merged[pid].builtin)
        else:
            merged[pid] = Provider.from_dict(entry, builtin=False)
    return merged
