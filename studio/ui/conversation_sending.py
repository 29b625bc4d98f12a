"""The Conversation tab's turn in flight (a part of :class:`ConversationPanel`): the
instruction sent with the composer's options a turn takes, its partial image while it
streams, Stop (its connection closed: it ends as cancelled), its end shown (in the
thread on show, or said in the status line when another thread was opened meanwhile)
and a failed turn's Retry (only when asked: it may be billed again), also for a failed
turn reopened from the history."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QWidget

from studio.core.cancel import CancelToken
from studio.core.errors import ErrorKind
from studio.core.events import JobEvent, PartialImage
from studio.core.request import InputImage, Mode
from studio.jobs.decoding import decode_preview
from studio.jobs.op import ProgressOp, job_pool
from studio.ui.turn_row import TurnJob

if TYPE_CHECKING:
    from studio.core.errors import StudioError
    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.core.turns import TurnOutcome
    from studio.ui.conversation_attach import TurnAttachments

# the composer's options a turn takes (the image tool makes one still picture: no n,
# no GIF or SVG); the CLI's ``converse`` takes the same
TURN_OPTIONS = frozenset(
    {"size", "quality", "complexity", "background", "output_format", "output_compression"}
)
#: how high a streamed partial is shown beside the status line (logical pixels)
PREVIEW_HEIGHT = 96


@dataclass(frozen=True)
class TurnPreview:
    """A turn's streamed partial, decoded and sized on the worker (the UI thread only
    shows it: a full decode there froze the window for every partial)."""

    image: QImage
    #: the turn's own picture (for its row in the Jobs panel), not a partial
    final: bool = False


STILL_FORMATS = frozenset({"png", "jpeg", "webp"})


@dataclass(frozen=True)
class _Sent:
    """A turn as sent (kept for Retry)."""

    text: str
    thread: int | None
    base: int | None
    images: tuple[InputImage, ...] = ()
    mask: InputImage | None = None


def _failure_text(err: StudioError) -> str:
    """Why a turn failed and what to do, as the window's banner says it for a job."""
    from studio.ui.error_text import advise

    advice = advise(err)
    return f"{advice.title}: {advice.text}" if advice.text else advice.title


