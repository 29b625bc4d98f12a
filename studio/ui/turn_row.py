"""A conversation turn in the Jobs panel: its instruction and model, how long it has
run, its newest partial image, and Stop while it is on its way.

A turn is not a queue job (:mod:`studio.jobs.queue` resends an image request as it
was; a turn continues its thread and is sent again only from the Conversation tab,
where its Retry is), so the Conversation tab sends it and reports it here as a
:class:`TurnJob`; the row's Stop is the tab's Stop, and choosing the row shows the tab.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton, QWidget

from studio.ui.icons import icon
from studio.ui.jobs_panel import elapsed_text
from studio.ui.preview import preview_pixmap
from studio.ui.row_frame import RowFrame

if TYPE_CHECKING:
    from studio.core.errors import StudioError


@dataclass(eq=False)
class TurnJob:
    """A turn sent from the Conversation tab, as the Jobs panel lists it."""

    instruction: str
    model: str
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    #: "running", then "finished", "failed" or "cancelled"
    state: str = "running"
    stopping: bool = False
    #: the newest partial image, then the turn's picture
    picture: QImage | None = None
    error: StudioError | None = None
    #: the history's job id of the turn, once it has one
    turn_id: int | None = None

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def elapsed(self) -> float:
        end = self.finished if self.finished is not None else time.monotonic()
        return max(0.0, end - self.started)


class TurnRow(RowFrame):
    """One turn's row (a JobRow's look: thumbnail, title, status, Stop)."""

    stop_clicked = Signal(TurnJob)

    def __init__(self, turn: TurnJob, thumb: int, parent: QWidget | None = None) -> None:
        super().__init__(thumb, parent)
        self.turn = turn
        self._size = thumb
        self._shown: QImage | None = None
        self.stop_button = QPushButton(icon("circle-stop"), "", self)
        self.stop_button.clicked.connect(lambda: self.stop_clicked.emit(self.turn))
        self.add_button(self.stop_button)
        self.retranslate_ui()

    def refresh(self) -> None:
        turn = self.turn
        words = turn.instruction.replace("\n", " ")
        short = words if len(words) <= 48 else words[:45] + "…"
        ident = f"#{turn.turn_id} · " if turn.turn_id else ""
        kind = self.tr("Turn")
        self.title.set_full_text(
            f"{ident}{kind} · {turn.model} · {short}", f"{ident}{turn.model}\n{words}"
        )
        picture = turn.picture
        if picture is not None and picture is not self._shown and not picture.isNull():
            self._shown = picture
            self.thumb.setPixmap(preview_pixmap(picture, self._size, self._size))
        elapsed = elapsed_text(turn.elapsed)
        self.status.setToolTip("")
        if turn.running:
            if turn.stopping:
                status = self.tr("Stopping…")
            elif turn.picture is not None:
                status = self.tr("Drawing · %1").replace("%1", elapsed)
            else:
                status = self.tr("Sending · %1").replace("%1", elapsed)
        elif turn.state == "finished":
            status = self.tr("Done in %1").replace("%1", elapsed)
        elif turn.state == "cancelled":
            status = self.tr("Cancelled after %1").replace("%1", elapsed)
        else:
            from studio.ui.error_text import advise

            advice = advise(turn.error) if turn.error is not None else None
            if advice is None:  # the turn's own code failed: the tab's status says how
                status = self.tr("Failed (what happened is in the Conversation tab)")
            else:
                status = self.tr("Failed: %1 (Retry is in the Conversation tab)").replace(
                    "%1", advice.title
                )
                self.status.setToolTip(advice.text)
        self.status.setText(status)
        self.stop_button.setVisible(turn.running)
        self.stop_button.setEnabled(not turn.stopping)

    def retranslate_ui(self) -> None:
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("Stop waiting for this turn (a request already sent may still be billed)")
        )
        self.setToolTip(self.tr("A conversation turn: choose it to see its conversation"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
