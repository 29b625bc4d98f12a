"""How the studio talks to a provider: the client protocol and the registry of protocols.

A provider's table entry names the protocol it speaks (``protocol = "images"``,
the default: OpenAI's Images API and the relays that copy it). Everything that
belongs to one protocol (endpoints, how the key is presented, how an error body
reads, streaming) lives with that protocol's client. Adding a protocol is one
new module with a class that satisfies :class:`ProviderClient`, plus one entry
in :data:`_BUILTIN` (or a :func:`register_protocol` call).

The images protocol: :mod:`studio.core.client` (endpoints, key headers by the
entry's ``auth`` style, splitting ``n``), with :mod:`~studio.core.wire` /
:mod:`~studio.core.wire_json` (request bodies), :mod:`~studio.core.responses` and
:mod:`~studio.core.streaming` (replies), :mod:`~studio.core.errorparse` (error
bodies, relays' quirks included).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self, runtime_checkable

from studio.core.errors import Problem, StudioError
from studio.core.providers import DEFAULT_PROTOCOL, Provider

if TYPE_CHECKING:
    from studio.core.cancel import CancelToken
    from studio.core.capabilities import CapabilityRegistry
    from studio.core.events import ClientEventSink
    from studio.core.http import HttpSettings
    from studio.core.journal import Journal, JournalEntry
    from studio.core.responses import UploadResult
    from studio.core.result import ImageResult
    from studio.core.validated import ValidatedRequest


class ProviderClient(Protocol):
    """One provider, one key, one connection pool; closed after use (``with``)."""

    def run(
        self,
        valid: ValidatedRequest,
        *,
        cancel: CancelToken | None = None,
        on_event: ClientEventSink | None = None,
    ) -> ImageResult:
        """Send the job, report events as they happen, gather its images.

        Paid replies are written to the journal before they are parsed; a cancel
        through ``cancel`` ends the call promptly with a cancelled error."""
        ...

    def list_models(self, cancel: CancelToken | None = None) -> list[str]:
        """The model ids the provider offers."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


@runtime_checkable
class Uploader(Protocol):
    """A client that can also upload an image for later use (DMXAPI's image-to-video)."""

    def upload(
        self,
        *,
        file: Path | None = None,
        url: str | None = None,
        cancel: CancelToken | None = None,
    ) -> UploadResult: ...


@runtime_checkable
class ModelDates(Protocol):
    """A client whose model list carries each model's shutdown date (``GET /models``)."""

    def models_with_dates(
        self, cancel: CancelToken | None = None
    ) -> tuple[list[str], dict[str, str | None]]: ...


class ClientFactory(Protocol):
    """What makes a protocol's client (a client class's constructor fits)."""

    def __call__(
        self,
        provider: Provider,
        api_key: str | None,
        *,
        http: HttpSettings,
        journal: Journal | None = None,
        capabilities: CapabilityRegistry | None = None,
    ) -> ProviderClient: ...


#: reads a journalled reply of one protocol again (after a crash, or when parsing failed)
Recoverer = Callable[["JournalEntry"], "ImageResult"]


@dataclass(frozen=True)
class ProtocolSpec:
    """One protocol: what makes its clients and what reads its journalled replies."""

    client: ClientFactory
    recover: Recoverer


def _images() -> ProtocolSpec:
    from studio.core.client import ImagesClient  # httpx loads when a client is first made
    from studio.core.journal import recover

    return ProtocolSpec(ImagesClient, recover)


def _responses() -> ProtocolSpec:
    from studio.core.responses_client import ResponsesClient, recover

    return ProtocolSpec(ResponsesClient, recover)


#: the protocols this version speaks: name -> where its pieces come from
_BUILTIN: dict[str, Callable[[], ProtocolSpec]] = {"images": _images, "responses": _responses}
_registered: dict[str, ProtocolSpec] = {}


def register_protocol(name: str, client: ClientFactory, recover: Recoverer) -> None:
    """Make ``protocol = name`` in a provider's entry use ``client``'s clients, and
    journal entries written under ``name`` be read back with ``recover``."""
    _registered[name] = ProtocolSpec(client, recover)


def unregister_protocol(name: str) -> None:
    _registered.pop(name, None)


def known_protocols() -> list[str]:
    return sorted({*_BUILTIN, *_registered})


def protocol_spec(name: str | None) -> ProtocolSpec | None:
    """The protocol called ``name`` (None or "" means the default), or None if unknown."""
    name = name or DEFAULT_PROTOCOL
    spec = _registered.get(name)
    if spec is not None:
        return spec
    loader = _BUILTIN.get(name)
    return loader() if loader is not None else None


def client_factory(provider: Provider) -> ClientFactory:
    """The client maker for the protocol ``provider`` speaks."""
    spec = protocol_spec(provider.protocol)
    if spec is None:
        raise StudioError.validation(
            [
                Problem.of(
                    "provider",
                    "{provider} speaks the '{protocol}' protocol, which this version does not "
                    "know (it knows: {known}).",
                    provider=provider.name,
                    protocol=provider.protocol,
                    known=", ".join(known_protocols()),
                )
            ]
        )
    return spec.client