class ConversationSending(QWidget):
    """Sending a turn and its end (the first of ConversationPanel's parts)."""

    #: a turn is on its way, and a turn sent from this panel has ended (done, failed or
    #: stopped): the window's status bar counts turns with its jobs
    turn_started = Signal()
    turn_ended = Signal()
    #: a turn sent (a TurnJob, which the Jobs panel lists), and each change to it: a
    #: partial image, Stop pressed, its end
    turn_listed = Signal(object)
    turn_changed = Signal(object)

    studio: Studio
    _target: Callable[[], tuple[Provider | None, str]]
    options: Callable[[], dict[str, Any]]
    thread_id: int | None
    base_turn: int | None
    tip_turn: int | None
    _busy: bool
    _after_turn: bool
    _view: int
    _last: _Sent | None
    _token: CancelToken | None
    #: the turn in flight (or the last one sent), as the Jobs panel shows it
    turn_job: TurnJob | None
    ended: dict[str, int]
    status: QLabel
    composer: QPlainTextEdit
    attach: TurnAttachments
    send_button: QPushButton
    stop_button: QPushButton
    retry_button: QPushButton
    preview: QLabel
    # the panel's own (ConversationPanel)
    new_thread: Callable[[], None]
    open_thread: Callable[[int, int | None], None]
    _ready: Callable[[], None]
    _reload: Callable[[], None]

    def send(self) -> None:
        text = self.composer.toPlainText().strip()
        if not text or self._busy:
            return
        if self.attach.busy():
            self.status.setText(self.tr("The attached images are still loading."))
            return
        self._start(
            _Sent(
                text,
                self.thread_id,
                self.base_turn,
                self.attach.images(),
                self.attach.mask_input(),
            )
        )

    def prepare_retry(self, thread_id: int, parent: int | None, instruction: str) -> None:
        """A failed turn from the history: its thread opened at the turn it continued
        (a new thread for a first turn), its instruction ready; Send sends it again."""
        if self._busy:
            self.status.setText(self.tr("A turn is on its way: wait for it, then retry."))
            return
        if parent is None:
            self.new_thread()
        else:
            self.open_thread(thread_id, parent)
        self.composer.setPlainText(instruction)
        self.composer.setFocus()
        self.status.setText(
            self.tr("The instruction is back: check it and press Send to send it again.")
        )

    def turn_running(self) -> bool:
        """A turn is being sent and was not asked to stop."""
        return self._token is not None and not self._token.cancelled

    def stop(self) -> None:
        """Stop the turn in flight (its connection is closed; it ends as cancelled)."""
        if self._token is not None:
            self._token.cancel()
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Stopping…"))
            turn = self.turn_job
            if turn is not None and turn.running:
                turn.stopping = True
                self.turn_changed.emit(turn)

    def _turn_over(self, how: str, outcome: TurnOutcome | None = None) -> None:
        self.ended[how] += 1
        self._token = None
        self.stop_button.hide()
        turn = self.turn_job
        if turn is not None and turn.running:
            turn.finished = time.monotonic()
            turn.state = how
            if outcome is not None:
                turn.error = outcome.error
                turn.turn_id = outcome.turn_id
            self.turn_changed.emit(turn)
        self.turn_ended.emit()

    def retry(self) -> None:
        """Send the failed turn again (only when asked: it may be billed again)."""
        if self._last is not None and not self._busy:
            self._start(self._last)

    def _start(self, sent: _Sent) -> None:
        from studio.core.turns import run_turn

        provider, model = self._target()
        if provider is None or not model:
            self.status.setText(self.tr("Choose a provider and a model first."))
            return
        caps = self.studio.capabilities.get(model)
        names = {p.name for p in caps.params_for(Mode.GENERATE)} if caps is not None else set()
        # the options set in the composer (they were left out: a turn was always made at
        # the model's defaults, whatever size or quality the composer showed)
        params: dict[str, Any] = {
            k: v for k, v in self.options().items() if k in TURN_OPTIONS and k in names
        }
        if params.get("output_format", "png") not in STILL_FORMATS:
            params.pop("output_format", None)
            params.pop("output_compression", None)
        if "partial_images" in names:
            params.update(stream=True, partial_images=1)
        self._busy = True
        self._last = sent
        token = self._token = CancelToken()
        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.retry_button.hide()
        self.status.setText(self.tr("Working on it…"))
        self.turn_job = TurnJob(sent.text, model)

        ratio = self.preview.devicePixelRatioF()

        def work(report: Callable[[JobEvent | TurnPreview], None]) -> TurnOutcome:
            def forward(event: JobEvent) -> None:
                if isinstance(event, PartialImage):
                    report(TurnPreview(decode_preview(event.data, PREVIEW_HEIGHT, ratio)))
                else:
                    report(event)

            outcome = run_turn(
                self.studio,
                provider,
                sent.text,
                model=model,
                params=params,
                thread_id=sent.thread,
                from_turn=sent.base,
                attachments=sent.images,
                mask=sent.mask,
                cancel=token,
                on_event=forward,
            )
            record = outcome.record
            if record is not None and record.images:
                with contextlib.suppress(OSError):
                    data = Path(record.images[0].path).read_bytes()
                    report(TurnPreview(decode_preview(data, PREVIEW_HEIGHT, ratio), final=True))
            return outcome

        def crashed(exc: BaseException) -> None:  # run_turn reports failures; a bug lands here
            self._ready()
            self.status.setText(str(exc))
            self._turn_over("failed")

        view = self._view

        def done(outcome: TurnOutcome) -> None:
            if view == self._view:
                self._done(outcome)
            else:
                self._done_elsewhere(outcome)
            err = outcome.error
            if err is None:
                self._turn_over("finished", outcome)
            else:
                how = "cancelled" if err.kind is ErrorKind.CANCELLED else "failed"
                self._turn_over(how, outcome)

        ProgressOp(self, work, done, self._progress, pool=job_pool()).failure(crashed).run()
        self.turn_started.emit()
        self.turn_listed.emit(self.turn_job)

    def _progress(self, event: JobEvent | TurnPreview) -> None:
        if not isinstance(event, TurnPreview) or event.image.isNull():
            return
        if not event.final:
            self.preview.setPixmap(QPixmap.fromImage(event.image))
            self.preview.show()
        turn = self.turn_job
        if turn is not None and turn.running:
            turn.picture = event.image
            self.turn_changed.emit(turn)

    def _done_elsewhere(self, outcome: TurnOutcome) -> None:
        """The turn ended after another thread was opened: the one on show stays."""
        self._ready()
        self.preview.clear()
        self.preview.hide()
        if outcome.error is not None:
            self.status.setText(_failure_text(outcome.error))
            self.retry_button.setVisible(outcome.turn_id is not None)
            return
        self._last = None
        self.status.setText(
            self.tr("The turn sent in thread %1 has finished; it is in the history.").replace(
                "%1", str(outcome.thread_id)
            )
        )
        if self.thread_id is not None and self.thread_id == outcome.thread_id:
            self._reload()  # the same thread, opened again: show the new turn in its tree

    def _done(self, outcome: TurnOutcome) -> None:
        if outcome.error is not None:
            self._ready()
            message = _failure_text(outcome.error)
            if outcome.partial_path:
                message += " " + self.tr("The last partial image was kept.")
            self.status.setText(message)
            self.retry_button.setVisible(outcome.turn_id is not None)
            return
        self.status.clear()
        self.preview.clear()
        self.preview.hide()
        self.composer.clear()
        self.attach.clear()
        self._last = None
        self.thread_id = outcome.thread_id
        self.base_turn = self.tip_turn = outcome.turn_id
        self._after_turn = True  # the next instruction waits for this thread on screen
        self._reload()
