"""The images client: one call per job, whatever the mode, provider or relay.

:meth:`ImagesClient.run` takes a request validated against the model's table
(a :class:`~studio.core.validated.ValidatedRequest`), splits ``n`` over several
requests when the model returns fewer per request, sends them (in parallel),
reads plain or streamed replies, journals every successful body before parsing
it, downloads ``url`` results without the key when they live elsewhere, and
gathers one :class:`ImageResult`. Events
(:class:`PartialImage`, :class:`ImageArrived`, :class:`Retrying`) are delivered
on the worker threads through ``on_event``.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin

import httpx

from studio.core import http as _http
from studio.core import redaction
from studio.core.addresses import LinkPolicy, check_plain_http, is_loopback_host
from studio.core.cancel import CancelToken, Deadline
from studio.core.capabilities import CapabilityRegistry, ModelCaps
from studio.core.errorparse import RAW_BODY_CAP, parse_error, request_id_from
from studio.core.errors import ErrorKind, Problem, StudioError
from studio.core.events import ClientEvent, ClientEventSink, ImageArrived, PartialImage, Retrying
from studio.core.http import HttpSettings, open_response, read_capped, same_origin
from studio.core.journal import Journal, JournalEntry
from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.responses import (
    UploadResult,
    parse_images_response,
    parse_models_response,
    parse_upload_response,
    recover,
)
from studio.core.result import ImageResult
from studio.core.retry import with_retries
from studio.core.validated import ValidatedRequest
from studio.core.wire import ENDPOINTS, Body, request_body, upload_body

__all__ = [
    "ClientEvent",
    "HttpSettings",
    "ImageArrived",
    "ImagesClient",
    "PartialImage",
    "Retrying",
    "UploadResult",
    "split_n",
]

log = logging.getLogger(__name__)

#: parallel requests of one split job
MAX_PARALLEL = 4


EventSink = ClientEventSink


def auth_headers(auth: AuthStyle, key: str | None) -> dict[str, str]:
    """How the images protocol presents the key, by the provider entry's ``auth`` style."""
    if auth is AuthStyle.NONE or not key:
        return {}
    if auth is AuthStyle.RAW:
        return {"Authorization": key}  # DMXAPI's documented form
    return {"Authorization": f"Bearer {key}"}


