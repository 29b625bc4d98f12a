"""Running and finished jobs: elapsed time, partial previews, Cancel and Retry.

One row per job; a one-second timer refreshes the elapsed time of running
rows. Selecting a row shows the job in the result viewer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QMovie, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.jobs.queue import Job, JobQueue, JobState
from studio.ui.announce import announce
from studio.ui.cost_text import record_cost_text
from studio.ui.error_text import Action, advise
from studio.ui.icons import icon
from studio.ui.labels import provider_name
from studio.ui.preview import preview_pixmap
from studio.ui.row_frame import RowFrame

if TYPE_CHECKING:
    from studio.ui.conversation_sending import ConversationSending
    from studio.ui.turn_row import TurnJob, TurnRow

THUMB = 48


def elapsed_text(value: float) -> str:
    """How long a job (or a turn) has run: "42 s", "3:07"."""
    s = int(value)
    if s >= 60:
        return f"{s // 60}:{s % 60:02d}"
    return QCoreApplication.translate("JobRow", "%1 s").replace("%1", str(s))


class JobRow(RowFrame):
    cancel_clicked = Signal(Job)
    retry_clicked = Signal(Job)

    def __init__(self, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(THUMB, parent)
        self.job = job
        self._thumb_of: QImage | None = None
        #: an animated GIF result plays in the thumbnail
        self.movie: QMovie | None = None
        self.cancel_button = QPushButton(icon("circle-stop"), "", self)
        self.cancel_button.clicked.connect(lambda: self.cancel_clicked.emit(self.job))
        self.retry_button = QPushButton(icon("rotate-ccw"), "", self)
        self.retry_button.clicked.connect(lambda: self.retry_clicked.emit(self.job))
        self.add_button(self.cancel_button)
        self.add_button(self.retry_button)
        self.retranslate_ui()

    def refresh(self) -> None:
        job = self.job
        prompt = job.request.prompt.replace("\n", " ")
        short = prompt if len(prompt) <= 48 else prompt[:45] + "…"
        # the history id, as the gallery shows it (a job refused before sending has none)
        ident = f"#{job.history_id} · " if job.history_id else ""
        self.title.set_full_text(
            f"{ident}{job.request.model} · {short}", f"{ident}{job.request.model}\n{prompt}"
        )
        picture = job.images[0].qimage if job.images else job.partial
        if picture is not None and picture is not self._thumb_of and not picture.isNull():
            self._thumb_of = picture  # refresh runs every second: scale each picture once
            first = job.images[0] if job.images else None
            if first is not None and first.image.format == "gif" and first.image.frame_count > 1:
                self._play(first.image.data, picture.size())
            else:
                self.thumb.setPixmap(preview_pixmap(picture, THUMB, THUMB))
        elapsed = elapsed_text(job.elapsed)
        if job.state is JobState.RUNNING:
            if job.token.cancelled:
                status = self.tr("Stopping…")
            elif job.retrying is not None:
                status = (
                    self.tr("Retrying in %1 s (%2)")
                    .replace("%1", str(int(job.retry_wait)))
                    .replace("%2", job.retrying)
                )
            elif job.images:
                status = self.tr("Running, %n image(s) so far · %1", "", len(job.images)).replace(
                    "%1", elapsed
                )
            elif job.partial is not None and job.partial_index >= 0:
                status = (
                    self.tr("Partial %1 of %2 · %3")
                    .replace("%1", str(job.partial_index + 1))
                    .replace("%2", str(partials_asked(job) or job.partial_index + 1))
                    .replace("%3", elapsed)
                )
            else:
                status = self.tr("Running · %1").replace("%1", elapsed)
        elif job.state is JobState.DONE:
            status = self.tr("Done in %1 · %n image(s)", "", len(job.images)).replace("%1", elapsed)
            if job.errors:
                status += " · " + self.tr("%n request(s) failed", "", len(job.errors))
            cost = record_cost_text(job.record)
            if cost:
                status += " · " + cost
        elif job.state is JobState.CANCELLED:
            status = self.tr("Cancelled after %1").replace("%1", elapsed)
        else:
            advice = advise(job.error, provider_name(job.provider)) if job.error else None
            status = self.tr("Failed: %1").replace("%1", advice.title if advice else "?")
            if advice:
                self.status.setToolTip(advice.text)
        self.status.setText(status)
        #: the row as a screen reader says it (the list's item text: the row is a widget)
        self.spoken = f"{ident}{job.request.model}, {short}, {status}"
        self.cancel_button.setVisible(job.running)
        self.cancel_button.setEnabled(not job.token.cancelled)
        no_key = job.error is not None and advise(job.error).action is Action.ADD_KEY
        self.retry_button.setVisible(
            job.state in (JobState.FAILED, JobState.CANCELLED) and not no_key
        )

    def _play(self, data: bytes, size: QSize) -> None:
        self._gif = QByteArray(data)
        buffer = QBuffer(self._gif, self)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        movie = QMovie(self)
        movie.setDevice(buffer)
        movie.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
        self.movie = movie
        self.thumb.setMovie(movie)
        movie.start()

    def retranslate_ui(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this job now"))
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.setToolTip(self.tr("Run the same job again"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def partials_asked(job: Job) -> int:
    """How many partial images the job's request asked for (0 when not streaming)."""
    value = job.request.params.get("partial_images")
    return value if isinstance(value, int) and value > 0 else 0


