"""A run builds only its subcommand's grammar; it parses exactly as the whole grammar does."""

from __future__ import annotations

import argparse

import pytest

from studio.cli import SUBCOMMANDS, _subcommand, build_parser, run_cli

ARGVS = [
    ["generate", "a fox", "--model", "gpt-image-2", "--size", "1024x1024", "-n", "2", "--json"],
    ["--home", "/tmp/h", "edit", "make it blue", "--model", "gpt-image-1", "--image", "a.png"],
    ["variations", "--image", "a.png", "--model", "dall-e-2"],
    ["history", "--search", "otter", "--limit", "5"],
    ["models", "--provider", "sandbox", "--json"],
    ["generate", "a fox", "--model", "gpt-image-2", "--bogus"],
]


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["generate", "x"], "generate"),
        (["--home", "somewhere", "history"], "history"),
        (["--home=somewhere", "compare"], "compare"),
        (["--home", "generate"], None),  # a folder named like a subcommand
        (["-h", "generate"], None),  # the top-level help lists every command
        (["--version"], None),
        (["no-such-command"], None),
        (["generate", "--help"], "generate"),
    ],
)
def test_the_subcommand_is_found_where_argparse_would(argv: list[str], name: str | None) -> None:
    assert _subcommand(argv) == name


@pytest.mark.parametrize("argv", ARGVS[:5], ids=lambda a: a[0] if a[0] != "--home" else a[2])
def test_one_subcommands_grammar_parses_as_the_whole_does(argv: list[str]) -> None:
    whole = build_parser().parse_args(argv)
    alone = build_parser(_subcommand(argv)).parse_args(argv)
    assert vars(alone) == vars(whole)


def test_every_subcommand_has_its_own_grammar() -> None:
    for name in SUBCOMMANDS:
        parser = build_parser(name)
        (choices,) = (
            a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)
        )
        assert name in choices


def test_the_top_level_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["--help"]) == 0
    text = capsys.readouterr().out
    assert all(name in text for name in SUBCOMMANDS)


def test_an_error_in_a_subcommand_is_reported_as_before(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(ARGVS[5]) == 2
    err = capsys.readouterr().err
    assert "usage: image-studio" in err and "unrecognized arguments: --bogus" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["history", "--limit", "0"], "must be between 1 and 100000"),
        (["history", "--limit", "lots"], "'lots' is not a whole number"),
        (["batch", "t {x}", "--concurrency", "17"], "must be between 1 and 16"),
        (["batch", "t {x}", "--concurrency", "1.5"], "'1.5' is not a whole number"),
        (["prompts", "list", "--limit", "-3"], "must be 1 or more"),
        (["spend", "--days", "0"], "must be 1 or more"),
    ],
)
def test_every_count_is_checked_by_the_one_rule(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(argv) == 2
    assert said in capsys.readouterr().err


def test_a_count_in_range_is_taken() -> None:
    from studio.cli_parser import bounded_int

    assert bounded_int(1, 16)("16") == 16 and bounded_int(1)("100000000") == 100_000_000
    with pytest.raises(argparse.ArgumentTypeError, match="between 1 and 16"):
        bounded_int(1, 16)("0")
