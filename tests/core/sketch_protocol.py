"""A throwaway provider protocol in one module: draws a flat image locally.

It exists to prove the seam: a class that satisfies ``ProviderClient``, made
known by one ``register_protocol`` call, is chosen for every provider whose
entry says ``protocol = "sketch"``.
"""

from __future__ import annotations

import io
from types import TracebackType
from typing import ClassVar

from PIL import Image

from studio.core.cancel import CancelToken
from studio.core.capabilities import CapabilityRegistry
from studio.core.events import ClientEventSink, ImageArrived
from studio.core.http import HttpSettings
from studio.core.journal import Journal, JournalEntry
from studio.core.providers import Provider
from studio.core.result import GeneratedImage, ImageResult
from studio.core.size import Size
from studio.core.validated import ValidatedRequest

MODELS = ["gpt-image-1"]


class SketchClient:
    made: ClassVar[list[SketchClient]] = []

    def __init__(
        self,
        provider: Provider,
        api_key: str | None,
        *,
        http: HttpSettings,
        journal: Journal | None = None,
        capabilities: CapabilityRegistry | None = None,
    ) -> None:
        self.provider = provider
        self.journal = journal
        self.journalled: list[dict[str, object]] = []  # the meta of each entry written
        self.closed = False
        SketchClient.made.append(self)

    def __enter__(self) -> SketchClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.closed = True

    def run(
        self,
        valid: ValidatedRequest,
        *,
        cancel: CancelToken | None = None,
        on_event: ClientEventSink | None = None,
    ) -> ImageResult:
        size = Size.parse(valid.request.params.get("size")) or Size(64, 48)
        result = ImageResult(usage={"output_tokens": 1})
        for position in range(valid.request.n):
            if cancel is not None:
                cancel.raise_if_cancelled()
            out = io.BytesIO()
            Image.new("RGB", (size.width, size.height), (200, 40 * position, 90)).save(out, "PNG")
            data = out.getvalue()
            if self.journal is not None:  # paid for: kept before it is used
                entry = self.journal.write(data, {"provider_id": self.provider.id})
                result.journal_entries.append(entry)
                self.journalled.append(entry.read()[1])
            image = GeneratedImage(data, "png", size.width, size.height)
            result.images.append(image)
            if on_event is not None:
                on_event(ImageArrived(image, position))
        return result

    def list_models(self, cancel: CancelToken | None = None) -> list[str]:
        return list(MODELS)


def recover(entry: JournalEntry) -> ImageResult:
    """A journalled sketch is the PNG itself."""
    body, _meta = entry.read()
    with Image.open(io.BytesIO(body)) as picture:
        width, height = picture.size
    return ImageResult(images=[GeneratedImage(body, "png", width, height)], journal_entries=[entry])
