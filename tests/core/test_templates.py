"""Templates over a table of values: hostile tables are refused with the bad rows listed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from studio.core.templates import (
    MAX_TABLE_BYTES,
    Template,
    TemplateError,
    expand,
    expand_text,
    parse_table,
    read_values_file,
)


def test_csv_tsv_and_one_value_per_line_expand_in_order() -> None:
    rows = expand_text("a {animal} in {style}", 'animal,style\ncat,oil\n"fox, red",ink\n')
    assert [r.prompt for r in rows] == ["a cat in oil", "a fox, red in ink"]
    assert [r.line for r in rows] == [2, 3]
    tsv = expand_text("a {animal} in {style}", "style\tanimal\r\nwatercolour\towl\r\n")
    assert [r.prompt for r in tsv] == ["a owl in watercolour"]
    single = expand_text("a {animal}, {{literal}}", "cat\nred fox, sleeping\n\n")
    assert [r.prompt for r in single] == ["a cat, {literal}", "a red fox, sleeping, {literal}"]


def test_a_header_naming_the_single_variable_is_a_header() -> None:
    rows = expand_text("a {animal}", "animal\ncat\n")
    assert [r.prompt for r in rows] == ["a cat"]


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("a plain prompt", "no {variables}"),
        ("a {animal", "lone '{'"),
        ("a {0} cat", "lone '{'"),
        ("a {animal!r}", "lone '{'"),
    ],
)
def test_bad_templates_are_refused(template: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message.replace("{", r"\{").replace("(", r"\(")):
        Template.parse(template)


def test_an_unknown_variable_names_the_header() -> None:
    with pytest.raises(TemplateError) as info:
        expand_text("a {animal} in {style}", "animal,colour\ncat,red\n")
    assert "{style}" in info.value.message and "animal, colour" in info.value.message


def test_bad_rows_are_listed_by_line_with_reasons() -> None:
    huge = b"x" * (10 * 1024 * 1024)
    data = b"animal,style\ncat,oil\ndog\n\ncow,\n\xff\xfe,ink\n" + huge + b",ink\nowl,ink\n"
    with pytest.raises(TemplateError) as info:
        expand_text("a {animal} in {style}", data)
    err = info.value
    reasons = {b.line: b.reason for b in err.bad_rows}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert reasons[3] == "has 1 value; the header has 2"
    assert reasons[4] == "is empty"
    assert "no value for style" in reasons[5]
    assert "not valid UTF-8" in reasons[6]
    assert "10,485,764 bytes" in reasons[7]
    assert err.bad_count == 5
    assert err.to_json()["bad_rows"][0] == {"line": 3, "reason": reasons[3]}


def test_a_prompt_over_the_models_limit_is_refused_without_building_it() -> None:
    template = Template.parse("{x}" * 2000)
    table = parse_table("x\n" + "a" * 60_000 + "\nb\n", template)
    started = time.process_time()
    with pytest.raises(TemplateError) as info:
        expand(template, table, prompt_max=4000)
    assert time.process_time() - started < 5  # bounded: 120,000,000 characters never built
    (bad,) = info.value.bad_rows
    assert bad.line == 2 and "120,000,000 characters" in bad.reason and "4,000" in bad.reason
    ok = expand(Template.parse("a {x}"), parse_table("x\nb\n", Template.parse("a {x}")), 10)
    assert [r.prompt for r in ok] == ["a b"]


def test_the_list_of_bad_rows_is_capped_but_counted() -> None:
    data = "a,b\n" + "only\n" * 500
    with pytest.raises(TemplateError) as info:
        expand_text("{a}{b}", data)
    assert len(info.value.bad_rows) == 20 and info.value.bad_count == 500
    assert "(480 more)" in str(info.value)


def test_a_values_file_over_the_cap_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "values.csv"
    with path.open("wb") as fh:
        fh.truncate(MAX_TABLE_BYTES + 10)
    with pytest.raises(TemplateError, match="larger than"):
        read_values_file(path)
    with pytest.raises(TemplateError, match="cannot read"):
        read_values_file(tmp_path / "missing.csv")


def test_an_empty_table_is_refused() -> None:
    for data in ("", "\n\n", "animal\n"):
        with pytest.raises(TemplateError):
            expand_text("a {animal}", data)


def test_variables_may_be_named_in_any_script() -> None:
    rows = expand_text("{风格}风格的{动物}", "动物,风格\n猫,油画\n狐狸,水墨\n")
    assert [r.prompt for r in rows] == ["油画风格的猫", "水墨风格的狐狸"]


def test_a_table_with_classic_mac_line_ends_is_read_row_by_row() -> None:
    """Excel's "CSV (Macintosh)" ends lines with a carriage return alone."""
    rows = expand_text("a {animal} in {style}", b'animal,style\rcat,oil\r"fox, red",ink\r')
    assert [r.prompt for r in rows] == ["a cat in oil", "a fox, red in ink"]
    assert [r.line for r in rows] == [2, 3]


def test_a_header_csv_cannot_read_is_refused_with_its_line() -> None:
    with pytest.raises(TemplateError) as info:
        expand_text("a {animal} in {style}", 'ani\rmal,style\ncat,oil\n"fox,"ink\n')
    assert "header (line 1)" in info.value.message and "CSV" in info.value.message


def test_a_named_pipe_picked_as_the_values_file_is_refused_at_once(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "values.csv"
    os.mkfifo(pipe)  # its open waited for a writer for good
    with pytest.raises(TemplateError, match="not a regular file"):
        read_values_file(pipe)