def split_n(n: int, per_request: int | None) -> list[int]:
    """Shares of ``n`` for requests returning at most ``per_request`` images each."""
    if not per_request or per_request <= 0 or n <= per_request:
        return [n]
    count = math.ceil(n / per_request)
    base, extra = divmod(n, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def _add_usage(
    total: dict[str, object] | None, usage: Mapping[str, object] | None
) -> dict[str, object] | None:
    if not usage:
        return total
    out: dict[str, object] = dict(total or {})
    for key, value in usage.items():
        if isinstance(value, bool):
            out.setdefault(key, value)
        elif isinstance(value, int | float):
            prev = out.get(key, 0)
            out[key] = (prev if isinstance(prev, int | float) else 0) + value
        elif isinstance(value, Mapping):
            prev_map = out.get(key)
            out[key] = _add_usage(prev_map if isinstance(prev_map, dict) else None, value)
        else:
            out.setdefault(key, value)
    return out


class _Gather:
    """Collects the images of all requests of one job as they arrive (thread-safe)."""

    def __init__(self, on_event: EventSink | None) -> None:
        self.result = ImageResult()
        self._lock = threading.Lock()
        self._on_event = on_event

    def emit(self, event: ClientEvent) -> None:
        if self._on_event is not None:
            self._on_event(event)

    def add_usage(self, usage: Mapping[str, object] | None) -> None:
        with self._lock:
            self.result.usage = _add_usage(self.result.usage, usage)

    def add(
        self,
        part: ImageResult,
        entry: JournalEntry | None,
        request_id: str | None,
        *,
        count_usage: bool = True,
    ) -> None:
        arrived: list[ImageArrived] = []
        with self._lock:
            res = self.result
            for image in part.images:
                arrived.append(ImageArrived(image, len(res.images)))
                res.images.append(image)
            res.errors.extend(part.errors)
            if count_usage:
                res.usage = _add_usage(res.usage, part.usage)
            if res.created is None:
                res.created = part.created
            if entry is not None:
                res.journal_entries.append(entry)
            if request_id and request_id not in res.request_ids:
                res.request_ids.append(request_id)
        for event in arrived:
            self.emit(event)


def _remote_input_problems(request: ImageRequest, provider: Provider) -> list[Problem]:
    """:func:`studio.core.validation_inputs.provider_input_problems`, whose module (the
    image prober) is loaded only for an edit: no other request has inputs."""
    if request.mode is not Mode.EDIT:
        return []
    from studio.core.validation_inputs import provider_input_problems

    return provider_input_problems(request, provider)


def _is_event_stream(resp: httpx.Response) -> bool:
    """Whether a streamed request got an event stream (the stream reader is loaded only for
    streamed requests: a plain job does not import it)."""
    from studio.core.streaming import is_event_stream

    return is_event_stream(resp)


class ImagesClient:
    def __init__(
        self,
        provider: Provider,
        api_key: str | None,
        *,
        http: HttpSettings = HttpSettings(),  # noqa: B008 - frozen, shared safely
        journal: Journal | None = None,
        capabilities: CapabilityRegistry | None = None,
    ) -> None:
        self.provider = provider
        self._key = api_key or None
        redaction.register(self._key)
        self._links: LinkPolicy | None = None
        self.http = http
        self.journal = journal
        self._capabilities: CapabilityRegistry | None = capabilities
        self._caps_loaded = capabilities is not None
        _http.pooled_client(http, provider.id, provider.base_url)  # a bad CA file fails here

    # -- plumbing ---------------------------------------------------------------

    def __enter__(self) -> ImagesClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def _client(self) -> httpx.Client:
        """The provider's pooled client (keep-alive), fetched per request, never closed here."""
        return _http.pooled_client(self.http, self.provider.id, self.provider.base_url)

    def close(self) -> None:
        """Nothing to release: the pooled connections outlive the client (a few seconds)."""

    def _url(self, path: str) -> str:
        base = self.provider.base_url.rstrip("/")
        if not base.lower().startswith(("http://", "https://")):
            raise StudioError.validation(
                [
                    Problem.of(
                        "provider",
                        "{provider} has no usable address ({address}).",
                        provider=self.provider.name,
                        address=repr(base),
                    )
                ]
            )
        check_plain_http(base, self.provider.name, self.provider.allow_plain_http)
        return base + path

    def _link_policy(self) -> LinkPolicy:
        """Which result links may be fetched (resolved once: the provider's own host)."""
        if self._links is None:
            self._links = LinkPolicy.for_provider(self.provider.base_url)
        return self._links

    def _headers(self, url: str, content_type: str | None = None) -> dict[str, str]:
        """Provider headers and the key, only for the provider's own origin."""
        headers: dict[str, str] = {"Accept": "application/json, text/event-stream"}
        if same_origin(url, self.provider.host):
            headers.update(self.provider.headers)
            headers.update(auth_headers(self.provider.auth, self._key))
        if content_type:
            headers["Content-Type"] = content_type
        return headers

    def _download(self, cancel: CancelToken | None) -> Callable[[str], bytes]:
        key_headers = auth_headers(self.provider.auth, self._key)

        def fetch(url: str) -> bytes:
            if "://" not in url:  # a relay's relative link ("/files/x.png")
                url = urljoin(self.provider.base_url.rstrip("/") + "/", url)
            return _http.download(
                self._client,
                url,
                key_origin=self.provider.host,
                key_headers=key_headers,
                cancel=cancel,
                max_bytes=self.http.max_body_bytes,
                policy=self._link_policy(),
            )

        return fetch

    def _error(self, response: httpx.Response, cancel: CancelToken | None) -> StudioError:
        if response.status_code in (301, 302, 303, 307, 308):
            where = response.headers.get("location", "another address")
            return StudioError.of(
                ErrorKind.PROVIDER,
                "The provider redirected the request to {where}; check the base URL "
                "(the studio never forwards the key to another address).",
                status=response.status_code,
                code="redirect",
                maybe_processed=False,
                where=where[:200],
            )
        body = read_capped(response, RAW_BODY_CAP, cancel=cancel, truncate=True)
        return parse_error(response.status_code, body, response.headers, api_key=self._key)

    def _journal(self, body: bytes, meta: dict[str, object]) -> JournalEntry | None:
        if self.journal is None:
            return None
        try:
            return self.journal.write(body, meta)
        except OSError as exc:
            # The images are in memory and about to be stored: go on rather than
            # fail a job that has been paid for.
            log.warning("could not journal a reply (%s); continuing without it", exc)
            return None

    # -- capabilities and validation --------------------------------------------

    def _tables(self) -> CapabilityRegistry | None:
        """The capability tables given to the client, else loaded on first use."""
        if not self._caps_loaded:
            self._caps_loaded = True
            try:
                from studio.core.capabilities import load_capabilities
                from studio.core.paths import resolve_paths

                override = resolve_paths().capabilities_override
                self._capabilities = load_capabilities(override if override.is_file() else None)
            except Exception:  # the loader may not exist yet, or a table is broken
                self._capabilities = None
        return self._capabilities

    def _upload_caps(self) -> ModelCaps | None:
        """What ``upload`` accepts: the provider's upload model in the tables, else the
        tables' first (a provider given only by address lists no models)."""
        tables = self._tables()
        if tables is None:
            return None
        return tables.upload_model(self.provider.models) or tables.upload_model()

    # -- images ------------------------------------------------------------------

    def run(
        self,
        valid: ValidatedRequest,
        *,
        cancel: CancelToken | None = None,
        on_event: EventSink | None = None,
    ) -> ImageResult:
        """Send the job and gather its images (dispatch by ``request.mode``).

        The request was validated on its way here (the type says so) and is not
        checked again. With ``n`` split over several requests, failed requests land
        in ``result.errors`` while the images that arrived are kept; when every
        request fails, the first error is raised.
        """
        if not isinstance(valid, ValidatedRequest):  # an untyped caller (a script, an old test)
            raise TypeError("ImagesClient.run takes a ValidatedRequest (see studio.core.validated)")
        outer = cancel or CancelToken()
        request, caps = valid.request, valid.caps
        refused = _remote_input_problems(request, self.provider)
        if refused:  # inputs by URL or file id, to a provider without JSON edits (table data)
            raise StudioError.validation(refused)
        url = self._url(ENDPOINTS[request.mode])
        shares = split_n(request.n, caps.n_per_request)
        max_images = caps.n_max
        gather = _Gather(on_event)
        errors: list[StudioError] = []
        # the job's own token: the caller's cancel or the deadline cuts it
        token = CancelToken()
        unlink = outer.add_closer(token.cancel)
        deadline = Deadline(token, self.http.job_deadline)

        def one(request_no: int) -> None:
            share = shares[request_no] if len(shares) > 1 else None
            body = request_body(request, share)
            try:
                with_retries(
                    lambda: self._send_images(
                        request, url, body, request_no, token, gather, max_images
                    ),
                    max_wait=self.http.max_retry_wait,
                    cancel=token,
                    on_retry=gather.emit,
                )
            except StudioError as err:
                errors.append(deadline.explain(err))

        try:
            token.raise_if_cancelled()
            with deadline:
                if len(shares) == 1:
                    one(0)
                else:
                    from concurrent.futures import ThreadPoolExecutor  # a split job only

                    with ThreadPoolExecutor(
                        min(len(shares), MAX_PARALLEL), "studio-request"
                    ) as pool:
                        list(pool.map(one, range(len(shares))))
        finally:
            unlink()
        result = gather.result
        if not result.images:
            if token.cancelled:
                raise deadline.explain(StudioError.cancelled())
            raise errors[0] if errors else StudioError.of(ErrorKind.NETWORK, "No images arrived.")
        result.errors.extend(errors)
        return result

    def _send_images(
        self,
        request: ImageRequest,
        url: str,
        body: Body,
        request_no: int,
        cancel: CancelToken,
        gather: _Gather,
        max_images: int,
    ) -> None:
        headers = self._headers(url, body.content_type)
        meta: dict[str, object] = {
            "provider": self.provider.id,
            "provider_id": self.provider.id,
            "model": request.model,
            "mode": request.mode.value,
            "request_no": request_no,
            "max_images": max_images,
            # recovery fetches the reply's links under the same address rules
            "local_links": self._link_policy().allow_local,
        }
        with open_response(
            self._client, "POST", url, headers=headers, content=body.content, cancel=cancel
        ) as resp:
            if not 200 <= resp.status_code < 300:
                raise self._error(resp, cancel)
            request_id = request_id_from(resp.headers)
            meta.update(request_id=request_id, status=resp.status_code)
            if request.stream and _is_event_stream(resp):
                from studio.core.streaming import Completed, StreamLimits, iter_stream

                # Each completed event repeats the request's usage: count it once.
                usage: dict[str, object] | None = None
                try:
                    for item in iter_stream(
                        resp,
                        request_no=request_no,
                        cancel=cancel,
                        limits=StreamLimits(
                            max_bytes=self.http.max_body_bytes,
                            max_event_bytes=self.http.max_event_bytes,
                            idle_timeout=self.http.stream_idle_timeout,
                        ),
                        max_images=max_images,
                    ):
                        if isinstance(item, PartialImage):
                            gather.emit(item)
                        elif isinstance(item, Completed):
                            part = self._accept(
                                item.data,
                                {**meta, "content_type": "text/event-stream", "time": time.time()},
                                request_id,
                                cancel,
                                gather,
                                count_usage=False,
                            )
                            usage = part.usage or usage
                finally:
                    gather.add_usage(usage)
                return
            data = read_capped(resp, self.http.max_body_bytes, cancel=cancel)
            content_type = resp.headers.get("content-type", "")
        self._accept(
            data,
            {**meta, "content_type": content_type, "time": time.time()},
            request_id,
            cancel,
            gather,
        )

    def _accept(
        self,
        body: bytes,
        meta: dict[str, object],
        request_id: str | None,
        cancel: CancelToken,
        gather: _Gather,
        *,
        count_usage: bool = True,
    ) -> ImageResult:
        """Journal a 2xx body, then parse it (downloading url results) and gather it.

        The key's bytes are replaced first: a provider that echoes it back must not
        put it into the journal, the history or the output."""
        body = redaction.scrub_bytes(body)
        entry = self._journal(body, meta)
        limit = meta.get("max_images")
        try:
            part = parse_images_response(
                body,
                download=self._download(cancel),
                max_images=limit if isinstance(limit, int) else None,
            )
        except StudioError as err:
            if (
                entry is not None
                and err.kind is ErrorKind.PROVIDER
                and err.code not in ("download_failed", "address_refused")
            ):
                entry.remove()  # an error object with HTTP 200: nothing paid to keep
            elif entry is not None:
                kept = f"{err.message} The reply was kept in the journal for recovery."
                raise dataclasses.replace(err, message=kept) from None
            raise
        gather.add(part, entry, request_id, count_usage=count_usage)
        return part

    def recover(self, entry: JournalEntry, cancel: CancelToken | None = None) -> ImageResult:
        """Parse a journalled reply again (url results are downloaded without the key
        unless they live on the provider's own host)."""
        return recover(entry, download=self._download(cancel))

    # -- other endpoints ---------------------------------------------------------

    def _simple(
        self,
        method: str,
        path: str,
        body: Body | None,
        cancel: CancelToken | None,
    ) -> bytes:
        url = self._url(path)
        token = cancel or CancelToken()

        def attempt() -> bytes:
            headers = self._headers(url, body.content_type if body else None)
            with open_response(
                self._client,
                method,
                url,
                headers=headers,
                content=body.content if body else None,
                cancel=token,
            ) as resp:
                if not 200 <= resp.status_code < 300:
                    raise self._error(resp, token)
                return read_capped(resp, self.http.max_body_bytes, cancel=token)

        return with_retries(attempt, max_wait=self.http.max_retry_wait, cancel=token)

    def upload(
        self,
        *,
        file: Path | None = None,
        url: str | None = None,
        cancel: CancelToken | None = None,
    ) -> UploadResult:
        """Upload an image to DMXAPI's paiwo-picture (by ``url`` or a local ``file``)."""
        if (file is None) == (url is None):
            raise StudioError.validation([Problem.of("image", "Give either a file or a url.")])
        if file is not None:
            local = is_loopback_host(self.provider.base_url)
            if not local and not self.provider.upload_data_url:
                raise StudioError.of(
                    ErrorKind.VALIDATION,
                    "The upload of a local file names it by its path, which {provider} cannot "
                    "read from another machine. Upload by URL, or let this provider receive "
                    "the file's bytes as a data URL (Settings → Providers).",
                    code="upload_needs_data_url",
                    maybe_processed=False,
                    provider=self.provider.name,
                )
            try:
                image = InputImage.from_path(Path(file))
            except OSError as exc:
                raise StudioError.validation(
                    [
                        Problem.of(
                            "image",
                            "Cannot read {file}: {reason}.",
                            file=file,
                            reason=exc.strerror or exc,
                        )
                    ]
                ) from None
            upload_caps = self._upload_caps()
            if upload_caps is not None:
                # refused before sending, like any input (side limit, format, empty file)
                from studio.core.validation import check_input_image

                problems = check_input_image(image, upload_caps)
                if problems:
                    raise StudioError.validation(problems)
            if local:  # the documented form: a server on this machine reads the file
                body = upload_body(path=str(Path(file).resolve()))
            else:
                body = upload_body(data=image.data, filename=image.filename)
        else:
            body = upload_body(url=url)
        return parse_upload_response(self._simple("POST", "/responses", body, cancel))

    def list_models(self, cancel: CancelToken | None = None) -> list[str]:
        """The model ids ``GET /models`` lists."""
        return parse_models_response(self._simple("GET", "/models", None, cancel))

    def models_with_dates(
        self, cancel: CancelToken | None = None
    ) -> tuple[list[str], dict[str, str | None]]:
        """Model ids and the ``shutdown_date`` of the items that carry one (one request)."""
        from studio.core.responses import parse_shutdown_dates

        body = self._simple("GET", "/models", None, cancel)
        return parse_models_response(body), parse_shutdown_dates(body)
