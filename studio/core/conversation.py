"""Conversation turns: validated, sent, and continued whatever the provider remembers.

:func:`make_turn` judges a turn's tool parameters by the image model's table
(the image being edited, the earlier turn's or the first attachment, counts as
the edit's input, so a mask is checked against its size). :func:`send_turn`
continues a thread by ``previous_response_id``; when the provider no longer
holds that response (404) it sends the same turn once more in the item form
(the earlier image and the instruction), which needs no state on the provider.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from studio.core.cancel import CancelToken
from studio.core.capabilities import ModelCaps
from studio.core.errors import Problem, StudioError
from studio.core.events import ClientEventSink
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.responses_client import ResponsesClient
from studio.core.responses_wire import PriorCall, Turn, TurnReply
from studio.core.validated import validated


@dataclass(frozen=True)
class Parent:
    """The turn being continued: its ids at the provider and its image."""

    response_id: str | None
    call_id: str | None
    image: bytes = field(repr=False)


def make_turn(
    instruction: str,
    caps: ModelCaps,
    params: Mapping[str, Any],
    *,
    text_model: str,
    attachments: tuple[InputImage, ...] = (),
    mask: InputImage | None = None,
    parent: Parent | None = None,
    by_item: bool = False,
    store: bool | None = None,
) -> Turn:
    """A turn judged by ``caps``; ``by_item`` continues ``parent`` by the item form."""
    edited: tuple[InputImage, ...] = attachments
    if parent is not None:
        edited = (InputImage("previous-turn.png", parent.image), *attachments)
    mode = Mode.EDIT if edited else Mode.GENERATE
    wire = dict(params)
    # the tool takes moderation in every turn (the edits endpoint does not): judged here
    moderation = wire.pop("moderation", None) if mode is Mode.EDIT else None
    if moderation is not None and moderation not in ("low", "auto"):
        raise StudioError.validation(
            [
                Problem.of(
                    "moderation",
                    "Moderation is 'low' or 'auto', not '{value}'.",
                    value=str(moderation),
                )
            ]
        )
    request = ImageRequest(
        mode=mode,
        model=caps.id,
        prompt=instruction,
        params=wire,
        images=edited,
        mask=mask,
    )
    valid = validated(request, caps)
    previous = None
    prior = None
    sent_images = attachments
    if parent is not None:
        if parent.call_id is None:
            # no item to send back (a turn recovered from the journal): the image itself
            sent_images = (edited[0], *attachments)
        elif by_item or not parent.response_id or store is False:
            prior = PriorCall(parent.call_id, parent.image)
        else:
            previous = parent.response_id
    return Turn(
        valid=valid,
        text_model=text_model,
        attachments=sent_images,
        mask=mask,
        previous_response_id=previous,
        prior=prior,
        store=store,
        moderation=moderation,
    )


def is_forgotten_response(err: StudioError) -> bool:
    """Is ``err`` the provider saying it no longer holds the previous response?"""
    if err.status != 404:
        return False
    code = (err.code or "").lower()
    text = err.message.lower()
    return code == "previous_response_not_found" or "previous response" in text


def send_turn(
    client: ResponsesClient,
    turn: Turn,
    parent: Parent | None,
    *,
    cancel: CancelToken | None = None,
    on_event: ClientEventSink | None = None,
) -> tuple[TurnReply, Turn]:
    """Send ``turn``; on a 404 for its ``previous_response_id``, send it once in the item
    form instead. Returns the reply and the turn that was answered."""
    try:
        return client.converse(turn, cancel=cancel, on_event=on_event), turn
    except StudioError as err:
        if turn.previous_response_id is None or parent is None or not is_forgotten_response(err):
            raise
    # previous_response_id is only sent for a parent with a call id (see make_turn)
    call_id = parent.call_id or ""
    again = replace(turn, previous_response_id=None, prior=PriorCall(call_id, parent.image))
    return client.converse(again, cancel=cancel, on_event=on_event), again
