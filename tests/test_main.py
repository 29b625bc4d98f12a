"""``image-studio`` picks the window or the CLI, and the window's start skips the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studio.__main__ import _window_only


@pytest.mark.parametrize(
    ("args", "window"),
    [
        ([], True),
        (["--verbose"], True),
        (["--home", "somewhere"], True),
        (["--home=somewhere", "--verbose"], True),
        (["--home", "somewhere", "generate", "a fox"], False),
        (["--home", "generate"], True),  # a folder named like a subcommand
        (["history"], False),
        (["--version"], False),
        (["--home"], False),  # incomplete: let the full parser say what is wrong
    ],
)
def test_window_only_arguments(args: list[str], window: bool) -> None:
    assert _window_only(args) is window


def test_the_window_path_does_not_import_the_cli(tmp_path: Path) -> None:
    probe = (
        "import sys, studio.__main__ as m, studio.app as a\n"
        "a.run_gui = lambda args: print('cli imported:', 'studio.cli' in sys.modules) or 0\n"
        f"m.main(['--home', {str(tmp_path)!r}])\n"
        "m.main(['--home', " + repr(str(tmp_path)) + ", 'no-such-subcommand'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split("\n")
    assert out[0] == "cli imported: False"
    assert out[1] == "cli imported: True"  # unknown words still go through the CLI's check


def test_every_subcommand_is_recognised_as_the_cli() -> None:
    """A subcommand missing from the list would open the window instead (``keys`` did)."""
    import argparse

    from studio.cli import SUBCOMMANDS, build_parser, is_cli_invocation

    parser = build_parser()
    (choices,) = (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(choices) == set(SUBCOMMANDS)
    assert all(is_cli_invocation([name]) for name in choices)
