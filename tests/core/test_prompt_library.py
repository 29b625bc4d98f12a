"""The prompt library's store: saving, search, recent use, undo, and the move from settings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from studio.core.paths import resolve_paths
from studio.core.prompt_library import LibraryError, PromptLibrary, Query, open_library
from studio.core.prompt_library.store import RECENT_KEEP, Incoming
from studio.core.settings import load_settings


class Clock:
    def __init__(self, start: float = 1_780_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def lib(tmp_path: Path) -> PromptLibrary:
    library = PromptLibrary(tmp_path / "prompts.sqlite3", clock=Clock())
    yield library
    library.close()


def test_a_saved_prompt_keeps_its_variables_title_and_tags(lib: PromptLibrary) -> None:
    entry = lib.save(
        "  a {animal} in {style}, {animal} again {{literal}}  ",
        "Animals",
        ["style", "Style", "#fun"],
    )
    assert entry.text == "a {animal} in {style}, {animal} again {{literal}}"
    assert entry.variables == ("animal", "style")
    assert entry.title == "Animals"
    assert entry.tags == ("style", "fun")  # one spelling per tag, the "#" dropped
    assert entry.saved and entry.uses == 0 and entry.used_at is None
    again = lib.save("a {animal} in {style}, {animal} again {{literal}}", tags=["new"])
    assert again.id == entry.id and again.tags == ("style", "fun", "new")
    assert again.title == "Animals"  # no title given: the old one stays
    assert lib.count() == 1


def test_empty_and_oversized_prompts_are_refused_in_words(lib: PromptLibrary) -> None:
    with pytest.raises(LibraryError, match="empty"):
        lib.save("   ")
    with pytest.raises(LibraryError, match="32,001 characters; at most 32,000"):
        lib.save("x" * 32_001)
    with pytest.raises(LibraryError, match="at most 20 tags"):
        lib.save("a fox", tags=[f"t{i}" for i in range(21)])
    assert lib.count() == 0


def test_search_by_words_and_tags(lib: PromptLibrary) -> None:
    fox = lib.save("a red fox in the snow", "Fox", ["animal", "winter"])
    owl = lib.save("an owl at night, 100% moonlit", "", ["animal"])
    city = lib.save("a city at night", "Neon streets", ["urban"])

    def ids(query: str | Query) -> set[int]:
        return {e.id for e in lib.search(query)}

    assert ids("") == {fox.id, owl.id, city.id}
    assert ids("night") == {owl.id, city.id}
    assert ids("NIGHT owl") == {owl.id}  # every word, any case
    assert ids("neon") == {city.id}  # the title counts
    assert ids("urban") == {city.id}  # and the tags
    assert ids("#animal") == {fox.id, owl.id}
    assert ids("tag:animal night") == {owl.id}
    assert ids(Query(tags=("ANIMAL", "winter"))) == {fox.id}
    assert ids("100%") == {owl.id}  # LIKE's wildcards are literal
    assert ids("_") == set()
    assert dict(lib.tags()) == {"animal": 2, "urban": 1, "winter": 1}


def test_recent_prompts_are_a_view_of_use(lib: PromptLibrary) -> None:
    saved = lib.save("a saved {thing}", "Saved")
    lib.record_use("first")
    lib.record_use("a saved {thing}")
    lib.record_use("second")
    lib.record_use("first")
    assert [e.text for e in lib.recent()] == ["first", "second", "a saved {thing}"]
    assert lib.find_text("first").uses == 2  # type: ignore[union-attr]
    assert lib.get(saved.id).uses == 1  # type: ignore[union-attr]
    # prompts only used are not in the library itself
    assert [e.text for e in lib.search("")] == ["a saved {thing}"]
    # saving a recent prompt keeps its use history
    kept = lib.save("second", "Now saved")
    assert kept.saved and kept.uses == 1 and kept.used_at is not None


def test_unsaved_recent_prompts_are_bounded_but_saved_ones_stay(lib: PromptLibrary) -> None:
    lib.save("keep me")
    lib.record_use("keep me")
    for i in range(RECENT_KEEP + 25):
        lib.record_use(f"prompt {i}")
    recent = lib.recent(limit=1000)
    unsaved = [e for e in recent if not e.saved]
    assert len(unsaved) == RECENT_KEEP
    assert unsaved[0].text == f"prompt {RECENT_KEEP + 24}"
    assert lib.find_text("prompt 0") is None
    assert lib.find_text("keep me") is not None


def test_delete_then_undo_gives_the_prompt_back_whole(lib: PromptLibrary) -> None:
    entry = lib.save("a {mood} sky", "Sky", ["weather", "snippet"])
    lib.record_use("a {mood} sky")
    before = lib.get(entry.id)
    deleted = lib.delete(entry.id)
    assert deleted == before and lib.get(entry.id) is None and lib.count() == 0
    assert lib.delete(entry.id) is None
    back = lib.restore(deleted)
    assert back == before


def test_undo_after_the_text_came_back_merges(lib: PromptLibrary) -> None:
    entry = lib.save("a {mood} sky", "Sky", ["weather"])
    deleted = lib.delete(entry.id)
    assert deleted is not None
    lib.save("a {mood} sky", tags=["new"])
    back = lib.restore(deleted)
    assert back.tags == ("new", "weather") and back.title == "Sky"
    assert lib.count() == 1


def test_an_edit_replaces_text_title_and_tags(lib: PromptLibrary) -> None:
    a = lib.save("first text", "A", ["x"])
    b = lib.save("second text", "B")
    edited = lib.update(a.id, text="a {new} text", title="A2", tags=["y", "z"])
    assert (edited.id, edited.text, edited.title, edited.tags) == (
        a.id,
        "a {new} text",
        "A2",
        ("y", "z"),
    )
    assert edited.variables == ("new",)
    with pytest.raises(LibraryError, match="already has this text"):
        lib.update(a.id, text="second text", title="", tags=[])
    lib.delete(b.id)
    with pytest.raises(LibraryError, match="no longer in the library"):
        lib.update(b.id, text="x", title="", tags=[])


def test_a_merge_that_fails_half_way_writes_nothing(lib: PromptLibrary) -> None:
    def items():  # type: ignore[no-untyped-def]
        yield Incoming("one")
        yield Incoming("two")
        raise OSError("the disk went away")

    with pytest.raises(OSError):
        lib.merge_many(items())
    assert lib.count() == 0


def test_two_openings_of_one_file_see_each_other(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with PromptLibrary(path) as gui, PromptLibrary(path) as cli:
        cli.save("from the command line", tags=["cli"])
        assert [e.text for e in gui.search("#cli")] == ["from the command line"]


def test_a_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    PromptLibrary(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(LibraryError, match="newer version"):
        PromptLibrary(path)


OLD_SETTINGS = {
    "version": 1,
    "language": "zh_CN",
    "snippets": [
        {"name": "Watercolour", "text": "soft watercolour, paper texture"},
        {"name": "胶片", "text": "35mm film, grain"},
        {"name": "Blank", "text": "   "},
    ],
    "recent_prompts": ["newest {thing}", "35mm film, grain", "older", "oldest 画"],
}


def test_the_snippets_and_recent_prompts_of_an_old_settings_file_move_in(
    studio_home: Path,
) -> None:
    paths = resolve_paths(studio_home).ensure()
    text = json.dumps(OLD_SETTINGS, ensure_ascii=False, indent=2)
    paths.settings_file.write_text(text, "utf-8")
    settings, problems = load_settings(paths)
    assert problems == []
    with open_library(paths, settings) as lib:
        snippets = lib.snippets()
        assert [(e.title, e.text) for e in snippets] == [
            ("Watercolour", "soft watercolour, paper texture"),
            ("胶片", "35mm film, grain"),
        ]
        assert all(e.tags == ("snippet",) for e in snippets)
        recent = [e.text for e in lib.recent()]
        assert recent == ["newest {thing}", "35mm film, grain", "older", "oldest 画"]
        # the snippet that was also a recent prompt is one prompt, saved and used
        film = lib.find_text("35mm film, grain")
        assert film is not None and film.saved and film.uses == 1
    # a second start moves nothing again, and the settings file is left as it was
    with open_library(paths, settings) as lib:
        assert len(lib.recent()) == 4 and lib.count() == 2
    assert paths.settings_file.read_text("utf-8") == text


def test_the_move_happens_once_even_after_the_library_emptied(studio_home: Path) -> None:
    paths = resolve_paths(studio_home).ensure()
    paths.settings_file.write_text(json.dumps(OLD_SETTINGS), "utf-8")
    settings, _ = load_settings(paths)
    with open_library(paths, settings) as lib:
        for entry in lib.search(""):
            lib.delete(entry.id)
    with open_library(paths, settings) as lib:
        assert lib.count() == 0  # deleted prompts do not come back from the old settings


def test_a_write_while_another_process_writes_says_busy_and_loses_nothing(
    tmp_path: Path, studio_home: Path
) -> None:
    path = tmp_path / "p.sqlite3"
    PromptLibrary(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a long import
    try:
        with PromptLibrary(path, busy_timeout_ms=50) as lib:  # opening needs no write
            with pytest.raises(LibraryError, match="busy: another Image Studio is writing"):
                lib.save("a fox")
            assert lib.search("") == []  # reading still works
        # the old settings wait for a later opening instead of failing this one
        paths = resolve_paths(studio_home).ensure()
        paths.settings_file.write_text(json.dumps(OLD_SETTINGS), "utf-8")
        settings, _ = load_settings(paths)
        PromptLibrary(paths.prompt_library_db).close()
        held = sqlite3.connect(paths.prompt_library_db, isolation_level=None)
        held.execute("BEGIN IMMEDIATE")
        with open_library(paths, settings, busy_timeout_ms=50) as lib:
            assert lib.recent() == []
        held.execute("ROLLBACK")
        held.close()
        with open_library(paths, settings) as lib:
            assert len(lib.recent()) == 4
    finally:
        other.execute("ROLLBACK")
        other.close()
    with PromptLibrary(path) as lib:
        assert lib.save("a fox").text == "a fox"


def test_a_library_of_the_first_schema_gains_the_indexes(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with PromptLibrary(path) as lib:
        lib.save("kept", tags=["x"])
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX prompts_in_order")
        db.execute("PRAGMA user_version = 1")
    db.close()
    with PromptLibrary(path) as lib:
        names = {r[0] for r in lib._db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "prompts_in_order" in names
        assert [e.text for e in lib.search("#x")] == ["kept"]
