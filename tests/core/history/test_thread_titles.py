"""A conversation's name: its first instruction's first words until its user names it
(kept in the history); threads stored before names were kept read as before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from studio.core.history import threads
from studio.core.history.store import HistoryStore
from studio.core.history.threads import default_title
from studio.core.paths import resolve_paths
from tests.core.history.test_threads_undo import _turn


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths())
    yield s
    s.close()


@pytest.mark.parametrize(
    ("instruction", "title"),
    [
        ("a harbour at noon", "a harbour at noon"),
        ("make the sky stormier, please.", "make the sky stormier, please"),
        ("a red fox sitting in the snow under the moon", "a red fox sitting in the…"),
        ("\n  a  cat \n and a second line", "a cat"),
        (
            "an extraordinarily magnificent unbelievably colourful kite",
            "an extraordinarily magnificent…",
        ),
        # Chinese has no spaces: a few characters, cut after the punctuation
        ("把天空变得更暴风雨一些，并且加上闪电和乌云", "把天空变得更暴风雨一些，并且…"),
        ("画一只猫。", "画一只猫"),
        ("一只 cat 在雪地里", "一只 cat 在雪地里"),
    ],
)
def test_a_thread_is_named_by_its_first_words(instruction: str, title: str) -> None:
    assert default_title(instruction) == title


def test_a_name_given_is_kept_and_an_empty_one_gives_the_first_words_back(
    store: HistoryStore,
) -> None:
    first = _turn(store, "a lighthouse on a cliff at dusk with gulls", None)
    _turn(store, "make it rain", first)
    tree = threads.thread_tree(store, first.thread_id)
    assert tree is not None  # a thread of before: no name kept, its first words
    assert tree["title"] == "a lighthouse on a cliff at…" and tree["titled"] is False

    threads.set_thread_title(store, first.thread_id, "  Lighthouse   series ")
    tree = threads.thread_tree(store, first.thread_id)
    assert tree is not None
    assert tree["title"] == "Lighthouse series" and tree["titled"] is True
    assert threads.thread_title(store, first.thread_id) == "Lighthouse series"

    threads.set_thread_title(store, first.thread_id, "   ")
    assert threads.thread_title(store, first.thread_id) is None
    tree = threads.thread_tree(store, first.thread_id)
    assert tree is not None and tree["title"] == "a lighthouse on a cliff at…"
