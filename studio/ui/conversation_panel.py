"""The Conversation tab: a thread of turns and a composer for the next instruction.

Each turn shows its instruction, its image and the revised prompt the model
used. The thread shown is the path from its first turn to the turn being
continued; choosing an earlier turn continues from there (a branch; nothing is
overwritten). Ctrl+Enter sends. Images dropped or pasted on the tab (or added in
the strip under the composer) go with the next turn, with a mask painted on the
image it edits (see :mod:`studio.ui.conversation_attach`). A turn that fails (a
cut stream keeps its last partial image) offers Retry, never taken on its own (the turn
in flight: :mod:`studio.ui.conversation_sending`). History reads and the
request run on workers (``BackgroundOp`` / ``ProgressOp``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QEvent, QMimeData, QObject, QPoint, QSize, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.cancel import CancelToken
from studio.jobs.op import BackgroundOp
from studio.ui.conversation_attach import PaintTarget, TurnAttachments
from studio.ui.conversation_branches import BranchSwitcher, newest_in, path_to
from studio.ui.conversation_sending import PREVIEW_HEIGHT, ConversationSending
from studio.ui.cost_text import money, simulated, simulated_text
from studio.ui.gallery.tile_parts import status_word
from studio.ui.icons import shortcut_text, with_shortcut
from studio.ui.prompt_editor import RUN_KEY

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog

    from studio.core.providers import Provider
    from studio.core.service import Studio

# the turn id an item stands for
TURN_ROLE = Qt.ItemDataRole.UserRole + 1


def _attachable(mime: QMimeData | None) -> bool:
    return mime is not None and (mime.hasImage() or any(u.isLocalFile() for u in mime.urls()))


class ConversationPanel(ConversationSending):
    def __init__(
        self,
        studio: Studio,
        target: Callable[[], tuple[Provider | None, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationPanel")
        self.studio = studio
        self._target = target
        #: the composer's options (size, quality, ...): a turn takes those it can
        self.options: Callable[[], dict[str, Any]] = dict
        self.thread_id: int | None = None
        # the turn the next instruction continues (None: a new thread)
        self.base_turn: int | None = None
        #: the last turn of the path on show (None: the thread's newest); where the
        #: thread forks, the branch switcher changes it
        self.tip_turn: int | None = None
        self._tree: dict[str, Any] | None = None
        #: the turn ids of the path on show, first to last
        self._path_ids: list[int] = []
        self._busy = False
        #: a finished turn's thread is being read: sending waits until it is on screen
        self._after_turn = False
        self._reads = 0
        #: counts the threads opened (and new ones started): a turn that ends after the
        #: view moved on does not take the tab back to its own thread
        self._view = 0
        self._last = None
        #: the turn in flight's cancel token (None: no turn is being sent)
        self._token: CancelToken | None = None
        self.turn_job = None
        #: the turns sent from here that ended, by how: "finished", "failed", "cancelled"
        self.ended: dict[str, int] = {"finished": 0, "failed": 0, "cancelled": 0}
        #: the first image of each turn on screen, by turn id
        self._images: dict[int, str] = {}
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.title = QLabel()
        self.title.setWordWrap(True)  # a long name the user gave never widens the tab
        #: names the thread on show (the question asked; None: not asked)
        self.rename_button = QPushButton()
        self.rename_button.setEnabled(False)  # a new conversation has nothing to name yet
        self.rename_button.clicked.connect(self.rename)
        self.rename_dialog: QInputDialog | None = None
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_thread)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.rename_button)
        top.addWidget(self.new_button)
        self.turns = QListWidget()
        self.turns.setIconSize(QSize(128, 128))
        self.turns.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.turns.setWordWrap(True)
        self.turns.itemClicked.connect(self._continue_from)
        self.turns.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.turns.customContextMenuRequested.connect(self._turn_menu)
        self.attach = TurnAttachments(self)
        self.attach.paint_target = self._paint_target
        self.attach.notice.connect(self.status.setText)
        self.preview = QLabel()
        self.preview.setFixedHeight(PREVIEW_HEIGHT)
        self.preview.hide()  # only while a turn streams its partial images
        self.retry_button = QPushButton()
        self.retry_button.hide()
        self.retry_button.clicked.connect(self.retry)
        self.composer = QPlainTextEdit()
        self.composer.setFixedHeight(72)
        self.composer.setTabChangesFocus(True)  # Tab goes on to Send
        self.send_button = QPushButton()
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton()
        self.stop_button.hide()  # only while a turn is in flight
        self.stop_button.clicked.connect(self.stop)
        self.composer.installEventFilter(self)  # Ctrl+Enter sends; an image pasted attaches
        self.composer.viewport().installEventFilter(self)  # a file dropped attaches
        self.setAcceptDrops(True)
        row = QHBoxLayout()
        row.addWidget(self.composer, 1)
        row.addWidget(self.send_button)
        row.addWidget(self.stop_button)
        status_row = QHBoxLayout()
        status_row.addWidget(self.preview)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.turns, 1)
        layout.addLayout(status_row)
        layout.addWidget(self.attach)
        layout.addLayout(row)
        self.retranslate_ui()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the composer sends the turn (not the window's Generate); an
        image pasted or a file dropped there is attached, not typed."""
        if (
            watched is self.composer.viewport()
            and isinstance(event, QDropEvent)
            and _attachable(event.mimeData())
        ):
            if event.type() == QEvent.Type.Drop:
                self.attach.inputs.add_mime(event.mimeData())
            event.acceptProposedAction()
            return True
        if (
            watched is self.composer
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            mime = QGuiApplication.clipboard().mimeData()
            if mime is not None and mime.hasImage() and not mime.hasText():
                self.attach.inputs.add_mime(mime)
                return True
        if (
            watched is self.composer
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the key comes here as a key press
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.send()
                return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _attachable(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.attach.inputs.add_mime(event.mimeData())
        event.acceptProposedAction()

    def retranslate_ui(self) -> None:
        self.attach.retranslate_ui()
        if self._tree is not None:
            self._show_path()  # the turns' notes and the switchers, in the new language
        self.new_button.setText(self.tr("New thread"))
        self.rename_button.setText(self.tr("Rename…"))
        self.rename_button.setToolTip(self.tr("Give this conversation a name of your own"))
        self.turns.setAccessibleName(self.tr("Turns"))
        self.composer.setAccessibleName(self.tr("Instruction"))
        self.send_button.setText(self.tr("Send"))
        self.send_button.setToolTip(with_shortcut(self.tr("Send the instruction"), RUN_KEY))
        self.retry_button.setText(self.tr("Retry"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("Stop waiting for this turn (a request already sent may still be billed)")
        )
        self.composer.setPlaceholderText(
            self.tr("Say what to change, e.g. “make the sky stormier”; %1 sends").replace(
                "%1", shortcut_text(RUN_KEY)
            )
        )
        self._show_title()

    def thread_name(self) -> str:
        """The thread on show's name: the user's, else its first instruction's first
        words (its number while its turns are being read)."""
        tree = self._tree
        if tree is not None and tree.get("thread_id") == self.thread_id and tree.get("title"):
            return str(tree["title"])
        return self.tr("Thread %1").replace("%1", str(self.thread_id))

    def _show_title(self) -> None:
        self.rename_button.setEnabled(self.thread_id is not None)
        if self.thread_id is None:
            self.title.setText(self.tr("New conversation"))
        elif self.base_turn is None:
            self.title.setText(self.thread_name())
        else:
            # the turn's number on the path on show (as its row says), not its job id
            shown = self._path_ids
            number = shown.index(self.base_turn) + 1 if self.base_turn in shown else None
            self.title.setText(
                self.tr("%1, continuing from turn %2")
                .replace("%1", self.thread_name())
                .replace("%2", str(number or "…"))
            )

    def rename(self) -> None:
        """Ask for the thread's name (empty: named by its first words again)."""
        from PySide6.QtWidgets import QInputDialog

        thread = self.thread_id
        if thread is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rename the Conversation"))
        dialog.setLabelText(self.tr("Name (leave it empty to name it by its first words):"))
        dialog.setMinimumWidth(420)  # a name of a few words shows whole
        name = self.thread_name()
        dialog.setTextValue(name)
        tree = self._tree
        # the first words, taken unchanged, stay first words (they follow a deleted turn)
        auto = None if tree is not None and tree.get("titled") else name
        dialog.textValueSelected.connect(
            lambda text: self._rename(thread, "" if text.strip() == auto else text)
        )
        self.rename_dialog = dialog
        dialog.open()

    def _rename(self, thread: int, title: str) -> None:
        """Keep ``title`` for ``thread`` in the history (on a worker), then show it."""
        from studio.core.history.threads import set_thread_title

        history = self.studio.history

        def failed(exc: BaseException) -> None:
            text = self.tr("The conversation could not be renamed: %1").replace("%1", str(exc))
            self.status.setText(text)

        BackgroundOp(
            self, lambda: set_thread_title(history, thread, title), lambda _: self._renamed(thread)
        ).failure(failed).run()

    def _renamed(self, thread: int) -> None:
        if thread == self.thread_id:
            self._reload()

    # -- threads -------------------------------------------------------------------

    def new_thread(self) -> None:
        self._view += 1
        self.thread_id = None
        self.base_turn = None
        self.tip_turn = None
        self._tree = None
        self._images.clear()
        self.turns.clear()
        self.status.clear()
        self.attach.target_changed()
        self.preview.clear()
        self.preview.hide()
        self.retry_button.hide()
        self._show_title()

    def open_thread(self, thread_id: int, turn_id: int | None = None) -> None:
        """Show a stored thread (after a restart too) and continue from ``turn_id``
        (None: its newest turn)."""
        self._view += 1
        self.thread_id = thread_id
        self.base_turn = turn_id
        self.tip_turn = turn_id
        self._images.clear()
        self.attach.target_changed()
        self._reload()

    def _reload(self) -> None:
        from studio.core.history.threads import thread_tree

        thread = self.thread_id
        if thread is None:
            return
        # reads can overlap (a turn finished while a branch was being opened): only the
        # newest one's answer is shown, never an older tree over a newer one
        self._reads += 1
        ticket = self._reads

        def show(tree: dict[str, Any] | None) -> None:
            if ticket == self._reads:
                self._show_tree(tree)

        def failed(exc: BaseException) -> None:
            if ticket == self._reads:
                self._ready_after_turn()
                text = self.tr("The thread could not be read: %1").replace("%1", str(exc))
                self.status.setText(text)

        BackgroundOp(self, lambda: thread_tree(self.studio.history, thread), show).failure(
            failed
        ).run()

    def _ready(self) -> None:
        """Ready for the next instruction."""
        self._busy = False
        self._after_turn = False
        self.send_button.setEnabled(True)

    def _ready_after_turn(self) -> None:
        """A finished turn's thread is on screen (or could not be read): send again."""
        if self._after_turn:
            self._ready()

    def _show_tree(self, tree: dict[str, Any] | None) -> None:
        self._ready_after_turn()
        self._tree = tree
        self._show_path()

    def _show_path(self) -> None:
        """The path from the first turn to ``tip_turn``, a switcher under each fork."""
        self.turns.clear()
        tree = self._tree
        if tree is None:
            return
        path = path_to(tree, self.tip_turn)
        self._images = {n["turn_id"]: n["images"][0] for n in path if n["images"]}
        on_path = self._path_ids = [n["turn_id"] for n in path]
        if path and self.base_turn not in on_path:
            # the newest turn with a picture: a failed or interrupted turn at the tip has
            # none to continue from (sending from it could only be refused)
            with_picture = [t for t in on_path if t in self._images]
            self.base_turn = with_picture[-1] if with_picture else on_path[-1]
            self.attach.target_changed()
        for number, node in enumerate(path, start=1):
            lines = [f"{number}. {node['instruction']}"]
            if node.get("revised_prompt"):
                lines.append(self.tr("Revised: %1").replace("%1", node["revised_prompt"]))
            facts = self._facts(node)
            if facts:
                lines.append(facts)
            item = QListWidgetItem("\n".join(lines))
            item.setData(TURN_ROLE, node["turn_id"])
            if node["images"]:
                item.setIcon(QIcon(QPixmap(node["images"][0])))
            self.turns.addItem(item)
            if len(node["children"]) > 1:
                following = on_path[number] if number < len(on_path) else None
                self._add_switcher(node["children"], following)
        if self.turns.count():
            self.turns.scrollToBottom()  # the newest turn
        self._show_title()

    def _facts(self, node: dict[str, Any]) -> str:
        """When the turn ran, how long it took and what it cost (image and text model)."""
        parts = []
        word = status_word(str(node.get("status") or ""))
        if word:  # failed, cancelled or interrupted: no picture to show or continue
            parts.append(word)
        created = node.get("created_at")
        if isinstance(created, int | float):
            when = QDateTime.fromSecsSinceEpoch(int(created))
            today = when.date() == QDateTime.currentDateTime().date()
            parts.append(when.toString("HH:mm" if today else "yyyy-MM-dd HH:mm"))
        seconds = node.get("seconds")
        if isinstance(seconds, int | float):
            parts.append(self.tr("%1 s").replace("%1", f"{seconds:.1f}"))
        cost = node.get("cost")
        if isinstance(cost, int | float):
            amount = money(cost, node.get("cost_currency"))
            if simulated(str(node.get("provider") or "")):  # nobody is charged
                amount = simulated_text(amount)
            parts.append(self.tr("cost %1").replace("%1", amount))
        return " · ".join(parts)

    def _add_switcher(self, children: list[dict[str, Any]], current: int | None) -> None:
        switcher = BranchSwitcher(children, current)
        switcher.chosen.connect(self.switch_branch)
        row = QListWidgetItem()
        row.setFlags(Qt.ItemFlag.NoItemFlags)  # not a turn: never chosen or continued
        row.setSizeHint(switcher.sizeHint())
        self.turns.addItem(row)
        self.turns.setItemWidget(row, switcher)

    def switch_branch(self, first_turn: int) -> None:
        """Show the branch that starts at ``first_turn``, to its newest turn, and continue
        from there (nothing is changed in the thread)."""
        if self._tree is None:
            return
        found = path_to(self._tree, first_turn)
        if not found:
            return
        start = found[-1]
        self.tip_turn = newest_in(start)["turn_id"]
        self.base_turn = None  # the path's newest turn with a picture (see _show_path)
        self.attach.target_changed()
        self._show_path()

    def turn_items(self) -> list[QListWidgetItem]:
        """The rows that are turns (not branch switchers), top to bottom."""
        rows = (self.turns.item(i) for i in range(self.turns.count()))
        return [row for row in rows if row.data(TURN_ROLE) is not None]

    def _continue_from(self, item: QListWidgetItem) -> None:
        """Continue from the chosen turn: the next instruction makes a branch there."""
        if item.data(TURN_ROLE) is None:
            return
        turn = int(item.data(TURN_ROLE))
        if turn not in self._images:
            self.status.setText(
                self.tr("This turn has no picture to continue from: choose a turn with one.")
            )
            return
        self.status.clear()
        self.base_turn = turn
        self.attach.target_changed()
        self._show_title()

    def _paint_target(self) -> PaintTarget | None:
        """The image the next turn edits: the turn continued, else the first attachment."""
        if self.base_turn is not None:
            path = self._images.get(self.base_turn)
            return None if path is None else PaintTarget(("turn", self.base_turn), path)
        entries = self.attach.inputs.entries()
        if entries:
            return PaintTarget(("input", entries[0].key), entries[0].picture)
        return None

    def _turn_menu(self, pos: QPoint) -> None:
        item = self.turns.itemAt(pos)
        if item is None or item.data(TURN_ROLE) is None:
            return
        path = self._images.get(int(item.data(TURN_ROLE)))
        if path is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Attach this turn's image"), lambda: self.attach.add_file(path))
        menu.exec(self.turns.viewport().mapToGlobal(pos))
