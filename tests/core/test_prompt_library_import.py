"""The prompt library's JSON files: a round trip, and hostile files refused or cleaned."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio.core.prompt_library import LibraryError, PromptLibrary
from studio.core.prompt_library.exchange import (
    FORMAT,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ENTRIES,
    export_file,
    import_bytes,
    import_file,
    too_big_to_import,
)


@pytest.fixture
def lib(tmp_path: Path) -> PromptLibrary:
    library = PromptLibrary(tmp_path / "prompts.sqlite3")
    yield library
    library.close()


def doc(prompts: Any, **extra: Any) -> bytes:
    return json.dumps({"format": FORMAT, "version": 1, "prompts": prompts, **extra}).encode()


def test_export_then_import_gives_the_same_library(lib: PromptLibrary, tmp_path: Path) -> None:
    lib.save("a {animal} in {style}", "Animals", ["style", "动物"])
    lib.save("a castle at dawn")
    lib.record_use("a castle at dawn")
    lib.record_use("only used, never saved")
    out = tmp_path / "out" / "prompts.json"
    assert export_file(lib, out) == 2
    data = json.loads(out.read_text("utf-8"))
    assert data["format"] == FORMAT and data["version"] == 1
    assert {p["text"] for p in data["prompts"]} == {"a {animal} in {style}", "a castle at dawn"}
    with PromptLibrary(tmp_path / "other.sqlite3") as other:
        report = import_file(other, out)
        assert (report.added, report.merged, report.skipped_count) == (2, 0, 0)

        def fields(library: PromptLibrary) -> list[tuple[Any, ...]]:
            return sorted(
                (e.text, e.title, e.tags, int(e.created_at), e.used_at and int(e.used_at), e.uses)
                for e in library.search("")
            )

        assert fields(other) == fields(lib)


def test_export_of_a_search_writes_only_what_matches(lib: PromptLibrary, tmp_path: Path) -> None:
    lib.save("a fox", tags=["animal"])
    lib.save("a tower", tags=["building"])
    out = tmp_path / "animals.json"
    assert export_file(lib, out, "#animal") == 1
    assert [p["text"] for p in json.loads(out.read_text())["prompts"]] == ["a fox"]


def test_export_to_a_folder_is_refused_in_words(lib: PromptLibrary, tmp_path: Path) -> None:
    lib.save("a fox")
    with pytest.raises(LibraryError, match="cannot write"):
        export_file(lib, tmp_path)


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    lib: PromptLibrary, tmp_path: Path
) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.write(doc([{"text": "a fox"}])[:-2])
        fh.write(b" " * MAX_IMPORT_BYTES + b"]}")
    with pytest.raises(LibraryError, match=r"larger than 4 MB"):
        import_file(lib, big)
    assert lib.count() == 0


def test_invalid_utf8_is_refused_with_where(lib: PromptLibrary) -> None:
    data = doc([{"text": "a fox"}]).replace(b"fox", b"f\xffx")
    with pytest.raises(LibraryError, match=r"not UTF-8 text \(byte \d+\)"):
        import_bytes(lib, data)
    assert lib.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"x": ' + b"9" * 5000 + b"}", "not JSON"),
        (b"[]", "not an Image Studio prompt library"),
        (json.dumps({"format": "other", "prompts": []}).encode(), "not an Image Studio"),
        (json.dumps({"format": FORMAT, "version": "1", "prompts": []}).encode(), "version"),
        (json.dumps({"format": FORMAT, "version": 7, "prompts": []}).encode(), "newer version"),
        (json.dumps({"format": FORMAT, "version": 1, "prompts": {}}).encode(), "not a list"),
    ],
)
def test_a_file_that_is_not_a_library_is_refused(
    lib: PromptLibrary, data: bytes, message: str
) -> None:
    with pytest.raises(LibraryError, match=message):
        import_bytes(lib, data)
    assert lib.count() == 0


def test_prompts_of_the_wrong_shape_are_skipped_and_named(lib: PromptLibrary) -> None:
    prompts: list[Any] = [
        {"text": "good one", "tags": ["ok"]},
        "just a string",
        {"text": 5},
        {"text": "bad tags", "tags": "ok"},
        {"text": "bad title", "title": ["x"]},
        {"text": "bad uses", "uses": -1},
        {"text": "bool uses", "uses": True},
        {"text": "bad date", "created": "yesterday"},
        {"text": "\ud800 lone surrogate"},
        {"text": "   "},
        {"text": "x" * 40_000},
        {"text": "too many tags", "tags": [str(i) for i in range(30)]},
        {"text": "second good one", "title": None, "uses": 3.0, "used": "2026-11-01T10:00:00"},
    ]
    report = import_bytes(lib, doc(prompts))
    assert (report.added, report.merged, report.skipped_count) == (2, 0, 11)
    reasons = [p.message for p in report.skipped]
    assert reasons == [
        "prompt 2: it is not an object",
        "prompt 3: its text is missing or not text",
        "prompt 4: its tags are not a list of text",
        "prompt 5: its title is not text",
        "prompt 6: its use count is not a whole number from 0 to 1,000,000,000",
        "prompt 7: its use count is not a whole number from 0 to 1,000,000,000",
        "prompt 8: its creation time is not a date and time",
        "prompt 9: it holds text that is not valid Unicode",
        "prompt 10: the prompt is empty",
        "prompt 11: the prompt has 40,000 characters; at most 32,000",
        "prompt 12: a prompt has at most 20 tags",
    ]
    second = lib.find_text("second good one")
    assert second is not None and second.uses == 3 and second.used_at is not None


def test_duplicates_are_merged_not_repeated(lib: PromptLibrary) -> None:
    lib.save("a {animal} in {style}", "", ["style"])
    prompts = [
        {"text": "a {animal} in {style}", "title": "Animals", "tags": ["Style", "zoo"], "uses": 4},
        {"text": "  a {animal} in {style}  ", "tags": ["more"], "created": "2020-01-01T00:00:00Z"},
        {"text": "new one"},
        {"text": "new one", "tags": ["again"]},
    ]
    report = import_bytes(lib, doc(prompts))
    assert (report.added, report.merged) == (1, 3)
    assert lib.count() == 2
    animals = lib.find_text("a {animal} in {style}")
    assert animals is not None
    assert animals.tags == ("style", "zoo", "more")
    assert animals.title == "Animals" and animals.uses == 4
    assert animals.created_at == 1577836800.0  # the earliest creation wins
    # importing the same file again adds nothing
    again = import_bytes(lib, doc(prompts))
    assert (again.added, again.merged) == (0, 4) and lib.count() == 2


def test_a_hundred_thousand_prompts_come_in_at_once(lib: PromptLibrary) -> None:
    prompts = [{"text": f"p{i} {{v}}", "tags": ["bulk"]} for i in range(MAX_IMPORT_ENTRIES)]
    data = doc(prompts)
    assert len(data) < MAX_IMPORT_BYTES
    report = import_bytes(lib, data)
    assert (report.added, report.skipped_count) == (MAX_IMPORT_ENTRIES, 0)
    assert lib.count() == MAX_IMPORT_ENTRIES
    assert dict(lib.tags()) == {"bulk": MAX_IMPORT_ENTRIES}
    assert [e.text for e in lib.search("p99999")] == ["p99999 {v}"]


def test_more_prompts_than_the_limit_are_refused(lib: PromptLibrary) -> None:
    data = doc([{}] * (MAX_IMPORT_ENTRIES + 1))
    with pytest.raises(LibraryError, match=r"holds 100,001 prompts; at most 100,000"):
        import_bytes(lib, data)
    assert lib.count() == 0


def test_an_export_too_big_for_one_import_is_flagged(lib: PromptLibrary, tmp_path: Path) -> None:
    from studio.core.prompt_library.store import Incoming

    big = [Incoming(f"{i} " + "x" * 30_000, tags=("long",)) for i in range(150)]
    lib.merge_many(big)
    lib.save("short one", tags=["short"])
    whole, part = tmp_path / "all.json", tmp_path / "short.json"
    export_file(lib, whole)
    export_file(lib, part, "#short")
    assert too_big_to_import(whole) and not too_big_to_import(part)
    with pytest.raises(LibraryError, match="larger than 4 MB"):
        import_file(lib, whole)
