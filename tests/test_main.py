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
        "print('exit', m.main(['--home', " + repr(str(tmp_path)) + ", 'no-such-subcommand']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    out = done.stdout.split("\n")
    assert out[0] == "cli imported: False"
    # a mistyped command is answered by the CLI with the commands there are, no window
    assert out[1] == "exit 2"
    assert "invalid choice: 'no-such-subcommand'" in done.stderr


@pytest.mark.parametrize(
    ("args", "cli"),
    [
        (["gnerate", "a fox"], True),  # a mistyped command
        (["--home", "somewhere", "histroy"], True),
        (["--verbose", "models"], True),
        (["-platform", "offscreen"], False),  # Qt's own options still reach the window
        (["-style", "fusion", "--home", "x"], False),
        (["--home", "somewhere"], False),
        ([], False),
    ],
)
def test_a_first_word_that_is_no_option_is_a_command(args: list[str], cli: bool) -> None:
    from studio.cli import is_cli_invocation

    assert is_cli_invocation(args) is cli


def test_every_subcommand_is_recognised_as_the_cli() -> None:
    """A subcommand missing from the list would open the window instead (``keys`` did)."""
    import argparse

    from studio.cli import SUBCOMMANDS, build_parser, is_cli_invocation

    parser = build_parser()
    (choices,) = (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(choices) == set(SUBCOMMANDS)
    assert all(is_cli_invocation([name]) for name in choices)


GC_PROBE = """
import contextlib, gc, io, sys
n = [0]
gc.callbacks.append(lambda phase, info: n.__setitem__(0, n[0] + (phase == "start")))
import studio.__main__ as m
import studio.cli as c
real_command = c._command


def command(name):
    run = real_command(name)

    def traced(studio, args, out):
        print("collecting while the command runs:", gc.isenabled(), gc.get_freeze_count() > 0)
        return run(studio, args, out)

    return traced


c._command = command
n[0] = 0
with contextlib.redirect_stdout(io.StringIO()):
    m.main(["--home", sys.argv[1], "generate", "--help"])
print("collections while the CLI loaded:", n[0], "on after:", gc.isenabled())
m.main(["--home", sys.argv[1], "history", "--json"])
"""


def test_no_cycle_collection_while_the_cli_loads_and_on_for_the_work(tmp_path: Path) -> None:
    """The modules a command loads live as long as the process: walking them some sixty
    times was 10-17 ms of a 250 ms ``generate``. The collector is off while they load and
    on, with them frozen, for the command's work (a batch runs for hours)."""
    done = subprocess.run(
        [sys.executable, "-c", GC_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "collections while the CLI loaded: 0 on after: True" in done.stdout, done.stdout
    assert "collecting while the command runs: True True" in done.stdout, done.stdout
