"""Where a thread forks: the branch switcher, and the tree walks behind it.

A thread is a tree of turns; the Conversation tab shows one path through it. Under a
turn that several turns continue, a compact switcher ("Branch 2 of 3" with ◀ ▶, and
the label opens a menu of the branches by their first instruction) changes which
branch the path follows: it then runs to that branch's newest turn. Switching only
changes what is shown and which turn the next instruction continues; nothing is
overwritten.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

Node = dict[str, Any]


def path_to(tree: Node, turn_id: int | None) -> list[Node]:
    """The turns from the thread's first to ``turn_id`` (None: the newest turn).

    Walked without recursion: a thread may be thousands of turns deep."""
    parent: dict[int, Node | None] = {}
    by_id: dict[int, Node] = {}
    stack: list[tuple[Node, Node | None]] = [(root, None) for root in tree["turns"]]
    while stack:
        node, up = stack.pop()
        by_id[node["turn_id"]] = node
        parent[node["turn_id"]] = up
        stack.extend((child, node) for child in node["children"])
    if not by_id:
        return []
    target = by_id.get(max(by_id) if turn_id is None else turn_id)
    path: list[Node] = []
    while target is not None:
        path.append(target)
        target = parent[target["turn_id"]]
    return path[::-1]


def newest_in(node: Node) -> Node:
    """The newest turn of the branch that starts at ``node`` (``node`` itself if alone)."""
    best = node
    stack = [node]
    while stack:
        here = stack.pop()
        if here["turn_id"] > best["turn_id"]:
            best = here
        stack.extend(here["children"])
    return best


def _short(text: str, limit: int = 48) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class BranchSwitcher(QWidget):
    """◀ Branch i of n ▶ under a fork turn; ``chosen`` carries the branch's first turn id."""

    chosen = Signal(int)

    def __init__(self, children: list[Node], current: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("branchSwitcher")
        self.children_ids = [int(c["turn_id"]) for c in children]
        self.index = self.children_ids.index(current) if current in self.children_ids else None
        self.prev_button = QToolButton(self)
        self.prev_button.setText("◀")
        self.prev_button.setAutoRaise(True)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setAutoRaise(True)
        self.next_button.clicked.connect(lambda: self.step(+1))
        self.label = QToolButton(self)
        self.label.setObjectName("branchMenu")
        self.label.setAutoRaise(True)
        self.label.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self)
        for number, child in enumerate(children, start=1):
            action = self.menu.addAction(f"{number}. {_short(str(child['instruction']))}")
            action.setCheckable(True)
            action.setChecked(number - 1 == self.index)
            action.triggered.connect(lambda _c=False, i=number - 1: self.go(i))
        self.label.setMenu(self.menu)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 0, 4, 0)
        row.setSpacing(2)
        row.addWidget(self.prev_button)
        row.addWidget(self.label)
        row.addWidget(self.next_button)
        row.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        n = len(self.children_ids)
        if self.index is None:
            text = self.tr("%1 branches continue here").replace("%1", str(n))
        else:
            text = (
                self.tr("Branch %1 of %2").replace("%1", str(self.index + 1)).replace("%2", str(n))
            )
        self.label.setText(text)
        self.label.setToolTip(self.tr("The turns that continue this one: choose which to show"))
        self.label.setAccessibleName(text)
        self.prev_button.setToolTip(self.tr("Show the previous branch"))
        self.prev_button.setAccessibleName(self.tr("Show the previous branch"))
        self.next_button.setToolTip(self.tr("Show the next branch"))
        self.next_button.setAccessibleName(self.tr("Show the next branch"))
        last = n - 1
        self.prev_button.setEnabled(self.index is None or self.index > 0)
        self.next_button.setEnabled(self.index is None or self.index < last)

    def step(self, delta: int) -> None:
        if self.index is None:
            self.go(0 if delta > 0 else len(self.children_ids) - 1)
        else:
            self.go(self.index + delta)

    def go(self, index: int) -> None:
        if 0 <= index < len(self.children_ids) and index != self.index:
            self.chosen.emit(self.children_ids[index])

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Left:
            self.step(-1)
        elif event.key() == Qt.Key.Key_Right:
            self.step(+1)
        else:
            super().keyPressEvent(event)
