"""The window's own options are read as argparse reads them, with or without a parser."""

from __future__ import annotations

import pytest

from studio.app import _parse, _parser, _plain


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--home", "/tmp/h"],
        ["--home=/tmp/h"],
        ["--verbose"],
        ["--home", "/a", "--verbose", "--home=/b"],
        ["--verbose", "--home", "家目录"],
    ],
)
def test_plain_options_read_as_argparse_reads_them(argv: list[str]) -> None:
    assert _plain(argv) is not None  # read without a parser
    assert vars(_parse(argv)) == vars(_parser().parse_known_args(argv)[0])


@pytest.mark.parametrize(
    "argv",
    [
        ["-platform", "offscreen", "--home", "/q"],  # Qt's own options
        ["--home"],
        ["--home", "--verbose"],
        ["--home="],
        ["--verb"],
    ],
)
def test_anything_else_goes_to_argparse(argv: list[str]) -> None:
    assert _plain(argv) is None


def test_qt_options_pass_through_to_the_parser() -> None:
    args = _parse(["-platform", "offscreen", "--home", "/q", "--verbose"])
    assert (args.home, args.verbose) == ("/q", True)