class _JobsList(QListWidget):
    """The rows are as wide as the list (their titles elide): never a sideways scroll
    bar. Qt widens a row widget with its item but never narrows it again, so a
    resize sets the rows' width itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.count():
            # nothing to widen (a new session's list): and asking for the viewport, which
            # Qt made, has PySide look its type up among every widget class (~2 ms)
            return
        width = self.viewport().width()
        for i in range(self.count()):
            row = self.itemWidget(self.item(i))
            if row is not None and row.width() != width:
                row.resize(width, row.height())


class JobsPanel(QWidget):
    job_selected = Signal(Job)
    retry_requested = Signal(Job)
    #: a conversation turn's row was chosen: its conversation is in the Conversation tab
    turn_selected = Signal(object)

    def __init__(self, queue: JobQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.list: QListWidget = _JobsList(self)
        self.list.setObjectName("jobsList")
        self.list.currentItemChanged.connect(self._on_current)
        self.summary = QLabel(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)
        self._rows: dict[int, tuple[QListWidgetItem, JobRow]] = {}
        #: the conversation turns sent this session (see :meth:`list_turns`)
        self._turn_rows: list[tuple[QListWidgetItem, TurnRow]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        queue.job_added.connect(self._on_added)
        queue.job_changed.connect(self._on_changed)
        queue.job_finished.connect(self._on_changed)
        queue.job_finished.connect(self._announce_end)
        self.retranslate_ui()

    def row_for(self, job: Job) -> JobRow | None:
        entry = self._rows.get(job.number)
        return entry[1] if entry else None

    def select(self, job: Job) -> None:
        entry = self._rows.get(job.number)
        if entry:
            self.list.setCurrentItem(entry[0])

    def _on_added(self, job: Job) -> None:
        row = JobRow(job)
        row.cancel_clicked.connect(self.queue.cancel)
        row.cancel_clicked.connect(lambda _j: row.refresh())
        row.retry_clicked.connect(self.retry_requested)
        item = QListWidgetItem()
        item.setSizeHint(QSize(1, THUMB + 8))  # as wide as the list: the title elides
        self.list.insertItem(0, item)
        self.list.setItemWidget(item, row)
        # Tab goes from the list to its rows' buttons, the top row's first (made last,
        # they came after the whole history)
        QWidget.setTabOrder(self.list, row.cancel_button)
        QWidget.setTabOrder(row.cancel_button, row.retry_button)
        self._rows[job.number] = (item, row)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, row.spoken)
        self.list.setCurrentItem(item)
        self._timer.start()
        self._update_summary()

    def list_turns(self, conversation: ConversationSending) -> None:
        """List the turns the Conversation tab sends (once its panel is made), each with
        its progress and Stop, as jobs are."""
        conversation.turn_listed.connect(lambda turn: self._on_turn_added(turn, conversation))
        conversation.turn_changed.connect(self._on_turn_changed)

    def _on_turn_added(self, turn: TurnJob, conversation: ConversationSending) -> None:
        from studio.ui.turn_row import TurnRow

        row = TurnRow(turn, THUMB)
        row.stop_clicked.connect(lambda _t: conversation.stop())
        item = QListWidgetItem()
        item.setSizeHint(QSize(1, THUMB + 8))
        self.list.insertItem(0, item)
        self.list.setItemWidget(item, row)
        QWidget.setTabOrder(self.list, row.stop_button)
        self._turn_rows.append((item, row))
        self._timer.start()
        self._update_summary()

    def turn_row(self, turn: TurnJob) -> TurnRow | None:
        return next((row for _item, row in self._turn_rows if row.turn is turn), None)

    def _on_turn_changed(self, turn: TurnJob) -> None:
        row = self.turn_row(turn)
        if row is not None:
            row.refresh()
        self._update_summary()

    def _on_changed(self, job: Job) -> None:
        entry = self._rows.get(job.number)
        if entry:
            entry[1].refresh()
            entry[0].setData(Qt.ItemDataRole.AccessibleTextRole, entry[1].spoken)
        self._update_summary()

    def _announce_end(self, job: Job) -> None:
        """A job that ended is said aloud (a failure at once), wherever the focus is."""
        entry = self._rows.get(job.number)
        if entry is None:
            return
        row = entry[1]
        text = (
            self.tr("Job %1: %2")
            .replace("%1", row.title.full_text())
            .replace("%2", row.status.text())
        )
        announce(self.list, text, urgent=job.state is JobState.FAILED)

    def _on_current(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is None:
            return
        row = self.list.itemWidget(item)
        if isinstance(row, JobRow):
            self.job_selected.emit(row.job)
        elif row is not None:
            from studio.ui.turn_row import TurnRow

            if isinstance(row, TurnRow):
                self.turn_selected.emit(row.turn)

    def _tick(self) -> None:
        running = False
        for item, row in self._rows.values():
            if row.job.running:
                row.refresh()
                item.setData(Qt.ItemDataRole.AccessibleTextRole, row.spoken)
                running = True
        for _item, turn_row in self._turn_rows:
            if turn_row.turn.running:
                turn_row.refresh()
                running = True
        if not running:
            self._timer.stop()

    def _update_summary(self) -> None:
        turns = [row.turn for _item, row in self._turn_rows]
        running = len(self.queue.running()) + sum(1 for t in turns if t.running)
        total = len(self.queue.jobs) + len(turns)
        self.summary.setText(
            # the dock's title already says "Jobs": the line holds only the counts
            self.tr("%1 running, %2 in all").replace("%1", str(running)).replace("%2", str(total))
        )

    def retranslate_ui(self) -> None:
        self.list.setToolTip(self.tr("Jobs of this session; select one to see its images"))
        self.list.setAccessibleName(self.tr("Jobs"))
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
