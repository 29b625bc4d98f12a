"""The branch switcher where a thread forks: it changes the path on show and the turn
the next instruction continues; nothing in the thread is changed (real HTTP, sandbox)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio.core.history.threads import thread_tree
from studio.core.service import Studio
from studio.sandbox.server import SandboxServer
from studio.ui.conversation_branches import BranchSwitcher
from studio.ui.conversation_panel import ConversationPanel
from studio.ui.main_window import MainWindow
from tests.ui.test_conversation_tab import _aim, _bodies, _say, _talk_provider


def _texts(panel: ConversationPanel) -> list[str]:
    return [item.text().split("\n")[0] for item in panel.turn_items()]


def _switchers(panel: ConversationPanel) -> list[BranchSwitcher]:
    found = []
    for row in range(panel.turns.count()):
        widget = panel.turns.itemWidget(panel.turns.item(row))
        if isinstance(widget, BranchSwitcher):
            found.append(widget)
    return found


def _click_turn(qtbot: QtBot, panel: ConversationPanel, index: int) -> None:
    rect = panel.turns.visualItemRect(panel.turn_items()[index])
    qtbot.mouseClick(panel.turns.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_switcher_shows_each_branch_and_the_next_turn_continues_the_one_on_show(
    qtbot: QtBot, window: MainWindow, studio_ctx: Studio, sandbox: SandboxServer
) -> None:
    _talk_provider(studio_ctx, sandbox)
    panel = _aim(window, studio_ctx)
    _say(qtbot, panel, "a harbour at noon", 1)
    _say(qtbot, panel, "make the sky stormier", 2)
    _say(qtbot, panel, "now remove the boat", 3)
    stormy_leaf = panel.base_turn
    assert _switchers(panel) == []
    _click_turn(qtbot, panel, 0)
    _say(qtbot, panel, "add a red boat", 2)
    _click_turn(qtbot, panel, 0)
    _say(qtbot, panel, "paint it at dusk", 2)
    assert panel.thread_id is not None
    before = thread_tree(studio_ctx.history, panel.thread_id)

    # the newest branch is on show, with a switcher under the fork turn
    assert _texts(panel) == ["1. a harbour at noon", "2. paint it at dusk"]
    (switcher,) = _switchers(panel)
    assert switcher.label.text() == "Branch 3 of 3"
    assert not switcher.next_button.isEnabled()
    assert (
        panel.turns.row(panel.turn_items()[0]) + 1
        == panel.turns.indexAt(switcher.geometry().center()).row()
    )  # right under the fork turn

    qtbot.mouseClick(switcher.prev_button, Qt.MouseButton.LeftButton)
    assert _texts(panel) == ["1. a harbour at noon", "2. add a red boat"]
    (switcher,) = _switchers(panel)
    assert switcher.label.text() == "Branch 2 of 3"
    qtbot.mouseClick(switcher.prev_button, Qt.MouseButton.LeftButton)
    # the first branch runs to its newest turn
    assert _texts(panel) == [
        "1. a harbour at noon",
        "2. make the sky stormier",
        "3. now remove the boat",
    ]
    assert panel.base_turn == stormy_leaf
    assert panel.title.text().endswith("continuing from turn 3")  # its number on the path
    (switcher,) = _switchers(panel)
    assert switcher.label.text() == "Branch 1 of 3" and not switcher.prev_button.isEnabled()

    # the menu names the branches and picks one
    actions = switcher.menu.actions()
    assert [a.text() for a in actions] == [
        "1. make the sky stormier",
        "2. add a red boat",
        "3. paint it at dusk",
    ]
    assert actions[0].isChecked()
    actions[2].trigger()
    assert _texts(panel)[-1] == "2. paint it at dusk"
    _switchers(panel)[0].prev_button.click()
    _switchers(panel)[0].prev_button.click()

    # nothing was overwritten, and nothing was sent by switching
    assert thread_tree(studio_ctx.history, panel.thread_id) == before
    sent = len(_bodies(sandbox))
    assert sent == 5

    # the next instruction continues the branch on show
    _say(qtbot, panel, "and a lighthouse", 4)
    bodies = _bodies(sandbox)
    leaf_reply = next(
        n["response_id"]
        for n in _walk(before["turns"] if before else [])
        if n["turn_id"] == stormy_leaf
    )
    assert bodies[-1]["previous_response_id"] == leaf_reply
    assert _texts(panel)[-1] == "4. and a lighthouse"


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node["children"]))
    return out
