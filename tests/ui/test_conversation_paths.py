"""The tree walks behind the Conversation tab's path and branch switcher."""

from __future__ import annotations

from typing import Any

from studio.ui.conversation_branches import newest_in, path_to


def _node(turn_id: int, *children: dict[str, Any]) -> dict[str, Any]:
    return {"turn_id": turn_id, "children": list(children)}


def test_paths_follow_the_tree_to_the_turn_asked_for() -> None:
    tree = {"turns": [_node(1, _node(2, _node(4)), _node(3, _node(5, _node(6))))]}
    assert [n["turn_id"] for n in path_to(tree, 4)] == [1, 2, 4]
    assert [n["turn_id"] for n in path_to(tree, None)] == [1, 3, 5, 6]  # the newest
    assert path_to(tree, 99) == [] and path_to({"turns": []}, None) == []
    assert newest_in(tree["turns"][0]["children"][0])["turn_id"] == 4


def test_a_thread_thousands_of_turns_deep_is_walked_without_recursion() -> None:
    deepest = _node(5000)
    node = deepest
    for turn_id in range(4999, 0, -1):
        node = _node(turn_id, node)
    path = path_to({"turns": [node]}, None)
    assert len(path) == 5000 and path[-1] is deepest
    assert newest_in(node) is deepest
