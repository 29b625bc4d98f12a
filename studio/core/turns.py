"""Running one conversation turn as a history job (what the CLI and the window call).

A turn continues the thread's newest turn, or the turn it names (a branch). It
is validated before anything is recorded, recorded as an ordinary job with its
row in ``turns``, sent by the Responses client (``previous_response_id``, or the
item form when the provider forgot the response), journalled, and its image
stored the moment it arrives. A streamed turn cut short keeps its last partial
image in the failed job and is not sent again on its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from studio.core.cancel import CancelToken
from studio.core.conversation import Parent, make_turn, send_turn
from studio.core.errors import ErrorKind, Problem, StudioError
from studio.core.events import ClientEvent, ImageArrived, JobEventSink, JobStarted, PartialImage
from studio.core.history import threads
from studio.core.history.models import JobRecord
from studio.core.history.threads import TurnRow
from studio.core.request import InputImage
from studio.core.responses_client import PROTOCOL, ResponsesClient, text_model_for
from studio.core.responses_wire import TurnReply
from studio.core.result import ImageResult

if TYPE_CHECKING:
    from studio.core.providers import Provider
    from studio.core.service import Studio


@dataclass
class TurnOutcome:
    """How a turn ended: its job (None when refused before sending), the thread, the
    reply, the error, and the last partial image kept when a stream was cut."""

    turn_id: int | None
    thread_id: int | None
    reply: TurnReply | None
    error: StudioError | None
    record: JobRecord | None = None
    partial_path: str | None = None
    #: the turn this one continued (None for a thread's first)
    parent_id: int | None = None
    #: the provider forgot the stored response: the turn went in the item form
    fell_back: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def _parent(studio: Studio, thread_id: int | None, from_turn: int | None) -> TurnRow | None:
    store = studio.history
    if from_turn is not None:
        turn = threads.get_turn(store, from_turn)
        if turn is None or (thread_id is not None and turn.thread_id != thread_id):
            raise StudioError.validation(
                [Problem.of("thread", "Turn {turn} is not part of this thread.", turn=from_turn)]
            )
        return turn
    if thread_id is None:
        return None
    turn = threads.latest_turn(store, thread_id)
    if turn is None:
        raise StudioError.validation(
            [
                Problem.of(
                    "thread",
                    "Thread {thread} has no finished turn to continue.",
                    thread=thread_id,
                )
            ]
        )
    return turn


def _parent_image(studio: Studio, turn: TurnRow) -> Parent:
    job = studio.history.get_job(turn.job_id)
    if job is None or not job.images:
        raise StudioError.validation(
            [Problem.of("thread", "Turn {turn} has no image to continue from.", turn=turn.job_id)]
        )
    from studio.core.regular import read_regular

    return Parent(turn.response_id, turn.call_id, read_regular(job.images[0].path))


def run_turn(
    studio: Studio,
    provider: Provider,
    instruction: str,
    *,
    model: str,
    params: dict[str, Any],
    text_model: str | None = None,
    thread_id: int | None = None,
    from_turn: int | None = None,
    attachments: tuple[InputImage, ...] = (),
    mask: InputImage | None = None,
    cancel: CancelToken | None = None,
    on_event: JobEventSink | None = None,
    source: str = "gui",
    key: str | None = None,
) -> TurnOutcome:
    """Validate, record, send and store one turn; never raises a StudioError."""
    from studio.core.costs import actual_cost, text_cost, turn_cost
    from studio.core.journal import JobJournal
    from studio.core.responses_client import image_usage

    try:
        resolved = studio.resolve(provider)
        driver = text_model or text_model_for(resolved)
        caps = studio.caps_for(model)
        parent_row = _parent(studio, thread_id, from_turn)
        parent = _parent_image(studio, parent_row) if parent_row is not None else None
        turn = make_turn(
            instruction,
            caps,
            params,
            text_model=driver,
            attachments=attachments,
            mask=mask,
            parent=parent,
        )
        api_key = key if key is not None else studio.api_key(resolved)
        if resolved.needs_key and not api_key:
            raise StudioError.validation(
                [
                    Problem.of(
                        "key",
                        "No API key for {provider}. Add one in Settings → Providers, "
                        "or set IMAGE_STUDIO_API_KEY for scripts.",
                        provider=resolved.name,
                    )
                ]
            )
    except StudioError as err:
        return TurnOutcome(None, thread_id, None, err)
    request = turn.valid.request
    store = studio.history
    job_id = store.start_job(
        provider_id=resolved.id, provider_name=resolved.name, request=request, source=source
    )
    row = threads.add_turn(store, job_id, parent=parent_row, text_model=driver)
    if on_event is not None:
        on_event(JobStarted(job_id))
    last_partial: list[bytes] = []

    def forward(event: ClientEvent) -> None:
        if isinstance(event, PartialImage):
            last_partial[:] = [event.data]
        if isinstance(event, ImageArrived):
            store.add_image(job_id, event.image, event.position)
        if on_event is not None:
            on_event(event)

    journal = JobJournal(studio.paths.journal_dir, job_id, instruction, PROTOCOL)
    started = time.monotonic()
    parent_id = None if parent_row is None else parent_row.job_id
    try:
        with ResponsesClient(
            resolved,
            api_key,
            http=studio.http_settings(),
            journal=journal,
            capabilities=studio.capabilities,
        ) as client:
            reply, sent = send_turn(client, turn, parent, cancel=cancel, on_event=forward)
    except StudioError as err:
        kept = _keep_partial(studio, job_id, last_partial)
        record = store.fail_job(job_id, err)
        return TurnOutcome(job_id, row.thread_id, None, err, record, kept, parent_id)
    except Exception as exc:  # a bug must not lose the job's record
        unexpected = StudioError.of(
            ErrorKind.NETWORK, "Unexpected error: {reason}", reason=str(exc)
        )
        record = store.fail_job(job_id, unexpected)
        return TurnOutcome(job_id, row.thread_id, None, unexpected, record, None, parent_id)
    usage = image_usage(reply.usage)
    factor = studio.settings.price_factor(resolved.id)
    image_cost = actual_cost(usage, caps, factor=factor)
    text_usage = (reply.usage or {}).get("text")
    driving = text_cost(text_usage, studio.capabilities.text_price(driver), factor=factor)
    cost = turn_cost(image_cost, driving)
    stored_usage = dict(usage or {})
    if text_usage is not None:
        stored_usage["text_model_usage"] = text_usage
    stored_usage["text_model"] = driver
    if driving is not None:
        stored_usage["text_model_cost"] = driving.to_dict()
    result = ImageResult(usage=stored_usage or None)  # images were stored as they arrived
    record = store.finish_job(
        job_id, result, timings={"total_s": time.monotonic() - started}, cost=cost
    )
    threads.set_reply_ids(store, job_id, reply.response_id, reply.call_id)
    if reply.journal_entry is not None:
        reply.journal_entry.remove()
    fell_back = turn.previous_response_id is not None and sent.previous_response_id is None
    return TurnOutcome(
        job_id, row.thread_id, reply, None, record, None, parent_id, fell_back=fell_back
    )


def _keep_partial(studio: Studio, job_id: int, partial: list[bytes]) -> str | None:
    """Store a cut turn's last partial image with its job (it is all that arrived)."""
    if not partial:
        return None
    from studio.core.responses import image_from_bytes

    try:
        image = image_from_bytes(partial[0])
        studio.history.add_image(job_id, image, 0)
    except (StudioError, OSError):
        return None
    job = studio.history.get_job(job_id)
    return str(job.images[0].path) if job is not None and job.images else None
