"""One target's cell in the compare grid: its picture (partial images as they stream in,
then the final one), its status (waiting, running, done, failed, refused with the
reason), its time, its estimated and actual cost, and the four things a person does
with it: zoom, A/B against another cell, retry, pick as the winner.

The cell only shows and asks; the Compare dialog does the work (a retry is a new job
in the same group, never sent on its own)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.batch import refused_for_key
from studio.core.history.groups import Member, MemberState
from studio.ui.cost_text import money as money_text
from studio.ui.cost_text import simulated
from studio.ui.icons import icon

CELL = 220


class Phase(StrEnum):
    WAITING = "waiting"
    RUNNING = "running"
    FINAL = "final"


class CompareCell(QFrame):
    """A target's result and its actions; ``position`` is its place in the grid."""

    zoom_requested = Signal(int)
    retry_requested = Signal(int)
    winner_requested = Signal(int)
    #: this cell against another one (this, other)
    ab_requested = Signal(int, int)

    def __init__(self, position: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"compareCell{position}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.position = position
        self.phase = Phase.WAITING
        self.member: Member | None = None
        #: the picture on show (the final image, or the newest partial while it runs)
        self.picture = QImage()
        #: the stored file of the final image
        self.path: str | None = None
        self.partials = 0
        self.partials_expected = 0
        self.seconds: float | None = None
        self.estimate: float | None = None
        #: what the target's model is priced in (a relay's seedream: CNY, not USD)
        self.currency = "USD"
        self.winner = False
        self.reason = ""
        #: a reopened comparison's target with no answer: never sent (False) or sent
        #: with no answer yet (True); None otherwise
        self.unsent: bool | None = None
        self.clock = QElapsedTimer()
        #: other cells to offer for A/B: (position, title), set by the dialog
        self.others: list[tuple[int, str]] = []
        #: "model — provider" as one line (A/B menus and dialogs name the cell by it)
        self.title_text = title
        # shown as two lines, the model over the provider, so neither breaks mid-word
        self.title = QLabel(title.replace(" — ", "\n", 1), self)
        self.title.setObjectName("compareCellTitle")
        self.title.setWordWrap(True)
        self.title.setMaximumWidth(CELL)
        self.title.setMinimumHeight(self.title.fontMetrics().lineSpacing() * 2)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.image = QLabel(self)
        self.image.setFixedSize(CELL, CELL)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setObjectName("compareCellStatus")
        self.status.setWordWrap(True)
        self.status.setMaximumWidth(CELL)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zoom_button = self._button("zoom-in", "compareZoom")
        self.ab_button = self._button("contrast", "compareAB")
        self.ab_menu = QMenu(self.ab_button)
        self.ab_menu.aboutToShow.connect(self._fill_ab_menu)
        self.ab_button.setMenu(self.ab_menu)
        self.ab_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.retry_button = self._button("refresh-cw", "compareRetry")
        self.winner_button = self._button("star", "compareWinner", text=True)
        self.zoom_button.clicked.connect(lambda: self.zoom_requested.emit(self.position))
        self.retry_button.clicked.connect(lambda: self.retry_requested.emit(self.position))
        self.winner_button.clicked.connect(lambda: self.winner_requested.emit(self.position))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in self.buttons():
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.image)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate_ui()
        self._update_buttons()

    def buttons(self) -> list[QToolButton]:
        """The cell's buttons, as they read."""
        return [self.zoom_button, self.ab_button, self.retry_button, self.winner_button]

    def _button(self, name: str, object_name: str, text: bool = False) -> QToolButton:
        b = QToolButton(self)
        b.setObjectName(object_name)
        b.setIcon(icon(name))
        b.setAutoRaise(True)
        style = Qt.ToolButtonStyle
        b.setToolButtonStyle(style.ToolButtonTextBesideIcon if text else style.ToolButtonIconOnly)
        return b

    # -- what the dialog tells it -----------------------------------------------------
    def set_waiting(self, estimate: float | None = None) -> None:
        self.phase = Phase.WAITING
        self.member = None
        self.picture = QImage()
        self.path = None
        self.partials = 0
        self.seconds = None
        self.estimate = estimate
        self.reason = ""
        self.unsent = None
        self.image.clear()
        self._refresh()

    def set_unsent(self, member: Member) -> None:
        """A reopened comparison's target with no answer: not sent yet, or sent with no
        answer yet (``member`` is queued or sending)."""
        self.member = member
        self.estimate = member.estimate
        self.unsent = member.state is MemberState.SENDING
        self._refresh()

    def set_running(self, partials_expected: int = 0) -> None:
        self.phase = Phase.RUNNING
        self.partials_expected = partials_expected
        self.clock.start()
        self._refresh()

    def show_partial(self, picture: QImage, index: int) -> None:
        """A streamed preview (``index`` counts from 0)."""
        if self.phase is not Phase.RUNNING:
            self.set_running(self.partials_expected)
        self.partials = max(self.partials, index + 1)
        self._show(picture)
        self._refresh()

    def show_final(self, picture: QImage, path: str | None) -> None:
        self.path = path
        self._show(picture)

    def set_member(self, member: Member, seconds: float | None, reason: str) -> None:
        """The member reached a final state (``reason``: why it failed or was refused)."""
        self.member = member
        self.phase = Phase.FINAL
        self.seconds = seconds
        self.estimate = member.estimate
        self.reason = reason if member.state is not MemberState.SUCCEEDED else ""
        if member.state is not MemberState.SUCCEEDED and self.picture.isNull():
            self.image.clear()
        self._refresh()

    def set_winner(self, winner: bool) -> None:
        self.winner = winner
        self._refresh()

    def tick(self) -> None:
        """Refresh the running time (the dialog calls this while it runs)."""
        if self.phase is Phase.RUNNING:
            self._refresh()

    def _show(self, picture: QImage) -> None:
        if picture.isNull():
            return
        self.picture = picture
        self.image.setPixmap(
            QPixmap.fromImage(picture).scaled(
                CELL,
                CELL,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self._update_buttons()

    # -- state ------------------------------------------------------------------------
    @property
    def state(self) -> MemberState | None:
        return None if self.member is None else self.member.state

    @property
    def refused(self) -> bool:
        """Nothing was sent, and sending again would be refused the same way: the target
        cannot take the request, or its provider has no API key."""
        member = self.member
        if member is None:
            return False
        return member.state is MemberState.REFUSED or (
            member.state is MemberState.FAILED and refused_for_key(member.error)
        )

    @property
    def done(self) -> bool:
        return self.phase is Phase.FINAL and self.state is MemberState.SUCCEEDED

    def _update_buttons(self) -> None:
        has_picture = not self.picture.isNull()
        self.zoom_button.setEnabled(has_picture)
        self.ab_button.setEnabled(has_picture and bool(self.others))
        final = self.phase is Phase.FINAL
        self.retry_button.setEnabled(final and not self.refused)
        self.winner_button.setEnabled(self.done and self.path is not None and not self.winner)

    def set_others(self, others: list[tuple[int, str]]) -> None:
        self.others = others
        self._update_buttons()

    def _fill_ab_menu(self) -> None:
        self.ab_menu.clear()
        for position, title in self.others:
            action = self.ab_menu.addAction(self.tr("Against %1").replace("%1", title))
            action.triggered.connect(
                lambda _=False, other=position: self.ab_requested.emit(self.position, other)
            )

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if (
            watched is self.image
            and event.type() == QEvent.Type.MouseButtonDblClick
            and isinstance(event, QMouseEvent)
            and not self.picture.isNull()
        ):
            self.zoom_requested.emit(self.position)
            return True
        return super().eventFilter(watched, event)

    # -- text -------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.status.setText(self.status_text())
        if self.picture.isNull():  # a target with no answer says so where its picture goes
            self.image.setText(self._unsent_text() if self.unsent is not None else "")
        self._update_buttons()

    def _unsent_text(self) -> str:
        return self.tr("Sent; no answer yet") if self.unsent else self.tr("Not sent yet")

    def status_text(self) -> str:
        parts: list[str] = []
        if self.phase is Phase.WAITING and self.unsent is not None:
            parts.append(self._unsent_text())
        elif self.phase is Phase.WAITING:
            parts.append(self.tr("Waiting…"))
        elif self.phase is Phase.RUNNING:
            elapsed = self.clock.elapsed() / 1000 if self.clock.isValid() else 0.0
            if self.partials and self.partials_expected:
                parts.append(
                    self.tr("Running: partial %1 of %2")
                    .replace("%1", str(self.partials))
                    .replace("%2", str(self.partials_expected))
                )
            else:
                parts.append(self.tr("Running…"))
            parts.append(self.tr("%1 s").replace("%1", f"{elapsed:.1f}"))
        else:
            parts.append(self._state_name())
            if self.seconds is not None:
                parts.append(self.tr("%1 s").replace("%1", f"{self.seconds:.1f}"))
        if self.winner:
            parts.insert(0, self.tr("★ Winner"))
        lines = [" · ".join(parts)]
        money: list[str] = []
        # the offline sandbox charges nothing: no estimate is nothing to warn of there
        free = self.member is not None and simulated(str(self.member.target.get("provider")))
        # the currency the member was planned in (the model's, for one stored before)
        planned = self.currency
        if self.member is not None:
            planned = str(self.member.target.get("currency") or self.currency)
        if self.estimate is not None:
            money.append(self.tr("estimate %1").replace("%1", money_text(self.estimate, planned)))
        elif not self.refused and not free and self.phase is not Phase.WAITING:
            money.append(self.tr("no estimate"))
        cost = self.member.cost if self.member is not None else None
        paid_in = self.member.cost_currency if self.member is not None else None
        if cost is not None:
            money.append(
                (self.tr("cost %1 (simulated)") if free else self.tr("cost %1")).replace(
                    "%1", money_text(cost, paid_in or planned)
                )
            )
        if money:
            lines.append(" · ".join(money))
        if self.reason:
            lines.append(self.reason)
        return "\n".join(lines)

    def _state_name(self) -> str:
        names = {
            MemberState.SUCCEEDED: self.tr("Done"),
            MemberState.FAILED: self.tr("Failed"),
            MemberState.REFUSED: self.tr("Refused (nothing sent)"),
            MemberState.SKIPPED: self.tr("Skipped"),
            MemberState.INTERRUPTED: self.tr("Interrupted"),
        }
        state = self.state
        if self.refused:  # a provider with no key: nothing was sent either
            state = MemberState.REFUSED
        return "" if state is None else names.get(state, state.value)

    def retranslate_ui(self) -> None:
        self.zoom_button.setText(self.tr("Zoom"))
        self.zoom_button.setToolTip(self.tr("Open this picture large (or double-click it)"))
        self.ab_button.setText(self.tr("A/B"))
        self.ab_button.setToolTip(self.tr("Compare with another cell under a split line"))
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.setToolTip(
            self.tr("Send this target again, as a new job in the same comparison")
        )
        self.winner_button.setText(self.tr("Use this"))
        self.winner_button.setToolTip(
            self.tr("Pick as the winner: it becomes the window's result (Edit this, Save…)")
        )
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
